/**
 * Hostile files, through the Engine and through the file walker the CLI and the language server
 * share (server/src/workspace/walk.ts), and end to end through `trustlint scan`: each one gets a
 * clear problem or skip message, takes bounded time (the mocha timeouts are the bound: these are
 * safety limits on a loaded machine, not benchmarks), and every other file of the same run is
 * still analysed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScan } from '../../server/src/cli/scan';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { Engine } from '../../server/src/engine';
import { flowNestingBeyond, MAX_FLOW_NESTING } from '../../server/src/parsing/cloudformation/flowDepth';
import { parseCloudFormation } from '../../server/src/parsing/cloudformation/parse';
import { parseHcl } from '../../server/src/parsing/terraform/parser';
import { readTextFile, walkDirectory } from '../../server/src/workspace/walk';

const DEPTH = 10_000;

/** A bucket without versioning: a finding that proves the good file was analysed. */
const GOOD_TF = 'resource "aws_s3_bucket" "good" {\n  bucket = "good-bucket"\n}\n';
const GOOD_TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Good:\n    Type: AWS::S3::Bucket\n';

const HOSTILE = {
  deepTuple: () => `a = ${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}\n`,
  deepObject: () => `a = ${'{ a = '.repeat(DEPTH)}1${' }'.repeat(DEPTH)}\n`,
  deepBlocks: () => `${'x {\n'.repeat(DEPTH)}${'}\n'.repeat(DEPTH)}`,
  deepUnclosed: () => `resource "aws_s3_bucket" "b" {\n  tags = ${'[('.repeat(DEPTH)}\n`,
  deepYamlFlow: () => `${GOOD_TEMPLATE}  Deep:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: ${'['.repeat(DEPTH)}x${']'.repeat(DEPTH)}\n`,
  deepJson: () =>
    `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Deep": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": ${'{"a": '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}}}}\n`,
  aliasBomb: () => {
    const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Mappings:', '  M:', '    a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) lines.push(`    a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('Resources:', '  Bomb:', '    Type: AWS::S3::Bucket', '    Properties:', '      Tags: *a9');
    return lines.join('\n') + '\n';
  },
  invalidUtf8: () => Buffer.concat([Buffer.from('resource "aws_s3_bucket" "b'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('" {\n  bucket = "x\udc00"\n}\n')]).toString('utf8'),
  binary: () => Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1'),
  prose: () => 'This is not Terraform.\nIt is a letter to whoever reads it: "hello", {and} [goodbye].\n',
};

describe('robustness: hostile files', function () {
  this.timeout(120_000);

  describe('through the Engine', () => {
    it('refuses a 50 MB .tf file with a problem instead of parsing it, and analyses the others', () => {
      const engine = new Engine();
      const huge = 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n'.repeat(Math.ceil((50 * 1024 * 1024) / 46));
      assert.equal(engine.setFile('huge/main.tf', huge), true);
      engine.setFile('good/main.tf', GOOD_TF);
      const result = engine.analyzeAll();
      const problem = result.problems.find((p) => p.file === 'huge/main.tf');
      assert.ok(problem, 'a problem for the huge file');
      assert.match(problem.message, /too large to analyse/);
      assert.equal(problem.severity, 'warning');
      assert.equal(result.resources.filter((r) => r.file === 'huge/main.tf').length, 0);
      assert.ok(result.findings.some((f) => f.file === 'good/main.tf'), 'the good file still has its findings');
      assert.ok(engine.fileResult('huge/main.tf').problems.some((p) => /too large/.test(p.message)));
    });

    it('refuses an over-limit template, and analyses one when the policy raises the limit', () => {
      const big = GOOD_TEMPLATE + `  Pad:\n    Type: AWS::S3::Bucket\n    Metadata:\n      Text: "${'x'.repeat(2000)}"\n`;
      const small = new Engine({ policy: { ...DEFAULT_POLICY, maxFileBytes: 1000 } });
      small.setFile('t.yaml', big);
      const refused = small.analyzeAll();
      assert.ok(refused.problems.some((p) => /too large to analyse/.test(p.message)));
      assert.equal(refused.resources.length, 0);
      const raised = new Engine({ policy: { ...DEFAULT_POLICY, maxFileBytes: 10_000 } });
      raised.setFile('t.yaml', big);
      assert.ok(raised.analyzeAll().resources.length > 0);
    });

    for (const name of ['deepTuple', 'deepObject', 'deepBlocks', 'deepUnclosed'] as const) {
      it(`${name}: ${DEPTH.toLocaleString('en-US')}-deep HCL is reported, not overflowed`, () => {
        const text = HOSTILE[name]();
        assert.ok(parseHcl(text).errors.length > 0, 'the parser reports the nesting');
        const engine = new Engine();
        engine.setFile('deep/main.tf', text);
        engine.setFile('good/main.tf', GOOD_TF);
        const result = engine.analyzeAll();
        assert.ok(result.problems.some((p) => p.file === 'deep/main.tf'), 'a problem for the deep file');
        assert.ok(!result.problems.some((p) => /Internal|could not build/.test(p.message)), 'no internal error');
        assert.ok(result.findings.some((f) => f.file === 'good/main.tf'));
      });
    }

    for (const [name, path] of [['deepYamlFlow', 'deep.yaml'], ['deepJson', 'deep.json']] as const) {
      it(`${name}: a ${DEPTH.toLocaleString('en-US')}-deep template is reported, the rest of it still checked`, () => {
        const text = HOSTILE[name]();
        const parsed = parseCloudFormation(path, text);
        assert.ok(parsed.problems.length > 0, 'the nesting is reported');
        const engine = new Engine();
        assert.equal(engine.setFile(path, text), true);
        engine.setFile('good.yaml', GOOD_TEMPLATE);
        const result = engine.analyzeAll();
        assert.ok(result.problems.some((p) => p.file === path));
        assert.ok(!result.problems.some((p) => /Internal error|could not build/.test(p.message)), 'no internal error');
        assert.ok(result.findings.some((f) => f.file === 'good.yaml'));
      });
    }

    it('flow nesting past the limit is refused before yaml parses it; the other resources are analysed', () => {
      // 16,000 levels of Fn::Join took yaml about 2 s of CPU, twice (whole file, then the resource).
      const deep = `${'{Fn::Join: [x, ['.repeat(16_000)}a${']]}'.repeat(16_000)}`;
      // Inside a string of a broken JSON template (lone CRs), yaml's error recovery met the same.
      const inString = `{\n  "Resources": {\n\r    "W": {\r\n      "Type": "AWS::S3::Bucket",\n\r      "Properties": {\n\r        "Bucket${deep}Name": "x"\n      }\n    }\n  }\n}\n`;
      const brokenParse = parseCloudFormation('broken.json', inString);
      assert.ok(brokenParse.problems.some((p) => p.message === 'Template is nested too deeply to parse'), JSON.stringify(brokenParse.problems.slice(0, 5).map((p) => p.message)));
      const text = `${GOOD_TEMPLATE}  Deep:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: ${deep}\n`;
      const parsed = parseCloudFormation('deep.yaml', text);
      const problem = parsed.problems.find((p) => p.message === 'Template is nested too deeply to parse');
      assert.ok(problem, JSON.stringify(parsed.problems.map((p) => p.message)));
      assert.equal(problem.range.start.line, 7, 'reported on the line where the nesting passes the limit');
      assert.deepEqual(parsed.resources.map((r) => r.name), ['Good']);
      // Nesting up to the limit passes, also many times over; one more level is reported where it opens.
      const atLimit = `a: ${'['.repeat(MAX_FLOW_NESTING)}${']'.repeat(MAX_FLOW_NESTING)}\n`;
      assert.equal(flowNestingBeyond(atLimit.repeat(3), MAX_FLOW_NESTING), -1);
      assert.equal(flowNestingBeyond(`a: ${'['.repeat(MAX_FLOW_NESTING + 1)}`, MAX_FLOW_NESTING), 3 + MAX_FLOW_NESTING);
    });

    it('a YAML alias bomb (10^10 expansions) is cut off by the alias budget', () => {
      const engine = new Engine();
      engine.setFile('bomb.yaml', HOSTILE.aliasBomb());
      engine.setFile('good.yaml', GOOD_TEMPLATE);
      const result = engine.analyzeAll();
      assert.ok(result.problems.some((p) => p.file === 'bomb.yaml' && /alias/i.test(p.message)), 'the aliases are reported');
      assert.ok(result.findings.some((f) => f.file === 'good.yaml'));
    });

    it('invalid UTF-8 (decoded to U+FFFD), lone surrogates and NUL bytes parse with errors, never throw', () => {
      const engine = new Engine();
      engine.setFile('bad/main.tf', HOSTILE.invalidUtf8());
      engine.setFile('bin/main.tf', HOSTILE.binary());
      engine.setFile('good/main.tf', GOOD_TF);
      const result = engine.analyzeAll();
      assert.ok(result.problems.some((p) => p.file === 'bin/main.tf' && p.kind === 'syntax'));
      assert.ok(result.findings.some((f) => f.file === 'good/main.tf'));
    });

    it('labels full of regex metacharacters, or a megabyte long, break no rule', () => {
      const engine = new Engine();
      const labels = ['a(b[c*', 'x\\\\y.+?', '${}|^$', 'z'.repeat(1 << 20)];
      labels.forEach((label, i) => {
        const kinds = ['azurerm_key_vault', 'aws_s3_bucket', 'google_storage_bucket', 'aws_security_group'];
        const text = kinds.map((k) => `resource "${k}" "${label}" {\n  name = "n${i}"\n}\n`).join('\n');
        engine.setFile(`m${i}/main.tf`, text);
      });
      const result = engine.analyzeAll();
      assert.deepEqual(
        result.problems.filter((p) => p.kind === 'rule-error').map((p) => p.message.slice(0, 200)),
        [],
      );
    });

    it('files that are not IaC are declined (YAML/JSON) or reported (.tf)', () => {
      const engine = new Engine();
      assert.equal(engine.setFile('notes.yaml', 'title: notes\nitems: [a, b]\n'), false);
      assert.equal(engine.setFile('package.json', '{"name": "x", "Resources": 1}'), false);
      assert.equal(engine.setFile('binary.yaml', HOSTILE.binary()), false);
      assert.equal(engine.setFile('letter.tf', HOSTILE.prose()), true);
      const result = engine.analyzeAll();
      assert.ok(result.problems.some((p) => p.file === 'letter.tf' && p.kind === 'syntax'));
      assert.deepEqual(engine.filePaths(), ['letter.tf']);
    });
  });

  describe('through the walker and `trustlint scan`', () => {
    let dir: string;

    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'trustlint-hostile-'));
      const put = (rel: string, content: string | Buffer): void => {
        mkdirSync(join(dir, rel, '..'), { recursive: true });
        writeFileSync(join(dir, rel), content);
      };
      put('good/main.tf', GOOD_TF);
      put('good/template.yaml', GOOD_TEMPLATE);
      put('huge/main.tf', Buffer.alloc(6 * 1024 * 1024, 'a = 1\n'));
      put('binary/main.tf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe]));
      put('utf8/main.tf', Buffer.from([...Buffer.from('resource "aws_s3_bucket" "u" {\n  bucket = "'), 0xc3, 0x28, 0xff, ...Buffer.from('"\n}\n')]));
      put('deep/main.tf', HOSTILE.deepTuple());
      put('deep/deep.json', HOSTILE.deepJson());
      put('bomb/template.yaml', HOSTILE.aliasBomb());
      put('other/notes.yaml', 'title: not a template\n');
      put('other/letter.tf', HOSTILE.prose());
      // A symlink loop (a folder linking to its parent) and a link to itself.
      symlinkSync('..', join(dir, 'good', 'loop'));
      symlinkSync(join(dir, 'self.tf'), join(dir, 'self.tf'));
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    it('walks past symlink loops and lists every candidate once', async () => {
      const walk = await walkDirectory(dir, DEFAULT_POLICY);
      const paths = walk.files.map((f) => f.path);
      assert.ok(paths.includes('good/main.tf'));
      assert.ok(!paths.some((p) => p.includes('loop/')), 'the looping folder link is not followed');
      assert.ok(!paths.includes('self.tf'), 'a link to itself is not a file');
      assert.equal(new Set(paths).size, paths.length);
    });

    it('refuses oversized, binary and non-UTF-8 files with a reason, and survives a file vanishing', async () => {
      const utf8 = await readTextFile(join(dir, 'utf8/main.tf'), DEFAULT_POLICY.maxFileBytes);
      assert.ok(!utf8.ok && utf8.reason === 'not valid UTF-8 text');
      writeFileSync(join(dir, 'fffd.tf'), 'a = "\ufffd"\n');
      const fffd = await readTextFile(join(dir, 'fffd.tf'), DEFAULT_POLICY.maxFileBytes);
      assert.ok(fffd.ok && fffd.text === 'a = "\ufffd"\n', 'a real U+FFFD is valid UTF-8');
      unlinkSync(join(dir, 'fffd.tf'));
      const huge = await readTextFile(join(dir, 'huge/main.tf'), DEFAULT_POLICY.maxFileBytes);
      assert.ok(!huge.ok && /larger than maxFileBytes/.test(huge.reason));
      const binary = await readTextFile(join(dir, 'binary/main.tf'), DEFAULT_POLICY.maxFileBytes);
      assert.ok(!binary.ok && binary.reason === 'binary file');
      const gone = join(dir, 'vanishing.tf');
      writeFileSync(gone, GOOD_TF);
      const walk = await walkDirectory(dir, DEFAULT_POLICY);
      assert.ok(walk.files.some((f) => f.path === 'vanishing.tf'));
      unlinkSync(gone);
      const read = await readTextFile(gone, DEFAULT_POLICY.maxFileBytes);
      assert.ok(!read.ok && read.missing && read.reason === 'file vanished');
    });

    it('scans the folder: skips with reasons, problems for the broken files, findings for the good ones', async () => {
      const report = await runScan({ paths: [dir] }, dir);
      const skipped = new Map(report.skipped.map((s) => [s.path, s.reason]));
      assert.match(skipped.get('huge/main.tf') ?? '', /larger than maxFileBytes/);
      assert.equal(skipped.get('binary/main.tf'), 'binary file');
      assert.ok(report.filesAnalysed.includes('good/main.tf') && report.filesAnalysed.includes('good/template.yaml'));
      assert.ok(!report.filesAnalysed.includes('other/notes.yaml'));
      assert.equal(skipped.get('utf8/main.tf'), 'not valid UTF-8 text');
      for (const file of ['deep/main.tf', 'deep/deep.json', 'bomb/template.yaml', 'other/letter.tf']) {
        assert.ok(report.problems.some((p) => p.file === file), `a problem for ${file}`);
      }
      assert.ok(report.findings.some((f) => f.file === 'good/main.tf'));
      assert.ok(report.findings.some((f) => f.file === 'good/template.yaml'));
      assert.ok(!report.problems.some((p) => /Internal|could not build/.test(p.message)), 'no internal error');
    });
  });
});
