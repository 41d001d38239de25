resource "azurerm_log_analytics_workspace" "this" {
  name                       = "log-${var.prefix}"
  location                   = var.location
  resource_group_name        = var.resource_group_name
  sku                        = "PerGB2018"
  retention_in_days          = var.retention_in_days
  daily_quota_gb             = -1
  internet_ingestion_enabled = false
  internet_query_enabled     = true
  local_authentication_disabled = true
  tags                       = var.tags
}

resource "azurerm_log_analytics_solution" "security" {
  for_each = toset(["SecurityInsights", "ContainerInsights", "VMInsights"])

  solution_name         = each.key
  location              = var.location
  resource_group_name   = var.resource_group_name
  workspace_resource_id = azurerm_log_analytics_workspace.this.id
  workspace_name        = azurerm_log_analytics_workspace.this.name

  plan {
    publisher = "Microsoft"
    product   = "OMSGallery/${each.key}"
  }
}

resource "azurerm_monitor_action_group" "this" {
  name                = "ag-${var.prefix}-critical"
  resource_group_name = var.resource_group_name
  short_name          = substr(replace("${var.prefix}crit", "-", ""), 0, 12)

  dynamic "email_receiver" {
    for_each = var.action_group_emails
    content {
      name                    = email_receiver.key
      email_address           = email_receiver.value
      use_common_alert_schema = true
    }
  }

  dynamic "webhook_receiver" {
    for_each = var.webhook_url == null ? [] : [var.webhook_url]
    content {
      name                    = "teams"
      service_uri             = webhook_receiver.value
      use_common_alert_schema = true
    }
  }

  tags = var.tags
}

# Subscription activity log -> workspace (A.8.15)
resource "azurerm_monitor_diagnostic_setting" "activity_log" {
  name                       = "activity-to-law"
  target_resource_id         = "/subscriptions/${var.subscription_id}"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  dynamic "enabled_log" {
    for_each = ["Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"]
    content {
      category = enabled_log.value
    }
  }
}

resource "azurerm_monitor_diagnostic_setting" "targets" {
  for_each = var.diagnostic_targets

  name                       = "all-to-law"
  target_resource_id         = each.value
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this.id

  enabled_log {
    category_group = "allLogs"
  }

  metric {
    category = "AllMetrics"
  }
}

locals {
  activity_alerts = {
    "nsg-write"          = { category = "Administrative", operation = "Microsoft.Network/networkSecurityGroups/write" }
    "nsg-delete"         = { category = "Administrative", operation = "Microsoft.Network/networkSecurityGroups/delete" }
    "nsg-rule-write"     = { category = "Administrative", operation = "Microsoft.Network/networkSecurityGroups/securityRules/write" }
    "policy-assign"      = { category = "Administrative", operation = "Microsoft.Authorization/policyAssignments/write" }
    "policy-delete"      = { category = "Administrative", operation = "Microsoft.Authorization/policyAssignments/delete" }
    "sql-fw-write"       = { category = "Administrative", operation = "Microsoft.Sql/servers/firewallRules/write" }
    "security-solution"  = { category = "Security", operation = "Microsoft.Security/securitySolutions/write" }
    "kv-delete"          = { category = "Administrative", operation = "Microsoft.KeyVault/vaults/delete" }
    "role-assign"        = { category = "Administrative", operation = "Microsoft.Authorization/roleAssignments/write" }
  }
}

resource "azurerm_monitor_activity_log_alert" "this" {
  for_each = local.activity_alerts

  name                = "ala-${each.key}"
  resource_group_name = var.resource_group_name
  location            = "global"
  scopes              = ["/subscriptions/${var.subscription_id}"]
  description         = "Alert on ${each.value.operation}"

  criteria {
    category       = each.value.category
    operation_name = each.value.operation
  }

  action {
    action_group_id = azurerm_monitor_action_group.this.id
    webhook_properties = {
      source  = "terraform"
      control = "A.8.16"
    }
  }

  tags = var.tags
}

resource "azurerm_monitor_metric_alert" "this" {
  for_each = var.metric_alerts

  name                = "ma-${each.key}"
  resource_group_name = var.resource_group_name
  scopes              = [each.value.scope]
  severity            = each.value.severity
  window_size         = each.value.window
  frequency           = each.value.frequency
  auto_mitigate       = true

  criteria {
    metric_namespace = each.value.namespace
    metric_name      = each.value.metric
    aggregation      = each.value.aggregation
    operator         = each.value.operator
    threshold        = each.value.threshold

    dynamic "dimension" {
      for_each = each.value.dimensions
      content {
        name     = dimension.value.name
        operator = dimension.value.operator
        values   = dimension.value.values
      }
    }
  }

  action {
    action_group_id = azurerm_monitor_action_group.this.id
  }

  tags = var.tags
}

resource "azurerm_monitor_scheduled_query_rules_alert_v2" "failed_logins" {
  name                 = "sqr-${var.prefix}-failed-signins"
  resource_group_name  = var.resource_group_name
  location             = var.location
  scopes               = [azurerm_log_analytics_workspace.this.id]
  severity             = 1
  evaluation_frequency = "PT5M"
  window_duration      = "PT15M"
  description          = "More than 10 failed sign-ins from one IP in 15 minutes"

  criteria {
    query                   = <<-KQL
      SigninLogs
      | where ResultType != "0"
      | summarize failures = count() by IPAddress, bin(TimeGenerated, 15m)
      | where failures > 10
    KQL
    time_aggregation_method = "Count"
    operator                = "GreaterThan"
    threshold               = 0

    failing_periods {
      minimum_failing_periods_to_trigger_alert = 1
      number_of_evaluation_periods             = 1
    }
  }

  action {
    action_groups = [azurerm_monitor_action_group.this.id]
  }

  tags = var.tags
}
