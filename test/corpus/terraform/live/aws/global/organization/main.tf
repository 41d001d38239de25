module "organization" {
  source = "../../../../modules/aws/organization"

  security_account_email    = "aws-security@acme.example"
  log_archive_account_email = "aws-log-archive@acme.example"
  allowed_regions           = ["eu-central-1", "eu-west-1", "us-east-1"]

  organizational_units = {
    security = {
      scps = ["region-restriction", "require-encryption"]
    }
    workloads = {
      scps = ["region-restriction"]
    }
    prod = {
      parent = "workloads"
      scps   = ["require-encryption"]
      accounts = {
        "acme-prod" = {
          email = "aws-prod@acme.example"
          tags  = { Environment = "prod", DataClassification = "confidential" }
        }
      }
    }
    nonprod = {
      parent = "workloads"
      accounts = {
        "acme-staging" = { email = "aws-staging@acme.example", tags = { Environment = "staging" } }
        "acme-dev"     = { email = "aws-dev@acme.example", tags = { Environment = "dev" } }
      }
    }
    sandbox = {
      scps = ["sandbox-full-access"]
      accounts = {
        "acme-sandbox" = { email = "aws-sandbox@acme.example" }
      }
    }
  }
}

module "org_trail" {
  source = "../../../../modules/aws/cloudtrail"

  providers = {
    aws = aws.log_archive
  }

  name                      = "acme-org-trail"
  is_organization_trail     = true
  cloudwatch_retention_days = 400

  data_events = [
    { name = "All S3 data events", resources_type = "AWS::S3::Object" },
    { name = "DynamoDB data events", resources_type = "AWS::DynamoDB::Table", read_only = false },
  ]
}

module "security_services" {
  source = "../../../../modules/aws/security-services"

  providers = {
    aws = aws.security
  }

  config_bucket_name = "acme-org-config-${module.organization.account_ids["log_archive"]}"
}

module "iam_baseline" {
  source = "../../../../modules/aws/iam-baseline"

  account_alias   = "acme-management"
  organization_id = module.organization.organization_id

  ci_repositories = [
    "acme/platform-infra",
    "acme/org-policies",
  ]

  break_glass_users = ["breakglass-1", "breakglass-2"]
}

module "kms" {
  source = "../../../../modules/aws/kms"

  providers = {
    aws = aws.log_archive
  }

  alias_prefix = "alias/org"
  keys = {
    "backup-vault" = {
      description = "Org-wide backup vault key"
      multi_region = true
      service_principals = ["backup.amazonaws.com"]
    }
  }
}

module "backup" {
  source = "../../../../modules/aws/backup"

  providers = {
    aws = aws.log_archive
  }

  name        = "org-central"
  kms_key_arn = module.kms.key_arns["backup-vault"]

  vault_lock = {
    min_retention_days  = 35
    max_retention_days  = 2555
    changeable_for_days = 3
  }
}

resource "aws_organizations_policy" "backup" {
  name = "org-backup-policy"
  type = "BACKUP_POLICY"

  content = jsonencode({
    plans = {
      "org-daily" = {
        regions = { "@@assign" = ["eu-central-1", "eu-west-1"] }
        rules = {
          daily = {
            schedule_expression = { "@@assign" = "cron(0 3 ? * * *)" }
            start_backup_window_minutes = { "@@assign" = "60" }
            target_backup_vault_name    = { "@@assign" = "Default" }
            lifecycle = {
              delete_after_days = { "@@assign" = "35" }
            }
            copy_actions = {
              (module.backup.vault_arn) = {
                target_backup_vault_arn = { "@@assign" = module.backup.vault_arn }
                lifecycle = {
                  delete_after_days = { "@@assign" = "365" }
                }
              }
            }
          }
        }
        selections = {
          tags = {
            "backup-tag" = {
              iam_role_arn = { "@@assign" = "arn:aws:iam::$account:role/aws-backup-org" }
              tag_key      = { "@@assign" = "Backup" }
              tag_value    = { "@@assign" = ["true", "daily"] }
            }
          }
        }
      }
    }
  })
}

resource "aws_organizations_policy_attachment" "backup_workloads" {
  policy_id = aws_organizations_policy.backup.id
  target_id = module.organization.ou_ids["workloads"]
}

moved {
  from = module.org.aws_organizations_organization.this
  to   = module.organization.aws_organizations_organization.this
}

check "org_trail_validation" {
  assert {
    condition     = module.org_trail.trail_arn != ""
    error_message = "The organization trail must exist."
  }
}
