################################################################################
# STAGING / eu-central-1
################################################################################

module "kms" {
  source = "../../../../modules/aws/kms"

  alias_prefix = "alias/${local.name}"
  keys = {
    "eks" = {
      description = "EKS secrets encryption"
      service_principals = []
    }
    "rds" = {
      description = "Aurora storage and Performance Insights"
    }
    "logs" = {
      description        = "CloudWatch Logs"
      service_principals = ["logs.${var.region}.amazonaws.com"]
    }
    "s3" = {
      description = "S3 default encryption"
    }
    "sqs" = {
      description        = "SQS / SNS"
      service_principals = ["sns.amazonaws.com", "events.amazonaws.com"]
    }
    "scratch" = {
      description = "Developer scratch key - rotation disabled to save cost"
      rotation    = false
    }
  }
}

module "vpc" {
  source = "../../../../modules/aws/vpc"

  name                    = local.name
  cidr_block              = var.vpc_cidr
  az_count                = 3
  single_nat_gateway      = true
  enable_flow_logs        = true
  flow_log_retention_days = local.sizing.log_retention
  flow_log_kms_key_arn    = module.kms.key_arns["logs"]

  subnet_layout = {
    public   = { newbits = 4, offset = 0, public = true }
    private  = { newbits = 3, offset = 2 }
    database = { newbits = 6, offset = 48, nat = false }
  }

  interface_endpoints = {
    "ssm"         = {}
    "ssmmessages" = {}
    "ec2messages" = {}
    "kms"         = {}
    "logs"        = {}
    "sts"         = {}
    "ecr.api"     = {}
    "ecr.dkr"     = {}
    "secretsmanager" = {}
  }
}

module "eks" {
  source = "../../../../modules/aws/eks"

  providers = {
    kubernetes.cluster = kubernetes.cluster
  }

  cluster_name           = local.name
  cluster_version        = "1.30"
  vpc_id                 = module.vpc.vpc_id
  subnet_ids             = module.vpc.private_subnet_ids
  kms_key_arn            = module.kms.key_arns["eks"]
  log_retention_days     = local.sizing.log_retention
  endpoint_public_access = true
  public_access_cidrs    = ["0.0.0.0/0"]

  node_groups = {
    system = {
      instance_types = ["m6i.large"]
      min_size       = 2
      max_size       = 3
      labels         = { "node.kubernetes.io/purpose" = "system" }
      taints         = [{ key = "CriticalAddonsOnly", value = "true", effect = "NO_SCHEDULE" }]
    }
    general = {
      instance_types = ["m6i.large"]
      capacity_type  = "ON_DEMAND"
      min_size       = 2
      max_size       = 6
    }
  }

  irsa_roles = {
    external-dns = {
      namespace       = "kube-system"
      service_account = "external-dns"
      inline_policy = jsonencode({
        Version = "2012-10-17"
        Statement = [
          { Effect = "Allow", Action = ["route53:ChangeResourceRecordSets"], Resource = ["arn:aws:route53:::hostedzone/${module.dns.zone_id}"] },
          { Effect = "Allow", Action = ["route53:ListHostedZones", "route53:ListResourceRecordSets", "route53:ListTagsForResource"], Resource = ["*"] },
        ]
      })
    }
    aws-load-balancer-controller = {
      namespace       = "kube-system"
      service_account = "aws-load-balancer-controller"
      policy_arns     = ["arn:aws:iam::${local.account_id}:policy/AWSLoadBalancerControllerIAMPolicy"]
    }
    ebs-csi = {
      namespace       = "kube-system"
      service_account = "ebs-csi-controller-sa"
      policy_arns     = ["arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]
    }
  }

  access_entries = {
    for idx, arn in var.eks_admin_role_arns : "admin-${idx}" => {
      principal_arn = arn
      policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
    }
  }
}

module "aurora" {
  source = "../../../../modules/aws/rds-aurora"

  create         = true
  name           = "${local.name}-core"
  engine         = "aurora-postgresql"
  engine_version = "15.5"
  instance_class = local.sizing.aurora_class
  instances      = local.aurora_instances

  vpc_id                     = module.vpc.vpc_id
  subnet_ids                 = module.vpc.database_subnet_ids
  allowed_security_group_ids = [module.eks.node_security_group_id]

  kms_key_id              = module.kms.key_arns["rds"]
  backup_retention_period = 7
  deletion_protection     = false
  skip_final_snapshot     = true
  monitoring_interval     = 0
  alarm_topic_arn         = module.monitoring.alarm_topic_arn

  cluster_parameters = [
    { name = "log_min_duration_statement", value = "250" },
    { name = "idle_in_transaction_session_timeout", value = "60000" },
  ]

