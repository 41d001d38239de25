import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildModule, moduleIdOf, ReferenceIndex } from '../../server/src/terraform';
import { repoRoot } from '../util/paths';
import { loadTerraformDir } from './helpers';

describe('terraform: real-world modules', function () {
  // Parsing the whole corpus is the slow part, not building.
  this.timeout(30000);
  for (const folder of [join('test', 'corpus', 'terraform'), join('examples', 'terraform')]) {
    it(`builds every module of ${folder.split('\\').join('/')} without throwing, in linear time`, () => {
      const files = loadTerraformDir(join(repoRoot(), folder));
      const modules = new Set([...files.keys()].filter((p) => p.endsWith('.tf')).map(moduleIdOf));
      assert.ok(modules.size > 0);
      let resources = 0;
      const started = Date.now();
      for (const id of modules) {
        const mod = buildModule(id, files);
        new ReferenceIndex(mod.resources);
        resources += mod.resources.length;
        for (const r of mod.resources) assert.ok(r.range.end.offset >= r.headerRange.end.offset, r.address);
      }
      assert.ok(resources > 0);
      // Generous bound: a slow machine still builds this corpus in well under a second.
      assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    });
  }

  it('evaluates the saas-platform example: module input reaches the child database', () => {
    const files = loadTerraformDir(join(repoRoot(), 'examples', 'terraform', 'saas-platform'));
    const mod = buildModule('.', files);
    const db = mod.resources.find((r) => r.type === 'aws_db_instance' && r.viaModuleCall === 'module.billing_db');
    assert.ok(db);
    const enc = db.body.attributes.find((a) => a.name === 'storage_encrypted');
    assert.equal(enc?.value.kind, 'bool');
    assert.equal(enc?.value.kind === 'bool' && enc.value.value, false);
    assert.equal(db.file, 'modules/database/main.tf');
  });
});
