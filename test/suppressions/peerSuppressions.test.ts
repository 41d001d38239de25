/**
 * Suppressions written for other tools, end to end through the Engine, on realistic files
 * (test/suppressions/fixtures): Terraform with `#checkov:skip`, `#tfsec:ignore` (with and without
 * `:exp:`), `#trivy:ignore` and a Checkov skip on a module call; CloudFormation YAML and JSON with
 * cfn-lint, cfn_nag, cfn-guard and Checkov `Metadata`. Each waives exactly the TrustLint rule that
 * lists the peer id (another rule on the same resource still fires), waived findings keep the
 * reason where the form has one, and `honourPeerSuppressions: false` turns them all off.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { Engine } from '../../server/src/engine';
import type { AnalysisResult, Finding } from '../../server/src/findings';
import type { Suppression } from '../../server/src/model/types';
import { repoRoot } from '../util/paths';

const FIXTURES = join(repoRoot(), 'test', 'suppressions', 'fixtures');
const TODAY = '2026-01-01';

interface Waiver {
  file: string;
  address: string;
  ruleId: string;
  source: Suppression['source'];
  /** What the peer id was, as written. */
  peerId: string;
  reason?: string;
  expires?: string;
  /** A rule that still reports the same resource (undefined when no other rule applies). */
  stillFires?: string;
}

const PEER_WAIVERS: Waiver[] = [
  // Terraform: comments.
  {
    file: 'terraform/main.tf',
    address: 'aws_s3_bucket.landing',
    ruleId: 'aws-s3-bucket-access-logging-enabled',
    source: 'checkov',
    peerId: 'CKV_AWS_18',
    reason: 'Access logs are shipped by the organisation trail to the logging account',
    stillFires: 'aws-s3-bucket-versioning-enabled',
  },
  {
    file: 'terraform/main.tf',
    address: 'aws_s3_bucket.archive',
    ruleId: 'aws-s3-bucket-encryption-configured',
    source: 'tfsec',
    peerId: 'aws-s3-enable-bucket-encryption',
    stillFires: 'aws-s3-bucket-versioning-enabled',
  },
  {
    file: 'terraform/main.tf',
    address: 'aws_s3_bucket.exports',
    ruleId: 'aws-s3-bucket-versioning-enabled',
    source: 'tfsec',
    peerId: 'aws-s3-enable-versioning',
    reason: 'Exports are regenerated nightly (RISK-118)',
    expires: '2030-06-30',
    stillFires: 'aws-s3-bucket-encryption-configured',
  },
  {
    file: 'terraform/main.tf',
    address: 'aws_kms_key.queue',
    ruleId: 'aws-kms-key-rotation-enabled',
    source: 'trivy',
    peerId: 'AVD-AWS-0065',
    reason: 'Key material is imported and rotated by the HSM team (SEC-77)',
    stillFires: 'aws-kms-key-policy-no-public-principal',
  },
  // Checkov skip inside the module call: covers the resource in the child module.
  {
    file: 'terraform/modules/audit-logs/main.tf',
    address: 'aws_cloudwatch_log_group.audit',
    ruleId: 'aws-cloudwatch-log-group-encrypted',
    source: 'checkov',
    peerId: 'CKV_AWS_158',
    reason: 'Audit log data holds no personal data; default CloudWatch encryption is accepted',
    stillFires: 'aws-cloudwatch-log-group-retention-set',
  },
  // CloudFormation YAML: Metadata of four tools.
  {
    file: 'cloudformation/platform.yaml',
    address: 'ReportingDatabase',
    ruleId: 'aws-db-instance-no-plaintext-password',
    source: 'cfn-lint',
    peerId: 'W2501',
    stillFires: 'aws-rds-storage-encrypted',
  },
  {
    file: 'cloudformation/platform.yaml',
    address: 'ApplicationLogs',
    ruleId: 'aws-cloudwatch-log-group-encrypted',
    source: 'cfn-nag',
    peerId: 'W84',
    reason: 'Application logs carry no personal data; the default CloudWatch encryption is accepted',
    stillFires: 'aws-cloudwatch-log-group-retention-set',
  },
  {
    file: 'cloudformation/platform.yaml',
    address: 'ReportKey',
    ruleId: 'aws-kms-key-rotation-enabled',
    source: 'cfn-guard',
    peerId: 'CMK_BACKING_KEY_ROTATION_ENABLED',
    stillFires: 'aws-kms-key-policy-no-public-principal',
  },
  {
    file: 'cloudformation/platform.yaml',
    address: 'LegacyKey',
    ruleId: 'aws-kms-key-rotation-enabled',
    source: 'cfn-nag',
    peerId: 'F19',
    reason: 'Imported key material, rotated manually every year (SEC-12)',
  },
  {
    file: 'cloudformation/platform.yaml',
    address: 'ReportBucket',
    ruleId: 'aws-s3-bucket-access-logging-enabled',
    source: 'checkov',
    peerId: 'CKV_AWS_18',
    reason: 'Server access logs are collected by the organisation trail',
    stillFires: 'aws-s3-bucket-versioning-enabled',
  },
  {
    file: 'cloudformation/platform.yaml',
    address: 'ImageRepository',
    ruleId: 'aws-ecr-repository-scan-on-push-enabled',
    source: 'cfn-nag',
    peerId: 'W79',
    reason: 'Images are scanned by the registry-wide enhanced scanning configuration',
    stillFires: 'aws-ecr-repository-image-tags-immutable',
  },
  // CloudFormation JSON.
  {
    file: 'cloudformation/queues.json',
    address: 'NotificationKey',
    ruleId: 'aws-kms-key-rotation-enabled',
    source: 'cfn-nag',
    peerId: 'F19',
    reason: 'Key is replaced with the quarterly re-keying runbook',
  },
  {
    file: 'cloudformation/queues.json',
    address: 'DeliveryLogs',
    ruleId: 'aws-cloudwatch-log-group-encrypted',
    source: 'cfn-guard',
    peerId: 'CLOUDWATCH_LOG_GROUP_ENCRYPTED',
  },
  {
    file: 'cloudformation/queues.json',
    address: 'DeliveryLogs',
    ruleId: 'aws-cloudwatch-log-group-retention-set',
    source: 'checkov',
    peerId: 'CKV_AWS_338',
    reason: 'Delivery receipts are only kept for a week by design',
  },
];

