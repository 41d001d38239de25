terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
  }
}

variable "prefix" { type = string }
variable "location" { type = string }
variable "resource_group_name" { type = string }

variable "private_endpoint_subnet_id" {
  type    = string
  default = null
}

variable "cmk" {
  type = object({
    key_vault_key_id = string
    identity_id      = string
  })
  default = null
}

variable "queues" {
  type = map(object({
    max_delivery_count       = optional(number, 10)
    lock_duration            = optional(string, "PT1M")
    requires_session         = optional(bool, false)
    dead_lettering_on_expiry = optional(bool, true)
  }))
  default = {}
}

variable "topics" {
  type = map(object({
    subscriptions = optional(map(object({
      sql_filter = optional(string)
      forward_to = optional(string)
    })), {})
  }))
  default = {}
}

variable "cosmos_containers" {
  type = map(object({
    partition_key = string
    ttl           = optional(number, -1)
    max_throughput = optional(number, 4000)
  }))
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  subscriptions = merge([
    for t, cfg in var.topics : {
      for s, sub in cfg.subscriptions : "${t}/${s}" => merge(sub, { topic = t, name = s })
    }
  ]...)
}

# ------------------------------ Service Bus ------------------------------

resource "azurerm_servicebus_namespace" "this" {
  name                          = "sb-${var.prefix}"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  sku                           = "Premium"
  capacity                      = 1
  premium_messaging_partitions  = 1
  local_auth_enabled            = false
  public_network_access_enabled = var.private_endpoint_subnet_id == null
  minimum_tls_version           = "1.2"

  identity {
    type         = var.cmk == null ? "SystemAssigned" : "UserAssigned"
    identity_ids = var.cmk == null ? null : [var.cmk.identity_id]
  }

  dynamic "customer_managed_key" {
    for_each = var.cmk[*]
    content {
      key_vault_key_id                  = customer_managed_key.value.key_vault_key_id
      identity_id                       = customer_managed_key.value.identity_id
      infrastructure_encryption_enabled = true
    }
  }

  network_rule_set {
    default_action                = "Deny"
    public_network_access_enabled = var.private_endpoint_subnet_id == null
    trusted_services_allowed      = true
  }

  tags = var.tags
}

resource "azurerm_servicebus_queue" "this" {
  for_each = var.queues

  name                                 = each.key
  namespace_id                         = azurerm_servicebus_namespace.this.id
  max_delivery_count                   = each.value.max_delivery_count
  lock_duration                        = each.value.lock_duration
  requires_session                     = each.value.requires_session
  dead_lettering_on_message_expiration = each.value.dead_lettering_on_expiry
  partitioning_enabled                 = false
  default_message_ttl                  = "P14D"
}

resource "azurerm_servicebus_topic" "this" {
  for_each = var.topics

  name                  = each.key
  namespace_id          = azurerm_servicebus_namespace.this.id
  support_ordering      = true
  max_size_in_megabytes = 5120
}

resource "azurerm_servicebus_subscription" "this" {
  for_each = local.subscriptions

  name               = each.value.name
  topic_id           = azurerm_servicebus_topic.this[each.value.topic].id
  max_delivery_count = 10
  forward_to         = each.value.forward_to
}

resource "azurerm_servicebus_subscription_rule" "this" {
  for_each = { for k, s in local.subscriptions : k => s if s.sql_filter != null }

  name            = "filter"
  subscription_id = azurerm_servicebus_subscription.this[each.key].id
  filter_type     = "SqlFilter"
  sql_filter      = each.value.sql_filter
}

resource "azurerm_private_endpoint" "servicebus" {
  count = var.private_endpoint_subnet_id == null ? 0 : 1

  name                = "pe-sb-${var.prefix}"
  location            = var.location
  resource_group_name = var.resource_group_name
  subnet_id           = var.private_endpoint_subnet_id

  private_service_connection {
    name                           = "sb"
    private_connection_resource_id = azurerm_servicebus_namespace.this.id
    subresource_names              = ["namespace"]
    is_manual_connection           = false
  }
}

# ------------------------------ Cosmos DB ------------------------------

resource "azurerm_cosmosdb_account" "this" {
  count = length(var.cosmos_containers) > 0 ? 1 : 0

  name                = "cosmos-${var.prefix}"
  location            = var.location
  resource_group_name = var.resource_group_name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  automatic_failover_enabled         = true
  local_authentication_disabled      = true
  public_network_access_enabled      = false
  is_virtual_network_filter_enabled  = true
  access_key_metadata_writes_enabled = false
  minimal_tls_version                = "Tls12"
  key_vault_key_id                   = try(var.cmk.key_vault_key_id, null)

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = var.location
    failover_priority = 0
    zone_redundant    = true
  }

  backup {
    type                = "Continuous"
    tier                = "Continuous30Days"
  }

  tags = var.tags
}

resource "azurerm_cosmosdb_sql_database" "this" {
  count               = length(var.cosmos_containers) > 0 ? 1 : 0
  name                = "app"
  resource_group_name = var.resource_group_name
  account_name        = azurerm_cosmosdb_account.this[0].name
}

resource "azurerm_cosmosdb_sql_container" "this" {
  for_each = var.cosmos_containers

  name                  = each.key
  resource_group_name   = var.resource_group_name
  account_name          = azurerm_cosmosdb_account.this[0].name
  database_name         = azurerm_cosmosdb_sql_database.this[0].name
  partition_key_paths   = [each.value.partition_key]
  partition_key_version = 2
  default_ttl           = each.value.ttl

  autoscale_settings {
    max_throughput = each.value.max_throughput
  }

  indexing_policy {
    indexing_mode = "consistent"

    included_path {
      path = "/*"
    }

    excluded_path {
      path = "/\"_etag\"/?"
    }
  }
}

# ------------------------------ Event Hubs (legacy) ------------------------------

# Telemetry namespace from the IoT pilot: SAS keys enabled, public network,
# TLS 1.0, no capture. All findings.
resource "azurerm_eventhub_namespace" "legacy" {
  name                          = "evhns-${var.prefix}-iot-legacy"
  location                      = var.location
  resource_group_name           = var.resource_group_name
  sku                           = "Standard"
  capacity                      = 2
  local_authentication_enabled  = true
  public_network_access_enabled = true
  minimum_tls_version           = "1.0"
}

resource "azurerm_eventhub" "telemetry" {
  name                = "telemetry"
  namespace_name      = azurerm_eventhub_namespace.legacy.name
  resource_group_name = var.resource_group_name
  partition_count     = 8
  message_retention   = 1
}

resource "azurerm_eventhub_namespace_authorization_rule" "devices" {
  name                = "devices-send-listen-manage"
  namespace_name      = azurerm_eventhub_namespace.legacy.name
  resource_group_name = var.resource_group_name
  listen              = true
  send                = true
  manage              = true
}

output "servicebus_namespace_id" {
  value = azurerm_servicebus_namespace.this.id
}

output "queue_ids" {
  value = { for k, q in azurerm_servicebus_queue.this : k => q.id }
}

output "cosmos_endpoint" {
  value = try(azurerm_cosmosdb_account.this[0].endpoint, null)
}

output "legacy_eventhub_connection_string" {
  value     = azurerm_eventhub_namespace_authorization_rule.devices.primary_connection_string
  sensitive = true
}
