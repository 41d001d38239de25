# The Azure network, compute, containers and app platform of the example SaaS, configured the way
# an auditor wants them. Values you would supply (admin ranges, workspace, contact) are variables.

variable "net_admin_ranges" {
  type    = list(string)
  default = ["203.0.113.0/24"]
}

variable "net_log_analytics_workspace_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-platform"
}

variable "net_action_group_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-monitor/providers/Microsoft.Insights/actionGroups/secops"
}

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
    name                       = "https-from-front-door"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "AzureFrontDoor.Backend"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "ssh-from-admin"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes    = var.net_admin_ranges
    destination_address_prefix = "*"
  }
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

resource "azurerm_subnet_network_security_group_association" "net_app" {
  subnet_id                 = azurerm_subnet.net_app.id
  network_security_group_id = azurerm_network_security_group.net_web.id
}

resource "azurerm_subnet" "net_gateway" {
  name                 = "GatewaySubnet"
  resource_group_name  = azurerm_resource_group.net_platform.name
  virtual_network_name = azurerm_virtual_network.net_main.name
  address_prefixes     = ["10.20.255.0/27"]
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
    days    = 365
  }
}

resource "azurerm_web_application_firewall_policy" "net_edge" {
  name                = "wafp-edge"
  resource_group_name = azurerm_resource_group.net_platform.name
  location            = azurerm_resource_group.net_platform.location

  policy_settings {
    enabled = true
    mode    = "Prevention"
  }

  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }
}

resource "azurerm_application_gateway" "net_edge" {
  name                = "agw-edge"
  resource_group_name = azurerm_resource_group.net_platform.name
  location            = azurerm_resource_group.net_platform.location
  firewall_policy_id  = azurerm_web_application_firewall_policy.net_edge.id

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
}

# --- Kubernetes and containers ------------------------------------------------------------------

resource "azurerm_kubernetes_cluster" "net_aks" {
  name                      = "aks-platform"
  location                  = azurerm_resource_group.net_platform.location
  resource_group_name       = azurerm_resource_group.net_platform.name
  dns_prefix                = "aksplatform"
  local_account_disabled    = true
  automatic_upgrade_channel = "patch"

  default_node_pool {
    name           = "system"
    node_count     = 3
    vm_size        = "Standard_D4s_v5"
    vnet_subnet_id = azurerm_subnet.net_app.id
  }

  identity {
    type = "SystemAssigned"
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
  }

  api_server_access_profile {
    authorized_ip_ranges = var.net_admin_ranges
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}

resource "azurerm_container_registry" "net_images" {
  name                          = "acrnetplatform"
  resource_group_name           = azurerm_resource_group.net_platform.name
  location                      = azurerm_resource_group.net_platform.location
  sku                           = "Premium"
  public_network_access_enabled = false
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
  name                          = "app-net-portal"
  resource_group_name           = azurerm_resource_group.net_platform.name
  location                      = azurerm_resource_group.net_platform.location
  service_plan_id               = azurerm_service_plan.net_apps.id
  https_only                    = true
  public_network_access_enabled = false

  identity {
    type = "SystemAssigned"
  }

  site_config {
    minimum_tls_version = "1.2"
    ftps_state          = "Disabled"
  }

  auth_settings_v2 {
    auth_enabled           = true
    require_authentication = true

    active_directory_v2 {
      client_id            = "00000000-0000-0000-0000-000000000001"
      tenant_auth_endpoint = "https://login.microsoftonline.com/${data.azurerm_subscription.net_current.tenant_id}/v2.0"
    }

    login {}
  }
}

# --- Virtual machines and disks -----------------------------------------------------------------

resource "azurerm_disk_encryption_set" "net_disks" {
  name                = "des-platform"
  resource_group_name = azurerm_resource_group.net_platform.name
  location            = azurerm_resource_group.net_platform.location
  key_vault_key_id    = "https://kv-net-platform.vault.azure.net/keys/disks/0000"

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_linux_virtual_machine" "net_jump" {
  name                       = "vm-jump"
  resource_group_name        = azurerm_resource_group.net_platform.name
  location                   = azurerm_resource_group.net_platform.location
  size                       = "Standard_D2s_v5"
  admin_username             = "azureuser"
  encryption_at_host_enabled = true
  network_interface_ids      = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net-platform/providers/Microsoft.Network/networkInterfaces/nic-jump"]

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExampleExample admin@example"
  }

  os_disk {
    caching                = "ReadWrite"
    storage_account_type   = "Premium_LRS"
    disk_encryption_set_id = azurerm_disk_encryption_set.net_disks.id
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_managed_disk" "net_data" {
  name                   = "disk-net-data"
  location               = azurerm_resource_group.net_platform.location
  resource_group_name    = azurerm_resource_group.net_platform.name
  storage_account_type   = "Premium_LRS"
  create_option          = "Empty"
  disk_size_gb           = 256
  disk_encryption_set_id = azurerm_disk_encryption_set.net_disks.id
}

# --- Monitoring and access ----------------------------------------------------------------------

resource "azurerm_key_vault" "net_secrets" {
  name                       = "kv-net-platform"
  location                   = azurerm_resource_group.net_platform.location
  resource_group_name        = azurerm_resource_group.net_platform.name
  tenant_id                  = data.azurerm_subscription.net_current.tenant_id
  sku_name                   = "standard"
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
  rbac_authorization_enabled = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = var.net_admin_ranges
  }
}

resource "azurerm_monitor_diagnostic_setting" "net_secrets_audit" {
  name                       = "kv-net-platform-audit"
  target_resource_id         = azurerm_key_vault.net_secrets.id
  log_analytics_workspace_id = var.net_log_analytics_workspace_id

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_role_definition" "net_vm_operator" {
  name  = "vm-operator"
  scope = data.azurerm_subscription.net_current.id

  permissions {
    actions = [
      "Microsoft.Compute/virtualMachines/read",
      "Microsoft.Compute/virtualMachines/start/action",
      "Microsoft.Compute/virtualMachines/restart/action",
    ]
  }

  assignable_scopes = [data.azurerm_subscription.net_current.id]
}

# --- Subscription baseline (checked by the opt-in azure-account-* rules) ------------------------

resource "azurerm_security_center_subscription_pricing" "net_defender" {
  for_each      = toset(["VirtualMachines", "SqlServers", "StorageAccounts", "KeyVaults", "Containers"])
  tier          = "Standard"
  resource_type = each.value
}

resource "azurerm_security_center_contact" "net_secops" {
  name                = "secops"
  email               = "secops@example.com"
  alert_notifications = true
  alerts_to_admins    = true
}

resource "azurerm_monitor_activity_log_alert" "net_changes" {
  for_each = {
    policy   = "Microsoft.Authorization/policyAssignments/write"
    nsg      = "Microsoft.Network/networkSecurityGroups/write"
    security = "Microsoft.Security/securitySolutions/write"
  }
  name                = "alert-${each.key}-changes"
  resource_group_name = azurerm_resource_group.net_platform.name
  location            = "global"
  scopes              = [data.azurerm_subscription.net_current.id]

  criteria {
    category       = "Administrative"
    operation_name = each.value
  }

  action {
    action_group_id = var.net_action_group_id
  }
}
