data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  github_subjects = flatten([
    for repo in var.ci_repositories : [
      for branch in var.ci_branches : "repo:${repo}:ref:refs/heads/${branch}"
    ]
  ])
}

resource "aws_iam_account_alias" "this" {
  account_alias = var.account_alias
}

resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = var.password_policy.minimum_length
  require_symbols                = var.password_policy.require_symbols
  require_numbers                = var.password_policy.require_numbers
  require_uppercase_characters   = var.password_policy.require_uppercase
  require_lowercase_characters   = var.password_policy.require_lowercase
  max_password_age               = var.password_policy.max_age_days
  password_reuse_prevention      = var.password_policy.reuse_prevention
  allow_users_to_change_password = var.password_policy.allow_users_to_change
  hard_expiry                    = false
}

################################################################################
# GitHub Actions OIDC -> CI deploy role
################################################################################

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  thumbprint_list = [
    "6938fd4d98bab03faadb97b34396831e3780aea1",
    "1c58a3a8518e8759bf075b76b750d4f2df264fcd",
  ]
  tags = var.tags
}

data "aws_iam_policy_document" "ci_assume" {
  statement {
    sid     = "GitHubActions"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = local.github_subjects
    }
  }
}

resource "aws_iam_role" "ci_deploy" {
  name                 = "ci-deploy"
  description          = "Assumed by GitHub Actions to run terraform plan/apply"
  assume_role_policy   = data.aws_iam_policy_document.ci_assume.json
  max_session_duration = 3600
  permissions_boundary = aws_iam_policy.boundary.arn
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "ci_poweruser" {
  role       = aws_iam_role.ci_deploy.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/PowerUserAccess"
}

resource "aws_iam_role_policy" "ci_iam_limited" {
  name = "iam-limited"
  role = aws_iam_role.ci_deploy.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ManageServiceRoles"
        Effect = "Allow"
        Action = [
          "iam:CreateRole",
          "iam:DeleteRole",
          "iam:AttachRolePolicy",
          "iam:DetachRolePolicy",
          "iam:PutRolePolicy",
          "iam:DeleteRolePolicy",
          "iam:TagRole",
          "iam:UntagRole",
          "iam:PassRole",
          "iam:GetRole",
          "iam:GetRolePolicy",
          "iam:ListRolePolicies",
          "iam:ListAttachedRolePolicies",
        ]
        Resource = "arn:${local.partition}:iam::${local.account_id}:role/svc-*"
        Condition = {
          StringEquals = {
            "iam:PermissionsBoundary" = aws_iam_policy.boundary.arn
          }
        }
      },
      {
        Sid      = "DenyBoundaryTampering"
        Effect   = "Deny"
        Action   = ["iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"]
        Resource = aws_iam_policy.boundary.arn
      },
    ]
  })
}

################################################################################
# Permissions boundary (heredoc JSON, interpolated)
################################################################################

resource "aws_iam_policy" "boundary" {
  name        = "workload-boundary"
  description = "Permissions boundary applied to every workload role"

  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "AllowWithinOrg",
          "Effect": "Allow",
          "Action": "*",
          "Resource": "*",
          "Condition": {
            "StringEquals": { "aws:PrincipalOrgID": "${var.organization_id}" }
          }
        },
        {
          "Sid": "DenyOrgAndAccountChanges",
          "Effect": "Deny",
          "Action": [
            "organizations:*",
            "account:*",
            "iam:CreateUser",
            "iam:CreateAccessKey",
            "iam:CreateLoginProfile"
          ],
          "Resource": "*"
        },
        {
          "Sid": "DenyCloudTrailTampering",
          "Effect": "Deny",
          "Action": [
            "cloudtrail:StopLogging",
            "cloudtrail:DeleteTrail",
            "cloudtrail:UpdateTrail"
          ],
          "Resource": "arn:${local.partition}:cloudtrail:*:${local.account_id}:trail/*"
        }
      ]
    }
  EOF

  tags = var.tags
}

################################################################################
# Read-only auditor role for external auditors (SOC 2 fieldwork)
################################################################################

data "aws_iam_policy_document" "auditor_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}

resource "aws_iam_role" "auditor" {
  name                 = "external-auditor"
  assume_role_policy   = data.aws_iam_policy_document.auditor_assume.json
  max_session_duration = 43200
  tags                 = merge(var.tags, { Purpose = "SOC2 audit evidence collection" })
}

resource "aws_iam_role_policy_attachment" "auditor" {
  for_each = toset([
    "arn:${local.partition}:iam::aws:policy/SecurityAudit",
    "arn:${local.partition}:iam::aws:policy/job-function/ViewOnlyAccess",
  ])
  role       = aws_iam_role.auditor.name
  policy_arn = each.key
}

################################################################################
# Break-glass users (non-compliant by design: full admin on IAM users)
################################################################################

resource "aws_iam_user" "break_glass" {
  for_each      = var.break_glass_users
  name          = each.key
  path          = "/break-glass/"
  force_destroy = false
  tags          = merge(var.tags, { BreakGlass = "true" })
}

resource "aws_iam_user_policy" "break_glass_admin" {
  for_each = aws_iam_user.break_glass
  name     = "admin"
  user     = each.value.name

  # FIXME(sec-review): this is Action "*" on Resource "*" attached directly to a
  # user without MFA condition. Finding SEC-311, risk accepted until 2025-06.
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_access_key" "break_glass" {
  for_each = aws_iam_user.break_glass
  user     = each.value.name
  status   = "Inactive"
}

################################################################################
# Legacy deployer group — wildcard admin via managed policy (non-compliant)
################################################################################

resource "aws_iam_group" "legacy_deployers" {
  name = "legacy-deployers"
}

resource "aws_iam_policy" "legacy_full_access" {
  name = "legacy-full-access"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_iam_group_policy_attachment" "legacy" {
  group      = aws_iam_group.legacy_deployers.name
  policy_arn = aws_iam_policy.legacy_full_access.arn
}

resource "aws_iam_group_policy" "legacy_s3_star" {
  name  = "s3-everything"
  group = aws_iam_group.legacy_deployers.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:*"], Resource = ["*"] },
      { Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" },
    ]
  })
}

################################################################################
# Access Analyzer
################################################################################

resource "aws_accessanalyzer_analyzer" "org" {
  analyzer_name = "org-analyzer"
  type          = "ORGANIZATION"
  tags          = var.tags
}

resource "aws_accessanalyzer_archive_rule" "trusted_org" {
  analyzer_name = aws_accessanalyzer_analyzer.org.analyzer_name
  rule_name     = "trusted-org-principals"

  filter {
    criteria = "principal.AWS"
    contains = [var.organization_id]
  }

  filter {
    criteria = "isPublic"
    eq       = ["false"]
  }
}
