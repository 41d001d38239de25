/**
 * Editor settings (`trustlint.*`): validation and merging into the project policy.
 */
import { DEFAULT_SETTINGS, type EditorSeverity, type TrustlintSettings } from '../protocol';
import type { ProjectPolicy } from '../config/policy';
import { clonePolicy } from '../workspace/policyFile';

const EDITOR_SEVERITIES: readonly EditorSeverity[] = ['error', 'warning', 'information', 'hint'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

/** Settings from any client, with wrong types replaced by defaults (never throws). */
export function normalizeSettings(raw: unknown): TrustlintSettings {
  const s: TrustlintSettings = { ...DEFAULT_SETTINGS, severityOverrides: {}, disabledRules: [], frameworks: [], trace: { server: 'off' } };
  if (!isRecord(raw)) return s;
  if (typeof raw.enable === 'boolean') s.enable = raw.enable;
  if (typeof raw.showSuppressed === 'boolean') s.showSuppressed = raw.showSuppressed;
  if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0) {
    s.debounceMs = Math.min(raw.debounceMs, 10_000);
  }
  s.disabledRules = stringArray(raw.disabledRules) ?? [];
  s.frameworks = stringArray(raw.frameworks) ?? [];
  if (isRecord(raw.severityOverrides)) {
    for (const [id, sev] of Object.entries(raw.severityOverrides)) {
      if (typeof sev === 'string' && (EDITOR_SEVERITIES as readonly string[]).includes(sev)) s.severityOverrides[id] = sev as EditorSeverity;
    }
  }
  // VS Code sends `trace.server` nested; other clients may send the dotted key.
  const trace = isRecord(raw.trace) ? raw.trace.server : raw['trace.server'];
  if (trace === 'off' || trace === 'messages' || trace === 'verbose') s.trace = { server: trace };
  return s;
}

/** The policy the engine runs with: the project file, plus the editor's disabled rules and frameworks. */
export function effectivePolicy(base: ProjectPolicy, settings: TrustlintSettings): ProjectPolicy {
  const p = clonePolicy(base);
  for (const id of settings.disabledRules) if (!p.disabledRules.includes(id)) p.disabledRules.push(id);
  if (settings.frameworks.length > 0) p.frameworks = [...settings.frameworks];
  return p;
}
