terraform {
  required_version = ">= 1.6"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.100"
    }
    azuread = {
      source  = "hashicorp/azuread"
      version = "~> 2.47"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  backend "azurerm" {
    resource_group_name  = "rg-tfstate-weu"
    storage_account_name = "acmetfstateprod"
    container_name       = "tfstate"
    key                  = "live/azure/prod.tfstate"
    use_azuread_auth     = true
    subscription_id      = "8f1c2d3e-0000-4a5b-9c8d-111111111111"
  }
}

provider "azurerm" {
  subscription_id                 = "8f1c2d3e-0000-4a5b-9c8d-111111111111"
  storage_use_azuread             = true
  resource_provider_registrations = "core"

  features {
    key_vault {
      purge_soft_delete_on_destroy          = false
      recover_soft_deleted_key_vaults       = true
      purge_soft_deleted_keys_on_destroy    = false
      purge_soft_deleted_secrets_on_destroy = false
    }

    resource_group {
      prevent_deletion_if_contains_resources = true
    }

    virtual_machine {
      delete_os_disk_on_deletion     = true
      graceful_shutdown              = false
      skip_shutdown_and_force_delete = false
    }
  }
}

provider "azurerm" {
  alias           = "connectivity"
  subscription_id = "8f1c2d3e-0000-4a5b-9c8d-999999999999"
  features {}
}

provider "azuread" {}
