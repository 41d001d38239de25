import { asString, attr, blocks, field, hasDynamicBlocks } from '../../model/access';
import type { Range, Resource, Value } from '../../model/types';
import { actionMatches, type Tri } from '../shared/awsaccess';
import { policyDocumentValue } from '../shared/iamPolicy';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

/** Resource `*`, or every role of an account (`arn:aws:iam::123456789012:role/*`). */
function wildcardResource(value: Value | undefined): Tri {
  if (!value || value.kind === 'null') return 'no';
  const items = value.kind === 'list' ? value.items : [value];
  let unknown = false;
  for (const item of items) {
    const s = asString(item);
    if (s === undefined) {
      if (item.kind !== 'null') unknown = true;
      continue;
    }
    const t = s.trim();
    if (t === '*' || /^arn:[a-z-]+:iam::[0-9*]*:(role\/)?\*$/.test(t)) return 'yes';
  }
  return unknown ? 'unknown' : 'no';
}

/** `Action: "*"` is full admin when the resource is `*` too: reported by aws-iam-policy-no-full-admin. */
function onlyFullWildcard(value: Value | undefined): boolean {
  const items = value?.kind === 'list' ? value.items : value ? [value] : [];
  const strings = items.map(asString);
  return strings.every((s) => s !== undefined && (s.trim() === '*' || !/^iam:/i.test(s.trim()))) && strings.some((s) => s?.trim() === '*');
}

function verdict(allow: Tri, actions: Value | undefined, resources: Value | undefined, hasCondition: boolean | undefined): Tri {
  if (allow === 'no' || hasCondition === true) return 'no';
  if (onlyFullWildcard(actions)) return 'no';
  const a = actionMatches(actions, ['iam:PassRole']);
  const r = wildcardResource(resources);
  if (a === 'no' || r === 'no') return 'no';
  if (allow === 'unknown' || a === 'unknown' || r === 'unknown' || hasCondition === undefined) return 'unknown';
  return 'yes';
}

interface Found {
  ranges: Range[];
  unknown: boolean;
}

function fromDocument(doc: Value | undefined): Found {
  const out: Found = { ranges: [], unknown: false };
  if (!doc || doc.kind === 'null') return out;
  const value = policyDocumentValue(doc);
  if (!value) return out;
  if (value.kind === 'unknown') return { ranges: [], unknown: true };
  const st = field(value, 'Statement');
  if (!st) return out;
  if (st.kind === 'unknown') return { ranges: [], unknown: true };
  for (const s of st.kind === 'list' ? st.items : [st]) {
    if (s.kind === 'unknown') {
      out.unknown = true;
      continue;
    }
    if (s.kind !== 'object') continue;
    const effect = field(s, 'Effect');
    const e = asString(effect);
    const allow: Tri = !effect ? 'no' : e === undefined ? 'unknown' : e === 'Allow' ? 'yes' : 'no';
    const v = verdict(allow, field(s, 'Action'), field(s, 'Resource'), field(s, 'Condition') !== undefined);
    if (v === 'unknown') out.unknown = true;
    if (v === 'yes') out.ranges.push(s.range);
  }
  return out;
}

function fromDataSource(ds: Resource): Found {
  const out: Found = { ranges: [], unknown: hasDynamicBlocks(ds.body, 'statement') };
  for (const st of blocks(ds.body, 'statement')) {
    const b = st.body;
    if (blocks(b, 'principals').length || blocks(b, 'not_principals').length) continue;
    const effectAttr = attr(b, 'effect');
    const e = effectAttr ? asString(effectAttr.value) : 'Allow';
    const allow: Tri = e === undefined ? 'unknown' : e === 'Allow' ? 'yes' : 'no';
    const hasCondition = blocks(b, 'condition').length > 0 ? true : hasDynamicBlocks(b, 'condition') ? undefined : false;
    const v = verdict(allow, attr(b, 'actions')?.value, attr(b, 'resources')?.value, hasCondition);
    if (v === 'unknown') out.unknown = true;
    if (v === 'yes') out.ranges.push(st.headerRange);
  }
  return out;
}

const MESSAGE = 'Policy allows iam:PassRole on every role: any role, including admin roles, can be handed to a service';

function terraform(resource: Resource, ctx: CheckContext): CheckResult | CheckResult[] {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const a = attr(resource.body, 'policy');
  if (!a || a.value.kind === 'null') return result.skip(resource, 'no policy');
  const refs = (a.value.refs ?? []).filter((r) => r.startsWith('data.aws_iam_policy_document.'));
  const ds = refs.length === 1 ? ctx.resolve(refs[0]) : undefined;
  const found = ds && a.value.kind === 'unknown' ? fromDataSource(ds) : fromDocument(a.value);
  if (found.ranges.length) return found.ranges.map(() => result.fail(resource, a.range, { message: MESSAGE }));
  if (found.unknown) return result.skip(resource, 'policy is not fully known');
  return result.pass(resource, a.range);
}

function cloudformation(resource: Resource): CheckResult | CheckResult[] {
  const docs: Value[] = [];
  let unknown = false;
  const direct = attr(resource.body, 'PolicyDocument');
  if (direct) docs.push(direct.value);
  const policies = attr(resource.body, 'Policies');
  if (policies) {
    if (policies.value.kind === 'list') {
      for (const p of policies.value.items) {
        const d = field(p, 'PolicyDocument');
        if (d) docs.push(d);
        else if (p.kind === 'unknown') unknown = true;
      }
    } else if (policies.value.kind === 'unknown') unknown = true;
  }
  const ranges: Range[] = [];
  for (const d of docs) {
    const f = fromDocument(d);
    ranges.push(...f.ranges.map((r) => (d.kind === 'string' ? d.range : r)));
    if (f.unknown) unknown = true;
  }
  if (ranges.length) return ranges.map((r) => result.fail(resource, r, { message: MESSAGE }));
  if (unknown) return result.skip(resource, 'policy is not fully known');
  if (!docs.length) return result.skip(resource, 'no policy document');
  return result.pass(resource);
}

/**
 * `iam:PassRole` decides which roles a principal may hand to EC2, Lambda, ECS, CloudFormation...
 * On `Resource: "*"` it lets the holder run code as any role in the account, a classic
 * privilege-escalation path. Statements with a `Condition` (typically `iam:PassedToService`) are
 * not reported; `Action: "*"` on `Resource: "*"` is left to aws-iam-policy-no-full-admin.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-iam-policy-no-passrole-wildcard',
    title: 'iam:PassRole is limited to specific roles',
    failMessage: 'Policy allows iam:PassRole on all roles',
    rationale:
      'Whoever may pass a role to a service can run code with that role\'s permissions: launch an instance, a Lambda function or a CloudFormation stack with it and act through it. Allowing iam:PassRole on every role therefore lets the holder climb to the most privileged role in the account, even when the rest of the policy looks harmless. Limiting PassRole to the few roles a deployer actually hands out, and to the service that receives them, closes one of the most common privilege-escalation paths in AWS.',
    remediation:
      'List the ARNs of the roles that may be passed in `Resource` (e.g. `arn:aws:iam::111122223333:role/app-*`) instead of `"*"`, and add a condition `StringEquals: {"iam:PassedToService": "lambda.amazonaws.com"}` for the receiving service.',
    severity: 'high',
    themes: ['identity-access'],
    resourceTypes: {
      terraform: ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'],
      cloudformation: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
    },
    peers: {
      checkov: ['CKV_AWS_286'],
      guard: ['IAM_POLICY_NO_WILDCARD_RESOURCE_ON_PASSROLE'],
    },
  },
  check: { terraform, cloudformation },
};
