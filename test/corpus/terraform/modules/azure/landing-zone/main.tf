data "azurerm_subscription" "current" {}

locals {
  location_short = {
    westeurope         = "weu"
    northeurope        = "neu"
    germanywestcentral = "gwc"
  }

  loc = lookup(local.location_short, var.location, substr(var.location, 0, 3))

  base_tags = {
    org         = var.org
    environment = var.environment
    managed_by  = "terraform"
    repo        = "github.com/acme/platform-infra"
  }

  resource_groups = merge(
    {
      for name, w in var.workloads : name => {
        location = var.location
        tags = merge(local.base_tags, {
          owner       = w.owner
          cost_center = w.cost_center
          criticality = w.criticality
          data_class  = w.data_class
        })
      }
    },
    {
      "shared-network"    = { location = var.location, tags = merge(local.base_tags, { owner = "platform" }) }
      "shared-monitoring" = { location = var.location, tags = merge(local.base_tags, { owner = "platform" }) }
      "shared-dr"         = { location = var.secondary_location, tags = merge(local.base_tags, { owner = "platform", purpose = "disaster-recovery" }) }
    },
  )
}

resource "azurerm_resource_group" "this" {
  for_each = local.resource_groups

  name     = "rg-${var.org}-${var.environment}-${each.key}-${lookup(local.location_short, each.value.location, "xxx")}"
  location = each.value.location
  tags     = each.value.tags

  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_management_lock" "prod" {
  for_each = var.environment == "prod" ? azurerm_resource_group.this : {}

  name       = "do-not-delete"
  scope      = each.value.id
  lock_level = "CanNotDelete"
  notes      = "Production resource group - remove the lock via change request only."
}

# ------------------------- Azure Policy -------------------------

resource "azurerm_subscription_policy_assignment" "allowed_locations" {
  name                 = "allowed-locations"
  display_name         = "Allowed locations"
  subscription_id      = data.azurerm_subscription.current.id
  policy_definition_id = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c"

  parameters = jsonencode({
    listOfAllowedLocations = { value = var.allowed_locations }
  })
}

resource "azurerm_subscription_policy_assignment" "iso27001" {
  name                 = "iso-27001-2013"
  display_name         = "ISO 27001:2013"
  subscription_id      = data.azurerm_subscription.current.id
  policy_definition_id = "/providers/Microsoft.Authorization/policySetDefinitions/89c6cddc-1c73-4ac1-b19c-54d1a15a42f2"
  location             = var.location

  identity {
    type = "SystemAssigned"
  }

  non_compliance_message {
    content = "This resource violates the ISO 27001 baseline. See https://wiki.acme.example/security/iso27001"
  }
}

resource "azurerm_policy_definition" "require_tags" {
  name         = "require-owner-and-data-class"
  policy_type  = "Custom"
  mode         = "Indexed"
  display_name = "Require owner and data_class tags on resource groups"

  metadata = jsonencode({ category = "Tags", version = "1.1.0" })

  policy_rule = <<-JSON
    {
      "if": {
        "allOf": [
          { "field": "type", "equals": "Microsoft.Resources/subscriptions/resourceGroups" },
          {
            "anyOf": [
              { "field": "tags['owner']", "exists": "false" },
              { "field": "tags['data_class']", "exists": "false" }
            ]
          }
        ]
      },
      "then": { "effect": "[parameters('effect')]" }
    }
  JSON

  parameters = jsonencode({
    effect = {
      type          = "String"
      defaultValue  = "Audit"
      allowedValues = ["Audit", "Deny", "Disabled"]
    }
  })
}

resource "azurerm_subscription_policy_assignment" "require_tags" {
  name                 = "require-tags"
  subscription_id      = data.azurerm_subscription.current.id
  policy_definition_id = azurerm_policy_definition.require_tags.id
  parameters           = jsonencode({ effect = { value = var.environment == "prod" ? "Deny" : "Audit" } })
}

# ------------------------- Defender for Cloud -------------------------

resource "azurerm_security_center_subscription_pricing" "this" {
  for_each = toset([
    "VirtualMachines",
    "StorageAccounts",
    "SqlServers",
    "KeyVaults",
    "Containers",
    "Arm",
    "AppServices",
  ])

  tier          = "Standard"
  resource_type = each.key
}

resource "azurerm_security_center_contact" "this" {
  name                = "default"
  email               = var.security_contact_email
  alert_notifications = true
  alerts_to_admins    = true
}

# ------------------------- RBAC -------------------------

resource "azurerm_role_assignment" "readers" {
  for_each = var.reader_group_ids

  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Reader"
  principal_id         = each.value
  description          = "Read-only access for ${each.key}"
}

# Owner on the whole subscription for a contractor SP (finding: excessive privilege)
resource "azurerm_role_assignment" "contractor_owner" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner"
  principal_id         = "9a8b7c6d-5e4f-3a2b-1c0d-ffeeddccbbaa"
}

resource "azurerm_role_definition" "deployer" {
  name        = "${var.org}-deployer-${var.environment}"
  scope       = data.azurerm_subscription.current.id
  description = "CI deployer: everything but RBAC and locks"

  permissions {
    actions = ["*"]
    not_actions = [
      "Microsoft.Authorization/*/Delete",
      "Microsoft.Authorization/*/Write",
      "Microsoft.Authorization/elevateAccess/Action",
      "Microsoft.Blueprint/blueprintAssignments/write",
      "Microsoft.Blueprint/blueprintAssignments/delete",
    ]
    data_actions     = []
    not_data_actions = []
  }

  assignable_scopes = [data.azurerm_subscription.current.id]
}
