/**
 * Deterministic synthetic IaC corpus generator (benchmarks / load tests).
 *
 *   generateTerraformCorpus({ files: 1000, seed: 42 })
 *     -> [{ path: 'modules/aws/payments-storage-3/main.tf', text: '...' }, ...]
 *
 *   generateCloudFormationTemplate({ resources: 200, seed: 7, format: 'yaml' })
 *     -> 'AWSTemplateFormatVersion: ...'
 *
 * Output depends only on the options (seeded PRNG, no Math.random, no clock,
 * no filesystem). The code is built from templates of realistic Terraform /
 * CloudFormation that are varied by name, count, CIDR, region and
 * compliance flags. About 30% of the generated resources are non-compliant
 * (public ingress, unencrypted storage, no backups, wildcard IAM ...).
 *
 * The module only depends on Node built-ins (and only uses them in the
 * optional CLI at the bottom).
 */

export interface GeneratedFile {
  path: string;
  text: string;
}

export interface TerraformCorpusOptions {
  /** Exact number of files to generate. */
  files: number;
  /** PRNG seed; the same seed always yields the same corpus. Default 1. */
  seed?: number;
}

export interface CloudFormationTemplateOptions {
  /** Exact number of entries under `Resources`. */
  resources: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  format: 'yaml' | 'json';
}

// ---------------------------------------------------------------------------
// PRNG (mulberry32 seeded through a splitmix32-style scrambler)
// ---------------------------------------------------------------------------

class Rng {
  private state: number;

  constructor(seed: number) {
    let s = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0;
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
    this.state = (s ^ (s >>> 16)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() from empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    while (out.length < n && copy.length > 0) {
      out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    }
    return out;
  }

  hex(len: number): string {
    let s = '';
    while (s.length < len) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
}

// ---------------------------------------------------------------------------
// Shared vocabulary
// ---------------------------------------------------------------------------

type Cloud = 'aws' | 'azure' | 'gcp';

const SERVICES = [
  'payments', 'orders', 'catalog', 'search', 'billing', 'identity', 'ledger', 'inventory',
  'shipping', 'notifications', 'analytics', 'reporting', 'checkout', 'profile', 'pricing',
  'recommendations', 'fraud', 'audit', 'gateway', 'media', 'invoicing', 'subscriptions',
  'loyalty', 'support', 'onboarding', 'kyc', 'risk', 'warehouse', 'telemetry', 'crm',
] as const;

const FACETS = ['storage', 'network', 'data', 'compute', 'api', 'workers', 'platform', 'security', 'events', 'cache'] as const;
const ENVS = ['prod', 'staging', 'dev', 'qa', 'sandbox'] as const;
const TEAMS = ['platform', 'payments', 'growth', 'data', 'core', 'sre', 'mobile', 'security'] as const;

const REGIONS: Record<Cloud, readonly string[]> = {
  aws: ['eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2', 'ap-southeast-2', 'eu-north-1'],
  azure: ['westeurope', 'northeurope', 'germanywestcentral', 'eastus2', 'uksouth', 'swedencentral'],
  gcp: ['europe-west1', 'europe-west3', 'europe-west4', 'us-central1', 'us-east4', 'asia-northeast1'],
};

/** Fraction of generated resources that are deliberately non-compliant. */
const BAD_RATE = 0.3;

// HCL interpolation marker: templates write `@{expr}` and it is turned into
// `${expr}` at the end, so TS `${...}` stays available for generator values.
function hcl(text: string): string {
  return text.replace(/@\{/g, '${');
}

/** Quote a generator value as an HCL string literal. */
function q(s: string): string {
  return (
    '"' +
    s
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/\n/g, '\\n')
      .replace(/\$\{/g, '$${')
      .replace(/%\{/g, '%%{') +
    '"'
  );
}

function hlist(items: readonly string[]): string {
  return '[' + items.map(q).join(', ') + ']';
}

function ident(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n : n + 1;
}

// ---------------------------------------------------------------------------
// Terraform: module context
// ---------------------------------------------------------------------------

interface VarSpec {
  type: string;
  default?: string;
  description: string;
  validation?: { condition: string; message: string };
  sensitive?: boolean;
}

interface OutputSpec {
  name: string;
  value: string;
  description?: string;
  sensitive?: boolean;
}

interface ModuleInfo {
  cloud: Cloud;
  dir: string;
  name: string;
  outputs: string[];
  vars: string[];
}

class TfModule {
  readonly labels = new Map<string, number>();
  readonly vars = new Set<string>();
  readonly outputs: OutputSpec[] = [];
  readonly providers = new Set<string>();

  constructor(
    readonly rng: Rng,
    readonly cloud: Cloud,
    readonly name: string,
    readonly service: string,
    readonly env: string,
    readonly region: string,
    readonly cidr: string,
  ) {
    this.providers.add(cloud === 'aws' ? 'aws' : cloud === 'azure' ? 'azurerm' : 'google');
  }

  /** Unique resource label within the module. */
  label(base: string): string {
    const n = (this.labels.get(base) ?? 0) + 1;
    this.labels.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  }

  /** Reference a module variable (it is declared in variables.tf later). */
  v(name: string): string {
    this.vars.add(name);
    return `var.${name}`;
  }

  bad(): boolean {
    return this.rng.chance(BAD_RATE);
  }

  out(name: string, value: string, extra: Partial<OutputSpec> = {}): void {
    let n = name;
    let i = 2;
    while (this.outputs.some((o) => o.name === n)) n = `${name}_${i++}`;
    this.outputs.push({ name: n, value, ...extra });
  }
}

function varCatalog(m: TfModule): Record<string, VarSpec> {
  const r = m.rng;
  const cloudRegionDefault = q(m.region);
  return {
    name: {
      type: 'string',
      default: q(m.name),
      description: 'Name prefix applied to every resource in this module.',
      validation: {
        condition: 'can(regex("^[a-z][a-z0-9-]{2,40}$", var.name))',
        message: 'name must be 3-41 lowercase alphanumerics or hyphens.',
      },
    },
    environment: {
      type: 'string',
      default: q(m.env),
      description: 'Deployment environment.',
      validation: {
        condition: `contains(${hlist(ENVS)}, var.environment)`,
        message: 'Unknown environment.',
      },
    },
    tags: {
      type: 'map(string)',
      default: `{\n    Team       = ${q(r.pick(TEAMS))}\n    CostCenter = ${q('CC-' + r.int(100, 999))}\n  }`,
      description: 'Additional tags merged into the default tags.',
    },
    region: { type: 'string', default: cloudRegionDefault, description: 'Primary region.' },
    location: { type: 'string', default: cloudRegionDefault, description: 'Azure location.' },
    project_id: { type: 'string', default: q(`acme-${m.env}-${r.int(1000, 9999)}`), description: 'GCP project ID.' },
    resource_group_name: { type: 'string', default: q(`rg-${m.name}`), description: 'Resource group for all resources.' },
    vpc_id: { type: 'string', default: q(`vpc-0${r.hex(16)}`), description: 'VPC the resources are placed in.' },
    vpc_cidr: {
      type: 'string',
      default: q(m.cidr),
      description: 'IPv4 CIDR of the VPC / VNet.',
      validation: { condition: 'can(cidrnetmask(var.vpc_cidr))', message: 'vpc_cidr must be a valid IPv4 CIDR block.' },
    },
    subnet_ids: {
      type: 'list(string)',
      default: `[${[0, 1, 2].map(() => q(`subnet-0${r.hex(16)}`)).join(', ')}]`,
      description: 'Private subnets.',
    },
    allowed_cidrs: {
      type: 'list(string)',
      default: hlist([`10.${r.int(0, 255)}.0.0/16`, `192.168.${r.int(0, 255)}.0/24`]),
      description: 'CIDR ranges allowed to reach the service.',
    },
    kms_key_arn: {
      type: 'string',
      default: 'null',
      description: 'Customer managed key; null falls back to the service default key.',
    },
    create: { type: 'bool', default: 'true', description: 'Feature flag to disable the whole module.' },
    log_retention_days: {
      type: 'number',
      default: String(r.pick([30, 90, 365, 400])),
      description: 'Retention of log groups in days.',
      validation: { condition: 'var.log_retention_days >= 1', message: 'Retention must be at least one day.' },
    },
    instance_type: { type: 'string', default: q(r.pick(['t3.medium', 'm6i.large', 'c7g.xlarge', 'r6g.large'])), description: 'EC2 instance type.' },
    min_size: { type: 'number', default: String(r.int(1, 3)), description: 'Minimum capacity.' },
    max_size: { type: 'number', default: String(r.int(4, 12)), description: 'Maximum capacity.' },
    alarm_topic_arn: { type: 'string', default: 'null', description: 'SNS topic that receives alarms.' },
    db_username: { type: 'string', default: q('app_admin'), description: 'Master user name.', sensitive: true },
    image: {
      type: 'string',
      default: q(`123456789012.dkr.ecr.${m.region}.amazonaws.com/${m.service}:${r.int(1, 4)}.${r.int(0, 20)}.${r.int(0, 9)}`),
      description: 'Container image.',
    },
    certificate_arn: {
      type: 'string',
      default: q(`arn:aws:acm:${m.region}:123456789012:certificate/${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`),
      description: 'ACM certificate for HTTPS listeners.',
    },
    tenant_id: { type: 'string', default: q(`${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`), description: 'Entra ID tenant.' },
    admin_object_ids: {
      type: 'list(string)',
      default: `[${q(`${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`)}]`,
      description: 'Object IDs granted administrative access.',
    },
    network: { type: 'string', default: q(`projects/acme-shared/global/networks/${m.env}-vpc`), description: 'VPC self link.' },
    service_config: {
      type: `object({\n    port          = optional(number, 8080)\n    cpu           = optional(number, 512)\n    memory        = optional(number, 1024)\n    desired_count = optional(number, 2)\n    health_path   = optional(string, "/healthz")\n    env           = optional(map(string), {})\n  })`,
      default: '{}',
      description: 'Runtime settings of the service.',
    },
    alarms: {
      type: `map(object({\n    metric    = string\n    threshold = number\n    operator  = optional(string, "GreaterThanThreshold")\n    period    = optional(number, 300)\n  }))`,
      default: `{\n    cpu = { metric = "CPUUtilization", threshold = ${r.pick([70, 80, 90])} }\n    errors = { metric = "Errors", threshold = ${r.int(1, 20)}, period = 60 }\n  }`,
      description: 'CloudWatch alarms keyed by short name.',
    },
  };
}

// ---------------------------------------------------------------------------
// Terraform resource templates
// ---------------------------------------------------------------------------

type Template = (m: TfModule) => string;

const awsTemplates: Array<readonly [Template, number]> = [
  [awsS3Bucket, 4],
  [awsS3Legacy, 1],
  [awsSecurityGroup, 4],
  [awsSecurityGroupRules, 2],
  [awsRds, 2],
  [awsKms, 3],
  [awsIamRole, 3],
  [awsIamPolicyDocument, 2],
  [awsCloudTrail, 1],
  [awsAlarms, 2],
  [awsMessaging, 2],
  [awsDynamo, 2],
  [awsLambda, 2],
  [awsEbs, 2],
  [awsEcs, 2],
  [awsAlb, 2],
  [awsEksNodeGroup, 1],
  [awsVpc, 1],
  [awsLogGroups, 2],
  [awsInstance, 2],
];

const azureTemplates: Array<readonly [Template, number]> = [
  [azStorage, 4],
  [azKeyVault, 3],
  [azNsg, 4],
  [azVnet, 2],
  [azSql, 2],
  [azWebApp, 2],
  [azMonitor, 2],
  [azAks, 1],
];

const gcpTemplates: Array<readonly [Template, number]> = [
  [gcpBucket, 4],
  [gcpFirewall, 4],
  [gcpInstance, 2],
  [gcpSql, 2],
  [gcpIam, 3],
  [gcpGke, 1],
  [gcpKms, 2],
];

function awsS3Bucket(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['data', 'uploads', 'artifacts', 'exports', 'backups', 'reports', 'assets']));
  const bad = m.bad();
  const badPab = m.bad();
  const kms = r.chance(0.6);
  const parts: string[] = [];
  parts.push(`resource "aws_s3_bucket" "${l}" {
  bucket        = "@{${m.v('name')}}-${l.replace(/_/g, '-')}-@{${m.v('environment')}}"
  force_destroy = ${m.v('environment')} != "prod"

  tags = merge(local.tags, {
    Name               = "@{${m.v('name')}}-${l}"
    DataClassification = ${q(r.pick(['internal', 'confidential', 'restricted', 'public']))}
  })
}

resource "aws_s3_bucket_versioning" "${l}" {
  bucket = aws_s3_bucket.${l}.id

  versioning_configuration {
    status = ${bad ? '"Suspended"' : '"Enabled"'}
  }
}
`);
  if (!bad) {
    parts.push(`
resource "aws_s3_bucket_server_side_encryption_configuration" "${l}" {
  bucket = aws_s3_bucket.${l}.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = ${kms ? '"aws:kms"' : '"AES256"'}
      kms_master_key_id = ${kms ? m.v('kms_key_arn') : 'null'}
    }
    bucket_key_enabled = ${kms}
  }
}
`);
  }
  parts.push(`
resource "aws_s3_bucket_public_access_block" "${l}" {
  bucket                  = aws_s3_bucket.${l}.id
  block_public_acls       = ${!badPab}
  block_public_policy     = ${!badPab}
  ignore_public_acls      = ${!badPab}
  restrict_public_buckets = ${!badPab}
}
`);
  if (badPab && r.chance(0.5)) {
    parts.push(`
resource "aws_s3_bucket_acl" "${l}" {
  bucket = aws_s3_bucket.${l}.id
  acl    = "public-read"
}
`);
  }
  if (r.chance(0.6)) {
    parts.push(`
resource "aws_s3_bucket_lifecycle_configuration" "${l}" {
  bucket = aws_s3_bucket.${l}.id

  rule {
    id     = "tiering"
    status = "Enabled"

    filter {
      prefix = ${q(r.pick(['', 'logs/', 'tmp/', 'exports/']))}
    }

    transition {
      days          = ${r.pick([30, 60, 90])}
      storage_class = "STANDARD_IA"
    }

    transition {
      days          = ${r.pick([180, 365])}
      storage_class = ${q(r.pick(['GLACIER', 'GLACIER_IR', 'DEEP_ARCHIVE']))}
    }

    noncurrent_version_expiration {
      noncurrent_days = ${r.pick([30, 90, 180])}
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}
`);
  }
  if (r.chance(0.5)) {
    parts.push(`
resource "aws_s3_bucket_logging" "${l}" {
  bucket        = aws_s3_bucket.${l}.id
  target_bucket = "acme-@{${m.v('environment')}}-s3-access-logs"
  target_prefix = "${l}/"
}
`);
  }
  parts.push(`
resource "aws_s3_bucket_policy" "${l}" {
  bucket = aws_s3_bucket.${l}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.${l}.arn, "@{aws_s3_bucket.${l}.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },${badPab ? `
      {
        Sid       = "PublicRead"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["s3:GetObject"]
        Resource  = "@{aws_s3_bucket.${l}.arn}/*"
      },` : ''}
    ]
  })
}
`);
  m.out(`${l}_bucket_arn`, `aws_s3_bucket.${l}.arn`, { description: `ARN of the ${l} bucket` });
  return hcl(parts.join(''));
}

function awsS3Legacy(m: TfModule): string {
  const r = m.rng;
  const l = m.label('legacy_' + r.pick(['static', 'media', 'dumps', 'share']));
  const bad = m.bad() || r.chance(0.3);
  return hcl(`# Pre-v4 inline configuration, kept until the provider upgrade.
resource "aws_s3_bucket" "${l}" {
  bucket = "acme-${m.service}-${l.replace(/_/g, '-')}-${r.int(100, 999)}"
  acl    = ${bad ? q(r.pick(['public-read', 'public-read-write', 'authenticated-read'])) : '"private"'}

  versioning {
    enabled = ${!bad}
  }
${bad ? '' : `
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
`}
  lifecycle_rule {
    id      = "expire-old"
    enabled = true
    prefix  = "tmp/"

    expiration {
      days = ${r.pick([7, 14, 30])}
    }
  }

  tags = {
    Name  = ${q(l)}
    Owner = ${q(r.pick(TEAMS))}
  }
}
`);
}

function awsSecurityGroup(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['app', 'web', 'db', 'cache', 'bastion', 'internal', 'workers']));
  const bad = m.bad();
  const ports = r.sample([80, 443, 8080, 8443, 5432, 6379, 3306, 9200, 9092], r.int(1, 4)).sort((a, b) => a - b);
  const badPort = r.pick([22, 3389, 22, 0]);
  const badRule = bad
    ? badPort === 0
      ? `
  ingress {
    description = "temporary debugging access"
    from_port   = 0
    to_port     = 65535
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
`
      : `
  ingress {
    description      = ${q(badPort === 22 ? 'SSH for on-call' : 'RDP for vendor support')}
    from_port        = ${badPort}
    to_port          = ${badPort}
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]${r.chance(0.4) ? '\n    ipv6_cidr_blocks = ["::/0"]' : ''}
  }
`
    : '';
  m.out(`${l}_security_group_id`, `aws_security_group.${l}.id`);
  return hcl(`resource "aws_security_group" "${l}" {
  name_prefix = "@{${m.v('name')}}-${l}-"
  description = ${q(`${l} tier of ${m.service}`)}
  vpc_id      = ${m.v('vpc_id')}

  dynamic "ingress" {
    for_each = toset(${JSON.stringify(ports)})
    content {
      description = "port @{ingress.value} from allowed ranges"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ${m.v('allowed_cidrs')}
    }
  }
${badRule}
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ${r.chance(0.5) ? '["0.0.0.0/0"]' : `[${m.v('vpc_cidr')}]`}
  }

  tags = merge(local.tags, { Name = "@{${m.v('name')}}-${l}" })

  lifecycle {
    create_before_destroy = true
  }
}
`);
}

function awsSecurityGroupRules(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['service', 'ingress', 'peer']));
  const bad = m.bad();
  const ports = r.sample([443, 8080, 9090, 5432, 6379, 11211, 2049], r.int(2, 4));
  const badPort = r.pick([22, 3389]);
  return hcl(`resource "aws_security_group" "${l}" {
  name        = "@{${m.v('name')}}-${l}"
  description = "Managed by Terraform"
  vpc_id      = ${m.v('vpc_id')}
}

resource "aws_security_group_rule" "${l}_ingress" {
  count = length(local.${l}_ports)

  type              = "ingress"
  from_port         = local.${l}_ports[count.index]
  to_port           = local.${l}_ports[count.index]
  protocol          = "tcp"
  cidr_blocks       = [${m.v('vpc_cidr')}]
  security_group_id = aws_security_group.${l}.id
  description       = "rule @{count.index + 1} of @{length(local.${l}_ports)}"
}

resource "aws_vpc_security_group_ingress_rule" "${l}_peers" {
  for_each = { for idx, cidr in ${m.v('allowed_cidrs')} : tostring(idx) => cidr }

  security_group_id = aws_security_group.${l}.id
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}
${bad ? `
resource "aws_vpc_security_group_ingress_rule" "${l}_ssh_anywhere" {
  security_group_id = aws_security_group.${l}.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = ${badPort}
  to_port           = ${badPort}
  description       = "TODO remove after migration"
}
` : ''}
locals {
  ${l}_ports = ${JSON.stringify(ports)}
}
`);
}

