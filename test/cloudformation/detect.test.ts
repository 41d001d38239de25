import * as assert from 'assert';
import { detectFormat } from '../../server/src/parsing/detect';
import { fixture } from './helpers';

describe('detectFormat', function () {
  this.timeout(60000);
  it('decides Terraform by extension', () => {
    assert.strictEqual(detectFormat('main.tf', ''), 'terraform');
    assert.strictEqual(detectFormat('modules/x/MAIN.TF', ''), 'terraform');
    assert.strictEqual(detectFormat('prod.tfvars', 'a = 1'), 'terraform-vars');
    assert.strictEqual(detectFormat('prod.auto.tfvars', 'a = 1'), 'terraform-vars');
    assert.strictEqual(detectFormat('main.tf.json', '{"resource": {}}'), undefined);
    assert.strictEqual(detectFormat('prod.tfvars.json', '{"AWSTemplateFormatVersion": "x"}'), undefined);
  });

  it('detects YAML and JSON templates', () => {
    assert.strictEqual(detectFormat('t.yaml', fixture('realistic.yaml')), 'cloudformation');
    assert.strictEqual(detectFormat('t.json', fixture('realistic.json')), 'cloudformation');
    assert.strictEqual(detectFormat('t.template', fixture('realistic.json')), 'cloudformation');
    assert.strictEqual(detectFormat('t.yml', 'AWSTemplateFormatVersion: 2010-09-09\n'), 'cloudformation');
    assert.strictEqual(detectFormat('t.yml', '"AWSTemplateFormatVersion": "2010-09-09"\n'), 'cloudformation');
  });

  it('detects a template without AWSTemplateFormatVersion by its Resources', () => {
    const yaml = 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n';
    assert.strictEqual(detectFormat('bucket.yaml', yaml), 'cloudformation');
    assert.strictEqual(detectFormat('bucket.yaml', "Resources:\n  Bucket:\n    Type: 'AWS::S3::Bucket'\n"), 'cloudformation');
    const json = '{\n  "Resources": {\n    "Bucket": { "Type": "AWS::S3::Bucket" }\n  }\n}\n';
    assert.strictEqual(detectFormat('bucket.json', json), 'cloudformation');
    assert.strictEqual(detectFormat('custom.yaml', 'Resources:\n  X:\n    Type: Custom::Thing\n'), 'cloudformation');
  });

  it('detects SAM templates', () => {
    const sam = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n';
    assert.strictEqual(detectFormat('template.yaml', sam), 'cloudformation');
    const samOnly = 'Transform:\n  - AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 3\n';
    assert.strictEqual(detectFormat('template.yml', samOnly), 'cloudformation');
    assert.strictEqual(detectFormat('template.json', '{"Transform": "AWS::Serverless-2016-10-31", "Resources": {}}'), 'cloudformation');
  });

  it('rejects Kubernetes manifests, workflows, package.json and other YAML/JSON', () => {
    const k8s = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          resources:',
      '            limits: { cpu: "1" }',
      '          env:',
      '            - name: Type',
      '              value: "AWS::S3::Bucket"',
    ].join('\n');
    assert.strictEqual(detectFormat('deploy.yaml', k8s), undefined);
    const workflow = 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';
    assert.strictEqual(detectFormat('.github/workflows/ci.yml', workflow), undefined);
    const pkg = JSON.stringify({ name: 'x', version: '1.0.0', scripts: { test: 'mocha' }, dependencies: { yaml: '^2' } }, null, 2);
    assert.strictEqual(detectFormat('package.json', pkg), undefined);
    // Serverless Framework: CloudFormation nested under a lowercase root key is not a template.
    const sls = 'service: x\nprovider:\n  name: aws\nresources:\n  Resources:\n    B:\n      Type: AWS::S3::Bucket\n';
    assert.strictEqual(detectFormat('serverless.yml', sls), undefined);
    // A template embedded in a block scalar of a ConfigMap.
    const cm = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  t.yaml: |\n    AWSTemplateFormatVersion: 2010-09-09\n';
    assert.strictEqual(detectFormat('cm.yaml', cm), undefined);
    assert.strictEqual(detectFormat('README.md', 'AWSTemplateFormatVersion: x'), undefined);
    assert.strictEqual(detectFormat('empty.yaml', ''), undefined);
  });

  it('is cheap on a 10 MB JSON file that is not a template', () => {
    const rows = [];
    for (let i = 0; i < 160000; i++) rows.push(`{"id":${i},"name":"row ${i}","tags":["a","b"],"value":${i * 1.5}}`);
    const big = `[${rows.join(',\n')}]`;
    assert.ok(big.length > 10_000_000, `size ${big.length}`);
    const t0 = process.hrtime.bigint();
    assert.strictEqual(detectFormat('data.json', big), undefined);
    assert.strictEqual(detectFormat('data.yaml', `items:\n${big}`), undefined);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(`      detectFormat on 2 x ${(big.length / 1e6).toFixed(1)} MB: ${ms.toFixed(1)} ms`);
  });
});
