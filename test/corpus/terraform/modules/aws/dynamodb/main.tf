terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.10"
    }
  }
}

variable "tables" {
  type = map(object({
    hash_key       = string
    hash_key_type  = optional(string, "S")
    range_key      = optional(string)
    range_key_type = optional(string, "S")
    billing_mode   = optional(string, "PAY_PER_REQUEST")
    read_capacity  = optional(number)
    write_capacity = optional(number)
    ttl_attribute  = optional(string)
    stream_view    = optional(string)
    pitr           = optional(bool, true)
    global_secondary_indexes = optional(list(object({
      name            = string
      hash_key        = string
      hash_key_type   = optional(string, "S")
      range_key       = optional(string)
      range_key_type  = optional(string, "S")
      projection_type = optional(string, "ALL")
      non_key_attributes = optional(list(string))
    })), [])
    replica_regions = optional(list(string), [])
    deletion_protection = optional(bool, true)
  }))
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "name_prefix" {
  type    = string
  default = ""
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  # Every attribute used as a key anywhere (table or GSI) must be declared once.
  attributes = {
    for name, t in var.tables : name => distinct(concat(
      [{ name = t.hash_key, type = t.hash_key_type }],
      t.range_key == null ? [] : [{ name = t.range_key, type = t.range_key_type }],
      flatten([
        for g in t.global_secondary_indexes : concat(
          [{ name = g.hash_key, type = g.hash_key_type }],
          g.range_key == null ? [] : [{ name = g.range_key, type = g.range_key_type }],
        )
      ]),
    ))
  }
}

resource "aws_dynamodb_table" "this" {
  for_each = var.tables

  name                        = "${var.name_prefix}${each.key}"
  billing_mode                = each.value.billing_mode
  read_capacity               = each.value.billing_mode == "PROVISIONED" ? each.value.read_capacity : null
  write_capacity              = each.value.billing_mode == "PROVISIONED" ? each.value.write_capacity : null
  hash_key                    = each.value.hash_key
  range_key                   = each.value.range_key
  stream_enabled              = each.value.stream_view != null
  stream_view_type            = each.value.stream_view
  deletion_protection_enabled = each.value.deletion_protection
  table_class                 = "STANDARD"

  dynamic "attribute" {
    for_each = local.attributes[each.key]
    content {
      name = attribute.value.name
      type = attribute.value.type
    }
  }

  dynamic "global_secondary_index" {
    for_each = each.value.global_secondary_indexes
    iterator = gsi
    content {
      name               = gsi.value.name
      hash_key           = gsi.value.hash_key
      range_key          = gsi.value.range_key
      projection_type    = gsi.value.projection_type
      non_key_attributes = gsi.value.projection_type == "INCLUDE" ? gsi.value.non_key_attributes : null
      read_capacity      = each.value.billing_mode == "PROVISIONED" ? each.value.read_capacity : null
      write_capacity     = each.value.billing_mode == "PROVISIONED" ? each.value.write_capacity : null
    }
  }

  dynamic "ttl" {
    for_each = each.value.ttl_attribute != null ? [each.value.ttl_attribute] : []
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  point_in_time_recovery {
    enabled = each.value.pitr
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  dynamic "replica" {
    for_each = toset(each.value.replica_regions)
    content {
      region_name            = replica.value
      point_in_time_recovery = each.value.pitr
      propagate_tags         = true
    }
  }

  tags = merge(var.tags, { Table = each.key })

  lifecycle {
    ignore_changes = [read_capacity, write_capacity]
  }
}

resource "aws_appautoscaling_target" "read" {
  for_each = { for k, t in var.tables : k => t if t.billing_mode == "PROVISIONED" }

  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.this[each.key].name}"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  min_capacity       = each.value.read_capacity
  max_capacity       = each.value.read_capacity * 10
}

resource "aws_appautoscaling_policy" "read" {
  for_each = aws_appautoscaling_target.read

  name               = "${each.key}-read-tracking"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = each.value.service_namespace
  resource_id        = each.value.resource_id
  scalable_dimension = each.value.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = 70.0
    scale_in_cooldown  = 60
    scale_out_cooldown = 30

    predefined_metric_specification {
      predefined_metric_type = "DynamoDBReadCapacityUtilization"
    }
  }
}

output "table_arns" {
  value = { for k, t in aws_dynamodb_table.this : k => t.arn }
}

output "stream_arns" {
  value = { for k, t in aws_dynamodb_table.this : k => t.stream_arn if t.stream_enabled }
}