function awsRds(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['main', 'reporting', 'core', 'ledger']));
  const bad = m.bad();
  const engine = r.pick(['postgres', 'mysql']);
  const version = engine === 'postgres' ? r.pick(['14.11', '15.6', '16.2']) : r.pick(['8.0.35', '8.0.36']);
  const family = engine === 'postgres' ? `postgres${version.split('.')[0]}` : 'mysql8.0';
  m.out(`${l}_db_endpoint`, `try(aws_db_instance.${l}[0].endpoint, null)`);
  return hcl(`resource "aws_db_subnet_group" "${l}" {
  count      = ${m.v('create')} ? 1 : 0
  name       = "@{${m.v('name')}}-${l}"
  subnet_ids = ${m.v('subnet_ids')}
  tags       = local.tags
}

resource "aws_db_parameter_group" "${l}" {
  count  = ${m.v('create')} ? 1 : 0
  name   = "@{${m.v('name')}}-${l}-${family.replace('.', '-')}"
  family = ${q(family)}

  dynamic "parameter" {
    for_each = ${engine === 'postgres'
      ? `{
      "log_connections"            = "1"
      "log_min_duration_statement" = "${r.pick([250, 500, 1000])}"
      "rds.force_ssl"              = "${bad ? 0 : 1}"
    }`
      : `{
      "require_secure_transport" = "${bad ? 'OFF' : 'ON'}"
      "slow_query_log"           = "1"
      "long_query_time"          = "${r.pick([1, 2, 5])}"
    }`}
    content {
      name  = parameter.key
      value = parameter.value
    }
  }
}

resource "aws_db_instance" "${l}" {
  count = ${m.v('create')} ? 1 : 0

  identifier     = "@{${m.v('name')}}-${l}"
  engine         = ${q(engine)}
  engine_version = ${q(version)}
  instance_class = ${m.v('environment')} == "prod" ? ${q(r.pick(['db.r6g.large', 'db.r6g.xlarge', 'db.m6g.large']))} : "db.t4g.medium"

  allocated_storage     = ${r.pick([20, 50, 100, 200])}
  max_allocated_storage = ${r.pick([500, 1000])}
  storage_type          = "gp3"
  storage_encrypted     = ${!bad}
  kms_key_id            = ${bad ? 'null' : m.v('kms_key_arn')}

  username                    = ${m.v('db_username')}
  manage_master_user_password = true

  db_subnet_group_name = aws_db_subnet_group.${l}[0].name
  parameter_group_name = aws_db_parameter_group.${l}[0].name
  publicly_accessible  = ${bad && r.chance(0.6)}
  multi_az             = ${m.v('environment')} == "prod"

  backup_retention_period = ${bad ? 0 : r.pick([7, 14, 35])}
  backup_window           = "0${r.int(1, 4)}:00-0${r.int(5, 6)}:00"
  deletion_protection     = ${!bad}
  skip_final_snapshot     = ${bad}
  copy_tags_to_snapshot   = true

  iam_database_authentication_enabled = ${!bad}
  performance_insights_enabled        = ${r.chance(0.7)}
  enabled_cloudwatch_logs_exports     = ${engine === 'postgres' ? '["postgresql", "upgrade"]' : '["error", "slowquery"]'}

  tags = local.tags

  lifecycle {
    ignore_changes = [engine_version]
  }
}
`);
}

function awsKms(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['data', 'logs', 'secrets', 'backup', 'app']));
  const bad = m.bad();
  m.out(`${l}_kms_key_arn`, `aws_kms_key.${l}.arn`);
  return hcl(`data "aws_caller_identity" "${l}" {}

resource "aws_kms_key" "${l}" {
  description             = "${m.service} ${l} key (@{${m.v('environment')}})"
  deletion_window_in_days = ${r.pick([7, 14, 30])}
  enable_key_rotation     = ${!bad}
  multi_region            = ${r.chance(0.2)}

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "RootAccess"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::@{data.aws_caller_identity.${l}.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "ServiceUse"
        Effect    = "Allow"
        Principal = { Service = ${q(r.pick(['logs.amazonaws.com', 's3.amazonaws.com', 'sns.amazonaws.com', 'rds.amazonaws.com']))} }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
      },
    ]
  })

  tags = local.tags
}

resource "aws_kms_alias" "${l}" {
  name          = "alias/@{${m.v('name')}}/${l}"
  target_key_id = aws_kms_key.${l}.key_id
}
`);
}

function awsIamRole(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['task', 'worker', 'deployer', 'reader', 'lambda', 'ci']));
  const bad = m.bad();
  const principal = r.pick(['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'ec2.amazonaws.com', 'states.amazonaws.com']);
  const actions = r.sample(['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'sqs:SendMessage', 'sqs:ReceiveMessage', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'kms:Decrypt', 'secretsmanager:GetSecretValue'], r.int(2, 5));
  const useHeredoc = r.chance(0.5);
  const policy = useHeredoc
    ? `<<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "${ident(l)}Access",
          "Effect": "Allow",
          "Action": ${bad ? '"*"' : JSON.stringify(actions)},
          "Resource": ${bad ? '"*"' : `"arn:aws:*:@{${m.v('region')}}:*:${m.service}-*"`}
        }
      ]
    }
  EOF`
    : `jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "${ident(l)}Access"
        Effect   = "Allow"
        Action   = ${bad ? '"*"' : hlist(actions)}
        Resource = ${bad ? '"*"' : `["arn:aws:*:@{${m.v('region')}}:*:${m.service}-*"]`}
      },
    ]
  })`;
  m.out(`${l}_role_arn`, `aws_iam_role.${l}.arn`);
  return hcl(`resource "aws_iam_role" "${l}" {
  name                 = "@{${m.v('name')}}-${l}"
  max_session_duration = ${r.pick([3600, 7200, 43200])}

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = ${q(principal)} }
    }]
  })

  tags = local.tags
}

resource "aws_iam_role_policy" "${l}" {
  name   = "${l}-inline"
  role   = aws_iam_role.${l}.id
  policy = ${policy}
}

resource "aws_iam_role_policy_attachment" "${l}" {
  for_each = toset([
    ${r.sample(['"arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"', '"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"', '"arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"'], r.int(1, 2)).join(',\n    ')},
  ])

  role       = aws_iam_role.${l}.name
  policy_arn = each.value
}
`);
}

function awsIamPolicyDocument(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['readonly', 'publisher', 'consumer', 'operator']));
  const bad = m.bad();
  return hcl(`data "aws_iam_policy_document" "${l}" {
  statement {
    sid       = "Read"
    effect    = "Allow"
    actions   = ${hlist(r.sample(['s3:GetObject', 's3:ListBucket', 'dynamodb:Query', 'dynamodb:GetItem', 'sqs:ReceiveMessage', 'sns:Publish'], 3))}
    resources = ["arn:aws:s3:::@{${m.v('name')}}-*", "arn:aws:s3:::@{${m.v('name')}}-*/*"]

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ${hlist(r.sample(TEAMS, 2))}
    }
  }

  statement {
    sid     = "AssumeFromAccount"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${r.int(100000000000, 999999999999)}:root"]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
${bad ? `
  statement {
    sid       = "Everything"
    actions   = ["*"]
    resources = ["*"]
  }
` : ''}}

resource "aws_iam_policy" "${l}" {
  name        = "@{${m.v('name')}}-${l}"
  description = ${q(`${l} access for ${m.service}`)}
  policy      = data.aws_iam_policy_document.${l}.json
}
`);
}

function awsCloudTrail(m: TfModule): string {
  const r = m.rng;
  const l = m.label('trail');
  const bad = m.bad() || r.chance(0.2);
  return hcl(`resource "aws_cloudtrail" "${l}" {
  name                          = "@{${m.v('name')}}-${l}"
  s3_bucket_name                = "acme-@{${m.v('environment')}}-cloudtrail"
  include_global_service_events = true
  is_multi_region_trail         = ${!bad}
  enable_log_file_validation    = ${!bad}
  kms_key_id                    = ${bad ? 'null' : m.v('kms_key_arn')}
  cloud_watch_logs_group_arn    = ${bad ? 'null' : `"@{aws_cloudwatch_log_group.${l}.arn}:*"`}
  cloud_watch_logs_role_arn     = ${bad ? 'null' : `"arn:aws:iam::123456789012:role/cloudtrail-to-cwl"`}

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudwatch_log_group" "${l}" {
  name              = "/aws/cloudtrail/@{${m.v('name')}}"
  retention_in_days = ${m.v('log_retention_days')}
}
`);
}

function awsAlarms(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['service', 'queue', 'api', 'db']));
  return hcl(`resource "aws_cloudwatch_metric_alarm" "${l}" {
  for_each = ${m.v('alarms')}

  alarm_name          = "@{${m.v('name')}}-${l}-@{each.key}"
  alarm_description   = "@{each.value.metric} @{each.value.operator} @{each.value.threshold} on ${m.service}"
  namespace           = ${q(r.pick(['AWS/ECS', 'AWS/Lambda', 'AWS/RDS', 'AWS/ApplicationELB', 'AWS/SQS']))}
  metric_name         = each.value.metric
  comparison_operator = each.value.operator
  threshold           = each.value.threshold
  period              = each.value.period
  statistic           = "Average"
  evaluation_periods  = ${r.int(1, 5)}
  datapoints_to_alarm = ${r.int(1, 2)}
  treat_missing_data  = ${q(r.pick(['notBreaching', 'missing', 'breaching']))}
  alarm_actions       = compact([${m.v('alarm_topic_arn')}])
  ok_actions          = compact([${m.v('alarm_topic_arn')}])

  dimensions = {
    ServiceName = ${m.v('name')}
  }

  tags = local.tags
}
`);
}

