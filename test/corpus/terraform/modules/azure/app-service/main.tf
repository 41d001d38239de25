terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

variable "name" { type = string }
variable "location" { type = string }
variable "resource_group_name" { type = string }

variable "sku_name" {
  type    = string
  default = "P1v3"
}

variable "apps" {
  type = map(object({
    docker_image      = string
    docker_tag        = optional(string, "latest")
    app_settings      = optional(map(string), {})
    always_on         = optional(bool, true)
    health_check_path = optional(string, "/health")
    vnet_subnet_id    = optional(string)
    allowed_ips       = optional(list(string), [])
    slots             = optional(list(string), [])
  }))
}

variable "key_vault_id" {
  type    = string
  default = null
}

variable "log_analytics_workspace_id" {
  type = string
}

variable "app_insights_connection_string" {
  type      = string
  default   = null
  sensitive = true
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  default_settings = {
    WEBSITES_ENABLE_APP_SERVICE_STORAGE        = "false"
    WEBSITE_RUN_FROM_PACKAGE                   = "0"
    APPLICATIONINSIGHTS_CONNECTION_STRING      = var.app_insights_connection_string
    ApplicationInsightsAgent_EXTENSION_VERSION = "~3"
  }

  # One entry per (app, slot) pair
  slots = merge([
    for app, cfg in var.apps : {
      for s in cfg.slots : "${app}-${s}" => { app = app, slot = s }
    }
  ]...)
}

resource "azurerm_service_plan" "this" {
  name                   = "asp-${var.name}"
  location               = var.location
  resource_group_name    = var.resource_group_name
  os_type                = "Linux"
  sku_name               = var.sku_name
  zone_balancing_enabled = startswith(var.sku_name, "P")
  worker_count           = startswith(var.sku_name, "P") ? 3 : 1
  tags                   = var.tags
}

resource "azurerm_linux_web_app" "this" {
  for_each = var.apps

  name                          = "app-${var.name}-${each.key}"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  service_plan_id               = azurerm_service_plan.this.id
  https_only                    = true
  client_certificate_enabled    = false
  public_network_access_enabled = length(each.value.allowed_ips) > 0
  virtual_network_subnet_id     = each.value.vnet_subnet_id
  key_vault_reference_identity_id = null

  identity {
    type = "SystemAssigned"
  }

  site_config {
    always_on                         = each.value.always_on
    ftps_state                        = "Disabled"
    http2_enabled                     = true
    minimum_tls_version               = "1.2"
    scm_minimum_tls_version           = "1.2"
    health_check_path                 = each.value.health_check_path
    health_check_eviction_time_in_min = 5
    vnet_route_all_enabled            = each.value.vnet_subnet_id != null
    remote_debugging_enabled          = false

    application_stack {
      docker_image_name   = "${each.value.docker_image}:${each.value.docker_tag}"
      docker_registry_url = "https://acmecr.azurecr.io"
    }

    dynamic "ip_restriction" {
      for_each = each.value.allowed_ips
      content {
        name       = "allow-${ip_restriction.key}"
        ip_address = ip_restriction.value
        action     = "Allow"
        priority   = 100 + ip_restriction.key
      }
    }

    ip_restriction_default_action = "Deny"
    scm_ip_restriction_default_action = "Deny"
  }

  app_settings = { for k, v in merge(local.default_settings, each.value.app_settings) : k => v if v != null }

  logs {
    detailed_error_messages = false
    failed_request_tracing  = true

    http_logs {
      file_system {
        retention_in_days = 7
        retention_in_mb   = 100
      }
    }
  }

  auth_settings_v2 {
    auth_enabled           = false
    require_authentication = false
    unauthenticated_action = "AllowAnonymous"

    login {
      token_store_enabled = false
    }
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [
      site_config[0].application_stack[0].docker_image_name,
      app_settings["DOCKER_CUSTOM_IMAGE_NAME"],
    ]
  }
}

resource "azurerm_linux_web_app_slot" "this" {
  for_each = local.slots

  name           = each.value.slot
  app_service_id = azurerm_linux_web_app.this[each.value.app].id
  https_only     = true

  site_config {
    minimum_tls_version = "1.2"
    ftps_state          = "Disabled"
  }
}

resource "azurerm_monitor_diagnostic_setting" "app" {
  for_each = azurerm_linux_web_app.this

  name                       = "diag-${each.key}"
  target_resource_id         = each.value.id
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log { category = "AppServiceHTTPLogs" }
  enabled_log { category = "AppServiceAuditLogs" }
  enabled_log { category = "AppServiceIPSecAuditLogs" }
  enabled_log { category = "AppServicePlatformLogs" }

  metric {
    category = "AllMetrics"
  }
}

# ---- legacy windows app: http allowed, FTP on, TLS 1.0
resource "azurerm_windows_web_app" "intranet" {
  name                = "app-${var.name}-intranet"
  location            = var.location
  resource_group_name = var.resource_group_name
  service_plan_id     = azurerm_service_plan.this.id
  https_only          = false

  site_config {
    ftps_state          = "AllAllowed"
    minimum_tls_version = "1.0"
    remote_debugging_enabled = true
    remote_debugging_version = "VS2019"
  }

  connection_string {
    name  = "Default"
    type  = "SQLAzure"
    value = "Server=tcp:sql-reporting-legacy.database.windows.net;Database=reporting;User ID=sa_reporting;Password=Reporting#2019;"
  }
}

output "app_hostnames" {
  value = { for k, a in azurerm_linux_web_app.this : k => a.default_hostname }
}

output "app_principal_ids" {
  value = { for k, a in azurerm_linux_web_app.this : k => a.identity[0].principal_id }
}
