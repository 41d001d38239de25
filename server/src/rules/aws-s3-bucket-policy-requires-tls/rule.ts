import { asBool, asString, asStringList, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Attribute, Resource, Value } from '../../model/types';
import { addConfigResourceFix, bucketConfigs, resourcesNaming, resourcesOfType, targetOf } from '../shared/s3Links';
import { policyDocumentValue, type Tri } from '../shared/iamPolicy';
import { result, type CheckContext, type CheckResult, type Rule } from '../types';

const TF_POLICY = 'aws_s3_bucket_policy';
const CFN_POLICY = 'AWS::S3::BucketPolicy';
const FIX_TITLE = 'Add a bucket policy that denies requests without TLS (only when the bucket has no policy yet)';

function isSecureTransportFalse(value: Value): boolean {
  const items = value.kind === 'list' ? value.items : [value];
  return items.some((v) => asBool(v) === false);
}

/** Does a JSON-shaped statement deny requests made without TLS? Unknown parts make the answer unknown. */
function statementDeniesHttp(st: Value): Tri {
  if (st.kind === 'unknown') return 'unknown';
  if (st.kind !== 'object') return 'no';
  const effectEntry = st.entries.find((e) => e.key === 'Effect');
  const effect = asString(effectEntry?.value);
  if (effectEntry && effect === undefined) return 'unknown';
  if (effect !== 'Deny') return 'no';
  const cond = st.entries.find((e) => e.key === 'Condition')?.value;
  if (!cond) return 'no';
  if (cond.kind !== 'object') return 'unknown';
  let unknown = false;
  for (const op of cond.entries) {
    if (!/^bool(ifexists)?$/i.test(op.key)) continue;
    if (op.value.kind !== 'object') {
      unknown = true;
      continue;
    }
    for (const k of op.value.entries) {
      if (k.key.toLowerCase() !== 'aws:securetransport') continue;
      if (k.value.kind === 'unknown') unknown = true;
      else if (isSecureTransportFalse(k.value)) return 'yes';
    }
  }
  return unknown ? 'unknown' : 'no';
}

/** Verdict for a policy document value (an object or JSON text). */
function documentDeniesHttp(doc: Value): Tri {
  const value = policyDocumentValue(doc);
  if (!value) return 'no';
  if (value.kind === 'unknown') return 'unknown';
  if (value.kind !== 'object') return 'no';
  const statements = value.entries.find((e) => e.key === 'Statement')?.value;
  if (!statements) return 'no';
  if (statements.kind === 'unknown') return 'unknown';
  const list = statements.kind === 'list' ? statements.items : [statements];
  let unknown = false;
  for (const s of list) {
    const v = statementDeniesHttp(s);
    if (v === 'yes') return 'yes';
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'no';
}

/** A `data "aws_iam_policy_document"`, read from its statement blocks. */
function dataDocumentDeniesHttp(doc: Resource): Tri {
  let unknown = hasDynamicBlocks(doc.body, 'statement') || ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].some((n) => attr(doc.body, n));
  for (const st of blocks(doc.body, 'statement')) {
    const effectAttr = attr(st.body, 'effect');
    const effect = effectAttr ? asString(effectAttr.value) : 'Allow';
    if (effect === undefined) {
      unknown = true;
      continue;
    }
    if (effect !== 'Deny') continue;
    if (hasDynamicBlocks(st.body, 'condition')) unknown = true;
    for (const c of blocks(st.body, 'condition')) {
      const test = asString(attr(c.body, 'test')?.value);
      const variable = asString(attr(c.body, 'variable')?.value);
      const values = asStringList(attr(c.body, 'values')?.value);
      if (test === undefined || variable === undefined || values === undefined) {
        unknown = true;
        continue;
      }
      if (/^bool(ifexists)?$/i.test(test) && variable.toLowerCase() === 'aws:securetransport' && values.some((v) => v.toLowerCase() === 'false')) return 'yes';
    }
  }
  return unknown ? 'unknown' : 'no';
}

/**
 * A policy written inline whose only unknown parts are attributes of buckets (their ARNs): the
 * text is all there is, so whether it mentions aws:SecureTransport decides.
 */