function awsMessaging(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['events', 'jobs', 'emails', 'webhooks', 'ingest']));
  const bad = m.bad();
  const fifo = r.chance(0.25);
  const sfx = fifo ? '.fifo' : '';
  m.out(`${l}_queue_url`, `aws_sqs_queue.${l}.url`);
  return hcl(`resource "aws_sqs_queue" "${l}_dlq" {
  name                      = "@{${m.v('name')}}-${l}-dlq${sfx}"
  fifo_queue                = ${fifo}
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = ${!bad}
}

resource "aws_sqs_queue" "${l}" {
  name                       = "@{${m.v('name')}}-${l}${sfx}"
  fifo_queue                 = ${fifo}
  visibility_timeout_seconds = ${r.pick([30, 60, 120, 300])}
  receive_wait_time_seconds  = 20
  ${bad ? 'sqs_managed_sse_enabled    = false' : `kms_master_key_id          = coalesce(${m.v('kms_key_arn')}, "alias/aws/sqs")`}

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.${l}_dlq.arn
    maxReceiveCount     = ${r.int(3, 10)}
  })

  tags = local.tags
}

resource "aws_sns_topic" "${l}" {
  name              = "@{${m.v('name')}}-${l}${sfx}"
  fifo_topic        = ${fifo}
  kms_master_key_id = ${bad ? 'null' : '"alias/aws/sns"'}
  tags              = local.tags
}

resource "aws_sns_topic_subscription" "${l}" {
  topic_arn            = aws_sns_topic.${l}.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.${l}.arn
  raw_message_delivery = true
  filter_policy = jsonencode({
    event_type = ${hlist(r.sample(['created', 'updated', 'deleted', 'paid', 'shipped', 'refunded'], 2))}
  })
}

resource "aws_sqs_queue_policy" "${l}" {
  queue_url = aws_sqs_queue.${l}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = ${bad ? '"*"' : '{ Service = "sns.amazonaws.com" }'}
      Action    = ${bad ? '"sqs:*"' : '"sqs:SendMessage"'}
      Resource  = aws_sqs_queue.${l}.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.${l}.arn } }
    }]
  })
}
`);
}

function awsDynamo(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['sessions', 'items', 'events', 'locks', 'customers']));
  const bad = m.bad();
  const gsis = r.sample(['by_status', 'by_customer', 'by_date', 'by_tenant'], r.int(0, 2));
  return hcl(`resource "aws_dynamodb_table" "${l}" {
  name                        = "@{${m.v('name')}}-${l}"
  billing_mode                = ${q(r.pick(['PAY_PER_REQUEST', 'PAY_PER_REQUEST', 'PROVISIONED']))}
  hash_key                    = "pk"
  range_key                   = "sk"
  deletion_protection_enabled = ${!bad}

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }
${gsis.map((g) => `
  attribute {
    name = ${q(g + '_key')}
    type = "S"
  }
`).join('')}
  dynamic "global_secondary_index" {
    for_each = toset(${hlist(gsis)})
    content {
      name            = global_secondary_index.value
      hash_key        = "@{global_secondary_index.value}_key"
      range_key       = "sk"
      projection_type = "ALL"
    }
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = ${r.chance(0.6)}
  }

  point_in_time_recovery {
    enabled = ${!bad}
  }

  server_side_encryption {
    enabled     = ${!bad}
    kms_key_arn = ${bad ? 'null' : m.v('kms_key_arn')}
  }

  tags = local.tags
}
`);
}

function awsLambda(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['handler', 'processor', 'authorizer', 'cron', 'resizer']));
  const bad = m.bad();
  const runtime = r.pick(['nodejs20.x', 'python3.12', 'java21', 'provided.al2023']);
  m.out(`${l}_function_arn`, `aws_lambda_function.${l}.arn`);
  return hcl(`resource "aws_cloudwatch_log_group" "${l}" {
  name              = "/aws/lambda/@{${m.v('name')}}-${l}"
  retention_in_days = ${bad ? 0 : m.v('log_retention_days')}
  kms_key_id        = ${m.v('kms_key_arn')}
}

resource "aws_lambda_function" "${l}" {
  function_name = "@{${m.v('name')}}-${l}"
  role          = "arn:aws:iam::123456789012:role/@{${m.v('name')}}-${l}"
  runtime       = ${q(runtime)}
  handler       = ${q(runtime.startsWith('python') ? 'app.handler' : runtime.startsWith('java') ? 'com.acme.Handler::handleRequest' : 'index.handler')}
  filename      = "@{path.module}/build/${l}.zip"
  memory_size   = ${r.pick([128, 256, 512, 1024, 2048])}
  timeout       = ${r.pick([3, 10, 30, 60, 900])}
  architectures = [${q(r.pick(['arm64', 'x86_64']))}]
  kms_key_arn   = ${bad ? 'null' : m.v('kms_key_arn')}

  reserved_concurrent_executions = ${r.pick([-1, 5, 10, 50])}

  environment {
    variables = {
      ENVIRONMENT = ${m.v('environment')}
      LOG_LEVEL   = ${m.v('environment')} == "prod" ? "info" : "debug"
      TABLE_NAME  = "@{${m.v('name')}}-${r.pick(['items', 'events', 'sessions'])}"${bad ? `
      API_TOKEN   = "tok_${r.hex(24)}"` : ''}
    }
  }

  tracing_config {
    mode = ${bad ? '"PassThrough"' : '"Active"'}
  }

  dynamic "vpc_config" {
    for_each = length(${m.v('subnet_ids')}) > 0 ? [1] : []
    content {
      subnet_ids         = ${m.v('subnet_ids')}
      security_group_ids = []
    }
  }

  depends_on = [aws_cloudwatch_log_group.${l}]
}

resource "aws_lambda_permission" "${l}" {
  statement_id  = "AllowInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.${l}.function_name
  principal     = ${bad ? '"*"' : q(r.pick(['events.amazonaws.com', 'apigateway.amazonaws.com', 's3.amazonaws.com']))}
}
`);
}

function awsEbs(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['data', 'scratch', 'journal']));
  const bad = m.bad();
  return hcl(`resource "aws_ebs_volume" "${l}" {
  count = ${r.int(1, 4)}

  availability_zone = "@{${m.v('region')}}@{element(["a", "b", "c"], count.index)}"
  size              = ${r.pick([20, 50, 100, 500, 1000])}
  type              = ${q(r.pick(['gp3', 'gp3', 'io2', 'st1']))}
  encrypted         = ${!bad}
  kms_key_id        = ${bad ? 'null' : m.v('kms_key_arn')}

  tags = merge(local.tags, {
    Name = format("%s-${l}-%02d", ${m.v('name')}, count.index + 1)
  })
}
`);
}

function awsEcs(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['api', 'worker', 'web', 'consumer']));
  const bad = m.bad();
  return hcl(`resource "aws_ecs_task_definition" "${l}" {
  family                   = "@{${m.v('name')}}-${l}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = ${m.v('service_config')}.cpu
  memory                   = ${m.v('service_config')}.memory
  execution_role_arn       = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"

  container_definitions = jsonencode([
    {
      name                   = ${q(l)}
      image                  = ${m.v('image')}
      essential              = true
      readonlyRootFilesystem = ${!bad}
      privileged             = ${bad}
      portMappings = [{
        containerPort = ${m.v('service_config')}.port
        protocol      = "tcp"
      }]
      environment = concat(
        [for k, v in ${m.v('service_config')}.env : { name = k, value = v }],
        [{ name = "ENVIRONMENT", value = ${m.v('environment')} }],${bad ? `
        [{ name = "DB_PASSWORD", value = "${r.pick(['hunter2', 'changeme', 'Passw0rd!'])}" }],` : ''}
      )
      healthCheck = {
        command  = ["CMD-SHELL", "curl -fs http://localhost:@{${m.v('service_config')}.port}@{${m.v('service_config')}.health_path} || exit 1"]
        interval = 15
        retries  = 3
      }
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          awslogs-group         = "/ecs/@{${m.v('name')}}/${l}"
          awslogs-region        = ${m.v('region')}
          awslogs-stream-prefix = ${q(l)}
        }
      }
    }
  ])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = ${q(r.pick(['ARM64', 'X86_64']))}
  }

  tags = local.tags
}

resource "aws_ecs_service" "${l}" {
  name            = ${q(l)}
  cluster         = "@{${m.v('name')}}-cluster"
  task_definition = aws_ecs_task_definition.${l}.arn
  desired_count   = ${m.v('service_config')}.desired_count
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ${m.v('subnet_ids')}
    assign_public_ip = ${bad}
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  lifecycle {
    ignore_changes = [desired_count]
  }
}
`);
}

function awsAlb(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['public', 'internal', 'api']));
  const bad = m.bad();
  m.out(`${l}_lb_dns_name`, `aws_lb.${l}.dns_name`);
  const httpAction = bad
    ? `  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.${l}.arn
  }`
    : `  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }`;
  return hcl(`resource "aws_lb" "${l}" {
  name                       = substr("@{${m.v('name')}}-${l}", 0, 32)
  load_balancer_type         = "application"
  internal                   = ${l === 'internal'}
  subnets                    = ${m.v('subnet_ids')}
  drop_invalid_header_fields = ${!bad}
  enable_deletion_protection = ${m.v('environment')} == "prod"

  access_logs {
    bucket  = "acme-@{${m.v('environment')}}-alb-logs"
    prefix  = ${q(l)}
    enabled = ${!bad}
  }

  tags = local.tags
}

resource "aws_lb_target_group" "${l}" {
  name_prefix = ${q(l.slice(0, 6))}
  port        = ${m.v('service_config')}.port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = ${m.v('vpc_id')}

  health_check {
    path                = ${m.v('service_config')}.health_path
    matcher             = "200-399"
    interval            = ${r.pick([10, 15, 30])}
    healthy_threshold   = 2
    unhealthy_threshold = ${r.int(2, 5)}
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "${l}_http" {
  load_balancer_arn = aws_lb.${l}.arn
  port              = 80
  protocol          = "HTTP"

${httpAction}
}

resource "aws_lb_listener" "${l}_https" {
  load_balancer_arn = aws_lb.${l}.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = ${q(bad ? r.pick(['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS-1-0-2015-04']) : 'ELBSecurityPolicy-TLS13-1-2-2021-06')}
  certificate_arn   = ${m.v('certificate_arn')}

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.${l}.arn
  }
}
`);
}

