/**
 * Account-level rules are judged once per workspace (rules/accountLevel.ts): the finding's place
 * and wording, the modules that count, the sources of unreadable modules, and the engine keeping
 * the verdict up to date when one file changes. Fixture tests cover single cases by line.
 */
import assert from 'node:assert/strict';
import { DEFAULT_POLICY } from '../../server/src/config/policy';
import { Engine, mergeUnitReports } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';
import { sourceMaySatisfy } from '../../server/src/rules/accountLevel';

const GUARDDUTY = 'aws-account-guardduty-enabled';
const DEFENDER = 'azure-account-defender-plans-enabled';
const PROVIDER = 'provider "aws" {\n  region = "eu-central-1"\n}\n';
const DETECTOR = 'resource "aws_guardduty_detector" "this" {\n  enable = true\n}\n';

function engineWith(files: Record<string, string>, enabledRules = [GUARDDUTY]): Engine {
  const engine = new Engine({ today: '2026-01-01', policy: { ...DEFAULT_POLICY, enabledRules } });
  for (const [path, text] of Object.entries(files)) engine.setFile(path, text);
  return engine;
}

function of(findings: Finding[], ruleId = GUARDDUTY): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

function where(f: Finding): string {
  return `${f.file}:${f.range.start.line + 1}`;
}