function inlineTextVerdict(a: Attribute, holder: Resource, ctx: CheckContext): Tri {
  const text = ctx.fileText(holder.file).slice(a.range.start.offset, a.range.end.offset);
  const expr = text.slice(text.indexOf('=') + 1).trim();
  if (!/^(jsonencode\s*\(|<<|")/.test(expr)) return 'unknown';
  if (/\b(var|local|module|data|each|count)\.|\bfile\s*\(|\btemplatefile\s*\(|\bmerge\s*\(|\bconcat\s*\(/.test(expr)) return 'unknown';
  const bucketType = holder.format === 'terraform' ? 'aws_s3_bucket' : 'AWS::S3::Bucket';
  if ((a.value.refs ?? []).some((r) => ctx.resolve(r)?.type !== bucketType)) return 'unknown';
  return /aws:SecureTransport/i.test(expr) ? 'unknown' : 'no';
}

function tfPolicyVerdict(a: Attribute | undefined, holder: Resource, ctx: CheckContext): Tri {
  if (!a || a.value.kind === 'null') return 'no';
  for (const ref of a.value.refs ?? []) {
    const doc = ctx.resolve(ref);
    if (doc?.kind === 'data' && doc.type === 'aws_iam_policy_document') return dataDocumentDeniesHttp(doc);
  }
  if (a.value.kind === 'unknown' && !a.value.decoded) return inlineTextVerdict(a, holder, ctx);
  return documentDeniesHttp(a.value);
}

/**
 * S3 website endpoints speak only HTTP: a Deny on aws:SecureTransport = false would take the site
 * down, so the rule's remedy does not apply (HTTPS for a site needs CloudFront in front).
 */
const WEBSITE_SKIP = 'hosts a website: S3 website endpoints serve HTTP only, and denying it would take the site down';

function hostsWebsite(bucket: Resource, ctx: CheckContext): boolean {
  if (blocks(bucket.body, 'website').length || hasDynamicBlocks(bucket.body, 'website')) return true;
  const website = bucketConfigs(bucket, ctx, 'aws_s3_bucket_website_configuration');
  return website.linked.length > 0 || website.unresolved.length > 0;
}

function terraform(bucket: Resource, ctx: CheckContext): CheckResult {
  if (bucket.kind !== 'resource') return result.skip(bucket, 'not a managed resource');
  if (hostsWebsite(bucket, ctx)) return result.skip(bucket, WEBSITE_SKIP);
  const verdicts: Array<{ tri: Tri; name: string }> = [];
  const inline = attr(bucket.body, 'policy');
  if (inline && inline.value.kind !== 'null') verdicts.push({ tri: tfPolicyVerdict(inline, bucket, ctx), name: 'the inline policy' });
  const { linked, unresolved } = bucketConfigs(bucket, ctx, TF_POLICY);
  for (const p of linked) verdicts.push({ tri: tfPolicyVerdict(attr(p.body, 'policy'), p, ctx), name: p.address });
  if (verdicts.some((v) => v.tri === 'yes')) return result.pass(bucket);
  if (verdicts.some((v) => v.tri === 'unknown')) return result.skip(bucket, 'the bucket policy is not known statically');
  if (unresolved.length) return result.skip(bucket, `an ${TF_POLICY} whose bucket cannot be determined may apply`);
  if (verdicts.length) {
    return result.fail(bucket, bucket.headerRange, { message: `The bucket policy (${verdicts.map((v) => v.name).join(', ')}) has no statement denying requests made without TLS (aws:SecureTransport = false)` });
  }
  const fix = bucket.repeated
    ? undefined
    : addConfigResourceFix(
        bucket,
        ctx,
        TF_POLICY,
        [
          'policy = jsonencode({',
          '  Version = "2012-10-17"',
          '  Statement = [{',
          '    Sid       = "DenyInsecureTransport"',
          '    Effect    = "Deny"',
          '    Principal = "*"',
          '    Action    = "s3:*"',
          `    Resource  = [${bucket.address}.arn, "\${${bucket.address}.arn}/*"]`,
          '    Condition = { Bool = { "aws:SecureTransport" = "false" } }',
          '  }]',
          '})',
        ],
        FIX_TITLE,
        'suggestion',
      );
  return result.fail(bucket, bucket.headerRange, { fixes: fix ? [fix] : [] });
}

function cloudformation(bucket: Resource, ctx: CheckContext): CheckResult {
  if (attr(bucket.body, 'WebsiteConfiguration')) return result.skip(bucket, WEBSITE_SKIP);
  const verdicts: Tri[] = [];
  let unresolved = false;
  const policies = resourcesNaming(bucket, ctx, CFN_POLICY, 'Bucket', (r) => attr(r.body, 'Bucket')?.value);
  if (policies.unresolved.length > 0) unresolved = true;
  for (const p of policies.linked) {
    const doc = attr(p.body, 'PolicyDocument');
    verdicts.push(doc ? documentDeniesHttp(doc.value) : 'no');
  }
  if (verdicts.includes('yes')) return result.pass(bucket);
  if (verdicts.includes('unknown')) return result.skip(bucket, 'the bucket policy is not known statically');
  if (unresolved) return result.skip(bucket, 'a BucketPolicy whose bucket cannot be determined may apply');
  return result.fail(bucket, bucket.headerRange, {
    message: verdicts.length ? 'The bucket policy has no statement denying requests made without TLS (aws:SecureTransport = false)' : 'No bucket policy denies requests made without TLS (aws:SecureTransport = false)',
  });
}

/**
 * S3 buckets have a bucket policy that denies any request made without TLS
 * (`"Condition": {"Bool": {"aws:SecureTransport": "false"}}` on a Deny statement). The policy is a
 * separate resource; buckets whose policy cannot be read, or may be set by a policy whose target is
 * unknown, are not reported, nor are website buckets (their endpoint is HTTP only).
 */
export const rule: Rule = {
  meta: {
    id: 'aws-s3-bucket-policy-requires-tls',
    title: 'S3 bucket policy denies requests without TLS',
    failMessage: 'S3 bucket accepts requests over plain HTTP',
    rationale:
      'S3 serves every bucket over both HTTP and HTTPS. Nothing stops a misconfigured client, an old SDK or a script with an http:// endpoint from sending objects and signed requests in cleartext, where they can be read or altered in transit. A Deny statement on aws:SecureTransport = false makes the bucket itself refuse such requests, whatever the client does, which is the evidence asked for by encryption-in-transit controls.',
    remediation:
      'Add a Deny statement for `"Principal": "*"`, `"Action": "s3:*"`, the bucket and `bucket/*` ARNs, with `"Condition": {"Bool": {"aws:SecureTransport": "false"}}` to the bucket policy (`aws_s3_bucket_policy` or `AWS::S3::BucketPolicy`). A bucket has only one policy: merge the statement into an existing one rather than adding a second policy resource.',
    severity: 'medium',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['aws_s3_bucket'], cloudformation: ['AWS::S3::Bucket'] },
    peers: {
      checkov: ['CKV_AWS_379'],
      kics: ['S3 Bucket Policy Accepts HTTP Requests', 'S3 Bucket Without SSL In Write Actions'],
      guard: ['S3_BUCKET_SSL_REQUESTS_ONLY'],
    },
  },
  check: {
    terraform,
    cloudformation,
  },
};
