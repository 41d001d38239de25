terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
    random = {
      source = "hashicorp/random"
    }
  }
}

variable "name" {
  type = string
}

variable "engine" {
  type    = string
  default = "redis"
}

variable "engine_version" {
  type    = string
  default = "7.1"
}

variable "node_type" {
  type    = string
  default = "cache.r7g.large"
}

variable "num_node_groups" {
  type    = number
  default = 1
}

variable "replicas_per_node_group" {
  type    = number
  default = 1
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "snapshot_retention_limit" {
  type    = number
  default = 7
}

variable "parameters" {
  type    = map(string)
  default = {}
}

locals {
  cluster_mode = var.num_node_groups > 1
  family       = "${var.engine}${split(".", var.engine_version)[0]}"

  default_parameters = merge(
    { "maxmemory-policy" = "allkeys-lru" },
    local.cluster_mode ? { "cluster-enabled" = "yes" } : {},
  )
}

resource "random_password" "auth" {
  length  = 64
  special = false
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_elasticache_parameter_group" "this" {
  name   = "${var.name}-${replace(var.engine_version, ".", "-")}"
  family = local.family

  dynamic "parameter" {
    for_each = merge(local.default_parameters, var.parameters)
    content {
      name  = parameter.key
      value = parameter.value
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "slow" {
  name              = "/elasticache/${var.name}/slow-log"
  retention_in_days = 14
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = var.name
  description          = "Redis for ${var.name}"
  engine               = var.engine
  engine_version       = var.engine_version
  node_type            = var.node_type
  port                 = 6379
  parameter_group_name = aws_elasticache_parameter_group.this.name
  subnet_group_name    = aws_elasticache_subnet_group.this.name
  security_group_ids   = var.security_group_ids

  num_node_groups         = local.cluster_mode ? var.num_node_groups : null
  replicas_per_node_group = local.cluster_mode ? var.replicas_per_node_group : null
  num_cache_clusters      = local.cluster_mode ? null : var.replicas_per_node_group + 1

  automatic_failover_enabled = var.replicas_per_node_group > 0
  multi_az_enabled           = var.replicas_per_node_group > 0

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  auth_token                 = random_password.auth.result
  auth_token_update_strategy = "ROTATE"

  snapshot_retention_limit   = var.snapshot_retention_limit
  snapshot_window            = "03:00-04:00"
  maintenance_window         = "sun:05:00-sun:06:00"
  auto_minor_version_upgrade = true
  apply_immediately          = false

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.slow.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "slow-log"
  }

  lifecycle {
    ignore_changes = [num_cache_clusters]
  }
}

# Memcached for the legacy PHP app: no encryption support in-transit for
# older engine versions, no snapshots. Findings accepted.
resource "aws_elasticache_cluster" "memcached_legacy" {
  cluster_id           = "${var.name}-memcached"
  engine               = "memcached"
  node_type            = "cache.t3.medium"
  num_cache_nodes      = 2
  parameter_group_name = "default.memcached1.6"
  port                 = 11211
  subnet_group_name    = aws_elasticache_subnet_group.this.name
  az_mode              = "cross-az"
}

# Single-node redis used by the "sandbox" team; unencrypted.
resource "aws_elasticache_replication_group" "sandbox" {
  replication_group_id       = "${var.name}-sandbox"
  description                = "sandbox redis"
  node_type                  = "cache.t4g.micro"
  num_cache_clusters         = 1
  engine_version             = "6.2"
  at_rest_encryption_enabled = false
  transit_encryption_enabled = false
  snapshot_retention_limit   = 0
  subnet_group_name          = aws_elasticache_subnet_group.this.name
}

output "primary_endpoint" {
  value = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "configuration_endpoint" {
  value = aws_elasticache_replication_group.this.configuration_endpoint_address
}

output "auth_token" {
  value     = random_password.auth.result
  sensitive = true
}
