/**
 * Findings that name related resources through the reference index: security groups list what
 * attaches them, KMS keys what they encrypt, CloudTrail trails their public bucket. Fixture tests
 * check lines; these check the wording and that naming users changes nothing else.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles } from '../../server/src/engine';
import type { Finding } from '../../server/src/findings';
import { shortList } from '../../server/src/rules/shared/usage';
import { RULES_SRC } from '../util/paths';

const SG_RULES = [
  'aws-security-group-no-public-ssh',
  'aws-security-group-no-public-rdp',
  'aws-security-group-no-public-all-ports',
  'aws-security-group-no-public-database-ports',
];

function fixture(ruleId: string, path: string): string {
  return readFileSync(join(RULES_SRC(), ruleId, 'fixtures', path), 'utf8');
}

/** Findings with the engine's controls suffix (" — ISO 27001 ...") cut off the message. */
function analyse(path: string, text: string): Finding[] {
  return analyzeFiles([{ path, text }], { today: '2026-01-01' }).findings.map((f) => ({ ...f, message: f.message.split(' — ')[0] }));
}

/** The finding without what may differ: the "(attached to ...)" suffix. */
function shape(f: Finding): string {
  const r = f.range;
  return `${f.ruleId} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${f.severity} fixes=${f.fixes.length} ${f.message.replace(/ \(attached to [^)]*\)$/, '')}`;
}

