/**
 * A hand-built analysis over two small made-up frameworks, so that ranking and report tests know
 * every status and score exactly, independently of the shipped catalogs, parsers and rules.
 *
 * Framework A (`fw-a`): C1..C9 in group G1 (technical), O1..O2 in group G2 (organisational).
 * Framework B (`fw-b`): X1..X3 in group GX.
 *
 * | rule | severity | themes -> controls                         | findings                          |
 * |------|----------|--------------------------------------------|-----------------------------------|
 * | enc  | high     | encryption-at-rest -> C1, C2, X1           | 2 open (one safe fix), 1 pass     |
 * | log  | medium   | logging -> C2, C3                          | 1 open with an expired waiver     |
 * | bak  | low      | backup -> C4                               | 1 waived, 1 pass                  |
 * | kms  | low      | key-management -> C5, C6                   | 1 open                            |
 * | mon  | medium   | monitoring-alerting -> C7                  | 1 pass                            |
 * | dr   | medium   | dr-redundancy -> C8                        | nothing                           |
 * | net  | critical | network-security-segmentation -> X1, X2    | 1 open                            |
 */
import type { ControlIndex } from '../../server/src/controls/mapping';
import { createControlIndex, formatControlsShort } from '../../server/src/controls/mapping';
import type { FrameworkCatalog, ThemeMappingData } from '../../server/src/controls/types';
import type { AnalysisResult, Finding } from '../../server/src/findings';
import type { Range, Suppression } from '../../server/src/model/types';
import type { Fix, Rule, Severity, Theme } from '../../server/src/rules/types';

export function rangeAt(line: number, character = 0): Range {
  const offset = line * 100 + character;
  return { start: { line, character, offset }, end: { line, character: character + 5, offset: offset + 5 } };
}

const iac = (id: string, title: string, group: string, assessable: 'iac' | 'partial' | 'no' = 'iac') => ({
  id,
  title,
  group,
  assessable,
  assessableNote: assessable === 'no' ? `${title} is a people process.` : `IaC shows ${title.toLowerCase()}.`,
});

export const CATALOGS: FrameworkCatalog[] = [
  {
    framework: { id: 'fw-a', name: 'Framework A', shortName: 'FA', version: '1', coverageLabel: 'Annex', defaultEnabled: true },
    groups: [
      { id: 'G1', title: 'Technical' },
      { id: 'G2', title: 'Organisational' },
    ],
    controls: [
      iac('C1', 'Storage encryption', 'G1'),
      iac('C2', 'Cryptography', 'G1', 'partial'),
      iac('C3', 'Logging', 'G1'),
      iac('C4', 'Backup', 'G1'),
      iac('C5', 'Key lifecycle', 'G1'),
      iac('C6', 'Key rotation', 'G1'),
      iac('C7', 'Monitoring', 'G1'),
      iac('C8', 'Redundancy', 'G1'),
      iac('C9', 'Capacity', 'G1', 'partial'),
      iac('O1', 'Screening', 'G2', 'no'),
      iac('O2', 'Awareness training', 'G2', 'no'),
    ],
  },
  {
    framework: { id: 'fw-b', name: 'Framework B', shortName: 'FB', version: '2', defaultEnabled: false },
    groups: [{ id: 'GX', title: 'All' }],
    controls: [iac('X1', 'Protect data', 'GX'), iac('X2', 'Segment networks', 'GX'), iac('X3', 'Patch systems', 'GX')],
  },
];

const entry = (control: string, rationale: string) => ({ control, strength: 'primary' as const, rationale });

export const MAPPINGS: ThemeMappingData = {
  themes: {
    'encryption-at-rest': {
      title: 'Encryption at rest',
      description: '',
      mappings: { 'fw-a': [entry('C1', 'Encrypted storage protects data.'), entry('C2', 'Encryption is cryptography.')], 'fw-b': [entry('X1', 'Encryption protects data.')] },
    },
    logging: {
      title: 'Logging',
      description: '',
      mappings: { 'fw-a': [entry('C2', 'Encryption is cryptography.'), entry('C3', 'Logs record events.')] },
    },
    backup: { title: 'Backup', description: '', mappings: { 'fw-a': [entry('C4', 'Backups allow recovery.')] } },
    'key-management': {
      title: 'Keys',
      description: '',
      mappings: { 'fw-a': [entry('C5', 'Keys have a lifecycle.'), entry('C6', 'Rotated keys limit exposure.')] },
    },
    'monitoring-alerting': { title: 'Monitoring', description: '', mappings: { 'fw-a': [entry('C7', 'Alarms detect incidents.')] } },
    'dr-redundancy': { title: 'DR', description: '', mappings: { 'fw-a': [entry('C8', 'Replicas survive failures.')] } },
    'network-security-segmentation': {
      title: 'Network',
      description: '',
      mappings: { 'fw-b': [entry('X1', 'Closed networks protect data.'), entry('X2', 'Security groups segment networks.')] },
    },
  },
  ruleOverrides: {},
};

