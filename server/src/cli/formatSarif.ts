/**
 * SARIF 2.1.0 report (`--format sarif`), for GitHub code scanning and other SARIF viewers.
 * Regions are 1-based; columns count UTF-16 code units, SARIF's default `columnKind`
 * (`utf16CodeUnits`), which we also state explicitly on the run. Suppressed findings are included
 * with an `inSource` suppression carrying the reason, so viewers show them as waived.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../findings';
import type { Range } from '../model/types';
import { controlsForRule } from '../controls/mapping';
import type { Rule, Severity } from '../rules/types';
import { INFORMATION_URI, ruleDocsUri, ruleReadmeUrl, TOOL_NAME, TRUSTLINT_VERSION } from '../workspace/hostInfo';
import { controlTag } from '../workspace/controlInfo';
import type { ScanReport } from './scan';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

type SarifLevel = 'error' | 'warning' | 'note';

function level(severity: Severity): SarifLevel {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

function region(r: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** A relative URI reference for a posix path (each segment percent-encoded). */
function relativeUri(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function location(file: string, r: Range) {
  return { physicalLocation: { artifactLocation: { uri: relativeUri(file), uriBaseId: '%SRCROOT%' }, region: region(r) } };
}

function ruleDescriptor(rule: Rule, frameworks: string[], severity: Severity) {
  const m = rule.meta;
  const controls = controlsForRule(m, frameworks).map(controlTag);
  const docs = ruleDocsUri(m.id);
  return {
    id: m.id,
    name: m.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: m.title },
    fullDescription: { text: m.rationale },
    help: { text: m.remediation, markdown: `${m.remediation}\n\n[Documentation](${ruleReadmeUrl(m.id)})` },
    // Online README: a file:// URI of the machine that ran the scan means nothing to a SARIF viewer.
    helpUri: docs.startsWith('file:') ? ruleReadmeUrl(m.id) : docs,
    defaultConfiguration: { level: level(severity) },
    properties: {
      tags: ['security', 'compliance', ...m.themes],
      'security-severity': SECURITY_SEVERITY[severity],
      precision: 'high',
      controls,
    },
  };
}

/** A fingerprint that survives edits elsewhere in the file: rule, file, resource and message. */
function fingerprint(f: Finding, seen: Map<string, number>): string {
  const base = `${f.ruleId}|${f.file}|${f.resource.address}|${f.message}`;
  const n = seen.get(base) ?? 0;
  seen.set(base, n + 1);
  return `${createHash('sha256').update(`${base}|${n}`).digest('hex').slice(0, 32)}:1`;
}

export function buildSarif(report: ScanReport): object {
  const frameworks = report.policy.frameworks;
  const rules = report.rules;
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const seen = new Map<string, number>();
  const results = report.findings
    .filter((f) => index.has(f.ruleId))
    .map((f) => {
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId),
        level: level(f.severity),
        message: { text: f.message },
        locations: [location(f.file, f.range)],
        partialFingerprints: { 'trustlint/v1': fingerprint(f, seen) },
        properties: {
          severity: f.severity,
          'security-severity': SECURITY_SEVERITY[f.severity],
          resource: f.resource.address,
          controls: f.controls.map(controlTag),
          fixable: f.fixes.length > 0,
        },
      };
      if (f.suppressed) {
        result.suppressions = [
          {
            kind: 'inSource',
            status: 'accepted',
            justification: f.suppressed.reason ?? '',
            ...(f.suppressed.expires ? { properties: { expires: f.suppressed.expires } } : {}),
          },
        ];
      }
      return result;
    });
  const notifications = report.problems.map((p) => ({
    level: p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'note',
    message: { text: p.message },
    descriptor: { id: p.code },
    locations: [location(p.file, p.range)],
  }));
  const hasErrors = report.problems.some((p) => p.severity === 'error');
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TRUSTLINT_VERSION,
            semanticVersion: TRUSTLINT_VERSION,
            informationUri: INFORMATION_URI,
            rules: rules.map((r) => ruleDescriptor(r, frameworks, report.policy.severityOverrides[r.meta.id] ?? r.meta.severity)),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(report.root.endsWith('/') ? report.root : `${report.root}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: !hasErrors, toolExecutionNotifications: notifications }],
        results,
        properties: { frameworks },
      },
    ],
  };
}

export function formatSarif(report: ScanReport): string {
  return `${JSON.stringify(buildSarif(report), null, 2)}\n`;
}
