import { asBool, asString, attr, blocks, hasDynamicBlocks } from '../../model/access';
import type { Resource } from '../../model/types';
import { cfnLookup, editableInPlace, replaceCfnValue, literalFix } from '../shared/awsdata';
import { result, type CheckResult, type Fix, type Rule } from '../types';

const TLS_FIX = 'Accept only TLS from clients (clients on the plaintext port must switch to TLS first)';
const CLUSTER_FIX = 'Encrypt traffic between brokers (forces replacement of an existing cluster)';

function messageFor(clientBroker: string): string {
  return clientBroker === 'PLAINTEXT'
    ? 'client_broker is PLAINTEXT: producers and consumers exchange messages unencrypted'
    : 'client_broker is TLS_PLAINTEXT: brokers still accept unencrypted client connections';
}

function terraform(resource: Resource): CheckResult | CheckResult[] {
  if (resource.kind !== 'resource') return result.skip(resource, 'not a managed resource');
  const info = blocks(resource.body, 'encryption_info')[0];
  if (!info) return hasDynamicBlocks(resource.body, 'encryption_info') ? result.skip(resource, 'encryption_info comes from a dynamic block') : result.pass(resource);
  const transit = blocks(info.body, 'encryption_in_transit')[0];
  if (!transit) return hasDynamicBlocks(info.body, 'encryption_in_transit') ? result.skip(resource, 'encryption_in_transit comes from a dynamic block') : result.pass(resource);
  const out: CheckResult[] = [];
  let unknown = false;
  const cb = attr(transit.body, 'client_broker');
  if (cb) {
    const v = asString(cb.value);
    if (v === undefined) unknown = true;
    else if (v !== 'TLS') out.push(result.fail(resource, cb.range, { message: messageFor(v), fixes: literalFix(resource, cb, '"TLS"', TLS_FIX, 'suggestion') }));
  }
  const ic = attr(transit.body, 'in_cluster');
  if (ic) {
    const v = asBool(ic.value);
    if (v === undefined) unknown = true;
    else if (!v) out.push(result.fail(resource, ic.range, { message: 'in_cluster is false: brokers replicate data to each other unencrypted', fixes: literalFix(resource, ic, 'true', CLUSTER_FIX, 'suggestion') }));
  }
  if (out.length) return out;
  return unknown ? result.skip(resource, 'encryption_in_transit is not known statically') : result.pass(resource, transit.headerRange);
}

function cloudformation(resource: Resource): CheckResult | CheckResult[] {
  const transit = cfnLookup(resource, ['EncryptionInfo', 'EncryptionInTransit']);
  if (transit.state === 'unknown') return result.skip(resource, 'EncryptionInTransit is not known statically');
  if (transit.state === 'missing') return result.pass(resource);
  const out: CheckResult[] = [];
  let unknown = false;
  const cb = cfnLookup(resource, ['EncryptionInfo', 'EncryptionInTransit', 'ClientBroker']);
  if (cb.state === 'unknown') unknown = true;
  else if (cb.state === 'present') {
    const v = asString(cb.value);
    if (v === undefined) unknown = true;
    else if (v !== 'TLS') {
      const fixes: Fix[] = editableInPlace(resource, cb.value, cb.range) ? [{ title: TLS_FIX, safety: 'suggestion', edits: [replaceCfnValue(resource, cb.value, '"TLS"')] }] : [];
      out.push(result.fail(resource, cb.range, { message: messageFor(v).replace('client_broker', 'ClientBroker'), fixes }));
    }
  }
  const ic = cfnLookup(resource, ['EncryptionInfo', 'EncryptionInTransit', 'InCluster']);
  if (ic.state === 'unknown') unknown = true;
  else if (ic.state === 'present') {
    const v = asBool(ic.value);
    if (v === undefined) unknown = true;
    else if (!v) out.push(result.fail(resource, ic.range, { message: 'InCluster is false: brokers replicate data to each other unencrypted' }));
  }
  if (out.length) return out;
  return unknown ? result.skip(resource, 'EncryptionInTransit is not known statically') : result.pass(resource, transit.range);
}

/**
 * MSK clusters encrypt traffic from clients (`client_broker = "TLS"`) and between brokers
 * (`in_cluster = true`). Both are the defaults, so only explicit weaker settings are reported.
 */
export const rule: Rule = {
  meta: {
    id: 'aws-msk-cluster-encryption-in-transit',
    title: 'MSK cluster encrypts client and broker traffic',
    failMessage: 'MSK cluster accepts or sends unencrypted traffic',
    rationale:
      'Kafka topics carry business events, often with personal data, between many producers and consumers across the network. A PLAINTEXT or TLS_PLAINTEXT listener lets any client, or anything able to observe traffic in the VPC, read and inject messages without the protection of TLS, and plaintext between brokers exposes every replicated partition. TLS for both paths is the MSK default; turning it off should never go unnoticed.',
    remediation:
      'In `encryption_info.encryption_in_transit` set `client_broker = "TLS"` and `in_cluster = true` (or remove them to get these defaults); in CloudFormation set `EncryptionInfo.EncryptionInTransit.ClientBroker: TLS` and `InCluster: true`. Move clients to the TLS bootstrap brokers before closing the plaintext listener.',
    severity: 'high',
    themes: ['encryption-in-transit'],
    resourceTypes: { terraform: ['aws_msk_cluster'], cloudformation: ['AWS::MSK::Cluster'] },
    peers: {
      checkov: ['CKV_AWS_81'],
      trivy: ['AVD-AWS-0073'],
      kics: ['MSK Cluster Encryption Disabled'],
    },
  },
  check: {
    terraform: (resource) => terraform(resource),
    cloudformation: (resource) => cloudformation(resource),
  },
};