function awsEksNodeGroup(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['general', 'compute', 'memory', 'spot']));
  const bad = m.bad();
  return hcl(`resource "aws_launch_template" "${l}" {
  name_prefix = "@{${m.v('name')}}-${l}-"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = ${bad ? '"optional"' : '"required"'}
    http_put_response_hop_limit = 2
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = ${r.pick([50, 80, 100])}
      volume_type = "gp3"
      encrypted   = ${!bad}
    }
  }
}

resource "aws_eks_node_group" "${l}" {
  cluster_name    = ${m.v('name')}
  node_group_name = ${q(l)}
  node_role_arn   = "arn:aws:iam::123456789012:role/@{${m.v('name')}}-node"
  subnet_ids      = ${m.v('subnet_ids')}
  instance_types  = ${hlist(r.sample(['m6i.large', 'm6i.xlarge', 'c6i.xlarge', 'r6i.large', 'm7g.large'], r.int(1, 3)))}
  capacity_type   = ${q(l === 'spot' ? 'SPOT' : 'ON_DEMAND')}

  launch_template {
    id      = aws_launch_template.${l}.id
    version = aws_launch_template.${l}.latest_version
  }

  scaling_config {
    min_size     = ${m.v('min_size')}
    max_size     = ${m.v('max_size')}
    desired_size = ${m.v('min_size')}
  }

  labels = {
    "node.kubernetes.io/pool" = ${q(l)}
  }

  dynamic "taint" {
    for_each = ${l === 'spot' || l === 'memory' ? `[{ key = "dedicated", value = ${q(l)}, effect = "NO_SCHEDULE" }]` : '[]'}
    content {
      key    = taint.value.key
      value  = taint.value.value
      effect = taint.value.effect
    }
  }

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }
}
`);
}

function awsVpc(m: TfModule): string {
  const r = m.rng;
  const l = m.label('main');
  const bad = m.bad();
  m.out('vpc_id', `aws_vpc.${l}.id`);
  m.out('private_subnet_ids', `[for s in aws_subnet.${l}_private : s.id]`);
  return hcl(`locals {
  ${l}_azs = slice(data.aws_availability_zones.${l}.names, 0, ${r.int(2, 3)})
}

data "aws_availability_zones" "${l}" {
  state = "available"
}

resource "aws_vpc" "${l}" {
  cidr_block           = ${m.v('vpc_cidr')}
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = merge(local.tags, { Name = ${m.v('name')} })
}

resource "aws_subnet" "${l}_private" {
  for_each = { for idx, az in local.${l}_azs : az => idx }

  vpc_id            = aws_vpc.${l}.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(${m.v('vpc_cidr')}, 4, each.value)
  tags              = merge(local.tags, { Name = "@{${m.v('name')}}-private-@{each.key}", Tier = "private" })
}

resource "aws_subnet" "${l}_public" {
  count = length(local.${l}_azs)

  vpc_id                  = aws_vpc.${l}.id
  availability_zone       = local.${l}_azs[count.index]
  cidr_block              = cidrsubnet(${m.v('vpc_cidr')}, 8, 200 + count.index)
  map_public_ip_on_launch = ${bad}
  tags                    = merge(local.tags, { Name = "@{${m.v('name')}}-public-@{count.index}", Tier = "public" })
}

resource "aws_internet_gateway" "${l}" {
  vpc_id = aws_vpc.${l}.id
}

resource "aws_route_table" "${l}_public" {
  vpc_id = aws_vpc.${l}.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.${l}.id
  }
}

resource "aws_route_table_association" "${l}_public" {
  count          = length(aws_subnet.${l}_public)
  subnet_id      = aws_subnet.${l}_public[count.index].id
  route_table_id = aws_route_table.${l}_public.id
}
${bad ? '' : `
resource "aws_flow_log" "${l}" {
  vpc_id               = aws_vpc.${l}.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::acme-@{${m.v('environment')}}-flow-logs"
}
`}`);
}

function awsLogGroups(m: TfModule): string {
  const r = m.rng;
  const l = m.label('app');
  const bad = m.bad();
  const names = r.sample(['api', 'worker', 'scheduler', 'migrations', 'audit', 'access'], r.int(2, 4));
  return hcl(`resource "aws_cloudwatch_log_group" "${l}" {
  for_each = toset(${hlist(names)})

  name              = "/@{${m.v('environment')}}/@{${m.v('name')}}/@{each.key}"
  retention_in_days = ${bad ? '0 # never expire, never encrypted' : `each.key == "audit" ? 400 : ${m.v('log_retention_days')}`}
  kms_key_id        = ${bad ? 'null' : m.v('kms_key_arn')}
  tags              = local.tags
}
`);
}

function awsInstance(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['bastion', 'runner', 'proxy', 'legacy_app']));
  const bad = m.bad();
  const pkgs = r.sample(['nginx', 'amazon-cloudwatch-agent', 'docker', 'jq', 'htop', 'git'], r.int(2, 4));
  return hcl(`resource "aws_instance" "${l}" {
  ami                         = ${q(`ami-0${r.hex(16)}`)}
  instance_type               = ${m.v('instance_type')}
  subnet_id                   = element(${m.v('subnet_ids')}, ${r.int(0, 2)})
  associate_public_ip_address = ${bad}
  monitoring                  = ${!bad}
  ebs_optimized               = true

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = ${bad ? '"optional"' : '"required"'}
  }

  root_block_device {
    volume_size = ${r.pick([8, 20, 30, 50])}
    volume_type = "gp3"
    encrypted   = ${!bad}
  }

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    %{ for pkg in ${hlist(pkgs)} ~}
    dnf install -y @{pkg}
    %{ endfor ~}
    echo "environment=@{${m.v('environment')}}" > /etc/acme.env
    %{ if ${m.v('environment')} == "prod" ~}
    systemctl enable --now amazon-ssm-agent
    %{ endif ~}
  EOT

  tags = merge(local.tags, { Name = "@{${m.v('name')}}-${l}" })

  lifecycle {
    ignore_changes = [ami, user_data]
  }
}
`);
}

// ----------------------------- Azure templates -----------------------------

function azStorage(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['data', 'logs', 'assets', 'backup']));
  const bad = m.bad();
  const sa = `st${m.service.replace(/[^a-z]/g, '').slice(0, 10)}${l.replace(/[^a-z]/g, '').slice(0, 6)}${r.int(10, 99)}`;
  m.out(`${l}_storage_account_id`, `azurerm_storage_account.${l}.id`);
  return hcl(`resource "azurerm_storage_account" "${l}" {
  name                     = ${q(sa)}
  resource_group_name      = ${m.v('resource_group_name')}
  location                 = ${m.v('location')}
  account_tier             = "Standard"
  account_replication_type = ${q(r.pick(['LRS', 'ZRS', 'GRS', 'GZRS']))}

  enable_https_traffic_only       = ${!bad}
  min_tls_version                 = ${bad ? '"TLS1_0"' : '"TLS1_2"'}
  allow_nested_items_to_be_public = ${bad}
  shared_access_key_enabled       = ${bad}

  blob_properties {
    versioning_enabled = ${!bad}

    delete_retention_policy {
      days = ${r.pick([7, 14, 30])}
    }
  }

  network_rules {
    default_action             = ${bad ? '"Allow"' : '"Deny"'}
    bypass                     = ["AzureServices"]
    ip_rules                   = ${bad ? '[]' : hlist([`203.0.113.${r.int(1, 250)}`])}
    virtual_network_subnet_ids = []
  }

  tags = local.tags
}

resource "azurerm_storage_container" "${l}" {
  for_each = toset(${hlist(r.sample(['raw', 'curated', 'exports', 'tmp', 'archive'], r.int(1, 3)))})

  name                  = each.key
  storage_account_name  = azurerm_storage_account.${l}.name
  container_access_type = ${bad ? '"blob"' : '"private"'}
}
`);
}

function azKeyVault(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['app', 'shared', 'certs']));
  const bad = m.bad();
  return hcl(`resource "azurerm_key_vault" "${l}" {
  name                       = substr("kv-@{${m.v('name')}}-${l}", 0, 24)
  location                   = ${m.v('location')}
  resource_group_name        = ${m.v('resource_group_name')}
  tenant_id                  = ${m.v('tenant_id')}
  sku_name                   = ${q(r.pick(['standard', 'premium']))}
  purge_protection_enabled   = ${!bad}
  soft_delete_retention_days = ${bad ? 7 : 90}
  enable_rbac_authorization  = false

  network_acls {
    default_action = ${bad ? '"Allow"' : '"Deny"'}
    bypass         = "AzureServices"
  }

  dynamic "access_policy" {
    for_each = toset(${m.v('admin_object_ids')})
    content {
      tenant_id          = ${m.v('tenant_id')}
      object_id          = access_policy.value
      key_permissions    = ${bad ? '["Get", "List", "Create", "Delete", "Purge"]' : '["Get", "List", "WrapKey", "UnwrapKey"]'}
      secret_permissions = ${bad ? '["Get", "List", "Set", "Delete", "Purge"]' : '["Get", "List"]'}
    }
  }

  tags = local.tags
}

resource "azurerm_key_vault_key" "${l}" {
  name         = "${l}-cmk"
  key_vault_id = azurerm_key_vault.${l}.id
  key_type     = "RSA-HSM"
  key_size     = ${r.pick([2048, 3072, 4096])}
  key_opts     = ["decrypt", "encrypt", "wrapKey", "unwrapKey"]
${bad ? '' : `
  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P${r.pick([90, 180, 365])}D"
    notify_before_expiry = "P29D"
  }
`}}
`);
}

function azNsg(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['app', 'web', 'data', 'mgmt']));
  const bad = m.bad();
  const rules = r.sample([['https', 443], ['http-alt', 8080], ['postgres', 5432], ['redis', 6380], ['amqp', 5671]] as const, r.int(1, 3));
  return hcl(`resource "azurerm_network_security_group" "${l}" {
  name                = "nsg-@{${m.v('name')}}-${l}"
  location            = ${m.v('location')}
  resource_group_name = ${m.v('resource_group_name')}
${rules.map(([n, p], i) => `
  security_rule {
    name                       = ${q('allow-' + n)}
    priority                   = ${100 + i * 10}
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = ${q(String(p))}
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "*"
  }
`).join('')}${bad ? `
  security_rule {
    name                       = ${q(r.pick(['AllowRDP', 'AllowSSH', 'AllowMgmt']))}
    priority                   = 300
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = ${q(r.pick(['22', '3389', '*']))}
    source_address_prefix      = ${q(r.pick(['*', 'Internet', '0.0.0.0/0']))}
    destination_address_prefix = "*"
  }
` : ''}
  security_rule {
    name                       = "DenyAllInbound"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  tags = local.tags
}
`);
}

function azVnet(m: TfModule): string {
  const r = m.rng;
  const l = m.label('main');
  const subnets = r.sample(['aks', 'app', 'data', 'private-endpoints', 'gateway', 'bastion'], r.int(2, 4));
  m.out('vnet_id', `azurerm_virtual_network.${l}.id`);
  return hcl(`resource "azurerm_virtual_network" "${l}" {
  name                = "vnet-@{${m.v('name')}}"
  location            = ${m.v('location')}
  resource_group_name = ${m.v('resource_group_name')}
  address_space       = [${m.v('vpc_cidr')}]
  tags                = local.tags
}

resource "azurerm_subnet" "${l}" {
  for_each = { for idx, name in ${hlist(subnets)} : name => idx }

  name                 = "snet-@{each.key}"
  resource_group_name  = ${m.v('resource_group_name')}
  virtual_network_name = azurerm_virtual_network.${l}.name
  address_prefixes     = [cidrsubnet(${m.v('vpc_cidr')}, 8, each.value)]
  service_endpoints    = each.key == "app" ? ["Microsoft.Storage", "Microsoft.KeyVault"] : []
}
`);
}

function azSql(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['main', 'reporting', 'orders']));
  const bad = m.bad();
  return hcl(`resource "azurerm_mssql_server" "${l}" {
  name                          = "sql-@{${m.v('name')}}-${l}"
  resource_group_name           = ${m.v('resource_group_name')}
  location                      = ${m.v('location')}
  version                       = "12.0"
  minimum_tls_version           = ${bad ? '"1.0"' : '"1.2"'}
  public_network_access_enabled = ${bad}

  azuread_administrator {
    login_username              = "sg-sql-admins"
    object_id                   = ${m.v('admin_object_ids')}[0]
    azuread_authentication_only = ${!bad}
  }

  tags = local.tags
}

resource "azurerm_mssql_database" "${l}" {
  name                                = ${q(l)}
  server_id                           = azurerm_mssql_server.${l}.id
  sku_name                            = ${q(r.pick(['GP_S_Gen5_2', 'GP_Gen5_4', 'S1', 'BC_Gen5_2']))}
  transparent_data_encryption_enabled = ${!bad}

  short_term_retention_policy {
    retention_days = ${bad ? 1 : r.pick([7, 14, 35])}
  }

  tags = local.tags
}
${bad ? `
resource "azurerm_mssql_firewall_rule" "${l}_all" {
  name             = "AllowAll"
  server_id        = azurerm_mssql_server.${l}.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}
` : `
resource "azurerm_mssql_server_extended_auditing_policy" "${l}" {
  server_id              = azurerm_mssql_server.${l}.id
  log_monitoring_enabled = true
  retention_in_days      = ${r.pick([90, 180, 365])}
}
`}`);
}

function azWebApp(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['api', 'portal', 'admin']));
  const bad = m.bad();
  return hcl(`resource "azurerm_service_plan" "${l}" {
  name                = "asp-@{${m.v('name')}}-${l}"
  location            = ${m.v('location')}
  resource_group_name = ${m.v('resource_group_name')}
  os_type             = "Linux"
  sku_name            = ${q(r.pick(['B1', 'P1v3', 'P2v3', 'S1']))}
}

resource "azurerm_linux_web_app" "${l}" {
  name                = "app-@{${m.v('name')}}-${l}"
  location            = ${m.v('location')}
  resource_group_name = ${m.v('resource_group_name')}
  service_plan_id     = azurerm_service_plan.${l}.id
  https_only          = ${!bad}

  identity {
    type = "SystemAssigned"
  }

  site_config {
    minimum_tls_version = ${bad ? '"1.0"' : '"1.2"'}
    ftps_state          = ${bad ? '"AllAllowed"' : '"Disabled"'}
    http2_enabled       = true
    health_check_path   = "/health"

    application_stack {
      docker_image_name = "${m.service}/${l}:${r.int(1, 9)}.${r.int(0, 30)}.0"
    }
  }

  app_settings = {
    ENVIRONMENT                         = ${m.v('environment')}
    WEBSITES_ENABLE_APP_SERVICE_STORAGE = "false"
  }

  tags = local.tags
}
`);
}

