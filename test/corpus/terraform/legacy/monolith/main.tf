# =============================================================================
#  acme-legacy monolith
#
#  Everything the company ran on AWS before the 2022 platform rewrite lived in
#  this single root module. It is being carved up into live/aws/* stacks; see
#  MIGRATION.md. Until then: do NOT add new resources here.
#
#  Known compliance debt (tracked in the risk register, RR-14 .. RR-31):
#    * several buckets without encryption / with public ACLs
#    * IAM users with inline admin policies and long-lived access keys
#    * SSH/RDP open to the world on the ops security groups
#    * CloudTrail without log file validation
# =============================================================================

terraform {
  required_version = ">= 1.3.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.67"
    }
  }

  backend "s3" {
    bucket = "acme-legacy-tfstate"
    key    = "monolith/terraform.tfstate"
    region = "us-east-1"
    # encrypt = true   # <- never enabled, see RR-19
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

variable "db_master_password" {
  type      = string
  sensitive = true
}

locals {
  teams = ["growth", "payments", "search", "data", "mobile", "support"]
  office_ip = "198.51.100.23/32"
}

# -----------------------------------------------------------------------------
# Team buckets (one per team, created over the years by different people)
# -----------------------------------------------------------------------------
resource "aws_s3_bucket" "team_growth" {
  bucket = "acme-growth-data"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }

  versioning {
    enabled = true
  }

  tags = {
    Team               = "growth"
    DataClassification = "confidential"
  }
}

resource "aws_s3_bucket_public_access_block" "team_growth" {
  bucket                  = aws_s3_bucket.team_growth.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "team_payments" {
  bucket = "acme-payments-data"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }

  tags = {
    Team               = "payments"
    DataClassification = "restricted"
  }
}

resource "aws_s3_bucket_public_access_block" "team_payments" {
  bucket                  = aws_s3_bucket.team_payments.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "team_search" {
  bucket = "acme-search-data"

  tags = {
    Team               = "search"
    DataClassification = "internal"
  }
}

resource "aws_s3_bucket" "team_data" {
  bucket = "acme-data-data"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }

  versioning {
    enabled = true
  }

  tags = {
    Team               = "data"
    DataClassification = "confidential"
  }
}

resource "aws_s3_bucket_public_access_block" "team_data" {
  bucket                  = aws_s3_bucket.team_data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "team_mobile" {
  bucket = "acme-mobile-data"

  tags = {
    Team               = "mobile"
    DataClassification = "internal"
  }
}

resource "aws_s3_bucket" "team_support" {
  bucket = "acme-support-data"

  acl = "public-read"

  tags = {
    Team               = "support"
    DataClassification = "public"
  }
}

# -----------------------------------------------------------------------------
# IAM users (pre-SSO). Each engineer got a user + access key.
# -----------------------------------------------------------------------------
resource "aws_iam_group" "admins" {
  name = "admins"
  path = "/legacy/"
}

resource "aws_iam_group_policy" "admins" {
  name  = "admins-inline"
  group = aws_iam_group.admins.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_group" "developers" {
  name = "developers"
  path = "/legacy/"
}

resource "aws_iam_group_policy" "developers" {
  name  = "developers-inline"
  group = aws_iam_group.developers.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:*", "s3:*", "lambda:*", "logs:*", "cloudwatch:*"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_group" "data" {
  name = "data"
  path = "/legacy/"
}

resource "aws_iam_group_policy" "data" {
  name  = "data-inline"
  group = aws_iam_group.data.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:*", "athena:*", "glue:*", "redshift:*"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_group" "support" {
  name = "support"
  path = "/legacy/"
}

resource "aws_iam_group_policy" "support" {
  name  = "support-inline"
  group = aws_iam_group.support.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket", "logs:FilterLogEvents"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_group" "deployers" {
  name = "deployers"
  path = "/legacy/"
}

resource "aws_iam_group_policy" "deployers" {
  name  = "deployers-inline"
  group = aws_iam_group.deployers.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["*"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_user" "j_smith" {
  name          = "j.smith"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "admins"
  }
}

resource "aws_iam_user_group_membership" "j_smith" {
  user   = aws_iam_user.j_smith.name
  groups = [aws_iam_group.admins.name]
}

resource "aws_iam_access_key" "j_smith" {
  user = aws_iam_user.j_smith.name
}

resource "aws_iam_user" "m_garcia" {
  name          = "m.garcia"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "admins"
  }
}

resource "aws_iam_user_group_membership" "m_garcia" {
  user   = aws_iam_user.m_garcia.name
  groups = [aws_iam_group.admins.name]
}

resource "aws_iam_access_key" "m_garcia" {
  user = aws_iam_user.m_garcia.name
}

resource "aws_iam_user" "a_mueller" {
  name          = "a.mueller"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "developers"
  }
}

resource "aws_iam_user_group_membership" "a_mueller" {
  user   = aws_iam_user.a_mueller.name
  groups = [aws_iam_group.developers.name]
}

resource "aws_iam_access_key" "a_mueller" {
  user = aws_iam_user.a_mueller.name
}

resource "aws_iam_user" "l_chen" {
  name          = "l.chen"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "developers"
  }
}

resource "aws_iam_user_group_membership" "l_chen" {
  user   = aws_iam_user.l_chen.name
  groups = [aws_iam_group.developers.name]
}

resource "aws_iam_access_key" "l_chen" {
  user = aws_iam_user.l_chen.name
}

resource "aws_iam_user" "p_okafor" {
  name          = "p.okafor"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "developers"
  }
}

