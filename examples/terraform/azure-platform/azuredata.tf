# Data services of the Azure platform: storage, Key Vault, SQL, PostgreSQL/MySQL, Redis, Cosmos DB.
# Deliberately non-compliant: every finding here is intended. The compliant counterpart is
# examples/terraform/compliant-azure/azuredata.tf.

resource "azurerm_resource_group" "data_rg" {
  name     = "rg-contoso-data"
  location = "westeurope"
}

# Storage: plain HTTP, TLS 1.0, public blobs allowed, Shared Key on, open to every network,
# single encryption, no soft delete, locally redundant.
resource "azurerm_storage_account" "data_lake" {
  name                       = "contosodatalake"
  resource_group_name        = azurerm_resource_group.data_rg.name
  location                   = azurerm_resource_group.data_rg.location
  account_tier               = "Standard"
  account_replication_type   = "LRS"
  https_traffic_only_enabled = false
  min_tls_version            = "TLS1_0"
}

resource "azurerm_storage_container" "data_exports" {
  name                  = "exports"
  storage_account_id    = azurerm_storage_account.data_lake.id
  container_access_type = "blob"
}

# Key Vault: purgeable, open network, access policies, keys and secrets that never expire.
resource "azurerm_key_vault" "data_kv" {
  name                = "kv-contoso-data"
  location            = azurerm_resource_group.data_rg.location
  resource_group_name = azurerm_resource_group.data_rg.name
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault_key" "data_cmk" {
  name         = "storage-cmk"
  key_vault_id = azurerm_key_vault.data_kv.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_key_vault_secret" "data_db_password" {
  name         = "sql-admin-password"
  value        = "example-only-not-a-secret"
  key_vault_id = azurerm_key_vault.data_kv.id
}

# Azure SQL: TLS 1.0, public endpoint, SQL logins only, no auditing, firewall open to everyone.
resource "azurerm_mssql_server" "data_sql" {
  name                         = "sql-contoso-data"
  resource_group_name          = azurerm_resource_group.data_rg.name
  location                     = azurerm_resource_group.data_rg.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "example-only-Passw0rd!"
  minimum_tls_version          = "1.0"
}

resource "azurerm_mssql_firewall_rule" "data_allow_all" {
  name             = "AllowAll"
  server_id        = azurerm_mssql_server.data_sql.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_mssql_firewall_rule" "data_allow_azure" {
  name             = "AllowAzureServices"
  server_id        = azurerm_mssql_server.data_sql.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_mssql_database" "data_warehouse" {
  name                                = "warehouse"
  server_id                           = azurerm_mssql_server.data_sql.id
  sku_name                            = "DW100c"
  transparent_data_encryption_enabled = false
}

# PostgreSQL flexible server: public endpoint, local backups only, TLS not required.
resource "azurerm_postgresql_flexible_server" "data_pg" {
  name                   = "pg-contoso-data"
  resource_group_name    = azurerm_resource_group.data_rg.name
  location               = azurerm_resource_group.data_rg.location
  version                = "16"
  sku_name               = "GP_Standard_D2s_v3"
  administrator_login    = "pgadmin"
  administrator_password = "example-only-Passw0rd!"
}

resource "azurerm_postgresql_flexible_server_configuration" "data_pg_transport" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.data_pg.id
  value     = "off"
}

# MySQL flexible server admitting TLS 1.0 and 1.1.
resource "azurerm_mysql_flexible_server" "data_mysql" {
  name                   = "mysql-contoso-data"
  resource_group_name    = azurerm_resource_group.data_rg.name
  location               = azurerm_resource_group.data_rg.location
  sku_name               = "GP_Standard_D2ds_v4"
  administrator_login    = "mysqladmin"
  administrator_password = "example-only-Passw0rd!"
}

resource "azurerm_mysql_flexible_server_configuration" "data_mysql_tls" {
  name                = "tls_version"
  resource_group_name = azurerm_resource_group.data_rg.name
  server_name         = azurerm_mysql_flexible_server.data_mysql.name
  value               = "TLSv1,TLSv1.1,TLSv1.2"
}

# Redis: plain-text port open, minimum TLS left at the provider default (1.0).
resource "azurerm_redis_cache" "data_sessions" {
  name                 = "redis-contoso-data"
  location             = azurerm_resource_group.data_rg.location
  resource_group_name  = azurerm_resource_group.data_rg.name
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = true
}

# Cosmos DB: account keys accepted, reachable from every network.
resource "azurerm_cosmosdb_account" "data_cosmos" {
  name                = "cosmos-contoso-data"
  location            = azurerm_resource_group.data_rg.location
  resource_group_name = azurerm_resource_group.data_rg.name
  offer_type          = "Standard"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = azurerm_resource_group.data_rg.location
    failover_priority = 0
  }
}