function azMonitor(m: TfModule): string {
  const r = m.rng;
  const l = m.label('ops');
  const bad = m.bad();
  return hcl(`resource "azurerm_log_analytics_workspace" "${l}" {
  name                = "log-@{${m.v('name')}}"
  location            = ${m.v('location')}
  resource_group_name = ${m.v('resource_group_name')}
  sku                 = "PerGB2018"
  retention_in_days   = ${bad ? 30 : r.pick([90, 365, 730])}
}

resource "azurerm_monitor_action_group" "${l}" {
  name                = "ag-@{${m.v('name')}}"
  resource_group_name = ${m.v('resource_group_name')}
  short_name          = ${q(m.service.slice(0, 12))}

  email_receiver {
    name          = "oncall"
    email_address = "${r.pick(TEAMS)}-oncall@acme.example"
  }
}

resource "azurerm_monitor_diagnostic_setting" "${l}" {
  name                       = "diag-to-law"
  target_resource_id         = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/@{${m.v('resource_group_name')}}"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.${l}.id

  dynamic "enabled_log" {
    for_each = ${bad ? '[]' : '["Administrative", "Security", "Policy"]'}
    content {
      category = enabled_log.value
    }
  }
}

resource "azurerm_monitor_activity_log_alert" "${l}" {
  name                = "ala-@{${m.v('name')}}-nsg-changes"
  resource_group_name = ${m.v('resource_group_name')}
  location            = "global"
  scopes              = ["/subscriptions/00000000-0000-0000-0000-000000000000"]

  criteria {
    category       = "Administrative"
    operation_name = "Microsoft.Network/networkSecurityGroups/securityRules/write"
  }

  action {
    action_group_id = azurerm_monitor_action_group.${l}.id
  }
}
`);
}

function azAks(m: TfModule): string {
  const r = m.rng;
  const l = m.label('main');
  const bad = m.bad();
  return hcl(`resource "azurerm_kubernetes_cluster" "${l}" {
  name                    = "aks-@{${m.v('name')}}"
  location                = ${m.v('location')}
  resource_group_name     = ${m.v('resource_group_name')}
  dns_prefix              = ${m.v('name')}
  kubernetes_version      = ${q(r.pick(['1.28', '1.29', '1.30']))}
  private_cluster_enabled = ${!bad}
  local_account_disabled  = ${!bad}
  azure_policy_enabled    = ${!bad}

  default_node_pool {
    name                   = "system"
    vm_size                = ${q(r.pick(['Standard_D4ds_v5', 'Standard_D2s_v5']))}
    enable_auto_scaling    = true
    min_count              = ${m.v('min_size')}
    max_count              = ${m.v('max_size')}
    enable_host_encryption = ${!bad}
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = ${bad ? '"calico"' : '"cilium"'}
  }

  dynamic "azure_active_directory_role_based_access_control" {
    for_each = ${bad ? '[]' : '[1]'}
    content {
      managed                = true
      azure_rbac_enabled     = true
      admin_group_object_ids = ${m.v('admin_object_ids')}
    }
  }

  tags = local.tags
}
`);
}

// ------------------------------ GCP templates ------------------------------

function gcpBucket(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['data', 'uploads', 'exports', 'backups']));
  const bad = m.bad();
  m.out(`${l}_bucket_url`, `google_storage_bucket.${l}.url`);
  return hcl(`resource "google_storage_bucket" "${l}" {
  project                     = ${m.v('project_id')}
  name                        = "@{${m.v('name')}}-${l}-@{${m.v('environment')}}"
  location                    = ${q(r.pick(['EU', 'EUROPE-WEST3', 'US']))}
  uniform_bucket_level_access = ${!bad}
  public_access_prevention    = ${bad ? '"inherited"' : '"enforced"'}
  force_destroy               = ${bad}

  versioning {
    enabled = ${!bad}
  }

  lifecycle_rule {
    condition {
      age = ${r.pick([30, 90, 365])}
    }
    action {
      type          = "SetStorageClass"
      storage_class = ${q(r.pick(['NEARLINE', 'COLDLINE', 'ARCHIVE']))}
    }
  }

  labels = {
    team        = ${q(r.pick(TEAMS))}
    environment = ${m.v('environment')}
  }
}

resource "google_storage_bucket_iam_member" "${l}" {
  bucket = google_storage_bucket.${l}.name
  role   = "roles/storage.objectViewer"
  member = ${bad ? q(r.pick(['allUsers', 'allAuthenticatedUsers'])) : `"serviceAccount:@{${m.v('name')}}@@{${m.v('project_id')}}.iam.gserviceaccount.com"`}
}
`);
}

function gcpFirewall(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['ingress', 'internal', 'lb']));
  const bad = m.bad();
  const rules: string[] = [];
  rules.push(`    allow-https = { ports = ["443"], ranges = ["35.191.0.0/16", "130.211.0.0/22"] }`);
  rules.push(`    allow-internal = { ports = ${JSON.stringify(r.sample(['8080', '9090', '5432', '6379'], 2))}, ranges = [${m.v('vpc_cidr')}] }`);
  if (bad) rules.push(`    allow-${r.pick(['ssh', 'rdp'])}-any = { ports = [${q(r.pick(['22', '3389']))}], ranges = ["0.0.0.0/0"] }`);
  return hcl(`locals {
  ${l}_rules = {
${rules.join('\n')}
  }
}

resource "google_compute_firewall" "${l}" {
  for_each = local.${l}_rules

  project   = ${m.v('project_id')}
  name      = "@{${m.v('name')}}-@{each.key}"
  network   = ${m.v('network')}
  direction = "INGRESS"
  priority  = ${r.pick([900, 1000, 1100])}

  allow {
    protocol = "tcp"
    ports    = each.value.ports
  }

  source_ranges = each.value.ranges
  target_tags   = [${m.v('name')}]

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}
`);
}

function gcpInstance(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['vm', 'worker', 'proxy']));
  const bad = m.bad();
  return hcl(`resource "google_compute_instance" "${l}" {
  project      = ${m.v('project_id')}
  name         = "@{${m.v('name')}}-${l}"
  zone         = "@{${m.v('region')}}-${r.pick(['a', 'b', 'c'])}"
  machine_type = ${q(r.pick(['e2-standard-2', 'n2-standard-4', 't2d-standard-2']))}
  tags         = [${m.v('name')}]

  boot_disk {
    initialize_params {
      image = ${q(r.pick(['debian-cloud/debian-12', 'cos-cloud/cos-stable', 'ubuntu-os-cloud/ubuntu-2204-lts']))}
      size  = ${r.pick([20, 50, 100])}
    }
  }

  network_interface {
    network = ${m.v('network')}
${bad ? '\n    access_config {}\n' : ''}  }

  shielded_instance_config {
    enable_secure_boot          = ${!bad}
    enable_integrity_monitoring = true
  }

  metadata = {
    enable-oslogin     = ${bad ? '"FALSE"' : '"TRUE"'}
    serial-port-enable = ${bad ? '"TRUE"' : '"FALSE"'}
    startup-script     = <<-SH
      #!/bin/bash
      echo "@{${m.v('environment')}}" > /etc/environment-name
    SH
  }

  service_account {
    email  = "@{${m.v('name')}}@@{${m.v('project_id')}}.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }
}
`);
}

function gcpSql(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['main', 'analytics']));
  const bad = m.bad();
  return hcl(`resource "google_sql_database_instance" "${l}" {
  project             = ${m.v('project_id')}
  name                = "@{${m.v('name')}}-${l}"
  region              = ${m.v('region')}
  database_version    = ${q(r.pick(['POSTGRES_15', 'POSTGRES_16', 'MYSQL_8_0']))}
  deletion_protection = ${!bad}

  settings {
    tier              = ${q(r.pick(['db-custom-2-7680', 'db-custom-4-15360', 'db-f1-micro']))}
    availability_type = ${m.v('environment')} == "prod" ? "REGIONAL" : "ZONAL"

    ip_configuration {
      ipv4_enabled    = ${bad}
      private_network = ${m.v('network')}
      ssl_mode        = ${bad ? '"ALLOW_UNENCRYPTED_AND_ENCRYPTED"' : '"ENCRYPTED_ONLY"'}
${bad ? `
      authorized_networks {
        name  = "anywhere"
        value = "0.0.0.0/0"
      }
` : ''}    }

    backup_configuration {
      enabled                        = ${!bad}
      point_in_time_recovery_enabled = ${!bad}
      start_time                     = "0${r.int(1, 5)}:00"
    }

    database_flags {
      name  = "log_connections"
      value = "on"
    }
  }
}
`);
}

function gcpIam(m: TfModule): string {
  const r = m.rng;
  const l = m.label(r.pick(['app', 'ci', 'readers']));
  const bad = m.bad();
  const roles = r.sample(['roles/cloudsql.client', 'roles/pubsub.publisher', 'roles/storage.objectViewer', 'roles/secretmanager.secretAccessor', 'roles/logging.logWriter'], r.int(2, 4));
  return hcl(`resource "google_service_account" "${l}" {
  project      = ${m.v('project_id')}
  account_id   = substr("@{${m.v('name')}}-${l}", 0, 30)
  display_name = ${q(`${m.service} ${l}`)}
}

resource "google_project_iam_member" "${l}" {
  for_each = toset(${hlist(roles)})

  project = ${m.v('project_id')}
  role    = each.value
  member  = google_service_account.${l}.member
}
${bad ? `
resource "google_project_iam_member" "${l}_primitive" {
  project = ${m.v('project_id')}
  role    = ${q(r.pick(['roles/owner', 'roles/editor']))}
  member  = ${q(r.pick(['user:contractor@partner.example', 'allAuthenticatedUsers', 'group:everyone@acme.example']))}
}

resource "google_service_account_key" "${l}" {
  service_account_id = google_service_account.${l}.name
}
` : ''}`);
}

function gcpGke(m: TfModule): string {
  const r = m.rng;
  const l = m.label('main');
  const bad = m.bad();
  return hcl(`resource "google_container_cluster" "${l}" {
  project                  = ${m.v('project_id')}
  name                     = ${m.v('name')}
  location                 = ${m.v('region')}
  network                  = ${m.v('network')}
  remove_default_node_pool = true
  initial_node_count       = 1
  enable_legacy_abac       = ${bad}

  private_cluster_config {
    enable_private_nodes    = ${!bad}
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.${r.int(0, 250)}.0/28"
  }

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = ${bad ? '"0.0.0.0/0"' : `"10.${r.int(0, 255)}.0.0/16"`}
      display_name = "admins"
    }
  }

  workload_identity_config {
    workload_pool = "@{${m.v('project_id')}}.svc.id.goog"
  }

  release_channel {
    channel = ${q(r.pick(['REGULAR', 'STABLE', 'RAPID']))}
  }
}

resource "google_container_node_pool" "${l}" {
  project  = ${m.v('project_id')}
  name     = "default"
  location = ${m.v('region')}
  cluster  = google_container_cluster.${l}.name

  autoscaling {
    min_node_count = ${m.v('min_size')}
    max_node_count = ${m.v('max_size')}
  }

  node_config {
    machine_type = ${q(r.pick(['e2-standard-4', 'n2-standard-8']))}
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]

    shielded_instance_config {
      enable_secure_boot = ${!bad}
    }

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}
`);
}

function gcpKms(m: TfModule): string {
  const r = m.rng;
  const l = m.label('app');
  const bad = m.bad();
  return hcl(`resource "google_kms_key_ring" "${l}" {
  project  = ${m.v('project_id')}
  name     = "@{${m.v('name')}}-keyring"
  location = ${m.v('region')}
}

resource "google_kms_crypto_key" "${l}" {
  for_each = toset(${hlist(r.sample(['storage', 'sql', 'pubsub', 'secrets'], r.int(1, 3)))})

  name            = each.key
  key_ring        = google_kms_key_ring.${l}.id
  rotation_period = ${bad ? 'null' : q(r.pick(['7776000s', '31536000s']))}

  lifecycle {
    prevent_destroy = true
  }
}
`);
}

// ---------------------------------------------------------------------------
// Terraform: module-level files
// ---------------------------------------------------------------------------

function providerBlockRequired(cloud: Cloud, r: Rng): string {
  switch (cloud) {
    case 'aws':
      return `    aws = {
      source  = "hashicorp/aws"
      version = ${q(r.pick(['~> 5.0', '>= 5.30', '~> 5.40', '>= 4.67, < 6.0']))}
    }`;
    case 'azure':
      return `    azurerm = {
      source  = "hashicorp/azurerm"
      version = ${q(r.pick(['~> 3.100', '>= 3.80', '~> 3.90']))}
    }`;
    case 'gcp':
      return `    google = {
      source  = "hashicorp/google"
      version = ${q(r.pick(['~> 5.20', '>= 5.0', '~> 5.30']))}
    }`;
  }
}

