import { asString, attr, blocks, field, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Range, Resource, Value } from '../../model/types';
import { addCloudFormationEntry, addCloudFormationProperty, insertIntoTerraformBody, replaceValue } from '../fixkit';
import { editableInPlace, replaceCfnValue } from '../shared/awsdata';
import { result, type CheckContext, type CheckResult, type Fix, type Rule } from '../types';

/**
 * True when the attribute's value is written in place (`false`, `"x"`), not resolved through a
 * variable, local or module input: those are fixed where they are defined, not at the use site.
 */
function writtenInPlace(ctx: CheckContext, file: string, a: Attribute): boolean {
  const r = a.value.range;
  const text = ctx.fileText(file).slice(r.start.offset, r.end.offset).trim();
  return /^(true|false|null|"[^"$%]*")$/.test(text);
}

const TITLE = 'Require IMDSv2 session tokens (applications still using IMDSv1 will fail)';

/** An account-level default in this module that already requires IMDSv2 for new instances. */
function accountDefaultRequired(ctx: CheckContext): boolean {
  return ctx.moduleResources.some(
    (r) => r.type === 'aws_ec2_instance_metadata_defaults' && r.kind === 'resource' && asString(attr(r.body, 'http_tokens')?.value) === 'required',
  );
}

type Verdict = { status: 'required' | 'disabled' | 'unknown' } | { status: 'optional'; range?: Range };

/** Reads `http_tokens` / `http_endpoint` (or `HttpTokens` / `HttpEndpoint`) from one metadata options block or object. */
function metadataVerdict(tokens: Value | undefined, endpoint: Value | undefined, tokensRange?: Range): Verdict {
  const e = endpoint === undefined ? 'enabled' : asString(endpoint);
  if (e === 'disabled') return { status: 'disabled' };
  const t = tokens === undefined ? 'optional' : asString(tokens);
  if (t === undefined) return { status: 'unknown' };
  if (t === 'required') return { status: 'required' };
  if (e === undefined) return { status: 'unknown' };
  return { status: 'optional', range: tokensRange };
}

function terraformCheck(resource: Resource, ctx: CheckContext): CheckResult {
  if (resource.kind !== 'resource') return result.skip(resource, 'data source');
  if (hasDynamicBlocks(resource.body, 'metadata_options')) return result.skip(resource, 'dynamic metadata_options');
  const block = blocks(resource.body, 'metadata_options')[0];
  if (!block) {
    // An instance launched from a template takes its metadata options from the template.
    if (resource.type === 'aws_instance' && blocks(resource.body, 'launch_template').length) {
      return result.skip(resource, 'metadata options come from the launch template');
    }
    if (accountDefaultRequired(ctx)) return result.skip(resource, 'the account default in this module requires IMDSv2');
    const fix: Fix = {
      title: TITLE,
      safety: 'suggestion',
      edits: [insertIntoTerraformBody(ctx, resource.file, resource.body, resource.headerRange.start.offset, ['metadata_options {', '  http_tokens = "required"', '}'])],
    };
    return result.fail(resource, resource.headerRange, {
      message: 'No metadata_options: IMDSv1 stays allowed unless the AMI or an account default requires tokens',
      fixes: [fix],
    });
  }
  const tokens = attr(block.body, 'http_tokens');
  const v = metadataVerdict(tokens?.value, attr(block.body, 'http_endpoint')?.value, tokens?.range);
  if (v.status === 'unknown') return result.skip(resource, 'metadata options are not known statically');
  if (v.status !== 'optional') return result.pass(resource, tokens?.range ?? block.headerRange);
  if (!tokens) {
    if (accountDefaultRequired(ctx)) return result.skip(resource, 'the account default in this module requires IMDSv2');
    const edit = insertIntoTerraformBody(ctx, resource.file, block.body, block.headerRange.start.offset, ['http_tokens = "required"']);
    return result.fail(resource, block.headerRange, {
      message: 'metadata_options without http_tokens: IMDSv1 stays allowed unless the AMI or an account default requires tokens',
      fixes: [{ title: TITLE, safety: 'suggestion', edits: [edit] }],
    });
  }
  const fixes = writtenInPlace(ctx, resource.file, tokens) ? [{ title: TITLE, safety: 'suggestion' as const, edits: [replaceValue(resource.file, tokens, '"required"')] }] : [];
  return result.fail(resource, tokens.range, { fixes });
}

