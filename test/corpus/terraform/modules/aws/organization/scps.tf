# Service control policies. The JSON is written three different ways on
# purpose (jsonencode, policy document data source, raw heredoc).

resource "aws_organizations_policy" "deny_leave_org" {
  name        = "deny-leave-organization"
  description = "Accounts cannot leave the organization"
  type        = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "DenyLeave"
      Effect   = "Deny"
      Action   = ["organizations:LeaveOrganization"]
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "region_restriction" {
  statement {
    sid       = "DenyOutsideAllowedRegions"
    effect    = "Deny"
    resources = ["*"]
    not_actions = [
      "a4b:*", "acm:*", "aws-marketplace-management:*", "aws-marketplace:*",
      "aws-portal:*", "budgets:*", "ce:*", "chime:*", "cloudfront:*",
      "config:*", "cur:*", "directconnect:*", "ec2:DescribeRegions",
      "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways", "fms:*",
      "globalaccelerator:*", "health:*", "iam:*", "importexport:*", "kms:*",
      "mobileanalytics:*", "networkmanager:*", "organizations:*", "pricing:*",
      "route53:*", "route53domains:*", "route53-recovery-cluster:*",
      "route53-recovery-control-config:*", "route53-recovery-readiness:*",
      "s3:GetAccountPublic*", "s3:ListAllMyBuckets", "s3:ListMultiRegionAccessPoints",
      "s3:PutAccountPublic*", "shield:*", "sts:*", "support:*", "trustedadvisor:*",
      "waf-regional:*", "waf:*", "wafv2:*", "wellarchitected:*",
    ]

    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = var.allowed_regions
    }

    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalARN"
      values = [
        "arn:aws:iam::*:role/OrganizationAccountAccessRole",
        "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_AdministratorAccess_*",
      ]
    }
  }
}

resource "aws_organizations_policy" "region_restriction" {
  name    = "region-restriction"
  type    = "SERVICE_CONTROL_POLICY"
  content = data.aws_iam_policy_document.region_restriction.json
}

resource "aws_organizations_policy" "protect_security_services" {
  name        = "protect-security-services"
  description = "Prevent disabling CloudTrail, Config, GuardDuty, Security Hub, Access Analyzer"
  type        = "SERVICE_CONTROL_POLICY"

  content = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ProtectCloudTrail",
          "Effect": "Deny",
          "Action": [
            "cloudtrail:DeleteTrail",
            "cloudtrail:PutEventSelectors",
            "cloudtrail:StopLogging",
            "cloudtrail:UpdateTrail"
          ],
          "Resource": "*",
          "Condition": {
            "ArnNotLike": { "aws:PrincipalARN": "arn:aws:iam::*:role/OrganizationAccountAccessRole" }
          }
        },
        {
          "Sid": "ProtectConfig",
          "Effect": "Deny",
          "Action": [
            "config:DeleteConfigurationRecorder",
            "config:DeleteDeliveryChannel",
            "config:StopConfigurationRecorder"
          ],
          "Resource": "*"
        },
        {
          "Sid": "ProtectGuardDuty",
          "Effect": "Deny",
          "Action": [
            "guardduty:DeleteDetector",
            "guardduty:DisassociateFromMasterAccount",
            "guardduty:UpdateDetector",
            "guardduty:CreateFilter",
            "guardduty:CreateIPSet"
          ],
          "Resource": "*"
        },
        {
          "Sid": "ProtectSecurityHub",
          "Effect": "Deny",
          "Action": [
            "securityhub:DisableSecurityHub",
            "securityhub:DeleteMembers",
            "securityhub:DisassociateMembers"
          ],
          "Resource": "*"
        },
        {
          "Sid": "DenyRootUser",
          "Effect": "Deny",
          "Action": "*",
          "Resource": "*",
          "Condition": {
            "StringLike": { "aws:PrincipalArn": ["arn:aws:iam::*:root"] }
          }
        }
      ]
    }
  JSON
}

resource "aws_organizations_policy" "require_encryption" {
  name = "require-encryption"
  type = "SERVICE_CONTROL_POLICY"

  content = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DenyUnencryptedEBS"
        Effect   = "Deny"
        Action   = ["ec2:CreateVolume"]
        Resource = "*"
        Condition = {
          Bool = { "ec2:Encrypted" = "false" }
        }
      },
      {
        Sid      = "DenyUnencryptedRDS"
        Effect   = "Deny"
        Action   = ["rds:CreateDBInstance", "rds:CreateDBCluster"]
        Resource = "*"
        Condition = {
          Bool = { "rds:StorageEncrypted" = "false" }
        }
      },
      {
        Sid      = "DenyS3PublicAccessChanges"
        Effect   = "Deny"
        Action   = ["s3:PutAccountPublicAccessBlock", "s3:DeletePublicAccessBlock"]
        Resource = "*"
      },
      {
        Sid      = "DenyIMDSv1"
        Effect   = "Deny"
        Action   = "ec2:RunInstances"
        Resource = "arn:aws:ec2:*:*:instance/*"
        Condition = {
          StringNotEquals = { "ec2:MetadataHttpTokens" = "required" }
        }
      },
    ]
  })
}

resource "aws_organizations_policy" "sandbox_full_access" {
  # Attached to the sandbox OU instead of the default FullAWSAccess policy.
  name    = "sandbox-full-access"
  type    = "SERVICE_CONTROL_POLICY"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

resource "aws_organizations_policy" "tagging" {
  name = "mandatory-tags"
  type = "TAG_POLICY"

  content = jsonencode({
    tags = {
      costcenter = {
        tag_key = { "@@assign" = "CostCenter" }
        tag_value = { "@@assign" = ["CC-100", "CC-200", "CC-300", "CC-900"] }
        enforced_for = { "@@assign" = ["ec2:instance", "ec2:volume", "rds:db", "s3:bucket"] }
      }
      dataclassification = {
        tag_key   = { "@@assign" = "DataClassification" }
        tag_value = { "@@assign" = ["public", "internal", "confidential", "restricted"] }
      }
    }
  })
}

locals {
  scp_ids = {
    "deny-leave-organization"   = aws_organizations_policy.deny_leave_org.id
    "region-restriction"        = aws_organizations_policy.region_restriction.id
    "protect-security-services" = aws_organizations_policy.protect_security_services.id
    "require-encryption"        = aws_organizations_policy.require_encryption.id
    "sandbox-full-access"       = aws_organizations_policy.sandbox_full_access.id
  }
}

resource "aws_organizations_policy_attachment" "root" {
  for_each  = toset(["deny-leave-organization", "protect-security-services"])
  policy_id = local.scp_ids[each.key]
  target_id = local.root_id
}

resource "aws_organizations_policy_attachment" "ou" {
  for_each  = local.scp_attachments
  policy_id = local.scp_ids[each.value.scp]
  target_id = local.ou_ids[each.value.ou]
}

resource "aws_organizations_policy_attachment" "tags_root" {
  policy_id = aws_organizations_policy.tagging.id
  target_id = local.root_id
}
