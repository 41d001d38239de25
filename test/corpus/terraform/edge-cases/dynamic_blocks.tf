# dynamic blocks: nested dynamics, custom iterators, labels, for_each over
# maps / sets / splat-of-null, and content referencing the outer iterator.

variable "listeners" {
  type = map(object({
    port     = number
    protocol = string
    rules = list(object({
      priority = number
      paths    = list(string)
      headers  = optional(map(list(string)), {})
    }))
  }))
  default = {
    https = {
      port     = 443
      protocol = "HTTPS"
      rules = [
        { priority = 10, paths = ["/api/*"], headers = { "x-tenant" = ["a", "b"] } },
        { priority = 20, paths = ["/static/*", "/assets/*"] },
      ]
    }
  }
}

variable "optional_logging" {
  type = object({
    bucket = string
    prefix = optional(string, "")
  })
  default = null
}

variable "ingress_rules" {
  type = list(object({
    port  = number
    cidrs = list(string)
  }))
  default = [
    { port = 443, cidrs = ["10.0.0.0/8"] },
    { port = 8443, cidrs = ["10.1.0.0/16", "10.2.0.0/16"] },
  ]
}

resource "aws_security_group" "dynamic_ingress" {
  name = "dynamic-ingress"

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      description = "rule #${ingress.key} port ${ingress.value.port}"
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }

  dynamic "egress" {
    for_each = toset(["443", "80"])
    iterator = port
    content {
      from_port   = tonumber(port.value)
      to_port     = tonumber(port.key)
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_s3_bucket_logging" "optional" {
  count  = var.optional_logging == null ? 0 : 1
  bucket = "example"

  target_bucket = var.optional_logging.bucket
  target_prefix = var.optional_logging.prefix
}

resource "aws_lb" "dynamic_logs" {
  name = "dynamic-logs"

  dynamic "access_logs" {
    for_each = var.optional_logging[*]
    content {
      bucket  = access_logs.value.bucket
      prefix  = access_logs.value.prefix
      enabled = true
    }
  }
}

resource "aws_lb_listener" "nested" {
  for_each = var.listeners

  load_balancer_arn = aws_lb.dynamic_logs.arn
  port              = each.value.port
  protocol          = each.value.protocol

  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "nested" {
  for_each = merge([
    for lname, l in var.listeners : {
      for r in l.rules : "${lname}-${r.priority}" => merge(r, { listener = lname })
    }
  ]...)

  listener_arn = aws_lb_listener.nested[each.value.listener].arn
  priority     = each.value.priority

  action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "200"
    }
  }

  condition {
    path_pattern {
      values = each.value.paths
    }
  }

  dynamic "condition" {
    for_each = each.value.headers
    iterator = hdr
    content {
      http_header {
        http_header_name = hdr.key
        values           = hdr.value
      }
    }
  }
}

# nested dynamic blocks, inner block referencing the outer iterator
resource "aws_wafv2_rule_group" "nested_dynamic" {
  name     = "nested-dynamic"
  scope    = "REGIONAL"
  capacity = 100

  dynamic "rule" {
    for_each = {
      block-admin  = { priority = 1, paths = ["/admin", "/wp-admin"] }
      block-debug  = { priority = 2, paths = ["/debug", "/_profiler"] }
    }
    content {
      name     = rule.key
      priority = rule.value.priority

      action {
        block {}
      }

      statement {
        or_statement {
          dynamic "statement" {
            for_each = rule.value.paths
            iterator = p
            content {
              byte_match_statement {
                search_string         = p.value
                positional_constraint = "STARTS_WITH"
                field_to_match {
                  uri_path {}
                }
                text_transformation {
                  priority = p.key
                  type     = "LOWERCASE"
                }
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${rule.key}-${rule.value.priority}"
        sampled_requests_enabled   = false
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "nested-dynamic"
    sampled_requests_enabled   = false
  }
}

# dynamic block with labels (provisioner-style / labelled nested blocks)
resource "azurerm_monitor_diagnostic_setting" "dyn" {
  name               = "dyn"
  target_resource_id = "/subscriptions/x/resourceGroups/y"

  dynamic "enabled_log" {
    for_each = ["Administrative", "Security"]
    content {
      category = enabled_log.value
    }
  }

  dynamic "metric" {
    for_each = []
    content {}
  }
}
