import { asString, attr } from '../../model/access';
import type { Resource, Value } from '../../model/types';
import { addTerraformBlockAfter, isReferable, placeholderVariable, terraformRef } from '../fixkit';
import { result, type CheckContext, type Fix, type Rule } from '../types';

/** Where a flow log points: at this VPC, at another known VPC or resource id, or somewhere unknowable. */
type Target = 'this' | 'other' | 'unknown';

function targetOf(value: Value | undefined, vpc: Resource, ctx: CheckContext, vpcType: string): Target {
  if (!value || value.kind === 'null') return 'other';
  const refs = value.refs ?? [];
  if (refs.includes(vpc.address)) return 'this';
  // A literal id names an existing VPC, never one this module creates.
  if (value.kind === 'string') return 'other';
  // Unknown and pointing only at other VPC resources of this module: not ours. Anything else (a
  // variable, a data source, a module output) could be this VPC's id.
  const known = refs.length > 0 && refs.every((r) => {
    const target = ctx.resolve(r);
    return target !== undefined && target.kind === 'resource' && target.type === vpcType;
  });
  return known ? 'other' : 'unknown';
}

const BUCKET = placeholderVariable('flow_log_bucket_arn');

function flowLogFix(ctx: CheckContext, vpc: Resource): Fix | undefined {
  if (vpc.repeated || vpc.viaModuleCall || !isReferable(vpc)) return undefined;
  const name = ctx.resolve(`aws_flow_log.${vpc.name}`) ? `${vpc.name}_vpc` : vpc.name;
  if (ctx.resolve(`aws_flow_log.${name}`)) return undefined;
  return {
    title: `Add an aws_flow_log for ${vpc.address} to the S3 bucket in ${BUCKET} (declare it)`,
    safety: 'suggestion',
    edits: [
      addTerraformBlockAfter(ctx, vpc, [
        `resource "aws_flow_log" "${name}" {`,
        `  vpc_id               = ${terraformRef(vpc)}`,
        '  traffic_type         = "ALL"',
        '  log_destination_type = "s3"',
        `  log_destination      = ${BUCKET}`,
        '}',
      ]),
    ],
  };
}

/**
 * Every VPC has a flow log. The flow log must be in the same module or template; a VPC handed to a
 * module call or nested stack, or a module whose flow logs point at ids we cannot resolve, is
 * skipped rather than guessed.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-vpc-flow-logs-enabled',
    title: 'VPC has flow logs enabled',
    failMessage: 'VPC has no flow log in this module',
    rationale:
      'Flow logs are the only record of which addresses talked to which inside a VPC: without them there is no way to establish after an incident whether data left through an unexpected path, which hosts a compromised instance reached, or whether a security group change was exploited. Capturing accepted and rejected traffic for every VPC provides the network-level audit trail that detection and forensic work depend on.',
    remediation:
      'Add an `aws_flow_log` with `vpc_id = aws_vpc.<name>.id`, `traffic_type = "ALL"` and a destination (S3 bucket or CloudWatch log group with an IAM role) in the same module; in CloudFormation, add an `AWS::EC2::FlowLog` with `ResourceType: VPC` and `ResourceId: !Ref <Vpc>`.',
    severity: 'medium',
    themes: ['logging', 'monitoring-alerting', 'network-security-segmentation'],
    resourceTypes: { terraform: ['aws_vpc'], cloudformation: ['AWS::EC2::VPC'] },
    peers: {
      checkov: ['CKV2_AWS_11'],
      trivy: ['AVD-AWS-0178', 'aws-ec2-require-vpc-flow-logs-for-all-vpcs'],
      kics: ['VPC FlowLogs Disabled'],
    },
  },
  check: {
    terraform(vpc, ctx) {
      if (vpc.kind !== 'resource') return result.skip(vpc, 'data source');
      let unknown = false;
      for (const fl of ctx.moduleResources) {
        if (fl.type !== 'aws_flow_log' || fl.kind !== 'resource') continue;
        const target = targetOf(attr(fl.body, 'vpc_id')?.value, vpc, ctx, 'aws_vpc');
        if (target === 'this') return result.pass(vpc);
        if (target === 'unknown') unknown = true;
      }
      const moduleCall = ctx.referencesTo(vpc).find((r) => r.kind === 'module');
      if (moduleCall) return result.skip(vpc, `passed to ${moduleCall.address}, which may create its flow log`);
      if (unknown) return result.skip(vpc, 'a flow log in this module targets a VPC id that is not known statically');
      const fix = flowLogFix(ctx, vpc);
      return result.fail(vpc, vpc.headerRange, { fixes: fix ? [fix] : [] });
    },
    cloudformation(vpc, ctx) {
      let unknown = false;
      for (const fl of ctx.moduleResources) {
        if (fl.type !== 'AWS::EC2::FlowLog') continue;
        const type = attr(fl.body, 'ResourceType');
        const t = asString(type?.value);
        if (type && t === undefined) {
          unknown = true;
          continue;
        }
        if (t !== undefined && t !== 'VPC') continue;
        const target = targetOf(attr(fl.body, 'ResourceId')?.value, vpc, ctx, 'AWS::EC2::VPC');
        if (target === 'this') return result.pass(vpc);
        if (target === 'unknown') unknown = true;
      }
      const nested = ctx.referencesTo(vpc).find((r) => r.type === 'AWS::CloudFormation::Stack');
      if (nested) return result.skip(vpc, `passed to nested stack ${nested.address}, which may create its flow log`);
      if (unknown) return result.skip(vpc, 'a flow log in this template targets a resource id that is not known statically');
      return result.fail(vpc, vpc.headerRange);
    },
  },
};
