/**
 * Which parser a file goes to. Terraform is decided by extension. A YAML/JSON file is a
 * CloudFormation template when it declares `AWSTemplateFormatVersion`, the SAM transform, or a
 * root `Resources` section whose entries have `Type: AWS::...`.
 *
 * Workspaces are full of YAML and JSON that are not templates (Kubernetes manifests, CI workflows,
 * package.json, large data files), so this is textual only: a few linear-time regular expressions
 * over the head of the file, no parsing.
 */

/** A file's format, or `undefined` when TrustLint does not analyse it. */
export type DetectedFormat = 'terraform' | 'terraform-vars' | 'cloudformation';

/** Only the head of a file is looked at: template sections come first in practice. */
const HEAD_CHARS = 512 * 1024;

/** Resource type namespaces CloudFormation accepts in `Type`. */
const TYPE_PREFIX = String.raw`(?:AWS|Alexa|Custom)::`;

// YAML: root keys start at column 0 (optionally quoted).
const YAML_VERSION = /^["']?AWSTemplateFormatVersion["']?[ \t]*:/m;
const YAML_TRANSFORM = /^["']?Transform["']?[ \t]*:/m;
const YAML_RESOURCES = /^["']?Resources["']?[ \t]*:/m;
const YAML_TYPE = new RegExp(String.raw`^[ \t]+["']?Type["']?[ \t]*:[ \t]*["']?${TYPE_PREFIX}`, 'm');
// JSON: nesting depth is not visible textually; the keys are distinctive enough.
const JSON_VERSION = /"AWSTemplateFormatVersion"[ \t\r\n]*:/;
const JSON_TRANSFORM = /"Transform"[ \t\r\n]*:/;
const JSON_RESOURCES = /"Resources"[ \t\r\n]*:[ \t\r\n]*\{/;
const JSON_TYPE = new RegExp(String.raw`"Type"[ \t\r\n]*:[ \t\r\n]*"${TYPE_PREFIX}`);
const SAM = /AWS::Serverless-2016-10-31/;

/**
 * Detect the format of a file from its path and text.
 *
 * - `.tf` -> `terraform`; `.tfvars` (including `.auto.tfvars`) -> `terraform-vars`;
 *   `.tf.json` and `.tfvars.json` -> `undefined` (JSON Terraform is not supported yet).
 * - `.yaml`, `.yml`, `.json`, `.template` -> `cloudformation` when the text looks like a template.
 */
export function detectFormat(path: string, text: string): DetectedFormat | undefined {
  const p = path.toLowerCase();
  if (p.endsWith('.tf')) return 'terraform';
  if (p.endsWith('.tfvars')) return 'terraform-vars';
  if (p.endsWith('.tf.json') || p.endsWith('.tfvars.json')) return undefined;
  if (!(p.endsWith('.yaml') || p.endsWith('.yml') || p.endsWith('.json') || p.endsWith('.template'))) return undefined;
  return looksLikeCloudFormation(text) ? 'cloudformation' : undefined;
}

/** Textual check for a CloudFormation template (YAML or JSON), looking at the head of the text only. */
export function looksLikeCloudFormation(text: string): boolean {
  const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
  const first = /\S/.exec(head.length > 4096 ? head.slice(0, 4096) : head);
  if (!first) return false;
  if (first[0] === '{' || first[0] === '[') {
    if (JSON_VERSION.test(head)) return true;
    if (JSON_TRANSFORM.test(head) && SAM.test(head)) return true;
    const resources = JSON_RESOURCES.exec(head);
    if (!resources) return false;
    return JSON_TYPE.test(head.slice(resources.index));
  }
  if (YAML_VERSION.test(head)) return true;
  if (YAML_TRANSFORM.test(head) && SAM.test(head)) return true;
  const resources = YAML_RESOURCES.exec(head);
  if (!resources) return false;
  return YAML_TYPE.test(head.slice(resources.index));
}
