/**
 * What the engine keeps after an analysis, and that keeping less changes no result: syntax trees
 * held within a budget (dropped trees are parsed again), resources kept without their bodies, and
 * unit reports computed elsewhere (the language server's scan worker) adopted as they are, or
 * rebuilt compact as the server keeps them.
 */
import * as assert from 'node:assert/strict';
import { generateCloudFormationTemplate, generateTerraformCorpus } from '../../scripts/genCorpus';
import { Engine, type EngineOptions } from '../../server/src/engine';
import { ReportCompactor } from '../../server/src/lsp/compactReports';
import * as parser from '../../server/src/parsing/terraform/parser';

const TODAY = '2026-11-28';

function corpus(): Array<{ path: string; text: string }> {
  const files = generateTerraformCorpus({ files: 120, seed: 5 });
  files.push({ path: 'cfn/app.yaml', text: generateCloudFormationTemplate({ resources: 40, seed: 3, format: 'yaml' }) });
  // A syntax error in a module that others call, and a tfvars file.
  const broken = files.find((f) => f.path.startsWith('modules/') && f.path.endsWith('.tf'))!;
  broken.text = `${broken.text}\nresource "aws_s3_bucket" "half" {\n  bucket = "x"\n`;
  files.push({ path: `${broken.path.slice(0, broken.path.lastIndexOf('/'))}/terraform.tfvars`, text: 'name = "from-tfvars"\n' });
  return files;
}

function engineWith(files: Array<{ path: string; text: string }>, options: EngineOptions = {}): Engine {
  const engine = new Engine({ today: TODAY, ...options });
  for (const f of files) engine.setFile(f.path, f.text);
  return engine;
}

/** Everything a host reads from a result, as plain data. */
function snapshot(engine: Engine): unknown {
  const all = engine.analyzeAll();
  const perFile = engine.filePaths().sort().map((p) => [p, engine.fileResult(p)]);
  return JSON.parse(JSON.stringify({ all, perFile }));
}

describe('engine memory: tree budget, bodiless results, adopted reports', function () {
  this.timeout(60_000);
  const files = corpus();

  it('gives the same results when every syntax tree is dropped after use', function () {
    const full = snapshot(engineWith(files));
    const tiny = snapshot(engineWith(files, { treeCacheChars: 1 }));
    assert.deepEqual(tiny, full);
  });

  it('parses a file only when it is first needed, and reports its syntax problems then', function () {
    let parses = 0;
    const original = parser.parseHcl;
    (parser as { parseHcl: typeof parser.parseHcl }).parseHcl = (text, ...rest) => {
      parses++;
      return original(text, ...rest);
    };
    try {
      const engine = engineWith(files);
      assert.equal(parses, 0, 'setFile parses nothing');
      const broken = files.find((f) => f.text.includes('"half"'))!;
      const problems = engine.fileResult(broken.path).problems;
      assert.ok(problems.some((p) => p.kind === 'syntax'), 'syntax problem of the broken file');
      assert.ok(parses > 0);
    } finally {
      (parser as { parseHcl: typeof parser.parseHcl }).parseHcl = original;
    }
  });

  it('keeps edits correct when the trees of unchanged files were dropped', function () {
    const full = engineWith(files);
    const tiny = engineWith(files, { treeCacheChars: 1 });
    full.analyzeAll();
    tiny.analyzeAll();
    // Edit a module others call: the callers are rebuilt from re-parsed files.
    const target = files.find((f) => f.path.startsWith('modules/') && f.path.endsWith('/main.tf'))!;
    const edited = `${target.text}\nresource "aws_kms_key" "added" {\n  enable_key_rotation = false\n}\n`;
    for (const engine of [full, tiny]) {
      engine.setFile(target.path, edited);
      engine.analyzeAffected(target.path);
    }
    assert.deepEqual(snapshot(tiny), snapshot(full));
  });

  it('keeps resources without bodies, and not again through module calls', function () {
    const result = engineWith(files).analyzeAll();
    assert.ok(result.resources.length > 0);
    for (const r of result.resources) {
      assert.equal(r.viaModuleCall, undefined, r.address);
      assert.equal(r.body.attributes.length, 0);
      assert.equal(r.body.blocks.length, 0);
    }
  });

  it('adopts unit reports from another engine: the same results, before and after an edit', function () {
    const direct = engineWith(files);
    const source = engineWith(files);
    const adopting = engineWith(files);
    let parses = 0;
    const original = parser.parseHcl;
    (parser as { parseHcl: typeof parser.parseHcl }).parseHcl = (text, ...rest) => {
      parses++;
      return original(text, ...rest);
    };
    try {
      const reports = source.unitReports(source.unitIds());
      const calls = new Map(source.filePaths().filter((p) => p.endsWith('.tf')).map((p) => [p, source.localModuleCalls(p)]));
      parses = 0;
      adopting.adoptUnitReports(reports, calls);
      const before = snapshot(adopting);
      assert.equal(parses, 0, 'nothing is parsed to answer from adopted reports');
      assert.deepEqual(before, snapshot(direct));
    } finally {
      (parser as { parseHcl: typeof parser.parseHcl }).parseHcl = original;
    }
    const target = files.find((f) => f.path.startsWith('modules/') && f.path.endsWith('/main.tf'))!;
    const edited = target.text.replace(/enable_key_rotation\s*=\s*true/, 'enable_key_rotation = false') + '\n# edited\n';
    for (const engine of [direct, adopting]) {
      engine.setFile(target.path, edited);
      engine.analyzeAffected(target.path);
    }
    assert.deepEqual(snapshot(adopting), snapshot(direct));
  });

  it('compacts reports from another thread to equal ones that share places, and adopts them', function () {
    const source = engineWith(files);
    // What the worker's messages decode to: a structured clone.
    const decoded = structuredClone(source.unitReports(source.unitIds()));
    const compactor = new ReportCompactor();
    const compact = decoded.map((r) => compactor.report(r));
    assert.deepStrictEqual(compact, decoded);
    // Equal places of one file are one object across units (a child module's recur in its callers').
    const positions = new Map<string, object>();
    let shared = 0;
    for (const r of compact) {
      for (const f of r.findings) {
        const places: Array<[string, { offset: number }]> = [
          [f.file, f.range.start],
          [f.file, f.range.end],
          [f.resource.file, f.resource.range.start],
        ];
        for (const [file, p] of places) {
          const key = `${file}|${p.offset}`;
          const known = positions.get(key);
          if (known) {
            assert.equal(known, p, key);
            shared++;
          } else positions.set(key, p);
        }
      }
    }
    assert.ok(shared > 0);
    // Arrays hosts may extend stay separate.
    const controls = compact.flatMap((r) => r.findings.map((f) => f.controls));
    assert.equal(new Set(controls).size, controls.length);
    const calls = source.filePaths().filter((p) => p.endsWith('.tf')).map((p): [string, string[]] => [p, source.localModuleCalls(p)]);
    const adopting = engineWith(files);
    adopting.adoptUnitReports(compact, new Map(compactor.callTargets(structuredClone(calls))));
    assert.deepEqual(snapshot(adopting), snapshot(engineWith(files)));
  });
});