describe('account-level rules (once per workspace)', () => {
  it('reports once, at the first root module provider block, naming what was considered', () => {
    const engine = engineWith({
      'envs/staging/main.tf': PROVIDER + 'module "app" {\n  source = "../../modules/app"\n}\n',
      'envs/prod/main.tf': PROVIDER + 'module "app" {\n  source = "../../modules/app"\n}\n',
      // A child module with its own (legacy) provider block comes first in path order but is no root.
      'a-modules/legacy/main.tf': PROVIDER,
      'modules/app/main.tf': 'module "legacy" {\n  source = "../../a-modules/legacy"\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n',
    });
    const found = of(engine.analyzeAll().findings);
    assert.deepEqual(found.map(where), ['envs/prod/main.tf:1']);
    assert.match(found[0].message, /^No GuardDuty detector \(aws_guardduty_detector\) is defined in the workspace \(4 modules and 3 provider "aws" blocks without alias considered\) — /);
    assert.equal(found[0].fixes.length, 1, 'offers to add the detector at the chosen provider block');
    assert.equal(found[0].fixes[0].edits[0].file, 'envs/prod/main.tf');
  });

  it('falls back to a called module provider block when no root module has one', () => {
    const engine = engineWith({
      'main.tf': 'module "base" {\n  source = "./base"\n}\n',
      'base/main.tf': PROVIDER,
    });
    assert.deepEqual(of(engine.analyzeAll().findings).map(where), ['base/main.tf:1']);
  });

  it('ignores aliased provider blocks, and says nothing without an un-aliased one', () => {
    const aliased = 'provider "aws" {\n  alias  = "us"\n  region = "us-east-1"\n}\n';
    assert.deepEqual(of(engineWith({ 'a/main.tf': aliased, 'b/main.tf': PROVIDER }).analyzeAll().findings).map(where), ['b/main.tf:1']);
    assert.deepEqual(of(engineWith({ 'a/main.tf': aliased }).analyzeAll().findings), []);
  });

  it('a detector anywhere in the workspace, or created through a local module call, satisfies it', () => {
    assert.deepEqual(of(engineWith({ 'a/main.tf': PROVIDER, 'b/main.tf': DETECTOR }).analyzeAll().findings), []);
    const viaCall = engineWith({
      'main.tf': PROVIDER + 'module "sec" {\n  source = "./sec"\n}\n',
      'sec/main.tf': 'module "gd" {\n  source = "../gd"\n}\n',
      'gd/main.tf': DETECTOR,
    });
    assert.deepEqual(of(viaCall.analyzeAll().findings), []);
  });

  it('a disabled detector is reported at its attribute, and no detector is then "missing"', () => {
    const engine = engineWith({ 'a/main.tf': PROVIDER, 'b/main.tf': 'resource "aws_guardduty_detector" "this" {\n  enable = false\n}\n' });
    const found = of(engine.analyzeAll().findings);
    assert.deepEqual(found.map(where), ['b/main.tf:2']);
    assert.match(found[0].message, /aws_guardduty_detector\.this has enable = false/);
  });

  it('modules it cannot read silence it only when their source suggests the service', () => {
    const call = (source: string) => engineWith({ 'main.tf': PROVIDER + `module "m" {\n  source = "${source}"\n}\n` }).analyzeAll().findings;
    assert.deepEqual(of(call('cloudposse/guardduty/aws')), []);
    assert.deepEqual(of(call('./modules/security-baseline')), [], 'a local folder missing from the workspace is unreadable too');
    assert.deepEqual(of(call('git::https://github.com/acme/terraform-aws-landing-zone.git//modules/account?ref=v2')), []);
    assert.equal(of(call('terraform-aws-modules/vpc/aws')).length, 1);
    assert.equal(of(call('./modules/network')).length, 1);
  });

  it('sourceMaySatisfy matches whole words, not hosts, owners or refs', () => {
    const hints = ['guardduty', 'security-hub', 'org', 'account'];
    assert.ok(sourceMaySatisfy('cloudposse/guardduty/aws', hints));
    assert.ok(sourceMaySatisfy('app.terraform.io/acme/security-hub/aws', hints));
    assert.ok(sourceMaySatisfy('github.com/acme/terraform-aws-security_hub', hints));
    assert.ok(sourceMaySatisfy('terraform-aws-modules/iam/aws//modules/iam-account', hints));
    assert.ok(sourceMaySatisfy('../modules/org-baseline', hints));
    assert.ok(!sourceMaySatisfy('acme-org/vpc/aws', hints), 'the registry namespace says nothing');
    assert.ok(!sourceMaySatisfy('git::https://git.example.org/acme/vpc.git?ref=account-v1', hints), 'host and ref say nothing');
    assert.ok(!sourceMaySatisfy('terraform-aws-modules/security-group/aws', hints));
    assert.ok(!sourceMaySatisfy('acme/guarddutyish/aws', hints), 'whole words only');
  });

  it('is off by default', () => {
    const engine = new Engine({ today: '2026-01-01' });
    engine.setFile('main.tf', PROVIDER);
    assert.deepEqual(of(engine.analyzeAll().findings), []);
  });

  it('honours a suppression on the provider block that carries it', () => {
    const text = '# trustlint:ignore aws-account-guardduty-enabled detectors are managed by the security account\n' + PROVIDER;
    const found = of(engineWith({ 'main.tf': text }).analyzeAll().findings);
    assert.equal(found.length, 1);
    assert.ok(found[0].suppressed, 'suppressed');
  });

  it('merging unit reports (the CLI --jobs path) gives the same findings', () => {
    const engine = engineWith({ 'b/main.tf': PROVIDER, 'a/main.tf': PROVIDER + 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' });
    const direct = engine.analyzeAll().findings;
    const merged = mergeUnitReports(engine.unitReports(engine.unitIds())).findings;
    assert.deepEqual(merged.map((f) => `${where(f)} ${f.message}`), direct.map((f) => `${where(f)} ${f.message}`));
    assert.equal(of(direct).length, 1);
  });

  it('combines requirements across modules (Defender plans split over two root modules)', () => {
    const plan = (name: string, type: string) => `resource "azurerm_security_center_subscription_pricing" "${name}" {\n  tier          = "Standard"\n  resource_type = "${type}"\n}\n`;
    const provider = 'provider "azurerm" {\n  features {}\n}\n';
    const files = {
      'compute/main.tf': provider + plan('vm', 'VirtualMachines') + plan('containers', 'Containers'),
      'data/main.tf': provider + plan('sql', 'SqlServers') + plan('storage', 'StorageAccounts'),
    };
    const partial = of(engineWith(files, [DEFENDER]).analyzeAll().findings, DEFENDER);
    assert.deepEqual(partial.map(where), ['compute/main.tf:1']);
    assert.match(partial[0].message, /declared nowhere in the workspace: KeyVaults \(2 modules/);
    const complete = { ...files, 'security/main.tf': plan('kv', 'KeyVaults') };
    assert.deepEqual(of(engineWith(complete, [DEFENDER]).analyzeAll().findings, DEFENDER), []);
  });

  describe('incremental analysis (what the language server republishes)', () => {
    it('a detector added in another module removes the finding from the provider file, and back', () => {
      const engine = engineWith({ 'envs/prod/main.tf': PROVIDER, 'envs/staging/main.tf': PROVIDER });
      assert.deepEqual(of(engine.analyzeAll().findings).map(where), ['envs/prod/main.tf:1']);
      assert.equal(of(engine.fileResult('envs/prod/main.tf').findings).length, 1);

      engine.setFile('envs/staging/security.tf', DETECTOR);
      const added = engine.analyzeAffected('envs/staging/security.tf');
      assert.ok(added.files.includes('envs/prod/main.tf'), `the provider file is republished: ${added.files.join(', ')}`);
      assert.deepEqual(of(engine.fileResult('envs/prod/main.tf').findings), []);

      engine.setFile('envs/staging/security.tf', '# moved elsewhere\n');
      const removed = engine.analyzeAffected('envs/staging/security.tf');
      assert.ok(removed.files.includes('envs/prod/main.tf'));
      assert.deepEqual(of(removed.result.findings).map(where), ['envs/prod/main.tf:1'], 'the result carries the finding of a republished file');
      assert.equal(of(engine.fileResult('envs/prod/main.tf').findings).length, 1);
    });

    it('an edit that changes nothing at workspace level republishes only its own files', () => {
      const engine = engineWith({ 'envs/prod/main.tf': PROVIDER, 'envs/staging/main.tf': PROVIDER });
      engine.analyzeAll();
      engine.setFile('envs/staging/main.tf', PROVIDER + 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n');
      assert.deepEqual(engine.analyzeAffected('envs/staging/main.tf').files, ['envs/staging/main.tf']);
    });

    it('an account setting in another module silences a rule everywhere, and republishes its files', () => {
      const engine = new Engine({ today: '2026-01-01' });
      engine.setFile('app/main.tf', 'resource "aws_ebs_volume" "scratch" {\n  availability_zone = "eu-central-1a"\n  size              = 20\n}\n');
      assert.equal(of(engine.analyzeAll().findings, 'aws-ebs-volume-encrypted').length, 1);
      engine.setFile('baseline/main.tf', 'resource "aws_ebs_encryption_by_default" "this" {}\n');
      const on = engine.analyzeAffected('baseline/main.tf');
      assert.ok(on.files.includes('app/main.tf'), `the volume's file is republished: ${on.files.join(', ')}`);
      assert.deepEqual(of(engine.fileResult('app/main.tf').findings, 'aws-ebs-volume-encrypted'), []);
      engine.setFile('baseline/main.tf', 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = false\n}\n');
      const off = engine.analyzeAffected('baseline/main.tf');
      assert.ok(off.files.includes('app/main.tf'));
      assert.equal(of(engine.fileResult('app/main.tf').findings, 'aws-ebs-volume-encrypted').length, 1);
    });

    it('a module that turns the setting off itself keeps its findings when another module turns it on', () => {
      const engine = new Engine({ today: '2026-01-01' });
      const volume = 'resource "aws_ebs_volume" "scratch" {\n  availability_zone = "eu-central-1a"\n  size              = 20\n}\n';
      engine.setFile('app/main.tf', volume + 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = false\n}\n');
      engine.setFile('other/main.tf', volume);
      engine.setFile('baseline/main.tf', 'resource "aws_ebs_encryption_by_default" "this" {}\n');
      const findings = of(engine.analyzeAll().findings, 'aws-ebs-volume-encrypted');
      assert.deepEqual(findings.map((f) => f.file), ['app/main.tf']);
      assert.equal(of(engine.fileResult('app/main.tf').findings, 'aws-ebs-volume-encrypted').length, 1);
      assert.deepEqual(of(engine.fileResult('other/main.tf').findings, 'aws-ebs-volume-encrypted'), []);
    });

    it('the finding moves when the chosen provider block goes away', () => {
      const engine = engineWith({ 'envs/prod/main.tf': PROVIDER, 'envs/staging/main.tf': PROVIDER });
      engine.analyzeAll();
      engine.setFile('envs/prod/main.tf', 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n');
      const { files } = engine.analyzeAffected('envs/prod/main.tf');
      assert.deepEqual(files, ['envs/prod/main.tf', 'envs/staging/main.tf']);
      assert.deepEqual(of(engine.fileResult('envs/staging/main.tf').findings).map(where), ['envs/staging/main.tf:1']);
    });
  });
});
