import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { generateCloudFormationTemplate } from '../../scripts/genCorpus';
import { readFast } from '../../server/src/parsing/cloudformation/fastReader';
import { newBudget, parseTree, parseWithYaml } from '../../server/src/parsing/cloudformation/tree';

/**
 * The fast reader must give exactly the tree `yaml`'s document API gives (keys, values, tags,
 * ranges, comments, issues), or defer to it. Every comparison below fails on the first difference;
 * the counts make sure the fast reader actually read enough of the inputs for the comparison to
 * mean something.
 */

const ROOT = path.resolve(__dirname, '../../..');
const TEMPLATE_FILE = /\.(ya?ml|json|template)$/;

interface TemplateFile {
  path: string;
  text: string;
}

function templateFiles(dir: string, out: TemplateFile[] = []): TemplateFile[] {
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    if (fs.statSync(abs).isDirectory()) templateFiles(abs, out);
    else if (TEMPLATE_FILE.test(name)) out.push({ path: path.relative(ROOT, abs), text: fs.readFileSync(abs, 'utf8') });
  }
  return out;
}

function ruleFixtures(): TemplateFile[] {
  const rules = path.join(ROOT, 'server/src/rules');
  const out: TemplateFile[] = [];
  for (const rule of fs.readdirSync(rules).sort()) templateFiles(path.join(rules, rule, 'fixtures'), out);
  return out;
}

const RULE_FIXTURES = ruleFixtures();
const REALISTIC = [...templateFiles(path.join(ROOT, 'examples/cloudformation')), ...templateFiles(path.join(ROOT, 'test/cloudformation/fixtures'))];
const REGRESSIONS = templateFiles(path.join(ROOT, 'test/robustness/regressions'));

/** Compare both readers on `text`; returns whether the fast reader read it. */
function agrees(text: string, label: string, base = 0, withComments = true): boolean {
  const fast = readFast(text, base, withComments);
  if (!fast) return false;
  const full = parseWithYaml(text, base, newBudget(), withComments);
  assert.deepStrictEqual(fast, full, `fast reader differs from yaml on ${label}: ${JSON.stringify(text.length > 400 ? text.slice(0, 400) + '...' : text)}`);
  return true;
}

/** mulberry32: deterministic inputs, so a failure can be reproduced from its number. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Text inserted into a line: YAML indicators, escapes, tags, scalars that resolve to non-strings. */
const TOKENS = [' ', '  ', ':', ': ', '- ', '-', '#', ' #', ' # c', '"', "'", '!Ref ', '!Sub ', '!GetAtt ', '!If ', '!Foo ', '!!str ', '[', ']', '{', '}', ',', ', ',
  '|', '>', '|-', '>-', '|+', '|2', '&a ', '*a', '? ', '~', 'null', 'true', 'yes', 'No', '0x1F', '0o17', '1e3', '.inf', '.NaN', '-1', '+1', '1.0', '\t', '\\', '\\x41',
  '\\u00e9', '\\U0001F600', '\\q', "''", '---', '...', '%YAML 1.2', '@', '`', '\u00a0', '\ufeff', '\r', 'a: b', '::/0', '\n', '\n  ', '\n    ', '\n- ', 'Ref: X', 'Fn::Sub: x'];

/** Values put after a key: every kind of node the fast reader knows, and many it must defer. */
const VALUES = ['"a\\nb"', "'it''s'", '|\n    text\n\n    more\n', '>-\n      folded\n      text\n\n      para', '|-\n        lit\n          more-indented\n        back',
  '>\n       x\n\n\n       y', '[a, "b", !Ref C]', '{ Ref: X }', '{}', '[]', '!If [c, a, b]', '!Sub |\n    ${A}\n', '-1', '+1', '.5', '1.0', '1_000', '0b1', '2001-12-14', '~', 'No',
  'on', 'NULL', '"\\u263A"', '::/0', '-x', ':x', 'a#b', 'a #b', '"x": y', 'a: b', '[a, [b, {c: d}]]', '{a: [1, 2], "b": {c: !Ref d}}', '[a,b]', '{a:b}', '[a:b]', '{ "a":1 }',
  '!GetAtt [A, Arn]', '!Ref', '!Sub', '"unterminated', "'unterminated", '[unclosed', '{unclosed: 1', 'x\n      continued', '"multi\n      line"',
  '!Join\n        - ""\n        - - a\n          - !Ref B', '\n        - a\n        - b', '\n      - a\n      - b', '\n        K: v\n        L: w', '"\\t\\"\\\\"', "'#notcomment'",
  'a\tb', '0o8', '0xG', '1e', '.', '-', '- a', '? a', '*alias', '&anchor v', '!!int 3', '!<tag:x> y', '"\\x4"', '>2\n   x'];

