/** Shared helpers for the CloudFormation parser tests. */
import * as fs from 'fs';
import * as path from 'path';
import { toJson } from '../../server/src/model/access';
import type { Resource, Value } from '../../server/src/model/types';
import { parseCloudFormation } from '../../server/src/parsing/cloudformation/parse';
import type { CloudFormationParseResult } from '../../server/src/parsing/cloudformation/parse';

/** Fixtures live next to the test sources; tests run from out/test/cloudformation. */
export const FIXTURES = path.resolve(__dirname, '../../../test/cloudformation/fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function parse(text: string, file = 'template.yaml'): CloudFormationParseResult {
  return parseCloudFormation(file, text);
}

const RANGE_KEYS = new Set(['range', 'keyRange', 'nameRange', 'headerRange']);

/** Deep copy without ranges, for comparing models of differently written templates. */
export function stripRanges<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v, (k, x: unknown) => (RANGE_KEYS.has(k) ? undefined : x)));
}

/** Deep copy without ranges and `reason`s (which name the function that produced an unknown). */
export function shape<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v, (k, x: unknown) => (RANGE_KEYS.has(k) || k === 'reason' ? undefined : x)));
}

export function resource(result: CloudFormationParseResult, name: string): Resource {
  const r = result.resources.find((x) => x.name === name);
  if (!r) throw new Error(`resource ${name} not found; have ${result.resources.map((x) => x.name).join(', ')}`);
  return r;
}

/** Value of a top-level property of a resource. */
export function prop(result: CloudFormationParseResult, res: string, name: string): Value | undefined {
  return resource(result, res).body.attributes.find((a) => a.name === name)?.value;
}

/** Plain JSON of a property (undefined when any part is unknown). */
export function propJson(result: CloudFormationParseResult, res: string, name: string): unknown {
  const v = prop(result, res, name);
  return v === undefined ? undefined : toJson(v);
}

/** The text a range covers. */
export function textAt(text: string, range: { start: { offset: number }; end: { offset: number } }): string {
  return text.slice(range.start.offset, range.end.offset);
}

/** Wrap resource YAML lines (indented by 2) into a minimal template. */
export function template(resources: string, head = ''): string {
  return `AWSTemplateFormatVersion: "2010-09-09"\n${head}Resources:\n${resources}`;
}