resource "aws_iam_user_group_membership" "p_okafor" {
  user   = aws_iam_user.p_okafor.name
  groups = [aws_iam_group.developers.name]
}

resource "aws_iam_access_key" "p_okafor" {
  user = aws_iam_user.p_okafor.name
}

resource "aws_iam_user" "s_ivanova" {
  name          = "s.ivanova"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "data"
  }
}

resource "aws_iam_user_group_membership" "s_ivanova" {
  user   = aws_iam_user.s_ivanova.name
  groups = [aws_iam_group.data.name]
}

resource "aws_iam_access_key" "s_ivanova" {
  user = aws_iam_user.s_ivanova.name
}

resource "aws_iam_user" "r_patel" {
  name          = "r.patel"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "data"
  }
}

resource "aws_iam_user_group_membership" "r_patel" {
  user   = aws_iam_user.r_patel.name
  groups = [aws_iam_group.data.name]
}

resource "aws_iam_access_key" "r_patel" {
  user = aws_iam_user.r_patel.name
}

resource "aws_iam_user" "t_nguyen" {
  name          = "t.nguyen"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "support"
  }
}

resource "aws_iam_user_group_membership" "t_nguyen" {
  user   = aws_iam_user.t_nguyen.name
  groups = [aws_iam_group.support.name]
}

resource "aws_iam_access_key" "t_nguyen" {
  user = aws_iam_user.t_nguyen.name
}

resource "aws_iam_user" "k_yamamoto" {
  name          = "k.yamamoto"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "developers"
  }
}

resource "aws_iam_user_group_membership" "k_yamamoto" {
  user   = aws_iam_user.k_yamamoto.name
  groups = [aws_iam_group.developers.name]
}

resource "aws_iam_access_key" "k_yamamoto" {
  user = aws_iam_user.k_yamamoto.name
}

resource "aws_iam_user" "e_kowalski" {
  name          = "e.kowalski"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "support"
  }
}

resource "aws_iam_user_group_membership" "e_kowalski" {
  user   = aws_iam_user.e_kowalski.name
  groups = [aws_iam_group.support.name]
}

resource "aws_iam_access_key" "e_kowalski" {
  user = aws_iam_user.e_kowalski.name
}

resource "aws_iam_user" "ci_bot" {
  name          = "ci-bot"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "deployers"
  }
}

resource "aws_iam_user_group_membership" "ci_bot" {
  user   = aws_iam_user.ci_bot.name
  groups = [aws_iam_group.deployers.name]
}

resource "aws_iam_access_key" "ci_bot" {
  user = aws_iam_user.ci_bot.name
}

resource "aws_iam_user_policy" "ci_bot_direct" {
  name = "direct-admin"
  user = aws_iam_user.ci_bot.name

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": "*",
      "Effect": "Allow",
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_iam_user" "backup_bot" {
  name          = "backup-bot"
  path          = "/legacy/"
  force_destroy = true

  tags = {
    Group = "deployers"
  }
}

resource "aws_iam_user_group_membership" "backup_bot" {
  user   = aws_iam_user.backup_bot.name
  groups = [aws_iam_group.deployers.name]
}

resource "aws_iam_access_key" "backup_bot" {
  user = aws_iam_user.backup_bot.name
}

resource "aws_iam_user_policy" "backup_bot_direct" {
  name = "direct-admin"
  user = aws_iam_user.backup_bot.name

  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": "*",
      "Effect": "Allow",
      "Resource": "*"
    }
  ]
}
EOF
}

