resource "aws_wafv2_ip_set" "allow" {
  count              = length(var.allow_list_cidrs) > 0 ? 1 : 0
  name               = "${var.name}-allow"
  scope              = var.scope
  ip_address_version = "IPV4"
  addresses          = var.allow_list_cidrs
  tags               = var.tags
}

resource "aws_wafv2_ip_set" "block" {
  count              = length(var.block_list_cidrs) > 0 ? 1 : 0
  name               = "${var.name}-block"
  scope              = var.scope
  ip_address_version = "IPV4"
  addresses          = var.block_list_cidrs
  tags               = var.tags
}

resource "aws_wafv2_regex_pattern_set" "sensitive_paths" {
  name  = "${var.name}-sensitive-paths"
  scope = var.scope

  regular_expression {
    regex_string = "^/(\\.git|\\.env|wp-admin|phpmyadmin|server-status)"
  }

  regular_expression {
    regex_string = "(?i)\\.(bak|old|swp|sql)$"
  }

  tags = var.tags
}

resource "aws_wafv2_web_acl" "this" {
  name        = var.name
  description = "Managed by Terraform: ${var.name} (${lower(var.scope)})"
  scope       = var.scope

  default_action {
    allow {}
  }

  custom_response_body {
    key          = "blocked"
    content_type = "APPLICATION_JSON"
    content      = jsonencode({ error = "Request blocked", reference = "waf" })
  }

  dynamic "rule" {
    for_each = length(var.allow_list_cidrs) > 0 ? [1] : []
    content {
      name     = "allow-list"
      priority = 0

      action {
        allow {}
      }

      statement {
        ip_set_reference_statement {
          arn = aws_wafv2_ip_set.allow[0].arn
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-allow-list"
        sampled_requests_enabled   = true
      }
    }
  }

  dynamic "rule" {
    for_each = length(var.block_list_cidrs) > 0 ? [1] : []
    content {
      name     = "block-list"
      priority = 1

      action {
        block {}
      }

      statement {
        ip_set_reference_statement {
          arn = aws_wafv2_ip_set.block[0].arn
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-block-list"
        sampled_requests_enabled   = true
      }
    }
  }

  rule {
    name     = "geo-block"
    priority = 2

    action {
      block {
        custom_response {
          response_code            = 403
          custom_response_body_key = "blocked"
        }
      }
    }

    statement {
      geo_match_statement {
        country_codes = var.blocked_countries
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-geo"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "sensitive-paths"
    priority = 3

    action {
      block {}
    }

    statement {
      regex_pattern_set_reference_statement {
        arn = aws_wafv2_regex_pattern_set.sensitive_paths.arn

        field_to_match {
          uri_path {}
        }

        text_transformation {
          priority = 0
          type     = "URL_DECODE"
        }

        text_transformation {
          priority = 1
          type     = "LOWERCASE"
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-sensitive-paths"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit"
    priority = 5

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = var.rate_limit_per_5min
        aggregate_key_type = "IP"

        scope_down_statement {
          not_statement {
            statement {
              byte_match_statement {
                positional_constraint = "STARTS_WITH"
                search_string         = "/static/"

                field_to_match {
                  uri_path {}
                }

                text_transformation {
                  priority = 0
                  type     = "NONE"
                }
              }
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-rate-limit"
      sampled_requests_enabled   = true
    }
  }

  dynamic "rule" {
    for_each = { for g in var.managed_rule_groups : g.name => g }
    content {
      name     = rule.key
      priority = rule.value.priority

      override_action {
        dynamic "count" {
          for_each = rule.value.count_only ? [1] : []
          content {}
        }
        dynamic "none" {
          for_each = rule.value.count_only ? [] : [1]
          content {}
        }
      }

      statement {
        managed_rule_group_statement {
          name        = rule.value.name
          vendor_name = rule.value.vendor

          dynamic "rule_action_override" {
            for_each = rule.value.excluded_rules
            content {
              name = rule_action_override.value
              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "waf" {
  # WAF requires the aws-waf-logs- prefix
  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  dynamic "redacted_fields" {
    for_each = var.redacted_headers
    content {
      single_header {
        name = redacted_fields.value
      }
    }
  }

  logging_filter {
    default_behavior = "DROP"

    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"

      condition {
        action_condition {
          action = "BLOCK"
        }
      }

      condition {
        action_condition {
          action = "COUNT"
        }
      }
    }
  }
}
