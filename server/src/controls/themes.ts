/**
 * The control themes as a runtime list. `Theme` in `rules/types.ts` is a type only; the mapping
 * loader and the tests need the values, and the compile-time check below keeps the two in step.
 */
import type { Theme } from '../rules/types';

/** Every theme of the `Theme` union, in the order the theme mapping file lists them. */
export const ALL_THEMES = [
  'identity-access',
  'encryption-at-rest',
  'encryption-in-transit',
  'key-management',
  'logging',
  'monitoring-alerting',
  'change-configuration-management',
  'backup',
  'dr-redundancy',
  'vulnerability-patch-management',
  'network-security-segmentation',
  'public-exposure-data-leakage',
  'incident-response',
  'secure-development',
  'data-deletion-retention',
] as const satisfies readonly Theme[];

// Fails to compile when a theme is added to the `Theme` union but not to ALL_THEMES.
type MissingThemes = Exclude<Theme, (typeof ALL_THEMES)[number]>;
const allThemesListed: [MissingThemes] extends [never] ? true : MissingThemes = true;
void allThemesListed;

/** Whether `value` names a theme of the `Theme` union. */
export function isTheme(value: string): value is Theme {
  return (ALL_THEMES as readonly string[]).includes(value);
}