function versionsFile(m: TfModule, root: boolean): string {
  const r = m.rng;
  let backend = '';
  if (root) {
    backend =
      m.cloud === 'aws'
        ? `

  backend "s3" {
    bucket         = "acme-tfstate-${m.env}"
    key            = "${m.name}/terraform.tfstate"
    region         = ${q(m.region)}
    encrypt        = true
    dynamodb_table = "terraform-locks"
  }`
        : m.cloud === 'azure'
          ? `

  backend "azurerm" {
    resource_group_name  = "rg-tfstate"
    storage_account_name = "acmetfstate${m.env}"
    container_name       = "tfstate"
    key                  = "${m.name}.tfstate"
  }`
          : `

  backend "gcs" {
    bucket = "acme-tfstate-${m.env}"
    prefix = ${q(m.name)}
  }`;
  }
  return `terraform {
  required_version = ${q(r.pick(['>= 1.5.0', '>= 1.6', '>= 1.7.0, < 2.0.0', '~> 1.8']))}

  required_providers {
${providerBlockRequired(m.cloud, r)}
  }${backend}
}
`;
}

function providersFile(m: TfModule): string {
  const r = m.rng;
  if (m.cloud === 'aws') {
    return hcl(`provider "aws" {
  region = ${m.v('region')}

  assume_role {
    role_arn     = "arn:aws:iam::${r.int(100000000000, 999999999999)}:role/terraform-${m.env}"
    session_name = "terraform-@{${m.v('environment')}}"
  }

  default_tags {
    tags = {
      Environment = ${m.v('environment')}
      ManagedBy   = "terraform"
      Stack       = ${q(m.name)}
    }
  }
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}
`);
  }
  if (m.cloud === 'azure') {
    return hcl(`provider "azurerm" {
  features {
    key_vault {
      purge_soft_delete_on_destroy = false
    }
  }

  subscription_id = "${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}"
}
`);
  }
  return hcl(`provider "google" {
  project = ${m.v('project_id')}
  region  = ${m.v('region')}

  default_labels = {
    environment = ${m.v('environment')}
    managed-by  = "terraform"
  }
}
`);
}

function localsFile(m: TfModule): string {
  const r = m.rng;
  const extra = r.chance(0.6)
    ? `

  # Sizing differs per environment; everything else is identical.
  sizing = {
    prod    = { replicas = ${r.int(3, 6)}, tier = "standard" }
    staging = { replicas = 2, tier = "standard" }
    dev     = { replicas = 1, tier = "basic" }
    qa      = { replicas = 1, tier = "basic" }
    sandbox = { replicas = 1, tier = "basic" }
  }[${m.v('environment')}]

  replicas_by_zone = { for idx in range(local.sizing.replicas) : "zone-@{idx % 3}" => idx... }`
    : '';
  return hcl(`locals {
  # Tags / labels applied to every resource
  tags = merge(
    {
      Service            = ${q(m.service)}
      Environment        = ${m.v('environment')}
      ManagedBy          = "terraform"
      "compliance:scope" = ${m.v('environment')} == "prod" ? "iso27001,soc2" : "none"
    },
    ${m.v('tags')},
  )

  name_prefix = lower("@{${m.v('name')}}-@{${m.v('environment')}}")
  is_prod     = ${m.v('environment')} == "prod"
  short_env   = substr(${m.v('environment')}, 0, 1)
  banner      = "%{ if local.is_prod }PRODUCTION%{ else }@{upper(${m.v('environment')})}%{ endif } - ${m.service}"${extra}
}
`);
}

function variablesFile(m: TfModule): string {
  const catalog = varCatalog(m);
  const names = Array.from(m.vars).sort((a, b) => (a === 'name' ? -1 : b === 'name' ? 1 : a.localeCompare(b)));
  const blocks: string[] = [];
  for (const name of names) {
    const spec = catalog[name];
    if (!spec) {
      blocks.push(`variable "${name}" {\n  type = any\n}\n`);
      continue;
    }
    let b = `variable "${name}" {\n  description = ${q(spec.description)}\n  type        = ${spec.type}\n`;
    if (spec.default !== undefined) b += `  default     = ${spec.default}\n`;
    if (spec.sensitive) b += `  sensitive   = true\n`;
    if (spec.validation) {
      b += `\n  validation {\n    condition     = ${spec.validation.condition}\n    error_message = ${q(spec.validation.message)}\n  }\n`;
    }
    b += '}\n';
    blocks.push(b);
  }
  return blocks.join('\n');
}

function outputsFile(m: TfModule): string {
  const outs = m.outputs.length > 0 ? m.outputs : [{ name: 'name', value: `var.name` }];
  if (m.outputs.length === 0) m.vars.add('name');
  return outs
    .map((o) => {
      let b = `output "${o.name}" {\n`;
      if (o.description) b += `  description = ${q(o.description)}\n`;
      b += `  value       = ${o.value}\n`;
      if (o.sensitive) b += `  sensitive   = true\n`;
      return b + '}\n';
    })
    .join('\n');
}

/** Fill a resource file with templates until it reaches roughly `target` lines. */
function resourceFile(m: TfModule, target: number, header: string): string {
  const table = m.cloud === 'aws' ? awsTemplates : m.cloud === 'azure' ? azureTemplates : gcpTemplates;
  const chunks: string[] = header === '' ? [] : [header];
  let lines = countLines(header);
  let guard = 0;
  while (lines < target && guard++ < 60) {
    const chunk = m.rng.weighted(table)(m);
    chunks.push(chunk);
    lines += countLines(chunk) + 1;
  }
  return chunks.join('\n');
}

function stackMainFile(m: TfModule, pool: ModuleInfo[], target: number): string {
  const r = m.rng;
  const chunks: string[] = [`# ${m.name}: ${m.env} stack for ${m.service} (${m.region})\n`];
  const candidates = pool.filter((p) => p.cloud === m.cloud);
  const calls = r.sample(candidates, Math.min(candidates.length, r.int(2, 6)));
  const labels: string[] = [];
  for (const c of calls) {
    const label = m.label(ident(c.name.replace(/-\d+$/, '')).replace(/_+/g, '_'));
    labels.push(label);
    const inputs: string[] = [];
    for (const v of c.vars) {
      if (v === 'name') inputs.push(`  name        = "${c.name}-@{${m.v('environment')}}"`);
      else if (v === 'environment') inputs.push(`  environment = ${m.v('environment')}`);
      else if (v === 'tags') inputs.push(`  tags        = local.tags`);
      else if (v === 'region' || v === 'location') inputs.push(`  ${v.padEnd(11)} = ${m.v('region')}`);
      else if (v === 'create') inputs.push(`  create      = ${r.chance(0.9)}`);
    }
    const forEach = r.chance(0.2);
    chunks.push(
      hcl(`module "${label}" {
  source = "../../../modules/${c.cloud}/${c.name}"${forEach ? `
  for_each = toset(${hlist(r.sample(['blue', 'green', 'eu', 'us', 'primary', 'secondary'], 2))})` : ''}

${inputs.join('\n').replace(`"${c.name}-@{`, forEach ? `"${c.name}-@{each.key}-@{` : `"${c.name}-@{`)}
}
`),
    );
    if (c.outputs.length > 0) {
      const o = r.pick(c.outputs);
      m.out(`${label}_${o}`, forEach ? `{ for k, mod in module.${label} : k => mod.${o} }` : `module.${label}.${o}`);
    }
  }
  if (m.cloud === 'aws' && r.chance(0.5)) {
    chunks.push(`module "registry_vpc_endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = ${q(r.pick(['~> 5.5', '5.8.1', '>= 5.0, < 6.0']))}

  vpc_id = ${m.v('vpc_id')}

  endpoints = {
    s3 = {
      service      = "s3"
      service_type = "Gateway"
    }
  }
}
`);
  }
  if (r.chance(0.4)) {
    const first = labels[0];
    if (first) {
      chunks.push(`moved {
  from = module.${first}_legacy
  to   = module.${first}
}
`);
    }
  }
  const body = chunks.join('\n');
  const rest = resourceFile(m, Math.max(0, target - countLines(body)), '');
  return rest === '' ? body : body + '\n' + rest;
}

// ---------------------------------------------------------------------------
// Terraform: public API
// ---------------------------------------------------------------------------

/**
 * Generate `files` Terraform files grouped into modules of 3-10 files.
 * Roughly 150 lines per file on average, AWS/Azure/GCP mixed ~55/25/20.
 */
export function generateTerraformCorpus(opts: { files: number; seed?: number }): Array<{ path: string; text: string }> {
  const total = Math.max(0, Math.floor(opts.files));
  const rng = new Rng(opts.seed ?? 1);
  const result: GeneratedFile[] = [];
  const pool: ModuleInfo[] = [];
  const usedDirs = new Set<string>();
  let moduleIndex = 0;

  while (result.length < total) {
    const remaining = total - result.length;
    let size: number;
    if (remaining <= 10) size = remaining;
    else {
      size = rng.int(3, 10);
      if (remaining - size < 3) size = remaining - 3;
    }

    const cloud = rng.weighted<Cloud>([['aws', 55], ['azure', 25], ['gcp', 20]]);
    const isStack = pool.some((p) => p.cloud === cloud) && rng.chance(0.25);
    const service = rng.pick(SERVICES);
    const env = rng.pick(ENVS);
    const region = rng.pick(REGIONS[cloud]);
    const cidr = `10.${rng.int(0, 255)}.0.0/16`;
    moduleIndex++;

    const baseName = isStack ? `${service}-${env}` : `${service}-${rng.pick(FACETS)}`;
    let name = baseName;
    let dir = isStack ? `stacks/${env}/${cloud}-${name}` : `modules/${cloud}/${name}`;
    let k = 2;
    while (usedDirs.has(dir)) {
      name = `${baseName}-${k++}`;
      dir = isStack ? `stacks/${env}/${cloud}-${name}` : `modules/${cloud}/${name}`;
    }
    usedDirs.add(dir);

    const m = new TfModule(rng, cloud, name, service, env, region, cidr);

    // Which files does this module get? main/variables/outputs always, then
    // versions, locals, (providers for stacks), then extra resource files.
    const fileNames: string[] = ['main.tf', 'variables.tf', 'outputs.tf'];
    const optional = isStack ? ['versions.tf', 'providers.tf', 'locals.tf'] : ['versions.tf', 'locals.tf'];
    const extras = rng.sample(['network.tf', 'iam.tf', 'storage.tf', 'security.tf', 'monitoring.tf', 'data.tf', 'compute.tf', 'database.tf', 'messaging.tf'], 9);
    for (const f of optional.concat(extras)) {
      if (fileNames.length >= size) break;
      fileNames.push(f);
    }
    fileNames.length = Math.min(fileNames.length, size);

    // Resource-bearing files first (they register vars and outputs).
    const texts = new Map<string, string>();
    const resourceTarget = (): number => rng.int(180, 370);
    for (const f of fileNames) {
      if (f === 'main.tf') {
        texts.set(
          f,
          isStack
            ? stackMainFile(m, pool, resourceTarget())
            : resourceFile(m, resourceTarget(), `# ${m.service} / ${m.name} (${cloud})\n# Generated benchmark module ${moduleIndex}.\n`),
        );
      } else if (!['variables.tf', 'outputs.tf', 'versions.tf', 'locals.tf', 'providers.tf'].includes(f)) {
        texts.set(f, resourceFile(m, resourceTarget(), `# ${f.replace('.tf', '')} resources for ${m.name}\n`));
      }
    }
    if (fileNames.includes('providers.tf')) texts.set('providers.tf', providersFile(m));
    if (fileNames.includes('versions.tf')) texts.set('versions.tf', versionsFile(m, isStack));
    // locals are referenced by every template; put them somewhere even if the
    // module has no locals.tf.
    const locals = localsFile(m);
    if (fileNames.includes('locals.tf')) texts.set('locals.tf', locals);
    else texts.set('main.tf', locals + '\n' + (texts.get('main.tf') ?? ''));
    texts.set('outputs.tf', outputsFile(m));
    texts.set('variables.tf', variablesFile(m));

    for (const f of fileNames) {
      result.push({ path: `${dir}/${f}`, text: texts.get(f) ?? '' });
    }
    if (!isStack) {
      pool.push({ cloud, dir, name, outputs: m.outputs.map((o) => o.name), vars: Array.from(m.vars) });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// CloudFormation
// ---------------------------------------------------------------------------

type CfnValue = string | number | boolean | null | CfnValue[] | CfnMap | Intrinsic;
interface CfnMap {
  [key: string]: CfnValue;
}

type IntrinsicFn = 'Ref' | 'Sub' | 'GetAtt' | 'If' | 'Equals' | 'Join' | 'Select' | 'GetAZs' | 'Not' | 'FindInMap' | 'Base64';

class Intrinsic {
  constructor(
    readonly fn: IntrinsicFn,
    readonly arg: CfnValue,
  ) {}
}

const Ref = (name: string): Intrinsic => new Intrinsic('Ref', name);
const Sub = (s: string): Intrinsic => new Intrinsic('Sub', s);
const GetAtt = (res: string, attr: string): Intrinsic => new Intrinsic('GetAtt', `${res}.${attr}`);
const If = (cond: string, a: CfnValue, b: CfnValue): Intrinsic => new Intrinsic('If', [cond, a, b]);
const Join = (sep: string, parts: CfnValue[]): Intrinsic => new Intrinsic('Join', [sep, parts]);

interface CfnResource {
  id: string;
  type: string;
  properties: CfnMap;
  condition?: string;
  deletionPolicy?: string;
  dependsOn?: string[];
  output?: { name: string; value: CfnValue; description: string };
}

interface CfnCtx {
  r: Rng;
  used: Set<string>;
  byType: Map<string, string[]>;
}

function cfnId(ctx: CfnCtx, base: string): string {
  let id = base;
  let i = 2;
  while (ctx.used.has(id)) id = `${base}${i++}`;
  ctx.used.add(id);
  return id;
}

function cfnTags(ctx: CfnCtx, name: string): CfnValue {
  return [
    { Key: 'Name', Value: Sub(`\${AWS::StackName}-${name}`) },
    { Key: 'Environment', Value: Ref('Environment') },
    { Key: 'Team', Value: ctx.r.pick(TEAMS) },
  ];
}

type CfnTemplateFn = (ctx: CfnCtx) => CfnResource;

const cfnTemplates: Array<readonly [CfnTemplateFn, number]> = [
  [cfnBucket, 5],
  [cfnBucketPolicy, 2],
  [cfnDb, 2],
  [cfnSecurityGroup, 4],
  [cfnKmsKey, 3],
  [cfnQueue, 3],
  [cfnTopic, 2],
  [cfnTable, 3],
  [cfnVolume, 3],
  [cfnTrail, 1],
  [cfnRole, 3],
  [cfnLambda, 2],
  [cfnLogGroup, 3],
  [cfnInstance, 2],
  [cfnListener, 1],
  [cfnFileSystem, 1],
];

function cfnBucket(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const purpose = r.pick(['Data', 'Uploads', 'Artifacts', 'Reports', 'Backups', 'Assets']);
  const id = cfnId(ctx, `${purpose}Bucket`);
  const props: CfnMap = {
    BucketName: Sub(`\${AWS::StackName}-${purpose.toLowerCase()}-\${AWS::AccountId}-\${AWS::Region}`),
    VersioningConfiguration: { Status: bad ? 'Suspended' : 'Enabled' },
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: !bad,
      BlockPublicPolicy: !bad,
      IgnorePublicAcls: !bad,
      RestrictPublicBuckets: !bad,
    },
    Tags: cfnTags(ctx, purpose.toLowerCase()),
  };
  if (!bad) {
    props['BucketEncryption'] = {
      ServerSideEncryptionConfiguration: [
        {
          ServerSideEncryptionByDefault: r.chance(0.5)
            ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Ref('DataKeyArn') }
            : { SSEAlgorithm: 'AES256' },
          BucketKeyEnabled: true,
        },
      ],
    };
    props['LoggingConfiguration'] = { DestinationBucketName: Ref('AccessLogBucket'), LogFilePrefix: `${purpose.toLowerCase()}/` };
  }
  if (r.chance(0.5)) {
    props['LifecycleConfiguration'] = {
      Rules: [
        {
          Id: 'tiering',
          Status: 'Enabled',
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: r.pick([30, 60, 90]) }],
          NoncurrentVersionExpiration: { NoncurrentDays: r.pick([30, 90]) },
        },
      ],
    };
  }
  return {
    id,
    type: 'AWS::S3::Bucket',
    properties: props,
    deletionPolicy: r.chance(0.5) ? 'Retain' : undefined,
    output: { name: `${id}Arn`, value: GetAtt(id, 'Arn'), description: `ARN of ${id}` },
  };
}

