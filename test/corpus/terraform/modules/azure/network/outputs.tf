output "vnet_id" {
  value = azurerm_virtual_network.this.id
}

output "vnet_name" {
  value = azurerm_virtual_network.this.name
}

output "subnet_ids" {
  value = { for k, s in azurerm_subnet.this : k => s.id }
}

output "subnet_prefixes" {
  value = local.subnet_prefixes
}

output "nsg_ids" {
  value = { for k, n in azurerm_network_security_group.this : k => n.id }
}
