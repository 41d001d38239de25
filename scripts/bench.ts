/**
 * `npm run bench`: throughput of a full TrustLint scan (parse + model + all rules) against the
 * reference parsers' parse alone, on generated corpora, measured in one run and printed as ratios.
 * Benchmarks live here, never in timed tests.
 */
import { parse as hcl2jsonParse } from '@cdktf/hcl2json';
import { performance } from 'node:perf_hooks';
import { parseDocument, type CollectionTag, type ScalarTag } from 'yaml';
import { Engine } from '../server/src/engine';
import { parseHcl } from '../server/src/parsing/terraform/parser';
import { generateCloudFormationTemplate, generateTerraformCorpus } from './genCorpus';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function terraform(fileCount: number): Promise<void> {
  const files = generateTerraformCorpus({ files: fileCount, seed: 42 });
  const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  console.log(`Terraform corpus: ${files.length} files, ${lines.toLocaleString('en-US')} lines, ${fmt(bytes / 1e6)} MB`);

  const t0 = performance.now();
  for (const f of files) await hcl2jsonParse(f.path, f.text);
  const hcl2jsonMs = performance.now() - t0;

  const parseMs = best(3, () => {
    for (const f of files) parseHcl(f.text);
  });
  let findings = 0;
  const scanMs = best(3, () => {
    const engine = new Engine();
    for (const f of files) engine.setFile(f.path, f.text);
    findings = engine.analyzeAll().findings.length;
  });

  const rate = (ms: number) => `${fmt(lines / (ms / 1000) / 1000)}k lines/s`;
  console.log(`  hcl2json parse only        ${fmt(hcl2jsonMs, 0).padStart(8)} ms  ${rate(hcl2jsonMs)}`);
  console.log(`  TrustLint parse only       ${fmt(parseMs, 0).padStart(8)} ms  ${rate(parseMs)}`);
  console.log(`  TrustLint full scan        ${fmt(scanMs, 0).padStart(8)} ms  ${rate(scanMs)}  (${findings} findings)`);
  console.log(`  ratio full scan vs hcl2json parse: ${fmt(hcl2jsonMs / scanMs)}x faster (goal >= 20x)`);
}

function cloudformation(resources: number): void {
  const text = generateCloudFormationTemplate({ resources, seed: 7, format: 'yaml' });
  // The same short-form tags our parser registers, so the baseline parses the same document.
  const customTags: Array<ScalarTag | CollectionTag> = ['Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'Equals', 'Not', 'And', 'Or', 'Base64', 'Cidr', 'GetAZs', 'ImportValue', 'Condition', 'Transform'].flatMap(
    (name): Array<ScalarTag | CollectionTag> => [
      { tag: `!${name}`, resolve: (str: string) => str },
      { tag: `!${name}`, collection: 'seq', resolve: (coll) => coll } as CollectionTag,
      { tag: `!${name}`, collection: 'map', resolve: (coll) => coll } as CollectionTag,
    ],
  );
  const yamlMs = best(3, () => {
    parseDocument(text, { customTags });
  });
  let findings = 0;
  const scanMs = best(3, () => {
    const engine = new Engine();
    engine.setFile('template.yaml', text);
    findings = engine.analyzeAll().findings.length;
  });
  console.log(`CloudFormation template: ${resources} resources, ${text.split('\n').length.toLocaleString('en-US')} lines`);
  console.log(`  yaml parse only            ${fmt(yamlMs, 0).padStart(8)} ms`);
  console.log(`  TrustLint full scan        ${fmt(scanMs, 0).padStart(8)} ms  (${findings} findings)`);
  console.log(`  ratio full scan / yaml parse: ${fmt(scanMs / yamlMs, 2)}x (model + rules overhead ${fmt((scanMs / yamlMs - 1) * 100, 0)}%)`);
}

async function main(): Promise<void> {
  await terraform(arg('files', 2000));
  cloudformation(arg('resources', 5000));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
