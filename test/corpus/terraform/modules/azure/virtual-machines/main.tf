terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
    tls = {
      source = "hashicorp/tls"
    }
  }
}

variable "prefix" { type = string }
variable "location" { type = string }
variable "resource_group_name" { type = string }
variable "subnet_id" { type = string }

variable "linux_vms" {
  type = map(object({
    size       = optional(string, "Standard_D2s_v5")
    zone       = optional(string, "1")
    data_disks = optional(list(number), [])
    ssh_key    = optional(string)
  }))
  default = {}
}

variable "disk_encryption_set_id" {
  type    = string
  default = null
}

variable "admin_group_object_id" {
  type = string
}

variable "log_analytics_workspace_id" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  data_disks = merge([
    for vm, cfg in var.linux_vms : {
      for idx, size in cfg.data_disks : "${vm}-data${idx}" => { vm = vm, lun = idx, size = size, zone = cfg.zone }
    }
  ]...)
}

resource "tls_private_key" "fallback" {
  algorithm = "ED25519"
}

resource "azurerm_network_interface" "linux" {
  for_each = var.linux_vms

  name                = "nic-${var.prefix}-${each.key}"
  location            = var.location
  resource_group_name = var.resource_group_name

  ip_configuration {
    name                          = "primary"
    subnet_id                     = var.subnet_id
    private_ip_address_allocation = "Dynamic"
  }

  tags = var.tags
}

resource "azurerm_linux_virtual_machine" "this" {
  for_each = var.linux_vms

  name                            = "vm-${var.prefix}-${each.key}"
  location                        = var.location
  resource_group_name             = var.resource_group_name
  size                            = each.value.size
  zone                            = each.value.zone
  admin_username                  = "azureuser"
  disable_password_authentication = true
  encryption_at_host_enabled      = true
  secure_boot_enabled             = true
  vtpm_enabled                    = true
  patch_mode                      = "AutomaticByPlatform"
  patch_assessment_mode           = "AutomaticByPlatform"
  provision_vm_agent              = true
  allow_extension_operations      = true
  network_interface_ids           = [azurerm_network_interface.linux[each.key].id]

  admin_ssh_key {
    username   = "azureuser"
    public_key = coalesce(each.value.ssh_key, tls_private_key.fallback.public_key_openssh)
  }

  os_disk {
    name                   = "osdisk-${var.prefix}-${each.key}"
    caching                = "ReadWrite"
    storage_account_type   = "Premium_ZRS"
    disk_encryption_set_id = var.disk_encryption_set_id
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts-gen2"
    version   = "latest"
  }

  identity {
    type = "SystemAssigned"
  }

  boot_diagnostics {}

  custom_data = base64encode(<<-CLOUDINIT
    #cloud-config
    package_upgrade: true
    packages: [auditd, chrony, unattended-upgrades]
    write_files:
      - path: /etc/ssh/sshd_config.d/99-hardening.conf
        content: |
          PermitRootLogin no
          PasswordAuthentication no
          X11Forwarding no
          MaxAuthTries 3
  CLOUDINIT
  )

  tags = merge(var.tags, { role = each.key })

  lifecycle {
    ignore_changes = [custom_data, admin_ssh_key]
  }
}

resource "azurerm_managed_disk" "data" {
  for_each = local.data_disks

  name                   = "disk-${var.prefix}-${each.key}"
  location               = var.location
  resource_group_name    = var.resource_group_name
  storage_account_type   = "Premium_ZRS"
  create_option          = "Empty"
  disk_size_gb           = each.value.size
  zone                   = each.value.zone
  disk_encryption_set_id = var.disk_encryption_set_id
  public_network_access_enabled = false
  network_access_policy  = "DenyAll"
  tags                   = var.tags
}

resource "azurerm_virtual_machine_data_disk_attachment" "data" {
  for_each = local.data_disks

  managed_disk_id    = azurerm_managed_disk.data[each.key].id
  virtual_machine_id = azurerm_linux_virtual_machine.this[each.value.vm].id
  lun                = each.value.lun
  caching            = "ReadOnly"
}

resource "azurerm_role_assignment" "aad_login" {
  for_each             = azurerm_linux_virtual_machine.this
  scope                = each.value.id
  role_definition_name = "Virtual Machine Administrator Login"
  principal_id         = var.admin_group_object_id
}

resource "azurerm_virtual_machine_extension" "aad" {
  for_each                   = azurerm_linux_virtual_machine.this
  name                       = "AADSSHLoginForLinux"
  virtual_machine_id         = each.value.id
  publisher                  = "Microsoft.Azure.ActiveDirectory"
  type                       = "AADSSHLoginForLinux"
  type_handler_version       = "1.0"
  auto_upgrade_minor_version = true
}

resource "azurerm_virtual_machine_extension" "ama" {
  for_each                   = var.log_analytics_workspace_id == null ? {} : azurerm_linux_virtual_machine.this
  name                       = "AzureMonitorLinuxAgent"
  virtual_machine_id         = each.value.id
  publisher                  = "Microsoft.Azure.Monitor"
  type                       = "AzureMonitorLinuxAgent"
  type_handler_version       = "1.29"
  auto_upgrade_minor_version = true
  automatic_upgrade_enabled  = true
}

# ------------------------------------------------------------------
# Legacy Windows jump box: password auth, public IP, unencrypted disk
# ------------------------------------------------------------------

resource "azurerm_public_ip" "jump" {
  name                = "pip-${var.prefix}-jump"
  location            = var.location
  resource_group_name = var.resource_group_name
  allocation_method   = "Static"
  sku                 = "Standard"
}

resource "azurerm_network_interface" "jump" {
  name                = "nic-${var.prefix}-jump"
  location            = var.location
  resource_group_name = var.resource_group_name

  ip_configuration {
    name                          = "primary"
    subnet_id                     = var.subnet_id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = azurerm_public_ip.jump.id
  }
}

resource "azurerm_windows_virtual_machine" "jump" {
  name                  = "vm-${var.prefix}-jump"
  location              = var.location
  resource_group_name   = var.resource_group_name
  size                  = "Standard_B2ms"
  admin_username        = "adminuser"
  admin_password        = "P@$$w0rd1234!"
  network_interface_ids = [azurerm_network_interface.jump.id]
  enable_automatic_updates = false

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2016-Datacenter"
    version   = "latest"
  }
}

resource "azurerm_managed_disk" "jump_data" {
  name                 = "disk-${var.prefix}-jump-data"
  location             = var.location
  resource_group_name  = var.resource_group_name
  storage_account_type = "Standard_LRS"
  create_option        = "Empty"
  disk_size_gb         = 256
  public_network_access_enabled = true
  network_access_policy = "AllowAll"
}

output "linux_vm_ids" {
  value = { for k, v in azurerm_linux_virtual_machine.this : k => v.id }
}

output "linux_private_ips" {
  value = { for k, n in azurerm_network_interface.linux : k => n.private_ip_address }
}

output "jump_public_ip" {
  value = azurerm_public_ip.jump.ip_address
}
