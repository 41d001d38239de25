data "azurerm_client_config" "current" {}

data "azuread_group" "aks_admins" {
  display_name     = var.aks_admin_group
  security_enabled = true
}

locals {
  prefix = "acme-dev"
  tags = {
    environment = var.environment
    managed_by  = "terraform"
    repo        = "acme/platform-infra//live/azure/dev"
    compliance  = "none"
  }
}

module "landing_zone" {
  source = "../../../modules/azure/landing-zone"

  environment            = var.environment
  location               = var.location
  secondary_location     = var.secondary_location
  workloads              = var.workloads
  security_contact_email = "secops@acme.example"

  reader_group_ids = {
    auditors = "0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6"
  }
}

module "monitoring" {
  source = "../../../modules/azure/monitoring"

  prefix              = local.prefix
  location            = var.location
  resource_group_name = module.landing_zone.resource_group_names["shared-monitoring"]
  subscription_id     = data.azurerm_client_config.current.subscription_id
  retention_in_days   = 30
  tags                = local.tags

  metric_alerts = {
    aks-cpu = {
      scope     = module.aks.id
      namespace = "Microsoft.ContainerService/managedClusters"
      metric    = "node_cpu_usage_percentage"
      threshold = 90
    }
    aks-pods-failed = {
      scope       = module.aks.id
      namespace   = "Microsoft.ContainerService/managedClusters"
      metric      = "kube_pod_status_phase"
      aggregation = "Average"
      threshold   = 0
      severity    = 1
      dimensions  = [{ name = "phase", values = ["Failed"] }]
    }
  }
}

module "network" {
  source = "../../../modules/azure/network"

  name                = local.prefix
  location            = var.location
  resource_group_name = module.landing_zone.resource_group_names["shared-network"]
  address_space       = [var.address_space]
  tags                = local.tags

  subnets = {
    aks = {
      newbits           = 4
      netnum            = 0
      service_endpoints = ["Microsoft.Storage", "Microsoft.KeyVault", "Microsoft.Sql"]
    }
    app = {
      newbits = 8
      netnum  = 16
      delegation = {
        name    = "appservice"
        service = "Microsoft.Web/serverFarms"
        actions = ["Microsoft.Network/virtualNetworks/subnets/action"]
      }
      nsg_rules = {
        allow-https-frontdoor = {
          priority                = 100
          destination_port_ranges = ["443"]
          source_address_prefix   = "AzureFrontDoor.Backend"
        }
      }
    }
    private-endpoints = {
      newbits                           = 8
      netnum                            = 17
      private_endpoint_network_policies = "Disabled"
    }
    vms = {
      newbits = 8
      netnum  = 18
      nsg_rules = {
        allow-ssh-office = {
          priority                = 200
          destination_port_ranges = ["22"]
          source_address_prefixes = var.office_ip_ranges
        }
        allow-rdp-any = {
          priority                = 210
          destination_port_ranges = ["3389"]
          source_address_prefix   = "*"
        }
      }
    }
  }
}

module "key_vault" {
  source = "../../../modules/azure/key-vault"

  name                       = "kv-acme-dev-gwc"
  location                   = var.location
  resource_group_name        = module.landing_zone.resource_group_names["identity"]
  enable_rbac_authorization  = true
  allowed_subnet_ids         = [module.network.subnet_ids["aks"]]
  allowed_ip_rules           = var.office_ip_ranges
  log_analytics_workspace_id = module.monitoring.workspace_id
  tags                       = local.tags

  keys = {
    storage-cmk = {}
    disk-cmk    = { size = 4096 }
    sql-tde     = {}
    signing     = { type = "EC-HSM", curve = "P-384", opts = ["sign", "verify"] }
  }
}

resource "azurerm_user_assigned_identity" "storage_cmk" {
  name                = "id-${local.prefix}-storage-cmk"
  location            = var.location
  resource_group_name = module.landing_zone.resource_group_names["identity"]
}

resource "azurerm_role_assignment" "storage_cmk" {
  scope                = module.key_vault.id
  role_definition_name = "Key Vault Crypto Service Encryption User"
  principal_id         = azurerm_user_assigned_identity.storage_cmk.principal_id
}

module "storage" {
  source = "../../../modules/azure/storage-account"

  name                = "stdevpaymentsgwc"
  location            = var.location
  resource_group_name = module.landing_zone.resource_group_names["payments"]
  replication_type    = "ZRS"
  allowed_subnet_ids  = [module.network.subnet_ids["aks"]]
  private_endpoint_subnet_id = module.network.subnet_ids["private-endpoints"]
  log_analytics_workspace_id = module.monitoring.workspace_id
  blob_retention_days = 7
  tags                = merge(local.tags, { data_class = "confidential" })

  customer_managed_key = {
    key_vault_key_id          = module.key_vault.versionless_key_ids["storage-cmk"]
    user_assigned_identity_id = azurerm_user_assigned_identity.storage_cmk.id
  }

  containers = {
    invoices   = {}
    statements = { metadata = { retention = "10y" } }
    exports    = {}
  }

  depends_on = [azurerm_role_assignment.storage_cmk]
}

module "aks" {
  source = "../../../modules/azure/aks"

  name                       = local.prefix
  location                   = var.location
  resource_group_name        = module.landing_zone.resource_group_names["shared-network"]
  vnet_subnet_id             = module.network.subnet_ids["aks"]
  admin_group_object_ids     = [data.azuread_group.aks_admins.object_id]
  log_analytics_workspace_id = module.monitoring.workspace_id
  private_cluster            = false
  api_server_authorized_ip_ranges = var.office_ip_ranges
  tags                       = local.tags

  system_pool = {
    node_count = 1
    zones      = ["1"]
  }

  user_pools = {
    general = {
      vm_size   = "Standard_D8ds_v5"
      min_count = 1
      max_count = 3
    }
    batch = {
      vm_size   = "Standard_F16s_v2"
      min_count = 0
      max_count = 4
      spot      = true
      labels    = { workload = "batch" }
      taints    = ["workload=batch:NoSchedule"]
    }
  }
}

module "sql" {
  source = "../../../modules/azure/sql"

  name                       = local.prefix
  location                   = var.location
  resource_group_name        = module.landing_zone.resource_group_names["payments"]
  log_analytics_workspace_id = module.monitoring.workspace_id
  security_alert_emails      = ["secops@acme.example"]
  allowed_subnet_ids         = { aks = module.network.subnet_ids["aks"] }
  tags                       = local.tags

  aad_admin = {
    login     = "sg-sql-admins-dev"
    object_id = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"
  }

  databases = {
    payments = {
      sku_name       = "GP_S_Gen5_1"
      zone_redundant = false
      short_term_retention_days = 7
      ltr = null
    }
    ledger = {
      sku_name    = "GP_S_Gen5_1"
      max_size_gb = 64
    }
  }
}

module "apps" {
  source = "../../../modules/azure/app-service"

  name                       = local.prefix
  location                   = var.location
  resource_group_name        = module.landing_zone.resource_group_names["catalog"]
  sku_name                   = "B2"
  log_analytics_workspace_id = module.monitoring.workspace_id
  tags                       = local.tags

  apps = {
    catalog-api = {
      docker_image   = "catalog/api"
      docker_tag     = "main"
      vnet_subnet_id = module.network.subnet_ids["app"]
      slots          = []
      app_settings = {
        ASPNETCORE_ENVIRONMENT = "Development"
        KeyVault__Uri          = module.key_vault.vault_uri
      }
    }
    catalog-admin = {
      docker_image = "catalog/admin"
      allowed_ips  = var.office_ip_ranges
      always_on    = false
    }
  }
}