describe('cross-resource wording', () => {
  it('shortList names at most three, then +N', () => {
    assert.equal(shortList(['a']), 'a');
    assert.equal(shortList(['a', 'b', 'c']), 'a, b, c');
    assert.equal(shortList(['a', 'b', 'c', 'd', 'e']), 'a, b, c +2');
  });

  describe('security group findings name what attaches the group', () => {
    const expected: Record<string, string[]> = {
      'aws-security-group-no-public-ssh': [
        'Security group opens SSH (port 22) to 0.0.0.0/0 (attached to aws_instance.bastion)',
        'Security group opens SSH (port 22) to 0.0.0.0/0 (attached to aws_launch_template.jump, aws_instance.jump)',
      ],
      'aws-security-group-no-public-rdp': ['Security group opens RDP (port 3389) to 0.0.0.0/0 (attached to aws_instance.windows)'],
      'aws-security-group-no-public-all-ports': ['Security group allows all traffic from 0.0.0.0/0 (attached to aws_instance.debug, aws_lb.debug)'],
      'aws-security-group-no-public-database-ports': [
        'Security group opens PostgreSQL (5432) to 0.0.0.0/0 (attached to aws_instance.reporting, aws_db_instance.orders)',
      ],
    };
    for (const ruleId of SG_RULES) {
      it(`${ruleId}: messages, and nothing else changes`, () => {
        const text = fixture(ruleId, 'terraform/fail-attached.tf');
        const withUsers = analyse('main.tf', text);
        const messages = withUsers.filter((f) => f.ruleId === ruleId).map((f) => f.message);
        assert.deepEqual(messages.sort(), [...expected[ruleId]].sort());
        // The same groups without the resources that attach them (they come last in the fixture).
        const cut = text.search(/^resource "aws_(instance|launch_template|lb|db_instance)"/m);
        assert.ok(cut > 0);
        const alone = analyse('main.tf', text.slice(0, cut));
        assert.ok(alone.filter((f) => f.ruleId === ruleId).every((f) => !f.message.includes('attached to')));
        const groups = new Set(alone.map((f) => f.resource.address));
        const onGroups = (fs: Finding[]) => fs.filter((f) => groups.has(f.resource.address)).map(shape).sort();
        assert.deepEqual(onGroups(withUsers), onGroups(alone));
      });
    }

    it('CloudFormation: SecurityGroupIds and GroupId references', () => {
      const text = [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Resources:',
        '  Sg:',
        '    Type: AWS::EC2::SecurityGroup',
        '    Properties:',
        '      GroupDescription: admin',
        '  Ssh:',
        '    Type: AWS::EC2::SecurityGroupIngress',
        '    Properties:',
        '      GroupId: !GetAtt Sg.GroupId',
        '      IpProtocol: tcp',
        '      FromPort: 22',
        '      ToPort: 22',
        '      CidrIp: 0.0.0.0/0',
        '  Host:',
        '    Type: AWS::EC2::Instance',
        '    Properties:',
        '      ImageId: ami-12345678',
        '      SecurityGroupIds: [!Ref Sg]',
        '  Fn:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      VpcConfig:',
        '        SecurityGroupIds: [!GetAtt Sg.GroupId]',
        '        SubnetIds: [subnet-1]',
        '',
      ].join('\n');
      const ssh = analyse('t.yaml', text).filter((f) => f.ruleId === 'aws-security-group-no-public-ssh');
      assert.deepEqual(
        ssh.map((f) => f.message),
        ['Security group opens SSH (port 22) to 0.0.0.0/0 (attached to Host, Fn)'],
      );
    });

    it('lists at most three users', () => {
      const users = [1, 2, 3, 4, 5].map((i) => `resource "aws_instance" "i${i}" {\n  vpc_security_group_ids = [aws_security_group.g.id]\n}\n`);
      const text = `resource "aws_security_group" "g" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n${users.join('')}`;
      const ssh = analyse('main.tf', text).filter((f) => f.ruleId === 'aws-security-group-no-public-ssh');
      assert.deepEqual(
        ssh.map((f) => f.message),
        ['Security group opens SSH (port 22) to 0.0.0.0/0 (attached to aws_instance.i1, aws_instance.i2, aws_instance.i3 +2)'],
      );
    });
  });

  describe('KMS key rotation names what the key encrypts', () => {
    const KMS = 'aws-kms-key-rotation-enabled';
    it('raises to high for data stores and skips aliases', () => {
      const f = analyse('main.tf', fixture(KMS, 'terraform/fail-encrypts-data-stores.tf')).filter((x) => x.ruleId === KMS);
      assert.equal(f.length, 1);
      assert.equal(f[0].severity, 'high');
      assert.equal(
        f[0].message,
        'KMS key does not rotate its key material; it encrypts aws_db_instance.billing, aws_s3_bucket_server_side_encryption_configuration.docs, aws_sns_topic.billing +1',
      );
    });
    it('keeps medium when no data store uses the key', () => {
      const text = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\nresource "aws_sns_topic" "t" {\n  kms_master_key_id = aws_kms_key.k.id\n}\n';
      const f = analyse('main.tf', text).filter((x) => x.ruleId === KMS);
      assert.deepEqual(f.map((x) => [x.severity, x.message]), [['medium', 'KMS key does not rotate its key material; it encrypts aws_sns_topic.t']]);
    });
    it('unchanged when nothing references the key', () => {
      const f = analyse('main.tf', 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n').filter((x) => x.ruleId === KMS);
      assert.deepEqual(f.map((x) => [x.severity, x.message]), [['medium', 'KMS key does not rotate its key material']]);
    });
    it('CloudFormation: a bucket encrypting with the key', () => {
      const text = [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Resources:',
        '  Key:',
        '    Type: AWS::KMS::Key',
        '    Properties:',
        '      EnableKeyRotation: false',
        '  Bucket:',
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        '      BucketEncryption:',
        '        ServerSideEncryptionConfiguration:',
        '          - ServerSideEncryptionByDefault:',
        '              SSEAlgorithm: aws:kms',
        '              KMSMasterKeyID: !GetAtt Key.Arn',
        '',
      ].join('\n');
      const f = analyse('t.yaml', text).filter((x) => x.ruleId === KMS);
      assert.deepEqual(f.map((x) => [x.severity, x.message]), [['high', 'KMS key does not rotate its key material; it encrypts Bucket']]);
    });
  });

  describe('CloudTrail bucket exposure is named', () => {
    const ID = 'aws-cloudtrail-bucket-not-public';
    it('Terraform', () => {
      const f = analyse('main.tf', fixture(ID, 'terraform/fail-literal-name-no-block.tf')).filter((x) => x.ruleId === ID);
      assert.deepEqual(f.map((x) => x.message), [
        'CloudTrail writes its logs to aws_s3_bucket.audit, which is not protected from public access: canned ACL authenticated-read; no public access block',
        'CloudTrail writes its logs to aws_s3_bucket.org, which is not protected from public access: its public access block leaves a setting off',
      ]);
    });
    it('CloudFormation', () => {
      const f = analyse('t.yaml', fixture(ID, 'cloudformation/fail-public-bucket.yaml')).filter((x) => x.ruleId === ID);
      assert.deepEqual(f.map((x) => x.message), [
        'CloudTrail writes its logs to TrailBucket, which is not protected from public access: AccessControl PublicRead; no PublicAccessBlockConfiguration',
        'CloudTrail writes its logs to NamedBucket, which is not protected from public access: its PublicAccessBlockConfiguration leaves a setting off',
      ]);
    });
  });
});