export const INDEX: ControlIndex = createControlIndex(CATALOGS, MAPPINGS);
export const FRAMEWORKS = ['fw-a', 'fw-b'];

function rule(id: string, severity: Severity, theme: Theme): Rule {
  return {
    meta: {
      id,
      title: `Rule ${id} holds`,
      failMessage: `Rule ${id} fails`,
      rationale: 'Because.',
      remediation: 'Fix it.',
      severity,
      themes: [theme],
      resourceTypes: { terraform: ['aws_thing'] },
    },
    check: {},
  };
}

export const RULES: Rule[] = [
  rule('enc', 'high', 'encryption-at-rest'),
  rule('log', 'medium', 'logging'),
  rule('bak', 'low', 'backup'),
  rule('kms', 'low', 'key-management'),
  rule('mon', 'medium', 'monitoring-alerting'),
  rule('dr', 'medium', 'dr-redundancy'),
  rule('net', 'critical', 'network-security-segmentation'),
];

const SAFE_FIX: Fix = { title: 'Fix', safety: 'safe', edits: [] };
const SUGGESTED_FIX: Fix = { title: 'Maybe', safety: 'suggestion', edits: [] };

export const XSS_REASON = '<script>alert("x")</script> & rebuilt nightly';
export const XSS_ADDRESS = 'aws_security_group.<img src=x onerror=alert(1)>';

export function finding(
  ruleId: string,
  file: string,
  line: number,
  address: string,
  extra: Partial<Pick<Finding, 'suppressed' | 'expiredSuppression' | 'fixes' | 'severity'>> = {},
): Finding {
  const r = RULES.find((x) => x.meta.id === ruleId);
  // As the engine does: the message ends with the controls of the policy's frameworks.
  const controls = r ? INDEX.controlsForRule(r.meta, FRAMEWORKS) : [];
  return {
    ruleId,
    title: r?.meta.title ?? ruleId,
    message: `${r?.meta.failMessage ?? ruleId} at ${address} — ${formatControlsShort(controls)}`,
    severity: extra.severity ?? r?.meta.severity ?? 'low',
    file,
    range: rangeAt(line, 2),
    format: 'terraform',
    resource: { type: address.split('.')[0], name: address.split('.')[1] ?? address, address, file, range: rangeAt(line), headerRange: rangeAt(line) },
    controls,
    fixes: extra.fixes ?? [],
    ...(extra.suppressed ? { suppressed: extra.suppressed } : {}),
    ...(extra.expiredSuppression ? { expiredSuppression: extra.expiredSuppression } : {}),
  };
}

const suppression = (ruleId: string, file: string, line: number, reason: string | undefined, expires: string): Suppression => ({
  ruleId,
  ...(reason !== undefined ? { reason } : {}),
  expires,
  source: 'trustlint',
  file,
  range: rangeAt(line),
});

export function analysis(): AnalysisResult {
  return {
    findings: [
      finding('enc', 'a.tf', 2, 'aws_s3_bucket.a', { fixes: [SAFE_FIX] }),
      finding('enc', 'b.tf', 9, 'aws_s3_bucket.b', { fixes: [SUGGESTED_FIX] }),
      finding('log', 'a.tf', 19, 'aws_cloudtrail.main', { expiredSuppression: suppression('log', 'a.tf', 18, 'old exception', '2020-01-01') }),
      finding('bak', 'a.tf', 29, 'aws_db_instance.main', { suppressed: suppression('bak', 'a.tf', 28, XSS_REASON, '2099-01-01') }),
      finding('kms', 'k.tf', 0, 'aws_kms_key.k'),
      finding('net', 'n.tf', 4, XSS_ADDRESS),
      // A rule that did not run: ignored everywhere.
      finding('not-run', 'a.tf', 40, 'aws_s3_bucket.z'),
    ],
    problems: [{ file: 'broken.tf', range: rangeAt(6), message: 'Expected "}"', severity: 'error' }],
    resources: [],
    passes: [
      { ruleId: 'enc', file: 'c.tf', address: 'aws_s3_bucket.c', range: rangeAt(1) },
      { ruleId: 'bak', file: 'd.tf', address: 'aws_db_instance.d', range: rangeAt(3) },
      { ruleId: 'mon', file: 'm.tf', address: 'aws_cloudwatch_metric_alarm.m', range: rangeAt(5) },
      { ruleId: 'mon', file: 'm.tf', address: 'aws_cloudwatch_metric_alarm.m', range: rangeAt(5) },
    ],
  };
}