/** Our own suppressions in the same files: they stay in force whatever the peer setting. */
const OWN_WAIVERS: Array<Pick<Waiver, 'file' | 'address' | 'ruleId'>> = [
  { file: 'terraform/main.tf', address: 'aws_s3_bucket.landing', ruleId: 'aws-s3-bucket-policy-requires-tls' },
  { file: 'cloudformation/platform.yaml', address: 'ReportingDatabase', ruleId: 'aws-rds-multi-az-enabled' },
];

function readTree(dir: string, out: Array<{ path: string; text: string }> = []): Array<{ path: string; text: string }> {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) readTree(full, out);
    else out.push({ path: relative(FIXTURES, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
  }
  return out;
}

function analyse(honourPeerSuppressions: boolean): AnalysisResult {
  const engine = new Engine({ today: TODAY, policy: { ...DEFAULT_POLICY, honourPeerSuppressions } });
  for (const f of readTree(FIXTURES)) assert.ok(engine.setFile(f.path, f.text), `${f.path} is analysed`);
  return engine.analyzeAll();
}

const key = (f: { file: string; address: string; ruleId: string }) => `${f.file} ${f.address} ${f.ruleId}`;
const keyOf = (f: Finding) => key({ file: f.file, address: f.resource.address, ruleId: f.ruleId });

function findingsAt(result: AnalysisResult, file: string, address: string, ruleId: string): Finding[] {
  return result.findings.filter((f) => f.file === file && f.resource.address === address && f.ruleId === ruleId);
}

describe('peer-tool suppressions on realistic files (engine)', () => {
  const honoured = analyse(true);
  const ignored = analyse(false);

  it('the fixtures parse cleanly', () => {
    assert.deepEqual(honoured.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.message}`), []);
  });

  for (const w of PEER_WAIVERS) {
    it(`${w.source} ${w.peerId} waives ${w.ruleId} on ${w.address} (${w.file.split('/')[0]})`, () => {
      const [finding, ...more] = findingsAt(honoured, w.file, w.address, w.ruleId);
      assert.ok(finding, 'the rule reports the resource');
      assert.equal(more.length, 0);
      assert.ok(finding.suppressed, 'waived');
      assert.equal(finding.suppressed.source, w.source);
      assert.equal(finding.suppressed.ruleId, w.peerId);
      assert.equal(finding.suppressed.reason, w.reason, 'the reason written with the suppression');
      assert.equal(finding.suppressed.expires, w.expires);
      if (w.stillFires) {
        const other = findingsAt(honoured, w.file, w.address, w.stillFires);
        assert.equal(other.length, 1, `${w.stillFires} reports the same resource`);
        assert.equal(other[0].suppressed, undefined, `${w.stillFires} is not waived by ${w.peerId}`);
      }
    });
  }

  it('waives exactly the listed findings, nothing else', () => {
    const waived = honoured.findings.filter((f) => f.suppressed).map(keyOf).sort();
    assert.deepEqual(waived, [...PEER_WAIVERS, ...OWN_WAIVERS].map(key).sort());
  });

  it('a tfsec waiver past its exp: date no longer waives, and says so', () => {
    const [scratch] = findingsAt(honoured, 'terraform/main.tf', 'aws_s3_bucket.scratch', 'aws-s3-bucket-versioning-enabled');
    assert.ok(scratch, 'the finding is reported');
    assert.equal(scratch.suppressed, undefined);
    assert.equal(scratch.expiredSuppression?.source, 'tfsec');
    assert.equal(scratch.expiredSuppression?.expires, '2024-03-31');
    assert.match(scratch.message, /waiver expired 2024-03-31/);
  });

  it('a resource without suppressions keeps all its findings', () => {
    for (const ruleId of ['aws-cloudwatch-log-group-encrypted', 'aws-cloudwatch-log-group-retention-set']) {
      const [f] = findingsAt(honoured, 'cloudformation/queues.json', 'AuditTrailLogs', ruleId);
      assert.ok(f && !f.suppressed, ruleId);
    }
  });

  it('honourPeerSuppressions: false turns every peer form off and keeps trustlint:ignore', () => {
    for (const w of PEER_WAIVERS) {
      const [finding, ...more] = findingsAt(ignored, w.file, w.address, w.ruleId);
      assert.ok(finding, `${key(w)} is reported`);
      assert.equal(more.length, 0);
      assert.equal(finding.suppressed, undefined, `${key(w)} is active`);
    }
    const waived = ignored.findings.filter((f) => f.suppressed);
    assert.deepEqual(waived.map(keyOf).sort(), OWN_WAIVERS.map(key).sort());
    assert.ok(waived.every((f) => f.suppressed?.source === 'trustlint'));
    // The expired tfsec waiver is no waiver at all now, so no expiry note either.
    const [scratch] = findingsAt(ignored, 'terraform/main.tf', 'aws_s3_bucket.scratch', 'aws-s3-bucket-versioning-enabled');
    assert.equal(scratch.expiredSuppression, undefined);
    // Nothing else changes: the same findings, only their waivers differ.
    assert.deepEqual(ignored.findings.map(keyOf).sort(), honoured.findings.map(keyOf).sort());
  });
});