# -----------------------------------------------------------------------------
# Ops security groups
# -----------------------------------------------------------------------------
resource "aws_security_group" "ops_ssh" {
  name        = "ops-ssh"
  description = "Managed by Terraform"
  vpc_id      = aws_vpc.legacy.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "ops_rdp" {
  name        = "ops-rdp"
  description = "Managed by Terraform"
  vpc_id      = aws_vpc.legacy.id

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "ops_mysql" {
  name        = "ops-mysql"
  description = "Managed by Terraform"
  vpc_id      = aws_vpc.legacy.id

  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "ops_redis" {
  name        = "ops-redis"
  description = "Managed by Terraform"
  vpc_id      = aws_vpc.legacy.id

  ingress {
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "ops_elastic" {
  name        = "ops-elastic"
  description = "Managed by Terraform"
  vpc_id      = aws_vpc.legacy.id

  ingress {
    from_port   = 9200
    to_port     = 9200
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "ops_vnc" {
  name        = "ops-vnc"
  description = "Managed by Terraform"
  vpc_id      = aws_vpc.legacy.id

  ingress {
    from_port   = 5900
    to_port     = 5900
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.23/32"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "ops_jenkins" {
  name        = "ops-jenkins"
  description = "Managed by Terraform"
  vpc_id      = aws_vpc.legacy.id

  ingress {
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "ops_grafana" {
  name        = "ops-grafana"
  description = "Managed by Terraform"
  vpc_id      = aws_vpc.legacy.id

  ingress {
    from_port   = 3000
    to_port     = 3000
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.23/32"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# -----------------------------------------------------------------------------
# Network
# -----------------------------------------------------------------------------

resource "aws_vpc" "legacy" {
  cidr_block           = "172.31.0.0/16"
  enable_dns_hostnames = true

  tags = {
    Name = "legacy"
  }
}

resource "aws_subnet" "legacy_public" {
  count                   = 3
  vpc_id                  = aws_vpc.legacy.id
  cidr_block              = cidrsubnet(aws_vpc.legacy.cidr_block, 4, count.index)
  availability_zone       = element(["us-east-1a", "us-east-1b", "us-east-1c"], count.index)
  map_public_ip_on_launch = true

  tags = {
    Name = "legacy-public-${count.index}"
  }
}

resource "aws_internet_gateway" "legacy" {
  vpc_id = aws_vpc.legacy.id
}

resource "aws_route_table" "legacy_public" {
  vpc_id = aws_vpc.legacy.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.legacy.id
  }
}

resource "aws_route_table_association" "legacy_public" {
  count          = length(aws_subnet.legacy_public)
  subnet_id      = aws_subnet.legacy_public[count.index].id
  route_table_id = aws_route_table.legacy_public.id
}

# -----------------------------------------------------------------------------
# Databases
# -----------------------------------------------------------------------------

resource "aws_db_subnet_group" "legacy" {
  name       = "legacy"
  subnet_ids = aws_subnet.legacy_public[*].id
}

resource "aws_db_instance" "main" {
  identifier              = "legacy-main"
  engine                  = "mysql"
  engine_version          = "5.7.44"
  instance_class          = "db.m5.xlarge"
  allocated_storage       = 100
  username                = "root"
  password                = var.db_master_password
  db_subnet_group_name    = aws_db_subnet_group.legacy.name
  vpc_security_group_ids  = [aws_security_group.ops_mysql.id]
  publicly_accessible     = false
  storage_encrypted       = true
  backup_retention_period = 7
  skip_final_snapshot     = false
  multi_az                = true

  tags = {
    Name = "legacy-main"
  }
}

resource "aws_db_instance" "analytics" {
  identifier              = "legacy-analytics"
  engine                  = "postgres"
  engine_version          = "12.17"
  instance_class          = "db.r5.large"
  allocated_storage       = 50
  username                = "postgres"
  password                = var.db_master_password
  db_subnet_group_name    = aws_db_subnet_group.legacy.name
  vpc_security_group_ids  = [aws_security_group.ops_redis.id]
  publicly_accessible     = true
  storage_encrypted       = false
  backup_retention_period = 0
  skip_final_snapshot     = true
  multi_az                = false

  tags = {
    Name = "legacy-analytics"
  }
}

resource "aws_db_instance" "wordpress" {
  identifier              = "legacy-wordpress"
  engine                  = "mysql"
  engine_version          = "8.0.35"
  instance_class          = "db.t3.small"
  allocated_storage       = 50
  username                = "root"
  password                = var.db_master_password
  db_subnet_group_name    = aws_db_subnet_group.legacy.name
  vpc_security_group_ids  = [aws_security_group.ops_mysql.id]
  publicly_accessible     = true
  storage_encrypted       = false
  backup_retention_period = 1
  skip_final_snapshot     = false
  multi_az                = false

  tags = {
    Name = "legacy-wordpress"
  }
}

resource "aws_db_instance" "sessions" {
  identifier              = "legacy-sessions"
  engine                  = "postgres"
  engine_version          = "13.13"
  instance_class          = "db.t3.medium"
  allocated_storage       = 50
  username                = "postgres"
  password                = var.db_master_password
  db_subnet_group_name    = aws_db_subnet_group.legacy.name
  vpc_security_group_ids  = [aws_security_group.ops_redis.id]
  publicly_accessible     = false
  storage_encrypted       = true
  backup_retention_period = 14
  skip_final_snapshot     = false
  multi_az                = false

  tags = {
    Name = "legacy-sessions"
  }
}

# -----------------------------------------------------------------------------
# Logging
# -----------------------------------------------------------------------------

resource "aws_s3_bucket" "cloudtrail" {
  bucket        = "acme-legacy-cloudtrail"
  force_destroy = true
}

resource "aws_s3_bucket_policy" "cloudtrail" {
  bucket = aws_s3_bucket.cloudtrail.id
  policy = <<POLICY
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AWSCloudTrailAclCheck",
            "Effect": "Allow",
            "Principal": { "Service": "cloudtrail.amazonaws.com" },
            "Action": "s3:GetBucketAcl",
            "Resource": "${aws_s3_bucket.cloudtrail.arn}"
        },
        {
            "Sid": "AWSCloudTrailWrite",
            "Effect": "Allow",
            "Principal": { "Service": "cloudtrail.amazonaws.com" },
            "Action": "s3:PutObject",
            "Resource": "${aws_s3_bucket.cloudtrail.arn}/AWSLogs/*",
            "Condition": { "StringEquals": { "s3:x-amz-acl": "bucket-owner-full-control" } }
        }
    ]
}
POLICY
}

resource "aws_cloudtrail" "legacy" {
  name                          = "legacy-trail"
  s3_bucket_name                = aws_s3_bucket.cloudtrail.id
  include_global_service_events = true
  is_multi_region_trail         = true
  enable_log_file_validation    = false
}

# -----------------------------------------------------------------------------
# Alarms (copy-pasted per host)
# -----------------------------------------------------------------------------
resource "aws_cloudwatch_metric_alarm" "web_01_cpuutilization" {
  alarm_name          = "web-01-CPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Average"
  threshold           = 90
  alarm_description   = "CPUUtilization on web-01"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-09e795e3c83f0a95a"
  }
}

resource "aws_cloudwatch_metric_alarm" "web_01_statuscheckfailed" {
  alarm_name          = "web-01-StatusCheckFailed"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "StatusCheckFailed"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Maximum"
  threshold           = 0
  alarm_description   = "StatusCheckFailed on web-01"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-09e795e3c83f0a95a"
  }
}

resource "aws_cloudwatch_metric_alarm" "web_02_cpuutilization" {
  alarm_name          = "web-02-CPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Average"
  threshold           = 90
  alarm_description   = "CPUUtilization on web-02"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-06750f847a2b84933"
  }
}

resource "aws_cloudwatch_metric_alarm" "web_02_statuscheckfailed" {
  alarm_name          = "web-02-StatusCheckFailed"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "StatusCheckFailed"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Maximum"
  threshold           = 0
  alarm_description   = "StatusCheckFailed on web-02"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-06750f847a2b84933"
  }
}

resource "aws_cloudwatch_metric_alarm" "web_03_cpuutilization" {
  alarm_name          = "web-03-CPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Average"
  threshold           = 90
  alarm_description   = "CPUUtilization on web-03"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-047c7f59e2075051d"
  }
}

resource "aws_cloudwatch_metric_alarm" "web_03_statuscheckfailed" {
  alarm_name          = "web-03-StatusCheckFailed"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "StatusCheckFailed"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Maximum"
  threshold           = 0
  alarm_description   = "StatusCheckFailed on web-03"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-047c7f59e2075051d"
  }
}

resource "aws_cloudwatch_metric_alarm" "worker_01_cpuutilization" {
  alarm_name          = "worker-01-CPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Average"
  threshold           = 90
  alarm_description   = "CPUUtilization on worker-01"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-0e85cdab1319ae038"
  }
}

resource "aws_cloudwatch_metric_alarm" "worker_01_statuscheckfailed" {
  alarm_name          = "worker-01-StatusCheckFailed"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "StatusCheckFailed"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Maximum"
  threshold           = 0
  alarm_description   = "StatusCheckFailed on worker-01"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-0e85cdab1319ae038"
  }
}

