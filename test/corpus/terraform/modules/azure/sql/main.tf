terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }
}

variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "aad_admin" {
  type = object({
    login     = string
    object_id = string
  })
}

variable "databases" {
  type = map(object({
    sku_name                    = optional(string, "GP_S_Gen5_2")
    max_size_gb                 = optional(number, 32)
    zone_redundant              = optional(bool, false)
    auto_pause_delay_in_minutes = optional(number, 60)
    min_capacity                = optional(number, 0.5)
    short_term_retention_days   = optional(number, 14)
    ltr = optional(object({
      weekly_retention  = optional(string, "P12W")
      monthly_retention = optional(string, "P12M")
      yearly_retention  = optional(string, "P7Y")
      week_of_year      = optional(number, 1)
    }))
  }))
}

variable "allowed_subnet_ids" {
  type    = map(string)
  default = {}
}

variable "audit_storage_endpoint" {
  type    = string
  default = null
}

variable "log_analytics_workspace_id" {
  type = string
}

variable "security_alert_emails" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "random_password" "sql_admin" {
  length      = 40
  special     = true
  min_upper   = 2
  min_lower   = 2
  min_numeric = 2
  min_special = 2
}

resource "azurerm_mssql_server" "this" {
  name                          = "sql-${var.name}"
  resource_group_name           = var.resource_group_name
  location                      = var.location
  version                       = "12.0"
  administrator_login           = "sqladmin${substr(sha1(var.name), 0, 6)}"
  administrator_login_password  = random_password.sql_admin.result
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
  outbound_network_restriction_enabled = true

  azuread_administrator {
    login_username              = var.aad_admin.login
    object_id                   = var.aad_admin.object_id
    azuread_authentication_only = true
  }

  identity {
    type = "SystemAssigned"
  }

  tags = var.tags
}

resource "azurerm_mssql_database" "this" {
  for_each = var.databases

  name                        = each.key
  server_id                   = azurerm_mssql_server.this.id
  sku_name                    = each.value.sku_name
  max_size_gb                 = each.value.max_size_gb
  zone_redundant              = each.value.zone_redundant
  auto_pause_delay_in_minutes = startswith(each.value.sku_name, "GP_S_") ? each.value.auto_pause_delay_in_minutes : null
  min_capacity                = startswith(each.value.sku_name, "GP_S_") ? each.value.min_capacity : null
  collation                   = "SQL_Latin1_General_CP1_CI_AS"
  ledger_enabled              = false
  transparent_data_encryption_enabled = true
  storage_account_type        = each.value.zone_redundant ? "Zone" : "Geo"

  short_term_retention_policy {
    retention_days           = each.value.short_term_retention_days
    backup_interval_in_hours = 12
  }

  dynamic "long_term_retention_policy" {
    for_each = each.value.ltr[*]
    iterator = ltr
    content {
      weekly_retention  = ltr.value.weekly_retention
      monthly_retention = ltr.value.monthly_retention
      yearly_retention  = ltr.value.yearly_retention
      week_of_year      = ltr.value.week_of_year
    }
  }

  threat_detection_policy {
    state                = "Enabled"
    email_account_admins = "Enabled"
    email_addresses      = var.security_alert_emails
    retention_days       = 90
  }

  tags = var.tags

  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_mssql_virtual_network_rule" "this" {
  for_each  = var.allowed_subnet_ids
  name      = "vnet-rule-${each.key}"
  server_id = azurerm_mssql_server.this.id
  subnet_id = each.value
}

resource "azurerm_mssql_server_extended_auditing_policy" "this" {
  server_id              = azurerm_mssql_server.this.id
  log_monitoring_enabled = true
  storage_endpoint       = var.audit_storage_endpoint
  retention_in_days      = 365
}

resource "azurerm_mssql_server_security_alert_policy" "this" {
  resource_group_name  = var.resource_group_name
  server_name          = azurerm_mssql_server.this.name
  state                = "Enabled"
  email_addresses      = var.security_alert_emails
  email_account_admins = true
}

resource "azurerm_mssql_server_vulnerability_assessment" "this" {
  count = var.audit_storage_endpoint == null ? 0 : 1

  server_security_alert_policy_id = azurerm_mssql_server_security_alert_policy.this.id
  storage_container_path          = "${var.audit_storage_endpoint}vulnerability-assessment/"

  recurring_scans {
    enabled                   = true
    email_subscription_admins = true
    emails                    = var.security_alert_emails
  }
}

resource "azurerm_monitor_diagnostic_setting" "master" {
  name                       = "sql-audit-to-law"
  target_resource_id         = "${azurerm_mssql_server.this.id}/databases/master"
  log_analytics_workspace_id = var.log_analytics_workspace_id

  enabled_log {
    category = "SQLSecurityAuditEvents"
  }

  metric {
    category = "AllMetrics"
    enabled  = false
  }
}

# -- Legacy reporting server: SQL auth, public access, firewall open to Azure + world
resource "azurerm_mssql_server" "reporting_legacy" {
  name                          = "sql-reporting-legacy"
  resource_group_name           = var.resource_group_name
  location                      = var.location
  version                       = "12.0"
  administrator_login           = "sa_reporting"
  administrator_login_password  = "Reporting#2019"
  minimum_tls_version           = "1.0"
  public_network_access_enabled = true
}

resource "azurerm_mssql_firewall_rule" "allow_all" {
  name             = "AllowAll"
  server_id        = azurerm_mssql_server.reporting_legacy.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_mssql_firewall_rule" "allow_azure" {
  name             = "AllowAllWindowsAzureIps"
  server_id        = azurerm_mssql_server.reporting_legacy.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_mssql_database" "reporting" {
  name      = "reporting"
  server_id = azurerm_mssql_server.reporting_legacy.id
  sku_name  = "S1"

  transparent_data_encryption_enabled = false

  short_term_retention_policy {
    retention_days = 1
  }
}

output "server_id" {
  value = azurerm_mssql_server.this.id
}

output "server_fqdn" {
  value = azurerm_mssql_server.this.fully_qualified_domain_name
}

output "database_ids" {
  value = { for k, d in azurerm_mssql_database.this : k => d.id }
}

output "admin_password" {
  value     = random_password.sql_admin.result
  sensitive = true
}
