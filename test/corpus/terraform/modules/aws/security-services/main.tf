data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

# ------------------------------------------------------------------
# AWS Config
# ------------------------------------------------------------------

resource "aws_iam_service_linked_role" "config" {
  aws_service_name = "config.amazonaws.com"
}

resource "aws_config_configuration_recorder" "this" {
  name     = "default"
  role_arn = aws_iam_service_linked_role.config.arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = data.aws_region.current.name == "us-east-1"
  }

  recording_mode {
    recording_frequency = "CONTINUOUS"
    recording_mode_override {
      description         = "Daily for noisy resource types"
      resource_types      = ["AWS::EC2::NetworkInterface"]
      recording_frequency = "DAILY"
    }
  }
}

resource "aws_config_delivery_channel" "this" {
  name           = "default"
  s3_bucket_name = var.config_bucket_name
  s3_key_prefix  = "config"

  snapshot_delivery_properties {
    delivery_frequency = "TwentyFour_Hours"
  }

  depends_on = [aws_config_configuration_recorder.this]
}

resource "aws_config_configuration_recorder_status" "this" {
  name       = aws_config_configuration_recorder.this.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.this]
}

resource "aws_config_config_rule" "managed" {
  for_each = var.config_rules

  name = each.key

  source {
    owner             = "AWS"
    source_identifier = each.value.identifier
  }

  input_parameters = each.value.params == null ? null : jsonencode(each.value.params)

  tags = merge(var.tags, { "compliance:framework" = "CIS" })

  depends_on = [aws_config_configuration_recorder.this]
}

resource "aws_config_conformance_pack" "iso27001" {
  name = "operational-best-practices-for-iso27001"

  template_body = <<-YAML
    Parameters:
      AccessKeysRotatedParamMaxAccessKeyAge:
        Default: '90'
        Type: String
    Resources:
      AccessKeysRotated:
        Properties:
          ConfigRuleName: access-keys-rotated-iso
          InputParameters:
            maxAccessKeyAge:
              Ref: AccessKeysRotatedParamMaxAccessKeyAge
          Source:
            Owner: AWS
            SourceIdentifier: ACCESS_KEYS_ROTATED
        Type: AWS::Config::ConfigRule
      CloudTrailEncryptionEnabled:
        Properties:
          ConfigRuleName: cloud-trail-encryption-enabled-iso
          Source:
            Owner: AWS
            SourceIdentifier: CLOUD_TRAIL_ENCRYPTION_ENABLED
        Type: AWS::Config::ConfigRule
      S3DefaultEncryptionKms:
        Properties:
          ConfigRuleName: s3-default-encryption-kms-iso
          Source:
            Owner: AWS
            SourceIdentifier: S3_DEFAULT_ENCRYPTION_KMS
        Type: AWS::Config::ConfigRule
  YAML

  depends_on = [aws_config_configuration_recorder.this]
}

# ------------------------------------------------------------------
# GuardDuty
# ------------------------------------------------------------------

resource "aws_guardduty_detector" "this" {
  count                        = var.enable_guardduty ? 1 : 0
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
  tags                         = var.tags
}

resource "aws_guardduty_detector_feature" "this" {
  for_each = var.enable_guardduty ? {
    S3_DATA_EVENTS         = null
    EKS_AUDIT_LOGS         = null
    EBS_MALWARE_PROTECTION = null
    RDS_LOGIN_EVENTS       = null
    LAMBDA_NETWORK_LOGS    = null
    RUNTIME_MONITORING     = ["EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT"]
  } : {}

  detector_id = aws_guardduty_detector.this[0].id
  name        = each.key
  status      = "ENABLED"

  dynamic "additional_configuration" {
    for_each = each.value == null ? [] : each.value
    content {
      name   = additional_configuration.value
      status = "ENABLED"
    }
  }
}

resource "aws_cloudwatch_event_rule" "guardduty_high" {
  count       = var.enable_guardduty ? 1 : 0
  name        = "guardduty-high-severity"
  description = "GuardDuty findings with severity >= 7"

  event_pattern = jsonencode({
    source        = ["aws.guardduty"]
    "detail-type" = ["GuardDuty Finding"]
    detail = {
      severity = [{ numeric = [">=", 7] }]
    }
  })
}

# ------------------------------------------------------------------
# Security Hub
# ------------------------------------------------------------------

resource "aws_securityhub_account" "this" {
  count                     = var.enable_securityhub ? 1 : 0
  enable_default_standards  = false
  control_finding_generator = "SECURITY_CONTROL"
  auto_enable_controls      = true
}

resource "aws_securityhub_standards_subscription" "this" {
  for_each      = var.enable_securityhub ? toset(var.securityhub_standards) : []
  standards_arn = "arn:aws:securityhub:${data.aws_region.current.name}::standards/${each.value}"
  depends_on    = [aws_securityhub_account.this]
}

resource "aws_securityhub_finding_aggregator" "this" {
  count        = var.enable_securityhub && data.aws_region.current.name == "eu-central-1" ? 1 : 0
  linking_mode = "ALL_REGIONS"
  depends_on   = [aws_securityhub_account.this]
}

# ------------------------------------------------------------------
# IAM Access Analyzer + Macie + Inspector
# ------------------------------------------------------------------

resource "aws_macie2_account" "this" {
  finding_publishing_frequency = "ONE_HOUR"
  status                       = "ENABLED"
}

resource "aws_inspector2_enabler" "this" {
  account_ids    = [data.aws_caller_identity.current.account_id]
  resource_types = ["EC2", "ECR", "LAMBDA"]
}
