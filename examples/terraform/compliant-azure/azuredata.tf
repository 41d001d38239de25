# Compliant counterpart of examples/terraform/azure-platform/azuredata.tf: the same data services,
# private, encrypted, audited and recoverable.

variable "data_tenant_id" {
  type    = string
  default = "00000000-0000-0000-0000-000000000000"
}

variable "data_private_subnet_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-network/providers/Microsoft.Network/virtualNetworks/vnet-contoso/subnets/data"
}

variable "data_postgres_subnet_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-network/providers/Microsoft.Network/virtualNetworks/vnet-contoso/subnets/postgres"
}

variable "data_postgres_dns_zone_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-network/providers/Microsoft.Network/privateDnsZones/contoso.postgres.database.azure.com"
}

variable "data_log_analytics_workspace_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-contoso-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-contoso"
}

variable "data_sql_admin_group_object_id" {
  type    = string
  default = "11111111-1111-1111-1111-111111111111"
}

resource "azurerm_resource_group" "data_rg" {
  name     = "rg-contoso-data"
  location = "westeurope"
}

resource "azurerm_storage_account" "data_lake" {
  name                              = "contosodatalake"
  resource_group_name               = azurerm_resource_group.data_rg.name
  location                          = azurerm_resource_group.data_rg.location
  account_tier                      = "Standard"
  account_replication_type          = "GZRS"
  min_tls_version                   = "TLS1_2"
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  infrastructure_encryption_enabled = true

  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices"]
    virtual_network_subnet_ids = [var.data_private_subnet_id]
  }

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = 30
    }

    container_delete_retention_policy {
      days = 30
    }
  }
}

resource "azurerm_storage_container" "data_exports" {
  name                  = "exports"
  storage_account_id    = azurerm_storage_account.data_lake.id
  container_access_type = "private"
}

resource "azurerm_key_vault" "data_kv" {
  name                       = "kv-contoso-data"
  location                   = azurerm_resource_group.data_rg.location
  resource_group_name        = azurerm_resource_group.data_rg.name
  tenant_id                  = var.data_tenant_id
  sku_name                   = "premium"
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
  enable_rbac_authorization  = true

  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    virtual_network_subnet_ids = [var.data_private_subnet_id]
  }
}

resource "azurerm_monitor_diagnostic_setting" "data_kv_audit" {
  name                       = "kv-contoso-data-audit"
  target_resource_id         = azurerm_key_vault.data_kv.id
  log_analytics_workspace_id = var.data_log_analytics_workspace_id

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_key_vault_key" "data_cmk" {
  name         = "storage-cmk"
  key_vault_id = azurerm_key_vault.data_kv.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P1Y"
    notify_before_expiry = "P29D"
  }
}

resource "azurerm_key_vault_secret" "data_api_token" {
  name            = "partner-api-token"
  value           = "example-only-not-a-secret"
  key_vault_id    = azurerm_key_vault.data_kv.id
  expiration_date = "2027-06-30T00:00:00Z"
}

resource "azurerm_mssql_server" "data_sql" {
  name                          = "sql-contoso-data"
  resource_group_name           = azurerm_resource_group.data_rg.name
  location                      = azurerm_resource_group.data_rg.location
  version                       = "12.0"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false

  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = var.data_sql_admin_group_object_id
    azuread_authentication_only = true
  }
}

resource "azurerm_mssql_server_extended_auditing_policy" "data_sql" {
  server_id              = azurerm_mssql_server.data_sql.id
  log_monitoring_enabled = true
  retention_in_days      = 0
}

resource "azurerm_mssql_database" "data_orders" {
  name      = "orders"
  server_id = azurerm_mssql_server.data_sql.id
  sku_name  = "S1"
}

resource "azurerm_postgresql_flexible_server" "data_pg" {
  name                          = "pg-contoso-data"
  resource_group_name           = azurerm_resource_group.data_rg.name
  location                      = azurerm_resource_group.data_rg.location
  version                       = "16"
  sku_name                      = "GP_Standard_D2s_v3"
  delegated_subnet_id           = var.data_postgres_subnet_id
  private_dns_zone_id           = var.data_postgres_dns_zone_id
  public_network_access_enabled = false
  geo_redundant_backup_enabled  = true

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = var.data_tenant_id
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "data_pg_min_tls" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.data_pg.id
  value     = "TLSv1.3"
}

resource "azurerm_mysql_flexible_server" "data_mysql" {
  name                         = "mysql-contoso-data"
  resource_group_name          = azurerm_resource_group.data_rg.name
  location                     = azurerm_resource_group.data_rg.location
  sku_name                     = "GP_Standard_D2ds_v4"
  delegated_subnet_id          = var.data_private_subnet_id
  geo_redundant_backup_enabled = true
  administrator_login          = "mysqladmin"
  administrator_password       = "example-only-Passw0rd!"
}

resource "azurerm_mysql_flexible_server_configuration" "data_mysql_tls" {
  name                = "tls_version"
  resource_group_name = azurerm_resource_group.data_rg.name
  server_name         = azurerm_mysql_flexible_server.data_mysql.name
  value               = "TLSv1.2,TLSv1.3"
}

resource "azurerm_redis_cache" "data_sessions" {
  name                          = "redis-contoso-data"
  location                      = azurerm_resource_group.data_rg.location
  resource_group_name           = azurerm_resource_group.data_rg.name
  capacity                      = 1
  family                        = "P"
  sku_name                      = "Premium"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
}

resource "azurerm_cosmosdb_account" "data_cosmos" {
  name                          = "cosmos-contoso-data"
  location                      = azurerm_resource_group.data_rg.location
  resource_group_name           = azurerm_resource_group.data_rg.name
  offer_type                    = "Standard"
  public_network_access_enabled = false
  local_authentication_disabled = true

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = azurerm_resource_group.data_rg.location
    failover_priority = 0
  }
}