const KEY_LINE = /^(\s*(?:- )?[^:#]+:)(.*)$/;

/** One to three line edits of the kinds typing and pasting make, sometimes with CRLF line breaks. */
function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  let lines = text.split('\n');
  const edits = 1 + Math.floor(next() * 3);
  for (let k = 0; k < edits; k++) {
    if (lines.length === 0) lines = [''];
    const i = Math.floor(next() * lines.length);
    const line = lines[i];
    const at = Math.floor(next() * (line.length + 1));
    switch (Math.floor(next() * 9)) {
      case 0:
        lines[i] = line.slice(0, at) + pick(TOKENS) + line.slice(at);
        break;
      case 1:
        lines[i] = line.slice(0, at) + line.slice(at + 1 + Math.floor(next() * 3));
        break;
      case 2: {
        const d = pick([-2, -1, 1, 2]);
        lines[i] = d > 0 ? ' '.repeat(d) + line : line.replace(new RegExp(`^ {0,${-d}}`), '');
        break;
      }
      case 3:
        lines.splice(i, 0, line);
        break;
      case 4:
        lines.splice(i, 1);
        break;
      case 5: {
        const m = KEY_LINE.exec(line);
        lines[i] = m ? `${m[1]} ${pick(VALUES)}` : `${line} ${pick(VALUES)}`;
        break;
      }
      case 6: {
        const m = KEY_LINE.exec(line);
        if (m) lines[i] = m[1];
        break;
      }
      case 7:
        lines = lines.slice(0, i + 1);
        if (next() < 0.5) lines[i] = line.slice(0, at);
        break;
      case 8:
        if (i + 1 < lines.length) lines.splice(i, 2, line + lines[i + 1]);
        break;
    }
  }
  const out = lines.join('\n');
  return next() < 0.1 ? out.replace(/\n/g, '\r\n') : out;
}

describe('CloudFormation fast reader', function () {
  this.timeout(120000);

  it('reads every template in the repository exactly as yaml does, or defers', () => {
    let fast = 0;
    const all = [...RULE_FIXTURES, ...REALISTIC, ...REGRESSIONS];
    all.forEach((f, i) => {
      if (agrees(f.text, f.path)) fast++;
      agrees(f.text.replace(/\r?\n/g, '\r\n'), `${f.path} with CRLF`);
      if (f.path.endsWith('.json')) agrees(f.text.replace(/^(?: {2})+/gm, (m) => '\t'.repeat(m.length / 2)), `${f.path} indented with tabs`);
      // As parse.ts reads the chunks of a template with errors: offsets shifted, no comments.
      if (i % 3 === 0) agrees(f.text, `${f.path} at offset 1000 without comments`, 1000, false);
    });
    assert.ok(all.length > 300, `only ${all.length} template files found`);
    assert.ok(fast > all.length * 0.9, `the fast reader read only ${fast} of ${all.length} files`);
  });

  it('reads the realistic templates and nearly every rule fixture itself', () => {
    const deferred = REALISTIC.filter((f) => !readFast(f.text, 0, true)).map((f) => f.path);
    assert.deepStrictEqual(deferred, []);
    const deferredFixtures = RULE_FIXTURES.filter((f) => !readFast(f.text, 0, true)).map((f) => f.path);
    assert.ok(deferredFixtures.length <= RULE_FIXTURES.length * 0.05, `deferred: ${deferredFixtures.join(', ')}`);
  });

  it('reads generated templates (YAML and JSON) exactly as yaml does', () => {
    for (const seed of [1, 2, 3]) {
      for (const format of ['yaml', 'json'] as const) {
        const text = generateCloudFormationTemplate({ resources: 100, seed, format });
        assert.ok(agrees(text, `generated ${format} seed ${seed}`), `generated ${format} template (seed ${seed}) deferred`);
      }
    }
  });

  it('agrees with yaml on 4,000 mutated templates', () => {
    const seeds = [...RULE_FIXTURES, ...REALISTIC];
    for (const format of ['yaml', 'json'] as const) seeds.push({ path: `generated.${format}`, text: generateCloudFormationTemplate({ resources: 20, seed: 5, format }) });
    let fast = 0;
    const total = 4000;
    for (let i = 0; i < total; i++) {
      const next = rng(0x5eed + i);
      const source = seeds[Math.floor(next() * seeds.length)];
      if (agrees(mutate(source.text, next), `mutation #${i} of ${source.path}`)) fast++;
    }
    // Most edits keep the text in the subset; the comparison must have covered many of them.
    assert.ok(fast > total / 4, `the fast reader read only ${fast} of ${total} mutated templates`);
  });

  it('agrees with yaml on every prefix of a template being typed', () => {
    for (const name of ['examples/cloudformation/app-stack.yaml', 'examples/cloudformation/secure-stack.json']) {
      const text = fs.readFileSync(path.join(ROOT, name), 'utf8');
      let fast = 0;
      const step = 5;
      for (let end = 1; end <= text.length; end += step) if (agrees(text.slice(0, end), `${name} up to ${end}`)) fast++;
      // YAML prefixes that end inside a line are mostly still in the subset; JSON ones are not closed.
      if (name.endsWith('.yaml')) assert.ok(fast > text.length / step / 2, `${name}: only ${fast} prefixes read`);
    }
  });

  describe('on single constructs', () => {
    const read: Array<[string, string]> = [
      ['short tags, inline and on a block', 'A: !Ref  X\nB:\n  - !If\n    - c\n    - a\n    - b\nC: !If\n- a\n- b\nD: !GetAtt [X, Arn]\nE: !Sub\n  - "${X}"\n  - X: 1\n'],
      ['a tag on nothing (an empty string)', 'A: !Ref\nB: !Ref   \nC: !Ref  # c\nD:\n  - !Ref\n'],
      ['tagged plain scalars stay strings', 'A: !Ref 80\nB: !Ref true\nC: [!Ref 80, !Condition yes]\n'],
      ['block scalars', 'A: |\n  foo\n  bar\n\nB: >-\n  a\n  b\n\n  c\nC: !Sub |\n    x ${Y}\n\n    z\n\n\nD: >\n\n  a\n  b\nE:\n  - |-\n    x\n'],
      ['CRLF line breaks', 'A: |\r\n  foo\r\n  bar\r\n\r\n# trustlint:ignore x\r\nB: 1\r\n'],
      ['JSON documents', '{\n"A": 1,\n"B": [1, 2.5, true, null, "x\\/y\\u263A"],\n  "C": {"D": -0, "E": 1E5}\n}\n'],
      ['tab-indented JSON', '{\n\t"A": {\n\t\t"B": [\n\t\t\t1\n\t\t]\t,\n\t\t"C"\t:\t"x"\n\t}\n}\n'],
      ['comments everywhere', '# trustlint:ignore x\nA: 1 # trustlint:ignore y\nB:\n  # trustlint:ignore z\n  C: "x" # c\nD:   # c\n  - x  # c\n'],
      ['plain scalars of every core type', 'A: yes\nB: No\nC: ~\nD: 0x1F\nE: 0o17\nF: 1e3\nG: .inf\nH: -.INF\nI: .nan\nJ: 1.50\nK: 2001-12-14\nL: 1_000\nM: ::/0\nN: -1\nO: a#b\n'],
      ['quoted scalars and keys', '"A": "\\u263A\\x41\\t\\"\\\\"\n\'B\': \'it\'\'s\'\nC : 1\n'],
      ['empty values', 'A:\nB:   # c\nC:\n  -\n  - \n  - x\n'],
      ['long-form intrinsics and Fn::ForEach', 'A: { Ref: B }\nC:\n  Fn::GetAtt: [D, Arn]\nFn::ForEach::X: 1\nE:\n  Ref: X\n  F: 1\n'],
      ['duplicate keys', 'A: 1\nA: 2\nB:\n  C: 1\n  C: 2\n  D: 3\n'],
      ['compact nested collections', 'A:\n  - - a\n    - b\n  - c: d\n    e: f\n  - "g": h\n'],
      ['a chunk indented like a Resources entry', '  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {}\n'],
    ];
    for (const [what, text] of read) {
      it(`reads ${what}`, () => {
        assert.ok(agrees(text, what), `deferred: ${JSON.stringify(text)}`);
      });
    }

    const deferred: Array<[string, string]> = [
      ['anchors and aliases', 'A: &x 1\nB: *x\n'],
      ['several documents', 'A: 1\n---\nB: 2\n'],
      ['directives', '%YAML 1.2\n---\nA: 1\n'],
      ['tabs in the indentation', 'A:\n\tB: 1\n'],
      ['explicit keys', '? A\n: 1\n'],
      ['unknown and standard tags', 'A: !Foo x\nB: !!str 1\n'],
      ['multi-line plain and quoted scalars', 'A: a\n  b\nB: "c\n  d"\n'],
      ['flow collections over several lines in block YAML', 'A: [a,\n  b]\n'],
      ['keep chomping and indentation indicators', 'A: |+\n  x\n\nB: |2\n   y\n'],
      ['an unclosed quote', 'A: "abc\nB: 1\n'],
      ['bad indentation', 'A:\n  B: 1\n C: 2\n'],
      ['a value that is a nested mapping on one line', 'A: b: c\n'],
      ['a byte order mark', '\ufeffA: 1\n'],
      ['a lone carriage return', 'A: 1\rB: 2\n'],
      ['a comment between a tag and its node', 'A: !If # !If\n  - a\n'],
      ['JSON with comments', '{\n  "A": 1 # c\n}\n'],
      ['tabs in a JSON number', '{\n  "A": 1\t,\n  "B": 2\n}\n'],
    ];
    for (const [what, text] of deferred) {
      it(`defers ${what} to yaml`, () => {
        assert.strictEqual(readFast(text, 0, true), undefined);
        // And parseTree still reads it (through yaml).
        assert.ok(parseTree(text, 0, newBudget(), true).root !== undefined);
      });
    }
  });
});
