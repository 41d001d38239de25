terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "name" {
  type    = string
  default = "default"
}

variable "kms_key_arn" {
  type = string
}

variable "copy_to_vault_arn" {
  description = "Cross-region / cross-account vault for copies (A.8.13)"
  type        = string
  default     = null
}

variable "plans" {
  type = map(object({
    schedule           = string
    delete_after       = number
    cold_storage_after = optional(number)
    copy_delete_after  = optional(number)
    continuous         = optional(bool, false)
  }))
  default = {
    daily = {
      schedule     = "cron(0 3 * * ? *)"
      delete_after = 35
    }
    weekly = {
      schedule           = "cron(0 4 ? * SUN *)"
      delete_after       = 180
      cold_storage_after = 30
    }
    monthly = {
      schedule           = "cron(0 5 1 * ? *)"
      delete_after       = 2555
      cold_storage_after = 90
      copy_delete_after  = 2555
    }
  }
}

variable "selection_tag" {
  type = object({
    key   = string
    value = string
  })
  default = {
    key   = "Backup"
    value = "true"
  }
}

variable "vault_lock" {
  type = object({
    min_retention_days  = number
    max_retention_days  = number
    changeable_for_days = optional(number)
  })
  default = null
}

resource "aws_backup_vault" "this" {
  name        = var.name
  kms_key_arn = var.kms_key_arn
  force_destroy = false
}

resource "aws_backup_vault_lock_configuration" "this" {
  count = var.vault_lock == null ? 0 : 1

  backup_vault_name   = aws_backup_vault.this.name
  min_retention_days  = var.vault_lock.min_retention_days
  max_retention_days  = var.vault_lock.max_retention_days
  changeable_for_days = var.vault_lock.changeable_for_days
}

resource "aws_backup_vault_notifications" "this" {
  backup_vault_name   = aws_backup_vault.this.name
  sns_topic_arn       = aws_sns_topic.backup.arn
  backup_vault_events = ["BACKUP_JOB_FAILED", "RESTORE_JOB_COMPLETED", "COPY_JOB_FAILED", "S3_BACKUP_OBJECT_FAILED"]
}

resource "aws_sns_topic" "backup" {
  name              = "backup-${var.name}"
  kms_master_key_id = var.kms_key_arn
}

resource "aws_backup_plan" "this" {
  name = var.name

  dynamic "rule" {
    for_each = var.plans
    content {
      rule_name                = rule.key
      target_vault_name        = aws_backup_vault.this.name
      schedule                 = rule.value.schedule
      start_window             = 60
      completion_window        = 360
      enable_continuous_backup = rule.value.continuous

      lifecycle {
        delete_after       = rule.value.delete_after
        cold_storage_after = rule.value.cold_storage_after
      }

      dynamic "copy_action" {
        for_each = var.copy_to_vault_arn != null && rule.value.copy_delete_after != null ? [1] : []
        content {
          destination_vault_arn = var.copy_to_vault_arn
          lifecycle {
            delete_after = rule.value.copy_delete_after
          }
        }
      }

      recovery_point_tags = {
        Plan = var.name
        Rule = rule.key
      }
    }
  }

  advanced_backup_setting {
    backup_options = {
      WindowsVSS = "enabled"
    }
    resource_type = "EC2"
  }
}

resource "aws_iam_role" "backup" {
  name = "aws-backup-${var.name}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "backup.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "backup" {
  for_each = toset([
    "service-role/AWSBackupServiceRolePolicyForBackup",
    "service-role/AWSBackupServiceRolePolicyForRestores",
    "AWSBackupServiceRolePolicyForS3Backup",
    "AWSBackupServiceRolePolicyForS3Restore",
  ])
  role       = aws_iam_role.backup.name
  policy_arn = "arn:aws:iam::aws:policy/${each.value}"
}

resource "aws_backup_selection" "tagged" {
  name         = "tagged-${var.selection_tag.key}"
  iam_role_arn = aws_iam_role.backup.arn
  plan_id      = aws_backup_plan.this.id
  resources    = ["*"]

  condition {
    string_equals {
      key   = "aws:ResourceTag/${var.selection_tag.key}"
      value = var.selection_tag.value
    }
  }
}

resource "aws_backup_report_plan" "compliance" {
  name        = replace("${var.name}_compliance", "-", "_")
  description = "Daily backup compliance report for auditors"

  report_delivery_channel {
    formats        = ["CSV", "JSON"]
    s3_bucket_name = "acme-audit-reports"
    s3_key_prefix  = "backup/${var.name}"
  }

  report_setting {
    report_template = "RESOURCE_COMPLIANCE_REPORT"
    framework_arns  = [aws_backup_framework.iso.arn]
    number_of_frameworks = 1
  }
}

resource "aws_backup_framework" "iso" {
  name        = replace("${var.name}_iso27001", "-", "_")
  description = "Backup controls mapped to ISO 27001 A.8.13"

  control {
    name = "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK"
    input_parameter {
      name  = "requiredRetentionDays"
      value = "35"
    }
  }

  control {
    name = "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK"
    input_parameter {
      name  = "requiredFrequencyUnit"
      value = "days"
    }
    input_parameter {
      name  = "requiredRetentionDays"
      value = "35"
    }
    input_parameter {
      name  = "requiredFrequencyValue"
      value = "1"
    }
  }

  control {
    name = "BACKUP_RECOVERY_POINT_ENCRYPTED"
  }

  control {
    name = "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN"
    scope {
      compliance_resource_types = ["RDS", "DynamoDB", "EFS", "EBS"]
    }
  }

  control {
    name = "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED"
  }
}

output "vault_arn" { value = aws_backup_vault.this.arn }
output "plan_id" { value = aws_backup_plan.this.id }