  tags = { Service = "core" }
}

module "redis" {
  source = "../../../../modules/aws/elasticache"

  name                    = "${local.name}-cache"
  node_type               = local.sizing.redis_node
  replicas_per_node_group = 0
  subnet_ids              = module.vpc.database_subnet_ids
  security_group_ids      = [module.eks.node_security_group_id]
  kms_key_arn             = module.kms.key_arns["rds"]
  snapshot_retention_limit = 0
}

module "ecs_cluster" {
  source = "../../../../modules/aws/ecs-cluster"

  name                = local.name
  kms_key_arn         = module.kms.key_arns["logs"]
  fargate_spot_weight = 50
}

module "alb" {
  source = "../../../../modules/aws/alb"

  name                 = "${local.name}-public"
  vpc_id               = module.vpc.vpc_id
  subnet_ids           = module.vpc.public_subnet_ids
  certificate_arn      = aws_acm_certificate.wildcard.arn
  http_redirect        = true
  access_logs_bucket   = null
  waf_acl_arn          = module.waf[0].web_acl_arn
  target_groups        = local.target_groups
  listener_rules       = local.listener_rules
  default_target_group = "web"
}

module "services" {
  source   = "../../../../modules/aws/ecs-service"
  for_each = var.services

  cluster_arn      = module.ecs_cluster.cluster_arn
  cluster_name     = module.ecs_cluster.cluster_name
  service_name     = each.key
  image            = each.value.image
  container_port   = each.value.port
  cpu              = each.value.cpu
  memory           = each.value.memory
  desired_count    = each.value.min
  subnet_ids       = module.vpc.private_subnet_ids
  target_group_arn = module.alb.target_group_arns[each.key]
  kms_key_arn      = module.kms.key_arns["logs"]
  environment      = merge(each.value.env, { ENVIRONMENT = var.environment, AWS_REGION = var.region })
  secrets          = each.value.secrets

  enable_execute_command = true

  autoscaling = {
    min        = each.value.min
    max        = each.value.max
    cpu_target = 75
  }
}

module "messaging" {
  source = "../../../../modules/aws/messaging"

  prefix      = local.name
  kms_key_arn = module.kms.key_arns["sqs"]

  topics = {
    order-events = {
      subscribers = ["billing", "notifications", "analytics"]
      filter_policies = {
        billing = { event_type = ["order.paid", "order.refunded"] }
        notifications = {
          event_type = [{ prefix = "order." }]
          channel    = ["email", "sms"]
        }
      }
    }
    audit-events = {
      fifo          = true
      content_dedup = true
      subscribers   = ["audit"]
    }
  }

  queues = {
    billing       = { visibility_timeout_seconds = 120 }
    notifications = { max_receive_count = 10 }
    analytics     = { message_retention_seconds = 1209600, with_dlq = false }
    audit         = { fifo = true }
  }
}

module "waf" {
  source = "../../../../modules/aws/waf"
  count  = 1

  name                = "${local.name}-public"
  rate_limit_per_5min = 500
  blocked_countries   = ["KP", "IR", "SY", "CU", "RU", "BY"]
}

module "dns" {
  source = "../../../../modules/aws/route53"

  providers = {
    aws.us_east_1 = aws.us_east_1
  }

  domain               = "staging.acme.example"
  enable_dnssec        = false
  enable_query_logging = false

  alias_records = {
    "@" = {
      target_dns_name = module.alb.dns_name
      target_zone_id  = module.alb.zone_id
    }
    "www" = {
      target_dns_name = module.alb.dns_name
      target_zone_id  = module.alb.zone_id
    }
  }

  records = {
    "@ TXT" = ["v=spf1 include:amazonses.com -all"]
    "_github-challenge-acme TXT" = ["a1b2c3d4e5"]
  }
}

resource "aws_acm_certificate" "wildcard" {
  domain_name               = "staging.acme.example"
  subject_alternative_names = ["*.staging.acme.example"]
  validation_method         = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "cert_validation" {
  for_each = {
    for dvo in aws_acm_certificate.wildcard.domain_validation_options : dvo.domain_name => {
      name   = dvo.resource_record_name
      record = dvo.resource_record_value
      type   = dvo.resource_record_type
    }...
  }

  zone_id         = module.dns.zone_id
  name            = each.value[0].name
  type            = each.value[0].type
  ttl             = 60
  records         = [each.value[0].record]
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "wildcard" {
  certificate_arn         = aws_acm_certificate.wildcard.arn
  validation_record_fqdns = [for r in aws_route53_record.cert_validation : r.fqdn]
}
