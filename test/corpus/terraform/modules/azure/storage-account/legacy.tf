# Pre-landing-zone storage accounts (imported). Non-compliant:
#   - HTTP allowed, TLS 1.0, public blob access, open network, shared keys
resource "azurerm_storage_account" "legacy_public" {
  name                     = "acmelegacypublic01"
  resource_group_name      = var.resource_group_name
  location                 = "northeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  enable_https_traffic_only       = false
  min_tls_version                 = "TLS1_0"
  allow_nested_items_to_be_public = true
  public_network_access_enabled   = true

  network_rules {
    default_action = "Allow"
  }
}

resource "azurerm_storage_container" "legacy_public_assets" {
  name                  = "assets"
  storage_account_name  = azurerm_storage_account.legacy_public.name
  container_access_type = "blob"
}

resource "azurerm_storage_container" "legacy_public_backups" {
  name                  = "db-backups"
  storage_account_name  = azurerm_storage_account.legacy_public.name
  container_access_type = "container"
}

resource "azurerm_storage_account_network_rules" "legacy_public" {
  storage_account_id = azurerm_storage_account.legacy_public.id
  default_action     = "Allow"
  ip_rules           = ["0.0.0.0/0"]
  bypass             = ["None"]
}
