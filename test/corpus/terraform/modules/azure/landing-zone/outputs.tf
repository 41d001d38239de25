output "resource_group_names" {
  value = { for k, rg in azurerm_resource_group.this : k => rg.name }
}

output "resource_group_ids" {
  value = { for k, rg in azurerm_resource_group.this : k => rg.id }
}

output "deployer_role_definition_id" {
  value = azurerm_role_definition.deployer.role_definition_resource_id
}
