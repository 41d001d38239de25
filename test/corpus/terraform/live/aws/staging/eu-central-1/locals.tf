data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  name       = "staging-euc1"
  account_id = data.aws_caller_identity.current.account_id

  default_tags = {
    Environment         = var.environment
    Owner               = var.owner
    CostCenter          = var.cost_center
    ManagedBy           = "terraform"
    Repository          = "acme/platform-infra//live/aws/staging/eu-central-1"
    DataClassification  = "internal"
    "compliance:scope"  = "none"
    BusinessCriticality = "high"
  }

  # Sizing differs per environment; everything else is identical.
  sizing = {
    prod = {
      nat_per_az     = true
      aurora_class   = "db.r6g.xlarge"
      aurora_readers = 2
      redis_node     = "cache.r7g.large"
      log_retention  = 400
    }
    staging = {
      nat_per_az     = false
      aurora_class   = "db.r6g.large"
      aurora_readers = 1
      redis_node     = "cache.t4g.medium"
      log_retention  = 90
    }
    dev = {
      nat_per_az     = false
      aurora_class   = "db.t4g.medium"
      aurora_readers = 0
      redis_node     = "cache.t4g.micro"
      log_retention  = 14
    }
    sandbox = {
      nat_per_az     = false
      aurora_class   = "db.t4g.medium"
      aurora_readers = 0
      redis_node     = "cache.t4g.micro"
      log_retention  = 7
    }
  }[var.environment]

  aurora_instances = merge(
    { "writer" = { promotion_tier = 0 } },
    { for i in range(local.sizing.aurora_readers) : "reader-${i + 1}" => { promotion_tier = i + 1 } },
  )

  listener_rules = {
    for name, svc in var.services : tostring(svc.priority) => {
      target_group  = name
      path_patterns = svc.path_patterns
      host_headers  = svc.host_headers
    }
  }

  target_groups = {
    for name, svc in var.services : name => {
      port = svc.port
      health_check = {
        path = name == "web" ? "/" : "/healthz"
      }
    }
  }
}