function cfnBucketPolicy(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const buckets = ctx.byType.get('AWS::S3::Bucket') ?? [];
  const target = buckets.length > 0 ? r.pick(buckets) : null;
  const bad = r.chance(BAD_RATE);
  const bucketRef: CfnValue = target ? Ref(target) : Ref('AccessLogBucket');
  const arn: CfnValue = target ? GetAtt(target, 'Arn') : Sub('arn:${AWS::Partition}:s3:::${AccessLogBucket}');
  const statements: CfnValue[] = [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [arn, Join('', [arn, '/*'])],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ];
  if (bad) {
    statements.push({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: Join('', [arn, '/*']) });
  }
  return {
    id: cfnId(ctx, `${target ?? 'AccessLog'}Policy`),
    type: 'AWS::S3::BucketPolicy',
    properties: { Bucket: bucketRef, PolicyDocument: { Version: '2012-10-17', Statement: statements } },
  };
}

function cfnDb(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const engine = r.pick(['postgres', 'mysql']);
  const id = cfnId(ctx, `${r.pick(['Orders', 'Billing', 'Reporting', 'Core'])}Database`);
  const sgs = ctx.byType.get('AWS::EC2::SecurityGroup') ?? [];
  const props: CfnMap = {
    DBInstanceIdentifier: Sub(`\${AWS::StackName}-${id.toLowerCase()}`),
    Engine: engine,
    EngineVersion: engine === 'postgres' ? r.pick(['15.6', '16.2']) : '8.0.36',
    DBInstanceClass: If('IsProd', 'db.r6g.large', 'db.t4g.medium'),
    AllocatedStorage: String(r.pick([20, 50, 100])),
    MasterUsername: Ref('DBMasterUsername'),
    ManageMasterUserPassword: true,
    StorageEncrypted: !bad,
    PubliclyAccessible: bad && r.chance(0.6),
    BackupRetentionPeriod: bad ? 0 : If('IsProd', 35, 7),
    MultiAZ: If('IsProd', true, false),
    DeletionProtection: !bad,
    EnableIAMDatabaseAuthentication: !bad,
    DBSubnetGroupName: Ref('DBSubnetGroupName'),
    VPCSecurityGroups: sgs.length > 0 ? [GetAtt(r.pick(sgs), 'GroupId')] : [],
    Tags: cfnTags(ctx, id.toLowerCase()),
  };
  if (!bad) props['KmsKeyId'] = Ref('DataKeyArn');
  return {
    id,
    type: 'AWS::RDS::DBInstance',
    properties: props,
    deletionPolicy: 'Snapshot',
    output: { name: `${id}Endpoint`, value: GetAtt(id, 'Endpoint.Address'), description: `${id} endpoint` },
  };
}

function cfnSecurityGroup(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const tier = r.pick(['Web', 'App', 'Db', 'Cache', 'Bastion', 'Internal']);
  const id = cfnId(ctx, `${tier}SecurityGroup`);
  const ports = r.sample([443, 8080, 5432, 6379, 3306, 9200], r.int(1, 3));
  const ingress: CfnValue[] = ports.map((p) => ({
    IpProtocol: 'tcp',
    FromPort: p,
    ToPort: p,
    CidrIp: Ref('AllowedCidr'),
    Description: `Port ${p} from the corporate network`,
  }));
  if (bad) {
    const p = r.pick([22, 3389]);
    ingress.push({ IpProtocol: 'tcp', FromPort: p, ToPort: p, CidrIp: '0.0.0.0/0', Description: p === 22 ? 'SSH for on-call' : 'RDP for vendor' });
  }
  return {
    id,
    type: 'AWS::EC2::SecurityGroup',
    properties: {
      GroupDescription: `${tier} tier`,
      VpcId: Ref('VpcId'),
      SecurityGroupIngress: ingress,
      SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }],
      Tags: cfnTags(ctx, tier.toLowerCase()),
    },
    output: { name: `${id}Id`, value: GetAtt(id, 'GroupId'), description: `${tier} security group` },
  };
}

function cfnKmsKey(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, `${r.pick(['Data', 'Logs', 'Secrets', 'Backup'])}Key`);
  return {
    id,
    type: 'AWS::KMS::Key',
    deletionPolicy: 'Retain',
    properties: {
      Description: Sub(`\${AWS::StackName} ${id}`),
      EnableKeyRotation: !bad,
      PendingWindowInDays: r.pick([7, 30]),
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'RootAccess',
            Effect: 'Allow',
            Principal: { AWS: Sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'KeyAdmins',
            Effect: 'Allow',
            Principal: { AWS: Ref('KeyAdminArn') },
            Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'],
            Resource: '*',
          },
        ],
      },
      Tags: cfnTags(ctx, id.toLowerCase()),
    },
    output: { name: `${id}Arn`, value: GetAtt(id, 'Arn'), description: `${id} ARN` },
  };
}

function cfnQueue(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, `${r.pick(['Orders', 'Emails', 'Jobs', 'Events', 'Webhooks'])}Queue`);
  const props: CfnMap = {
    QueueName: Sub(`\${AWS::StackName}-${id.toLowerCase()}`),
    VisibilityTimeout: r.pick([30, 60, 300]),
    MessageRetentionPeriod: r.pick([345600, 1209600]),
    ReceiveMessageWaitTimeSeconds: 20,
  };
  if (bad) props['SqsManagedSseEnabled'] = false;
  else if (r.chance(0.5)) props['KmsMasterKeyId'] = Ref('DataKeyArn');
  else props['SqsManagedSseEnabled'] = true;
  const queues = ctx.byType.get('AWS::SQS::Queue') ?? [];
  if (queues.length > 0 && r.chance(0.5)) {
    props['RedrivePolicy'] = { deadLetterTargetArn: GetAtt(r.pick(queues), 'Arn'), maxReceiveCount: r.int(3, 10) };
  }
  return { id, type: 'AWS::SQS::Queue', properties: props, output: { name: `${id}Url`, value: Ref(id), description: `${id} URL` } };
}

function cfnTopic(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, `${r.pick(['Alarms', 'Orders', 'Audit', 'Notifications'])}Topic`);
  const props: CfnMap = {
    TopicName: Sub(`\${AWS::StackName}-${id.toLowerCase()}`),
    Subscription: [{ Protocol: 'email', Endpoint: Ref('AlarmEmail') }],
    Tags: cfnTags(ctx, id.toLowerCase()),
  };
  if (!bad) props['KmsMasterKeyId'] = 'alias/aws/sns';
  return { id, type: 'AWS::SNS::Topic', properties: props };
}

function cfnTable(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, `${r.pick(['Sessions', 'Customers', 'Events', 'Locks', 'Items'])}Table`);
  return {
    id,
    type: 'AWS::DynamoDB::Table',
    deletionPolicy: 'Retain',
    properties: {
      TableName: Sub(`\${AWS::StackName}-${id.toLowerCase()}`),
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: !bad },
      SSESpecification: bad ? { SSEEnabled: false } : { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Ref('DataKeyArn') },
      DeletionProtectionEnabled: If('IsProd', true, false),
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: r.chance(0.6) },
      Tags: cfnTags(ctx, id.toLowerCase()),
    },
    output: { name: `${id}Name`, value: Ref(id), description: `${id} name` },
  };
}

function cfnVolume(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, `${r.pick(['Data', 'Scratch', 'Journal'])}Volume`);
  const props: CfnMap = {
    AvailabilityZone: new Intrinsic('Select', [r.int(0, 2), new Intrinsic('GetAZs', '')]),
    Size: r.pick([20, 50, 100, 500]),
    VolumeType: r.pick(['gp3', 'gp3', 'io2', 'st1']),
    Encrypted: !bad,
    Tags: cfnTags(ctx, id.toLowerCase()),
  };
  if (!bad && r.chance(0.5)) props['KmsKeyId'] = Ref('DataKeyArn');
  return { id, type: 'AWS::EC2::Volume', properties: props, deletionPolicy: 'Snapshot' };
}

function cfnTrail(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, 'AuditTrail');
  const props: CfnMap = {
    TrailName: Sub('${AWS::StackName}-trail'),
    S3BucketName: Ref('AccessLogBucket'),
    IsLogging: true,
    IsMultiRegionTrail: !bad,
    IncludeGlobalServiceEvents: true,
    EnableLogFileValidation: !bad,
  };
  if (!bad) props['KMSKeyId'] = Ref('DataKeyArn');
  return { id, type: 'AWS::CloudTrail::Trail', properties: props };
}

function cfnRole(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const purpose = r.pick(['Task', 'Worker', 'Deployer', 'Lambda', 'Reader']);
  const id = cfnId(ctx, `${purpose}Role`);
  const actions = r.sample(['s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 'sqs:ReceiveMessage', 'dynamodb:GetItem', 'dynamodb:PutItem', 'kms:Decrypt', 'logs:PutLogEvents'], r.int(2, 4));
  return {
    id,
    type: 'AWS::IAM::Role',
    properties: {
      RoleName: Sub(`\${AWS::StackName}-${purpose.toLowerCase()}-\${AWS::Region}`),
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: [r.pick(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'ec2.amazonaws.com'])] },
            Action: ['sts:AssumeRole'],
          },
        ],
      },
      ManagedPolicyArns: [Sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')],
      Policies: [
        {
          PolicyName: `${purpose.toLowerCase()}-inline`,
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              bad
                ? { Effect: 'Allow', Action: '*', Resource: '*' }
                : { Effect: 'Allow', Action: actions, Resource: Sub(`arn:\${AWS::Partition}:*:\${AWS::Region}:\${AWS::AccountId}:*`) },
            ],
          },
        },
      ],
      Tags: cfnTags(ctx, purpose.toLowerCase()),
    },
    output: { name: `${id}Arn`, value: GetAtt(id, 'Arn'), description: `${purpose} role` },
  };
}

