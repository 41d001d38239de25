terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.90"
    }
  }
}

data "azurerm_client_config" "current" {}

variable "name" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

variable "sku_name" {
  type    = string
  default = "premium"
}

variable "enable_rbac_authorization" {
  description = "Use Azure RBAC instead of access policies."
  type        = bool
  default     = false
}

variable "access_policies" {
  description = "object_id => permission sets (ignored when RBAC is enabled)"
  type = map(object({
    key_permissions         = optional(list(string), [])
    secret_permissions      = optional(list(string), [])
    certificate_permissions = optional(list(string), [])
  }))
  default = {}
}

variable "allowed_ip_rules" {
  type    = list(string)
  default = []
}

variable "allowed_subnet_ids" {
  type    = list(string)
  default = []
}

variable "keys" {
  type = map(object({
    type     = optional(string, "RSA-HSM")
    size     = optional(number, 3072)
    curve    = optional(string)
    opts     = optional(list(string), ["decrypt", "encrypt", "sign", "unwrapKey", "verify", "wrapKey"])
    rotate_after = optional(string, "P180D")
    expire_after = optional(string, "P365D")
  }))
  default = {}
}

variable "log_analytics_workspace_id" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  admin_permissions = {
    key_permissions         = ["Backup", "Create", "Decrypt", "Delete", "Encrypt", "Get", "Import", "List", "Purge", "Recover", "Restore", "Sign", "UnwrapKey", "Update", "Verify", "WrapKey", "Release", "Rotate", "GetRotationPolicy", "SetRotationPolicy"]
    secret_permissions      = ["Backup", "Delete", "Get", "List", "Purge", "Recover", "Restore", "Set"]
    certificate_permissions = ["Backup", "Create", "Delete", "DeleteIssuers", "Get", "GetIssuers", "Import", "List", "ListIssuers", "ManageContacts", "ManageIssuers", "Purge", "Recover", "Restore", "SetIssuers", "Update"]
  }

  access_policies = var.enable_rbac_authorization ? {} : merge(
    { (data.azurerm_client_config.current.object_id) = local.admin_permissions },
    var.access_policies,
  )
}

resource "azurerm_key_vault" "this" {
  name                = var.name
  location            = var.location
  resource_group_name = var.resource_group_name
  tenant_id           = data.azurerm_client_config.current.tenant_id
  sku_name            = var.sku_name

  enabled_for_disk_encryption     = true
  enabled_for_deployment          = false
  enabled_for_template_deployment = false
  enable_rbac_authorization       = var.enable_rbac_authorization
  purge_protection_enabled        = true
  soft_delete_retention_days      = 90
  public_network_access_enabled   = length(var.allowed_ip_rules) > 0

  network_acls {
    bypass                     = "AzureServices"
    default_action             = "Deny"
    ip_rules                   = var.allowed_ip_rules
    virtual_network_subnet_ids = var.allowed_subnet_ids
  }

  dynamic "access_policy" {
    for_each = local.access_policies
    content {
      tenant_id               = data.azurerm_client_config.current.tenant_id
      object_id               = access_policy.key
      key_permissions         = access_policy.value.key_permissions
      secret_permissions      = access_policy.value.secret_permissions
      certificate_permissions = access_policy.value.certificate_permissions
    }
  }

  tags = var.tags
}

resource "azurerm_key_vault_key" "this" {
  for_each = var.keys

  name         = each.key
  key_vault_id = azurerm_key_vault.this.id
  key_type     = each.value.type
  key_size     = startswith(each.value.type, "RSA") ? each.value.size : null
  curve        = startswith(each.value.type, "EC") ? coalesce(each.value.curve, "P-256") : null
  key_opts     = each.value.opts

  expiration_date = timeadd("2024-01-01T00:00:00Z", "8760h")

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = each.value.expire_after
    notify_before_expiry = "P29D"
  }

  lifecycle {
    ignore_changes = [expiration_date]
  }
}

resource "azurerm_monitor_diagnostic_setting" "this" {
  count = var.log_analytics_workspace_id != null ? 1 : 0

  name                           = "kv-audit"
  target_resource_id             = azurerm_key_vault.this.id
  log_analytics_workspace_id     = var.log_analytics_workspace_id
  log_analytics_destination_type = "Dedicated"

  enabled_log {
    category_group = "audit"
  }

  enabled_log {
    category_group = "allLogs"
  }

  metric {
    category = "AllMetrics"
  }
}

output "id" {
  value = azurerm_key_vault.this.id
}

output "vault_uri" {
  value = azurerm_key_vault.this.vault_uri
}

output "key_ids" {
  value = { for k, v in azurerm_key_vault_key.this : k => v.id }
}

output "versionless_key_ids" {
  value = { for k, v in azurerm_key_vault_key.this : k => v.versionless_id }
}
