locals {
  subnet_prefixes = {
    for name, s in var.subnets : name => cidrsubnet(var.address_space[0], s.newbits, s.netnum)
  }

  # Baseline rules appended to every NSG (ISO 27001 A.8.20 / A.8.22)
  baseline_rules = {
    "deny-ssh-rdp-internet" = {
      priority                   = 4000
      direction                  = "Inbound"
      access                     = "Deny"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_ranges    = ["22", "3389"]
      source_address_prefixes    = null
      source_address_prefix      = "Internet"
      destination_address_prefix = "*"
    }
    "deny-all-inbound" = {
      priority                   = 4096
      direction                  = "Inbound"
      access                     = "Deny"
      protocol                   = "*"
      source_port_range          = "*"
      destination_port_ranges    = ["0-65535"]
      source_address_prefixes    = null
      source_address_prefix      = "*"
      destination_address_prefix = "*"
    }
  }

  nsg_rules = merge([
    for subnet, s in var.subnets : {
      for rule_name, r in merge(local.baseline_rules, s.nsg_rules) :
      "${subnet}/${rule_name}" => merge(r, { subnet = subnet, name = rule_name })
    }
  ]...)
}

resource "azurerm_virtual_network" "this" {
  name                = "vnet-${var.name}"
  location            = var.location
  resource_group_name = var.resource_group_name
  address_space       = var.address_space
  dns_servers         = var.dns_servers

  dynamic "ddos_protection_plan" {
    for_each = var.ddos_protection_plan_id == null ? [] : [var.ddos_protection_plan_id]
    content {
      id     = ddos_protection_plan.value
      enable = true
    }
  }

  tags = var.tags
}

resource "azurerm_subnet" "this" {
  for_each = var.subnets

  name                 = "snet-${each.key}"
  resource_group_name  = var.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [local.subnet_prefixes[each.key]]
  service_endpoints    = each.value.service_endpoints

  private_endpoint_network_policies_enabled = each.value.private_endpoint_network_policies == "Enabled"

  dynamic "delegation" {
    for_each = each.value.delegation == null ? [] : [each.value.delegation]
    content {
      name = delegation.value.name
      service_delegation {
        name    = delegation.value.service
        actions = delegation.value.actions
      }
    }
  }
}

resource "azurerm_network_security_group" "this" {
  for_each = var.subnets

  name                = "nsg-${var.name}-${each.key}"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

resource "azurerm_network_security_rule" "this" {
  for_each = local.nsg_rules

  name                        = each.value.name
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.this[each.value.subnet].name
  priority                    = each.value.priority
  direction                   = each.value.direction
  access                      = each.value.access
  protocol                    = each.value.protocol
  source_port_range           = each.value.source_port_range
  destination_port_ranges     = each.value.destination_port_ranges
  source_address_prefix       = each.value.source_address_prefixes == null ? coalesce(each.value.source_address_prefix, "*") : null
  source_address_prefixes     = each.value.source_address_prefixes
  destination_address_prefix  = each.value.destination_address_prefix
}

resource "azurerm_subnet_network_security_group_association" "this" {
  for_each                  = var.subnets
  subnet_id                 = azurerm_subnet.this[each.key].id
  network_security_group_id = azurerm_network_security_group.this[each.key].id
}

resource "azurerm_network_watcher_flow_log" "this" {
  for_each = var.flow_log == null ? {} : var.subnets

  name                      = "fl-${var.name}-${each.key}"
  network_watcher_name      = var.flow_log.network_watcher_name
  resource_group_name       = var.flow_log.network_watcher_rg
  network_security_group_id = azurerm_network_security_group.this[each.key].id
  storage_account_id        = var.flow_log.storage_account_id
  enabled                   = true
  version                   = 2

  retention_policy {
    enabled = true
    days    = var.flow_log.retention_days
  }

  traffic_analytics {
    enabled               = true
    workspace_id          = var.flow_log.workspace_id
    workspace_region      = var.location
    workspace_resource_id = var.flow_log.workspace_resource_id
    interval_in_minutes   = 10
  }

  tags = var.tags
}