function cloudFormationCheck(resource: Resource, ctx: CheckContext): CheckResult {
  const fix = (edit: Fix['edits'][number] | undefined): Fix[] => (edit ? [{ title: TITLE, safety: 'suggestion', edits: [edit] }] : []);
  // Instance properties, or the LaunchTemplateData of a launch template.
  let containerRange: Range = resource.headerRange;
  let optionsAttr: { value: Value; range: Range } | undefined;
  let addOptions = (): Fix['edits'][number] | undefined => addCloudFormationProperty(ctx, resource, 'MetadataOptions', { HttpTokens: 'required' });
  if (resource.type === 'AWS::EC2::LaunchTemplate') {
    const data = attr(resource.body, 'LaunchTemplateData');
    if (!data) return result.skip(resource, 'no LaunchTemplateData');
    if (data.value.kind !== 'object') return result.skip(resource, 'LaunchTemplateData is not known statically');
    containerRange = data.range;
    const templateData = data.value;
    addOptions = () => addCloudFormationEntry(ctx, resource, templateData, 'MetadataOptions', { HttpTokens: 'required' });
    const e = data.value.entries.find((x) => x.key === 'MetadataOptions');
    optionsAttr = e ? { value: e.value, range: e.range } : undefined;
  } else {
    if (resource.type === 'AWS::EC2::Instance' && attr(resource.body, 'LaunchTemplate') && !attr(resource.body, 'MetadataOptions')) {
      return result.skip(resource, 'metadata options come from the launch template');
    }
    const a = attr(resource.body, 'MetadataOptions');
    optionsAttr = a ? { value: a.value, range: a.range } : undefined;
  }
  if (!optionsAttr) {
    return result.fail(resource, containerRange, {
      message: 'No MetadataOptions: IMDSv1 stays allowed unless the AMI or an account default requires tokens',
      fixes: fix(addOptions()),
    });
  }
  if (optionsAttr.value.kind !== 'object') return result.skip(resource, 'MetadataOptions is not known statically');
  const tokensEntry = optionsAttr.value.entries.find((x) => x.key === 'HttpTokens');
  const v = metadataVerdict(tokensEntry?.value, field(optionsAttr.value, 'HttpEndpoint'), tokensEntry?.range);
  if (v.status === 'unknown') return result.skip(resource, 'MetadataOptions is not known statically');
  if (v.status !== 'optional') return result.pass(resource, tokensEntry?.range ?? optionsAttr.range);
  const edit = !tokensEntry
    ? addCloudFormationEntry(ctx, resource, optionsAttr.value, 'HttpTokens', 'required')
    : editableInPlace(resource, tokensEntry.value, tokensEntry.range)
      ? replaceCfnValue(resource, tokensEntry.value, '"required"')
      : undefined;
  return result.fail(resource, v.range ?? optionsAttr.range, { fixes: fix(edit) });
}

/**
 * EC2 instances, launch templates and launch configurations require IMDSv2 session tokens
 * (`http_tokens = "required"`), or disable the metadata endpoint. Missing options are reported:
 * the API default is "optional" unless the AMI declares IMDSv2 support or an account-level default
 * says otherwise, which a module-local `aws_ec2_instance_metadata_defaults` lets us see.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-instance-imdsv2-required',
    title: 'EC2 instance metadata requires IMDSv2 tokens',
    failMessage: 'Instance metadata service accepts IMDSv1 requests',
    rationale:
      'With IMDSv1 any process that can make the instance send an HTTP GET, such as a server-side request forgery in a web application or a misconfigured proxy, can read the temporary credentials of the instance role from 169.254.169.254. IMDSv2 requires a session token obtained with a PUT request and limits how far the response travels, which defeats most SSRF and open-proxy paths. Requiring it closes a well-known route from an application bug to cloud credentials.',
    remediation:
      'Add `metadata_options { http_tokens = "required" }` to the `aws_instance`, `aws_launch_template` or `aws_launch_configuration` (CloudFormation: `MetadataOptions: { HttpTokens: required }` on the instance, in `LaunchTemplateData`, or on the launch configuration). Check first that your software uses an IMDSv2-capable SDK or agent. An account-wide default can be set with `aws_ec2_instance_metadata_defaults`.',
    severity: 'medium',
    themes: ['identity-access', 'network-security-segmentation'],
    resourceTypes: {
      terraform: ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'],
      cloudformation: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'],
    },
    peers: {
      checkov: ['CKV_AWS_79'],
      trivy: ['AVD-AWS-0028', 'AVD-AWS-0130', 'aws-ec2-enforce-http-token-imds', 'aws-ec2-enforce-launch-config-http-token-imds'],
    },
  },
  check: {
    terraform: terraformCheck,
    cloudformation: cloudFormationCheck,
  },
};