resource "aws_cloudwatch_metric_alarm" "worker_02_cpuutilization" {
  alarm_name          = "worker-02-CPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Average"
  threshold           = 90
  alarm_description   = "CPUUtilization on worker-02"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-0b015400c70176919"
  }
}

resource "aws_cloudwatch_metric_alarm" "worker_02_statuscheckfailed" {
  alarm_name          = "worker-02-StatusCheckFailed"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "StatusCheckFailed"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Maximum"
  threshold           = 0
  alarm_description   = "StatusCheckFailed on worker-02"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-0b015400c70176919"
  }
}

resource "aws_cloudwatch_metric_alarm" "cron_01_cpuutilization" {
  alarm_name          = "cron-01-CPUUtilization"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "CPUUtilization"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Average"
  threshold           = 90
  alarm_description   = "CPUUtilization on cron-01"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-08cd9811ee25c66db"
  }
}

resource "aws_cloudwatch_metric_alarm" "cron_01_statuscheckfailed" {
  alarm_name          = "cron-01-StatusCheckFailed"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "StatusCheckFailed"
  namespace           = "AWS/EC2"
  period              = 300
  statistic           = "Maximum"
  threshold           = 0
  alarm_description   = "StatusCheckFailed on cron-01"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:ops-pager"]

  dimensions = {
    InstanceId = "i-08cd9811ee25c66db"
  }
}

