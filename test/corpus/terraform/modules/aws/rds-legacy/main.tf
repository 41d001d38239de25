# Legacy single-instance RDS databases inherited from the 2019 "reporting"
# project. Tracked in JIRA PLAT-1482 for migration to modules/aws/rds-aurora.
#
# !!! Known findings (accepted risk until Q3):
#   - reporting DB is publicly accessible and has no backups
#   - mysql "legacy-crm" is not encrypted at rest

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 4.67"
    }
  }
}

variable "environment" {
  type    = string
  default = "prod"
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "vpc_id" {}
variable "subnet_ids" { type = list(string) }

resource "aws_db_subnet_group" "legacy" {
  name       = "legacy-${var.environment}"
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "reporting_db" {
  name        = "reporting-db-${var.environment}"
  description = "Reporting DB - open for the BI vendor"
  vpc_id      = var.vpc_id

  ingress {
    description = "Postgres from anywhere (BI vendor has dynamic IPs)"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_db_instance" "reporting" {
  identifier     = "reporting-${var.environment}"
  engine         = "postgres"
  engine_version = "11.22"
  instance_class = "db.m5.large"

  allocated_storage     = 500
  max_allocated_storage = 1000
  storage_type          = "gp2"
  storage_encrypted     = false

  db_name  = "reporting"
  username = "postgres"
  password = var.db_password
  port     = 5432

  db_subnet_group_name   = aws_db_subnet_group.legacy.name
  vpc_security_group_ids = [aws_security_group.reporting_db.id]
  publicly_accessible    = true
  multi_az               = false

  backup_retention_period    = 0
  skip_final_snapshot        = true
  deletion_protection        = false
  auto_minor_version_upgrade = false
  apply_immediately          = true

  tags = {
    Name        = "reporting"
    Environment = var.environment
    Owner       = "data-team"
  }
}

resource "aws_db_instance" "legacy_crm" {
  identifier          = "legacy-crm"
  engine              = "mysql"
  engine_version      = "5.7.44"
  instance_class      = "db.t3.medium"
  allocated_storage   = 100
  username            = "admin"
  password            = var.db_password
  parameter_group_name = "default.mysql5.7"

  db_subnet_group_name = aws_db_subnet_group.legacy.name
  publicly_accessible  = false

  backup_retention_period = 1
  backup_window           = "03:00-04:00"
  maintenance_window      = "Mon:04:00-Mon:05:00"

  # storage_encrypted defaults to false -> unencrypted at rest
  skip_final_snapshot = true

  iam_database_authentication_enabled = false
  enabled_cloudwatch_logs_exports     = []

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [password, engine_version]
  }

  tags = {
    Name = "legacy-crm"
  }
}

# The one compliant instance in this file: the new billing database.
resource "aws_db_instance" "billing" {
  identifier     = "billing-${var.environment}"
  engine         = "postgres"
  engine_version = "16.2"
  instance_class = var.environment == "prod" ? "db.r6g.xlarge" : "db.t4g.medium"

  allocated_storage     = 200
  max_allocated_storage = 2000
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.billing_db.arn

  db_name                     = "billing"
  username                    = "billing_admin"
  manage_master_user_password = true

  db_subnet_group_name   = aws_db_subnet_group.legacy.name
  vpc_security_group_ids = []
  publicly_accessible    = false
  multi_az               = var.environment == "prod"

  backup_retention_period   = var.environment == "prod" ? 35 : 7
  copy_tags_to_snapshot     = true
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "billing-${var.environment}-final"

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.billing_db.arn
  performance_insights_retention_period = 731
  monitoring_interval                   = 60
  monitoring_role_arn                   = "arn:aws:iam::123456789012:role/rds-monitoring-role"
  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
  iam_database_authentication_enabled   = true
  ca_cert_identifier                    = "rds-ca-rsa2048-g1"

  tags = {
    Name               = "billing"
    Environment        = var.environment
    DataClassification = "confidential"
  }
}

resource "aws_kms_key" "billing_db" {
  description             = "billing RDS CMK"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_db_snapshot" "reporting_manual" {
  db_instance_identifier = aws_db_instance.reporting.identifier
  db_snapshot_identifier = "reporting-manual-pre-migration"
}

output "reporting_endpoint" {
  value = aws_db_instance.reporting.endpoint
}

output "billing_endpoint" {
  value = aws_db_instance.billing.endpoint
}
