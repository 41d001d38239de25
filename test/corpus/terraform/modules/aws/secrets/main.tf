terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "prefix" {
  type    = string
  default = "app"
}

variable "kms_key_arn" {
  type = string
}

variable "secrets" {
  description = "Secret name => config. rotation_lambda_arn enables rotation."
  type = map(object({
    description         = optional(string, "")
    rotation_lambda_arn = optional(string)
    rotation_days       = optional(number, 30)
    reader_arns         = optional(list(string), [])
    replica_regions     = optional(list(string), [])
    initial_value       = optional(map(string))
  }))
}

variable "parameters" {
  type = map(object({
    value  = string
    secure = optional(bool, false)
    tier   = optional(string, "Standard")
  }))
  default = {}
}

resource "aws_secretsmanager_secret" "this" {
  for_each = var.secrets

  name                    = "${var.prefix}/${each.key}"
  description             = each.value.description
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 30

  dynamic "replica" {
    for_each = toset(each.value.replica_regions)
    content {
      region     = replica.value
      kms_key_id = replace(var.kms_key_arn, "/:[a-z]{2}-[a-z]+-[0-9]:/", ":${replica.value}:")
    }
  }
}

resource "aws_secretsmanager_secret_version" "initial" {
  for_each = { for k, s in var.secrets : k => s if s.initial_value != null }

  secret_id     = aws_secretsmanager_secret.this[each.key].id
  secret_string = jsonencode(each.value.initial_value)

  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_secretsmanager_secret_rotation" "this" {
  for_each = { for k, s in var.secrets : k => s if s.rotation_lambda_arn != null }

  secret_id           = aws_secretsmanager_secret.this[each.key].id
  rotation_lambda_arn = each.value.rotation_lambda_arn

  rotation_rules {
    automatically_after_days = each.value.rotation_days
  }
}

resource "aws_secretsmanager_secret_policy" "this" {
  for_each = { for k, s in var.secrets : k => s if length(s.reader_arns) > 0 }

  secret_arn = aws_secretsmanager_secret.this[each.key].arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowReaders"
        Effect    = "Allow"
        Principal = { AWS = each.value.reader_arns }
        Action    = "secretsmanager:GetSecretValue"
        Resource  = "*"
      },
      {
        Sid       = "DenyOutsideOrgVPC"
        Effect    = "Deny"
        Principal = "*"
        Action    = "secretsmanager:GetSecretValue"
        Resource  = "*"
        Condition = {
          Null = { "aws:SourceVpc" = "true" }
          StringNotLike = {
            "aws:PrincipalArn" = ["arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"]
          }
        }
      }
    ]
  })
}

resource "aws_ssm_parameter" "this" {
  for_each = var.parameters

  name   = "/${var.prefix}/${each.key}"
  type   = each.value.secure ? "SecureString" : "String"
  value  = each.value.value
  tier   = each.value.tier
  key_id = each.value.secure ? var.kms_key_arn : null
}

# Plaintext secret in SSM -- finding: should be SecureString
resource "aws_ssm_parameter" "legacy_db_password" {
  name  = "/legacy/db/password"
  type  = "String"
  value = "changeme123"
}

# Secret without CMK and without rotation
resource "aws_secretsmanager_secret" "legacy_api_key" {
  name = "legacy/partner-api-key"
}

output "secret_arns" {
  value = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "parameter_arns" {
  value = { for k, p in aws_ssm_parameter.this : k => p.arn }
}
