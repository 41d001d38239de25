terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

variable "domain_name" { type = string }
variable "engine_version" {
  type    = string
  default = "OpenSearch_2.11"
}
variable "subnet_ids" { type = list(string) }
variable "security_group_ids" { type = list(string) }
variable "kms_key_arn" {
  type    = string
  default = null
}

variable "cluster" {
  type = object({
    instance_type          = optional(string, "r6g.large.search")
    instance_count         = optional(number, 3)
    dedicated_master       = optional(bool, true)
    master_type            = optional(string, "m6g.large.search")
    zone_awareness         = optional(bool, true)
    az_count               = optional(number, 3)
    warm_enabled           = optional(bool, false)
    ebs_volume_size        = optional(number, 100)
    ebs_throughput         = optional(number, 250)
  })
  default = {}
}

variable "master_user_arn" {
  type = string
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "aws_cloudwatch_log_group" "os" {
  for_each          = toset(["INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "ES_APPLICATION_LOGS", "AUDIT_LOGS"])
  name              = "/aws/opensearch/${var.domain_name}/${lower(each.key)}"
  retention_in_days = each.key == "AUDIT_LOGS" ? 365 : 30
  kms_key_id        = var.kms_key_arn
}

resource "aws_cloudwatch_log_resource_policy" "os" {
  policy_name = "opensearch-${var.domain_name}"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "es.amazonaws.com" }
      Action    = ["logs:PutLogEvents", "logs:CreateLogStream"]
      Resource  = [for lg in aws_cloudwatch_log_group.os : "${lg.arn}:*"]
      Condition = {
        StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
      }
    }]
  })
}

resource "aws_opensearch_domain" "this" {
  domain_name    = var.domain_name
  engine_version = var.engine_version

  cluster_config {
    instance_type            = var.cluster.instance_type
    instance_count           = var.cluster.instance_count
    dedicated_master_enabled = var.cluster.dedicated_master
    dedicated_master_type    = var.cluster.dedicated_master ? var.cluster.master_type : null
    dedicated_master_count   = var.cluster.dedicated_master ? 3 : null
    zone_awareness_enabled   = var.cluster.zone_awareness
    warm_enabled             = var.cluster.warm_enabled

    dynamic "zone_awareness_config" {
      for_each = var.cluster.zone_awareness ? [var.cluster.az_count] : []
      content {
        availability_zone_count = zone_awareness_config.value
      }
    }
  }

  ebs_options {
    ebs_enabled = true
    volume_type = "gp3"
    volume_size = var.cluster.ebs_volume_size
    throughput  = var.cluster.ebs_throughput
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = var.kms_key_arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  advanced_security_options {
    enabled                        = true
    anonymous_auth_enabled         = false
    internal_user_database_enabled = false
    master_user_options {
      master_user_arn = var.master_user_arn
    }
  }

  vpc_options {
    subnet_ids         = slice(var.subnet_ids, 0, var.cluster.zone_awareness ? var.cluster.az_count : 1)
    security_group_ids = var.security_group_ids
  }

  dynamic "log_publishing_options" {
    for_each = aws_cloudwatch_log_group.os
    content {
      log_type                 = log_publishing_options.key
      cloudwatch_log_group_arn = log_publishing_options.value.arn
    }
  }

  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttp*"
      Resource  = "arn:aws:es:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:domain/${var.domain_name}/*"
    }]
  })

  software_update_options {
    auto_software_update_enabled = true
  }

  depends_on = [aws_cloudwatch_log_resource_policy.os]
}

# Old Elasticsearch domain for logs: public endpoint, no encryption.
resource "aws_elasticsearch_domain" "logs_legacy" {
  domain_name           = "logs-legacy"
  elasticsearch_version = "6.8"

  cluster_config {
    instance_type  = "m4.large.elasticsearch"
    instance_count = 2
  }

  ebs_options {
    ebs_enabled = true
    volume_size = 500
  }

  encrypt_at_rest {
    enabled = false
  }

  node_to_node_encryption {
    enabled = false
  }

  domain_endpoint_options {
    enforce_https = false
  }

  access_policies = <<CONFIG
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Action": "es:*",
      "Principal": "*",
      "Effect": "Allow",
      "Resource": "arn:aws:es:eu-west-1:123456789012:domain/logs-legacy/*",
      "Condition": { "IpAddress": { "aws:SourceIp": ["0.0.0.0/0"] } }
    }
  ]
}
CONFIG
}

output "endpoint" {
  value = aws_opensearch_domain.this.endpoint
}

output "dashboard_endpoint" {
  value = aws_opensearch_domain.this.dashboard_endpoint
}
