# Developer key vault: no purge protection, public network, secrets with no
# expiry, and an over-broad access policy for the "all developers" group.
resource "azurerm_key_vault" "dev_shared" {
  name                       = "kv-dev-shared-001"
  location                   = var.location
  resource_group_name        = var.resource_group_name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  purge_protection_enabled   = false
  soft_delete_retention_days = 7

  network_acls {
    default_action = "Allow"
    bypass         = "AzureServices"
  }

  access_policy {
    tenant_id = data.azurerm_client_config.current.tenant_id
    object_id = "00000000-1111-2222-3333-444444444444" # sg-all-developers

    key_permissions         = ["Get", "List", "Create", "Delete", "Purge"]
    secret_permissions      = ["Get", "List", "Set", "Delete", "Purge"]
    certificate_permissions = ["Get", "List", "Create", "Delete", "Purge"]
  }
}

resource "azurerm_key_vault_secret" "dev_db" {
  name         = "dev-db-connection-string"
  value        = "Server=tcp:sql-dev.database.windows.net,1433;User ID=sa;Password=P@ssw0rd!;"
  key_vault_id = azurerm_key_vault.dev_shared.id
  # no expiration_date, no content_type
}

resource "azurerm_key_vault_key" "dev_rsa" {
  name         = "dev-rsa"
  key_vault_id = azurerm_key_vault.dev_shared.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt"]
}