function cfnLambda(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, `${r.pick(['Resize', 'Ingest', 'Notify', 'Cleanup', 'Authorizer'])}Function`);
  const roles = ctx.byType.get('AWS::IAM::Role') ?? [];
  const env: CfnMap = { ENVIRONMENT: Ref('Environment'), STACK: Ref('AWS::StackName') };
  if (bad) env['API_SECRET'] = `sk_live_${r.hex(24)}`;
  return {
    id,
    type: 'AWS::Lambda::Function',
    properties: {
      FunctionName: Sub(`\${AWS::StackName}-${id.toLowerCase()}`),
      Runtime: 'python3.12',
      Handler: 'index.handler',
      Role: roles.length > 0 ? GetAtt(r.pick(roles), 'Arn') : Sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:role/lambda-basic'),
      MemorySize: r.pick([128, 256, 512, 1024]),
      Timeout: r.pick([10, 30, 60]),
      TracingConfig: { Mode: bad ? 'PassThrough' : 'Active' },
      Environment: { Variables: env },
      Code: {
        ZipFile: Sub(
          [
            'import json, os',
            '',
            'def handler(event, context):',
            '    print(json.dumps({"stack": "${AWS::StackName}", "env": os.environ["ENVIRONMENT"]}))',
            `    return {"statusCode": 200, "body": "${id} ok"}`,
            '',
          ].join('\n'),
        ),
      },
      Tags: cfnTags(ctx, id.toLowerCase()),
    },
  };
}

function cfnLogGroup(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const name = r.pick(['api', 'worker', 'audit', 'access', 'app']);
  const id = cfnId(ctx, `${name[0]!.toUpperCase()}${name.slice(1)}LogGroup`);
  const props: CfnMap = { LogGroupName: Sub(`/\${Environment}/\${AWS::StackName}/${name}`) };
  if (!bad) {
    props['RetentionInDays'] = Ref('LogRetentionDays');
    props['KmsKeyId'] = Ref('DataKeyArn');
  }
  return { id, type: 'AWS::Logs::LogGroup', properties: props };
}

function cfnInstance(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, `${r.pick(['Bastion', 'Runner', 'Proxy', 'Legacy'])}Instance`);
  const sgs = ctx.byType.get('AWS::EC2::SecurityGroup') ?? [];
  return {
    id,
    type: 'AWS::EC2::Instance',
    properties: {
      ImageId: new Intrinsic('FindInMap', ['RegionMap', Ref('AWS::Region'), 'AMI']),
      InstanceType: Ref('InstanceType'),
      SubnetId: new Intrinsic('Select', [0, Ref('SubnetIds')]),
      SecurityGroupIds: sgs.length > 0 ? [Ref(r.pick(sgs))] : [],
      Monitoring: !bad,
      MetadataOptions: { HttpTokens: bad ? 'optional' : 'required', HttpEndpoint: 'enabled' },
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: r.pick([20, 30, 50]), VolumeType: 'gp3', Encrypted: !bad } }],
      UserData: new Intrinsic(
        'Base64',
        Sub(['#!/bin/bash', 'set -euo pipefail', 'dnf install -y amazon-cloudwatch-agent', 'echo "stack=${AWS::StackName} env=${Environment}" > /etc/acme.env', ''].join('\n')),
      ),
      Tags: cfnTags(ctx, id.toLowerCase()),
    },
  };
}

function cfnListener(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, bad ? 'HttpListener' : 'HttpsRedirectListener');
  return {
    id,
    type: 'AWS::ElasticLoadBalancingV2::Listener',
    properties: bad
      ? {
          LoadBalancerArn: Ref('LoadBalancerArn'),
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: Ref('TargetGroupArn') }],
        }
      : {
          LoadBalancerArn: Ref('LoadBalancerArn'),
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
        },
  };
}

function cfnFileSystem(ctx: CfnCtx): CfnResource {
  const r = ctx.r;
  const bad = r.chance(BAD_RATE);
  const id = cfnId(ctx, 'SharedFileSystem');
  const props: CfnMap = {
    Encrypted: !bad,
    PerformanceMode: 'generalPurpose',
    ThroughputMode: 'elastic',
    BackupPolicy: { Status: bad ? 'DISABLED' : 'ENABLED' },
    FileSystemTags: cfnTags(ctx, 'shared-fs'),
  };
  if (!bad) props['KmsKeyId'] = Ref('DataKeyArn');
  return { id, type: 'AWS::EFS::FileSystem', properties: props, deletionPolicy: 'Retain' };
}

function buildCfnTemplate(opts: CloudFormationTemplateOptions): CfnMap {
  const r = new Rng((opts.seed ?? 1) ^ 0x5bd1e995);
  const ctx: CfnCtx = { r, used: new Set(), byType: new Map() };
  const resources: CfnResource[] = [];
  const n = Math.max(0, Math.floor(opts.resources));
  for (let i = 0; i < n; i++) {
    const res = r.weighted(cfnTemplates)(ctx);
    if (r.chance(0.1) && resources.length > 0) res.dependsOn = [r.pick(resources).id];
    resources.push(res);
    const list = ctx.byType.get(res.type) ?? [];
    list.push(res.id);
    ctx.byType.set(res.type, list);
  }

  const service = r.pick(SERVICES);
  const template: CfnMap = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${service} service stack (generated benchmark template, ${n} resources)`,
    Metadata: {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [
          { Label: { default: 'Environment' }, Parameters: ['Environment', 'LogRetentionDays'] },
          { Label: { default: 'Network' }, Parameters: ['VpcId', 'SubnetIds', 'AllowedCidr'] },
        ],
      },
    },
    Parameters: {
      Environment: { Type: 'String', Default: r.pick(ENVS), AllowedValues: [...ENVS], Description: 'Deployment environment' },
      VpcId: { Type: 'String', Default: `vpc-0${r.hex(16)}`, Description: 'VPC for network resources' },
      SubnetIds: { Type: 'CommaDelimitedList', Default: `subnet-0${r.hex(16)},subnet-0${r.hex(16)}`, Description: 'Private subnets' },
      AllowedCidr: { Type: 'String', Default: `10.${r.int(0, 255)}.0.0/16`, AllowedPattern: '^(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}$' },
      DataKeyArn: { Type: 'String', Default: `arn:aws:kms:eu-central-1:123456789012:key/${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}` },
      KeyAdminArn: { Type: 'String', Default: 'arn:aws:iam::123456789012:role/KeyAdministrators' },
      AccessLogBucket: { Type: 'String', Default: `acme-${service}-access-logs` },
      DBMasterUsername: { Type: 'String', Default: 'app_admin', NoEcho: true },
      DBSubnetGroupName: { Type: 'String', Default: `${service}-db-subnets` },
      InstanceType: { Type: 'String', Default: r.pick(['t3.medium', 'm6i.large', 'c7g.large']), AllowedValues: ['t3.medium', 'm6i.large', 'c7g.large', 'r6g.large'] },
      LoadBalancerArn: { Type: 'String', Default: `arn:aws:elasticloadbalancing:eu-central-1:123456789012:loadbalancer/app/${service}/${r.hex(16)}` },
      TargetGroupArn: { Type: 'String', Default: `arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/${service}/${r.hex(16)}` },
      AlarmEmail: { Type: 'String', Default: `${r.pick(TEAMS)}-oncall@acme.example` },
      LogRetentionDays: { Type: 'Number', Default: r.pick([30, 90, 365]), AllowedValues: [7, 14, 30, 90, 365, 400] },
    },
    Mappings: {
      RegionMap: {
        'eu-central-1': { AMI: `ami-0${r.hex(16)}` },
        'eu-west-1': { AMI: `ami-0${r.hex(16)}` },
        'us-east-1': { AMI: `ami-0${r.hex(16)}` },
      },
    },
    Conditions: {
      IsProd: new Intrinsic('Equals', [Ref('Environment'), 'prod']),
      IsNotProd: new Intrinsic('Not', [new Intrinsic('Equals', [Ref('Environment'), 'prod'])]),
    },
  };

  const res: CfnMap = {};
  for (const x of resources) {
    const entry: CfnMap = { Type: x.type };
    if (x.condition) entry['Condition'] = x.condition;
    if (x.deletionPolicy) {
      entry['DeletionPolicy'] = x.deletionPolicy;
      entry['UpdateReplacePolicy'] = x.deletionPolicy;
    }
    if (x.dependsOn) entry['DependsOn'] = x.dependsOn;
    entry['Properties'] = x.properties;
    res[x.id] = entry;
  }
  template['Resources'] = res;

  const outputs: CfnMap = {};
  let count = 0;
  for (const x of resources) {
    if (!x.output || count >= 20) continue;
    outputs[x.output.name] = {
      Description: x.output.description,
      Value: x.output.value,
      Export: { Name: Sub(`\${AWS::StackName}-${x.output.name}`) },
    };
    count++;
  }
  if (count > 0) template['Outputs'] = outputs;
  return template;
}

// ----------------------------- serialisation -----------------------------

function toJsonValue(v: CfnValue): unknown {
  if (v instanceof Intrinsic) {
    switch (v.fn) {
      case 'Ref':
        return { Ref: v.arg };
      case 'GetAtt': {
        const s = String(v.arg);
        const dot = s.indexOf('.');
        return { 'Fn::GetAtt': [s.slice(0, dot), s.slice(dot + 1)] };
      }
      default:
        return { [`Fn::${v.fn}`]: toJsonValue(v.arg) };
    }
  }
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = toJsonValue(x);
    return o;
  }
  return v;
}

const YAML_RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function yamlScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === '') return "''";
  // Plain (unquoted) when unambiguous in block context: no ': ', no ' #',
  // no leading digit (numbers / dates / CIDRs stay quoted strings).
  if (
    /^[A-Za-z_/][A-Za-z0-9_./:@ ,()-]*$/.test(v) &&
    !YAML_RESERVED.test(v) &&
    !v.includes(': ') &&
    !v.endsWith(':') &&
    !v.endsWith(' ')
  ) {
    return v;
  }
  return "'" + v.replace(/'/g, "''") + "'";
}

interface YamlPiece {
  /** Text after `key:` / `-` on the same line (may be empty). */
  head: string;
  /** Lines that follow, already indented. */
  block: string[];
}

function yamlNode(v: CfnValue, indent: number): YamlPiece {
  const pad = ' '.repeat(indent);
  if (v instanceof Intrinsic) {
    const tag = `!${v.fn}`;
    const arg = v.arg;
    if (v.fn === 'Base64' && arg instanceof Intrinsic) {
      // Short-form tags cannot be stacked on one node: use the long form.
      return yamlNode({ 'Fn::Base64': arg }, indent);
    }
    if (typeof arg === 'string' && arg.includes('\n')) {
      return { head: `${tag} |`, block: arg.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : pad + l)) };
    }
    if (arg === null || typeof arg !== 'object') {
      return { head: arg === '' ? `${tag} ''` : `${tag} ${yamlScalar(arg)}`, block: [] };
    }
    const inner = yamlNode(arg, indent);
    return { head: tag, block: inner.head === '' ? inner.block : [pad + inner.head, ...inner.block] };
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return { head: '[]', block: [] };
    const lines: string[] = [];
    for (const item of v) {
      const p = yamlNode(item, indent + 2);
      if (p.head !== '' || p.block.length === 0) {
        lines.push(`${pad}- ${p.head}`.trimEnd());
        for (const l of p.block) lines.push(l);
      } else {
        const [first, ...rest] = p.block;
        lines.push(`${pad}- ${(first ?? '').trimStart()}`);
        for (const l of rest) lines.push(l);
      }
    }
    return { head: '', block: lines };
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 0) return { head: '{}', block: [] };
    const lines: string[] = [];
    for (const [k, x] of entries) {
      const p = yamlNode(x, indent + 2);
      lines.push(`${pad}${yamlScalar(k)}:${p.head ? ' ' + p.head : ''}`);
      for (const l of p.block) lines.push(l);
    }
    return { head: '', block: lines };
  }
  if (typeof v === 'string' && v.includes('\n')) {
    return { head: '|', block: v.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : pad + l)) };
  }
  return { head: yamlScalar(v), block: [] };
}

/**
 * Generate a CloudFormation template with exactly `resources` resources.
 * YAML uses short intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`, `!If`, ...);
 * JSON uses `{"Ref": ...}` / `{"Fn::...": ...}`.
 */
export function generateCloudFormationTemplate(opts: { resources: number; seed?: number; format: 'yaml' | 'json' }): string {
  const template = buildCfnTemplate(opts);
  if (opts.format === 'json') return JSON.stringify(toJsonValue(template), null, 2) + '\n';
  const lines: string[] = [];
  const keys = Object.keys(template);
  keys.forEach((k, i) => {
    const p = yamlNode(template[k] as CfnValue, 2);
    if (i > 0 && (p.block.length > 0 || k === 'Resources')) lines.push('');
    lines.push(`${k}:${p.head ? ' ' + p.head : ''}`);
    for (const l of p.block) lines.push(l);
  });
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// CLI: node out/scripts/genCorpus.js --files 500 --seed 7 --out /tmp/corpus
//      node out/scripts/genCorpus.js --cfn 300 --format yaml > template.yaml
// ---------------------------------------------------------------------------

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const path = require('node:path') as typeof import('node:path');
  const args = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const seed = Number(arg('seed') ?? '1');
  const cfn = arg('cfn');
  if (cfn !== undefined) {
    const format = arg('format') === 'json' ? 'json' : 'yaml';
    process.stdout.write(generateCloudFormationTemplate({ resources: Number(cfn), seed, format }));
  } else {
    const files = generateTerraformCorpus({ files: Number(arg('files') ?? '100'), seed });
    const out = arg('out');
    if (!out) {
      let lines = 0;
      for (const f of files) lines += countLines(f.text);
      process.stdout.write(`${files.length} files, ${lines} lines (use --out DIR to write them)\n`);
    } else {
      for (const f of files) {
        const p = path.join(out, f.path);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, f.text);
      }
      process.stdout.write(`wrote ${files.length} files to ${out}\n`);
    }
  }
}
