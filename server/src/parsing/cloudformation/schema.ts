/**
 * How templates are read as YAML: the `yaml` options, the custom tags for the short intrinsic
 * forms, and the resolution of plain scalars (`true`, `80`, `~`, `yes`) to values. Both readers
 * (tree.ts, fastReader.ts) take these from here, so `yaml`'s schema stays the one authority on what
 * a plain scalar means.
 */
import { Document, isScalar } from 'yaml';
import type { CollectionTag, DocumentOptions, ParseOptions, ScalarTag, SchemaOptions } from 'yaml';

/** Short tag -> long intrinsic name. */
export const SHORT_TAGS: ReadonlyMap<string, string> = new Map(
  [
    'Base64',
    'Cidr',
    'FindInMap',
    'GetAtt',
    'GetAZs',
    'ImportValue',
    'Join',
    'Select',
    'Split',
    'Sub',
    'Transform',
    'If',
    'Equals',
    'Not',
    'And',
    'Or',
    'Length',
    'ToJsonString',
  ]
    .map((n): [string, string] => [`!${n}`, `Fn::${n}`])
    .concat([
      ['!Ref', 'Ref'],
      ['!Condition', 'Condition'],
    ]),
);

/**
 * Custom tags: each short form may be written on a scalar, a sequence or a mapping. The tag's
 * `resolve` keeps the node as is (scalars stay strings, no type inference); the tree walk reads
 * `node.tag`.
 */
function cfnTags(): Array<ScalarTag | CollectionTag> {
  const out: Array<ScalarTag | CollectionTag> = [];
  for (const tag of SHORT_TAGS.keys()) {
    out.push({ tag, resolve: (str: string) => str });
    out.push({ tag, collection: 'seq', resolve: (coll) => coll } as CollectionTag);
    out.push({ tag, collection: 'map', resolve: (coll) => coll } as CollectionTag);
  }
  // YAML 1.1 booleans as PyYAML (and so cfn-lint) reads them; dates and sexagesimals stay strings.
  out.push({
    tag: 'tag:yaml.org,2002:bool',
    default: true,
    test: /^(?:[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF)$/,
    resolve: (str: string) => /^(?:y|Y|o[nN]|O[nN])/.test(str),
  });
  return out;
}

const CFN_TAGS = cfnTags();

// No `maxAliasCount`: it only applies to `toJS()`, which is never called; aliases are expanded by
// the tree walk under its own budget (MAX_ALIAS_EXPANSIONS).
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  // A function, not the array: yaml concatenates an array tag by tag for every document, which is
  // quadratic in the ~60 tags and showed in profiles of the per-entry recovery parses.
  customTags: (core) => core.concat(CFN_TAGS),
  // yaml checks key uniqueness with a linear scan per key (quadratic on a 5,000-entry Resources
  // map); the tree walk checks with a Set instead.
  uniqueKeys: false,
  prettyErrors: false,
};

export type PlainValue = string | number | boolean | null;

/** A schema tag that plain scalars are tested against, as `yaml` declares it. */
interface DefaultScalarTag {
  test: RegExp;
  resolve: (value: string, onError: (message: string) => void, options: object) => unknown;
}

/**
 * Resolves untagged plain scalars exactly as `yaml`'s composer does with YAML_OPTIONS: the first
 * default schema tag whose test matches decides; no match is a string. Returns `undefined` when a
 * tag reports an error, which the caller treats as "let the document API handle this text".
 */
export class PlainScalars {
  private readonly tags: DefaultScalarTag[];
  private readonly options: object;
  /** A schema with compatibility warnings (`compat`) needs the composer's checks. */
  private readonly usable: boolean;

  constructor() {
    const doc = new Document(null, YAML_OPTIONS);
    const schema = doc.schema;
    this.options = doc.options;
    this.usable = !schema.compat;
    const tags: DefaultScalarTag[] = [];
    for (const tag of schema.tags) {
      if (!('collection' in tag && tag.collection) && tag.default === true && tag.test) tags.push(tag as DefaultScalarTag);
    }
    this.tags = tags;
  }

  resolve(source: string): PlainValue | undefined {
    if (!this.usable) return undefined;
    const tag = this.tags.find((t) => t.test.test(source));
    if (!tag) return source;
    let failed = false;
    let res: unknown;
    try {
      res = tag.resolve(source, () => (failed = true), this.options);
    } catch {
      return undefined;
    }
    if (failed) return undefined;
    const v = isScalar(res) ? res.value : res;
    // As tree.ts turns a yaml Scalar's value into a raw value.
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return Number(v);
    return String(v);
  }
}
