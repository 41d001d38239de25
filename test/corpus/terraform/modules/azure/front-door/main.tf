terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

variable "name" { type = string }
variable "resource_group_name" { type = string }

variable "origins" {
  description = "Origin group name => list of backend hostnames"
  type = map(object({
    hostnames         = list(string)
    health_probe_path = optional(string, "/health")
    routes            = list(string) # path patterns
    cache             = optional(bool, false)
  }))
}

variable "custom_domains" {
  type    = map(string) # key => host name
  default = {}
}

variable "waf_mode" {
  type    = string
  default = "Prevention"
}

variable "log_analytics_workspace_id" {
  type = string
}

locals {
  origins = merge([
    for group, cfg in var.origins : {
      for idx, host in cfg.hostnames : "${group}-${idx}" => { group = group, host = host, priority = idx + 1 }
    }
  ]...)
}

resource "azurerm_cdn_frontdoor_profile" "this" {
  name                     = "afd-${var.name}"
  resource_group_name      = var.resource_group_name
  sku_name                 = "Premium_AzureFrontDoor"
  response_timeout_seconds = 60
}

resource "azurerm_cdn_frontdoor_endpoint" "this" {
  name                     = "fde-${var.name}"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
}

resource "azurerm_cdn_frontdoor_origin_group" "this" {
  for_each = var.origins

  name                     = each.key
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
  session_affinity_enabled = false

  load_balancing {
    sample_size                 = 4
    successful_samples_required = 3
  }

  health_probe {
    path                = each.value.health_probe_path
    protocol            = "Https"
    request_type        = "HEAD"
    interval_in_seconds = 30
  }
}

resource "azurerm_cdn_frontdoor_origin" "this" {
  for_each = local.origins

  name                           = each.key
  cdn_frontdoor_origin_group_id  = azurerm_cdn_frontdoor_origin_group.this[each.value.group].id
  enabled                        = true
  host_name                      = each.value.host
  origin_host_header             = each.value.host
  https_port                     = 443
  http_port                      = 80
  priority                       = each.value.priority
  weight                         = 1000
  certificate_name_check_enabled = true
}

resource "azurerm_cdn_frontdoor_custom_domain" "this" {
  for_each = var.custom_domains

  name                     = each.key
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id
  host_name                = each.value

  tls {
    certificate_type    = "ManagedCertificate"
    minimum_tls_version = "TLS12"
  }
}

resource "azurerm_cdn_frontdoor_route" "this" {
  for_each = var.origins

  name                          = "route-${each.key}"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.this.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.this[each.key].id
  cdn_frontdoor_origin_ids      = [for k, o in azurerm_cdn_frontdoor_origin.this : o.id if local.origins[k].group == each.key]
  cdn_frontdoor_custom_domain_ids = values(azurerm_cdn_frontdoor_custom_domain.this)[*].id

  patterns_to_match      = each.value.routes
  supported_protocols    = ["Http", "Https"]
  https_redirect_enabled = true
  forwarding_protocol    = "HttpsOnly"
  link_to_default_domain = true

  dynamic "cache" {
    for_each = each.value.cache ? [1] : []
    content {
      query_string_caching_behavior = "IgnoreSpecifiedQueryStrings"
      query_strings                 = ["utm_source", "utm_medium", "utm_campaign"]
      compression_enabled           = true
      content_types_to_compress     = ["text/html", "text/css", "application/javascript", "application/json", "image/svg+xml"]
    }
  }
}

resource "azurerm_cdn_frontdoor_firewall_policy" "this" {
  name                              = replace("waf${var.name}", "-", "")
  resource_group_name               = var.resource_group_name
  sku_name                          = azurerm_cdn_frontdoor_profile.this.sku_name
  enabled                           = true
  mode                              = var.waf_mode
  custom_block_response_status_code = 403
  custom_block_response_body        = base64encode("{\"error\":\"blocked\"}")

  managed_rule {
    type    = "Microsoft_DefaultRuleSet"
    version = "2.1"
    action  = "Block"
  }

  managed_rule {
    type    = "Microsoft_BotManagerRuleSet"
    version = "1.0"
    action  = "Block"
  }

  custom_rule {
    name     = "RateLimitLogin"
    enabled  = true
    priority = 1
    type     = "RateLimitRule"
    action   = "Block"

    rate_limit_duration_in_minutes = 1
    rate_limit_threshold           = 20

    match_condition {
      match_variable = "RequestUri"
      operator       = "Contains"
      match_values   = ["/login", "/oauth/token"]
      transforms     = ["Lowercase"]
    }
  }
}

resource "azurerm_cdn_frontdoor_security_policy" "this" {
  name                     = "sp-${var.name}"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.this.id

  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.this.id

      association {
        patterns_to_match = ["/*"]

        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_endpoint.this.id
        }

        dynamic "domain" {
          for_each = azurerm_cdn_frontdoor_custom_domain.this
          content {
            cdn_frontdoor_domain_id = domain.value.id
          }
        }
      }
    }
  }
}

resource "azurerm_monitor_diagnostic_setting" "afd" {
  name                       = "afd-logs"
  target_resource_id         = azurerm_cdn_frontdoor_profile.this.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category = "FrontDoorAccessLog"
  }

  enabled_log {
    category = "FrontDoorWebApplicationFirewallLog"
  }

  enabled_log {
    category = "FrontDoorHealthProbeLog"
  }

  metric {
    category = "AllMetrics"
  }
}

output "endpoint_host_name" {
  value = azurerm_cdn_frontdoor_endpoint.this.host_name
}

output "custom_domain_validation_tokens" {
  value = { for k, d in azurerm_cdn_frontdoor_custom_domain.this : k => d.validation_token }
}
