resource "azurerm_postgresql_flexible_server" "app" {
  name                          = "psql-${var.name}"
  resource_group_name           = var.resource_group_name
  location                      = var.location
  version                       = "16"
  sku_name                      = "GP_Standard_D4ds_v5"
  storage_mb                    = 131072
  storage_tier                  = "P15"
  backup_retention_days         = 35
  geo_redundant_backup_enabled  = true
  public_network_access_enabled = false
  zone                          = "1"

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = "72f988bf-86f1-41af-91ab-2d7cd011db47"
  }

  high_availability {
    mode                      = "ZoneRedundant"
    standby_availability_zone = "2"
  }

  maintenance_window {
    day_of_week  = 0
    start_hour   = 3
    start_minute = 0
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [zone, high_availability[0].standby_availability_zone]
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "app" {
  for_each = {
    "log_connections"         = "on"
    "log_disconnections"      = "on"
    "log_checkpoints"         = "on"
    "connection_throttle.enable" = "on"
    "require_secure_transport" = "on"
    "ssl_min_protocol_version" = "TLSv1.2"
    "pgaudit.log"             = "ddl,role"
  }

  name      = each.key
  server_id = azurerm_postgresql_flexible_server.app.id
  value     = each.value
}

# Single server (deprecated) -- ssl not enforced, no geo backup
resource "azurerm_postgresql_server" "legacy" {
  name                = "psql-legacy-${var.name}"
  location            = var.location
  resource_group_name = var.resource_group_name

  administrator_login          = "psqladmin"
  administrator_login_password = "H@Sh1CoR3!"

  sku_name   = "GP_Gen5_4"
  version    = "11"
  storage_mb = 640000

  backup_retention_days        = 7
  geo_redundant_backup_enabled = false
  auto_grow_enabled            = true

  public_network_access_enabled    = true
  ssl_enforcement_enabled          = false
  ssl_minimal_tls_version_enforced = "TLSEnforcementDisabled"
}
