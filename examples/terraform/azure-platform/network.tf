# Azure network, compute, containers and app platform of the example SaaS, with the mistakes the
# azure network / compute rules catch.

data "azurerm_subscription" "net_current" {}

resource "azurerm_resource_group" "net_platform" {
  name     = "rg-net-platform"
  location = "westeurope"
}

# --- Network ------------------------------------------------------------------------------------

resource "azurerm_network_security_group" "net_web" {
  name                = "nsg-web"
  location            = azurerm_resource_group.net_platform.location
  resource_group_name = azurerm_resource_group.net_platform.name

  security_rule {
    name                       = "allow-ssh"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "allow-rdp"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3389"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "net_debug_any" {
  name                        = "debug-any"
  priority                    = 200
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "0.0.0.0/0"
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.net_platform.name
  network_security_group_name = azurerm_network_security_group.net_web.name
}

resource "azurerm_virtual_network" "net_main" {
  name                = "vnet-main"
  location            = azurerm_resource_group.net_platform.location
  resource_group_name = azurerm_resource_group.net_platform.name
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_subnet" "net_app" {
  name                 = "snet-app"
  resource_group_name  = azurerm_resource_group.net_platform.name
  virtual_network_name = azurerm_virtual_network.net_main.name
  address_prefixes     = ["10.20.1.0/24"]
}

resource "azurerm_network_watcher_flow_log" "net_web" {
  name                 = "fl-nsg-web"
  network_watcher_name = "NetworkWatcher_westeurope"
  resource_group_name  = "NetworkWatcherRG"
  target_resource_id   = azurerm_network_security_group.net_web.id
  storage_account_id   = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/stflowlogs"
  enabled              = true

  retention_policy {
    enabled = true
    days    = 7
  }
}

resource "azurerm_application_gateway" "net_edge" {
  name                = "agw-edge"
  resource_group_name = azurerm_resource_group.net_platform.name
  location            = azurerm_resource_group.net_platform.location

  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }

  gateway_ip_configuration {
    name      = "gw-ip"
    subnet_id = azurerm_subnet.net_app.id
  }

  frontend_port {
    name = "https"
    port = 443
  }

  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net-platform/providers/Microsoft.Network/publicIPAddresses/pip-edge"
  }

  backend_address_pool {
    name = "app"
  }

  backend_http_settings {
    name                  = "app-https"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
    request_timeout       = 30
  }

  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "edge"
  }

  request_routing_rule {
    name                       = "app"
    priority                   = 100
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "app"
    backend_http_settings_name = "app-https"
  }

  waf_configuration {
    enabled          = true
    firewall_mode    = "Detection"
    rule_set_version = "3.2"
  }
}

# --- Kubernetes and containers ------------------------------------------------------------------

resource "azurerm_kubernetes_cluster" "net_aks" {
  name                              = "aks-platform"
  location                          = azurerm_resource_group.net_platform.location
  resource_group_name               = azurerm_resource_group.net_platform.name
  dns_prefix                        = "aksplatform"
  role_based_access_control_enabled = false

  default_node_pool {
    name           = "system"
    node_count     = 3
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.net_app.id
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
  }
}

resource "azurerm_container_registry" "net_images" {
  name                = "acrnetplatform"
  resource_group_name = azurerm_resource_group.net_platform.name
  location            = azurerm_resource_group.net_platform.location
  sku                 = "Premium"
  admin_enabled       = true
}

# --- App platform -------------------------------------------------------------------------------

resource "azurerm_service_plan" "net_apps" {
  name                = "asp-platform"
  resource_group_name = azurerm_resource_group.net_platform.name
  location            = azurerm_resource_group.net_platform.location
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_linux_web_app" "net_portal" {
  name                = "app-net-portal"
  resource_group_name = azurerm_resource_group.net_platform.name
  location            = azurerm_resource_group.net_platform.location
  service_plan_id     = azurerm_service_plan.net_apps.id

  site_config {
    minimum_tls_version = "1.0"
    ftps_state          = "AllAllowed"
  }
}

# --- Virtual machines and disks -----------------------------------------------------------------

resource "azurerm_linux_virtual_machine" "net_jump" {
  name                            = "vm-jump"
  resource_group_name             = azurerm_resource_group.net_platform.name
  location                        = azurerm_resource_group.net_platform.location
  size                            = "Standard_B2s"
  admin_username                  = "azureuser"
  admin_password                  = var.net_jump_admin_password
  disable_password_authentication = false
  network_interface_ids           = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net-platform/providers/Microsoft.Network/networkInterfaces/nic-jump"]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

variable "net_jump_admin_password" {
  type      = string
  sensitive = true
}

resource "azurerm_managed_disk" "net_data" {
  name                 = "disk-net-data"
  location             = azurerm_resource_group.net_platform.location
  resource_group_name  = azurerm_resource_group.net_platform.name
  storage_account_type = "Premium_LRS"
  create_option        = "Empty"
  disk_size_gb         = 256
}

# --- Monitoring and access ----------------------------------------------------------------------

resource "azurerm_key_vault" "net_secrets" {
  name                      = "kv-net-platform"
  location                  = azurerm_resource_group.net_platform.location
  resource_group_name       = azurerm_resource_group.net_platform.name
  tenant_id                 = data.azurerm_subscription.net_current.tenant_id
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = true
}

resource "azurerm_role_definition" "net_ops" {
  name  = "platform-ops"
  scope = data.azurerm_subscription.net_current.id

  permissions {
    actions = ["*"]
  }

  assignable_scopes = [data.azurerm_subscription.net_current.id]
}