# -----------------------------------------------------------------------------
# DNS
# -----------------------------------------------------------------------------
resource "aws_route53_zone" "legacy" {
  name = "acme-legacy.example"
}

resource "aws_route53_record" "www_cname" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "www.acme-legacy.example"
  type    = "CNAME"
  ttl     = 300
  records = ["legacy-alb-1234567890.us-east-1.elb.amazonaws.com"]
}

resource "aws_route53_record" "api_cname" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "api.acme-legacy.example"
  type    = "CNAME"
  ttl     = 300
  records = ["legacy-api-987654321.us-east-1.elb.amazonaws.com"]
}

resource "aws_route53_record" "mail_mx" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "mail.acme-legacy.example"
  type    = "MX"
  ttl     = 3600
  records = ["10 mx1.mailprovider.example", "20 mx2.mailprovider.example"]
}

resource "aws_route53_record" "apex_txt" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "acme-legacy.example"
  type    = "TXT"
  ttl     = 300
  records = ["v=spf1 include:_spf.mailprovider.example ~all", "google-site-verification=abc123"]
}

resource "aws_route53_record" "vpn_a" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "vpn.acme-legacy.example"
  type    = "A"
  ttl     = 300
  records = ["198.51.100.10"]
}

resource "aws_route53_record" "jenkins_a" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "jenkins.acme-legacy.example"
  type    = "A"
  ttl     = 300
  records = ["198.51.100.11"]
}

resource "aws_route53_record" "grafana_a" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "grafana.acme-legacy.example"
  type    = "A"
  ttl     = 300
  records = ["198.51.100.12"]
}

resource "aws_route53_record" "status_cname" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "status.acme-legacy.example"
  type    = "CNAME"
  ttl     = 300
  records = ["acme.statuspage.io"]
}

resource "aws_route53_record" "docs_cname" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "docs.acme-legacy.example"
  type    = "CNAME"
  ttl     = 300
  records = ["acme.gitbook.io"]
}

resource "aws_route53_record" "old_a" {
  zone_id = aws_route53_zone.legacy.zone_id
  name    = "old.acme-legacy.example"
  type    = "A"
  ttl     = 300
  records = ["198.51.100.99"]
}

output "access_keys" {
  value = {
    for u in [
      aws_iam_access_key.j_smith,
      aws_iam_access_key.m_garcia,
      aws_iam_access_key.a_mueller,
      aws_iam_access_key.l_chen,
      aws_iam_access_key.p_okafor,
      aws_iam_access_key.s_ivanova,
      aws_iam_access_key.r_patel,
      aws_iam_access_key.t_nguyen,
      aws_iam_access_key.k_yamamoto,
      aws_iam_access_key.e_kowalski,
      aws_iam_access_key.ci_bot,
      aws_iam_access_key.backup_bot,
    ] : u.user => u.id
  }
}

output "db_endpoints" {
  value = {
    main = aws_db_instance.main.endpoint
    analytics = aws_db_instance.analytics.endpoint
    wordpress = aws_db_instance.wordpress.endpoint
    sessions = aws_db_instance.sessions.endpoint
  }
}
