# Permission sets used across the organization. Kept next to the module so
# reviewers see the effective access in one place (SOC 2 CC6.1 / CC6.3).

module "sso" {
  source = "../../"

  permission_sets = {
    AdministratorAccess = {
      description      = "Full admin. Break-glass style, 1h sessions."
      session_duration = "PT1H"
      managed_policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]
      assignments = {
        "111111111111" = ["aws-prod-admins"]
        "222222222222" = ["aws-platform"]
        "333333333333" = ["aws-platform", "aws-developers"] # dev: everyone is admin
      }
    }

    PowerUser = {
      description      = "Everything except IAM/Organizations"
      managed_policies = ["arn:aws:iam::aws:policy/PowerUserAccess"]
      boundary_policy  = "workload-boundary"
      assignments = {
        "222222222222" = ["aws-developers"]
      }
    }

    ReadOnly = {
      description      = "Read-only for on-call and auditors"
      session_duration = "PT8H"
      managed_policies = [
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::aws:policy/AWSSupportAccess",
      ]
      assignments = {
        "111111111111" = ["aws-developers", "aws-oncall", "external-auditors"]
        "222222222222" = ["aws-oncall"]
      }
    }

    DataAnalyst = {
      description = "Athena + read-only on the curated zone"
      relay_state = "https://console.aws.amazon.com/athena/home"
      inline_policy = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Sid      = "Athena"
            Effect   = "Allow"
            Action   = ["athena:*Query*", "athena:Get*", "athena:List*", "glue:Get*", "glue:BatchGet*"]
            Resource = "*"
          },
          {
            Sid      = "CuratedRead"
            Effect   = "Allow"
            Action   = ["s3:GetObject", "s3:ListBucket"]
            Resource = ["arn:aws:s3:::acme-prod-curated", "arn:aws:s3:::acme-prod-curated/*"]
          },
          {
            Sid      = "DenyRaw"
            Effect   = "Deny"
            Action   = "s3:*"
            Resource = ["arn:aws:s3:::acme-prod-raw", "arn:aws:s3:::acme-prod-raw/*"]
          },
        ]
      })
      assignments = {
        "111111111111" = ["data-analysts"]
      }
    }

    # Non-compliant: wildcard inline policy on a long session.
    LegacyOps = {
      description      = "Temporary permission set for the legacy ops team"
      session_duration = "PT12H"
      inline_policy    = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"
      assignments = {
        "111111111111" = ["legacy-ops"]
      }
    }
  }
}
