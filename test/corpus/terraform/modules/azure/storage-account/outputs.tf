output "id" {
  value = azurerm_storage_account.this.id
}

output "name" {
  value = azurerm_storage_account.this.name
}

output "primary_blob_endpoint" {
  value = azurerm_storage_account.this.primary_blob_endpoint
}

output "principal_id" {
  value = azurerm_storage_account.this.identity[0].principal_id
}

output "container_ids" {
  value = { for k, c in azurerm_storage_container.this : k => c.id }
}
