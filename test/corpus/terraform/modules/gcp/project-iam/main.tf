terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
  }
}

variable "project_id" {
  type = string
}

variable "org_id" {
  type = string
}

variable "bindings" {
  description = "role => members (authoritative per role)"
  type        = map(list(string))
  default     = {}
}

variable "additive_members" {
  description = "Non-authoritative grants: list of {role, member, condition?}"
  type = list(object({
    role   = string
    member = string
    condition = optional(object({
      title       = string
      description = optional(string)
      expression  = string
    }))
  }))
  default = []
}

variable "service_accounts" {
  type = map(object({
    display_name = string
    roles        = optional(list(string), [])
    impersonators = optional(list(string), [])
  }))
  default = {}
}

variable "audit_log_services" {
  type    = list(string)
  default = ["allServices"]
}

locals {
  sa_roles = merge([
    for sa, cfg in var.service_accounts : {
      for r in cfg.roles : "${sa}=>${r}" => { sa = sa, role = r }
    }
  ]...)

  sa_impersonators = merge([
    for sa, cfg in var.service_accounts : {
      for m in cfg.impersonators : "${sa}<=${m}" => { sa = sa, member = m }
    }
  ]...)
}

resource "google_project_iam_binding" "authoritative" {
  for_each = var.bindings

  project = var.project_id
  role    = each.key
  members = each.value
}

resource "google_project_iam_member" "additive" {
  for_each = { for g in var.additive_members : "${g.role}/${g.member}" => g }

  project = var.project_id
  role    = each.value.role
  member  = each.value.member

  dynamic "condition" {
    for_each = each.value.condition[*]
    content {
      title       = condition.value.title
      description = condition.value.description
      expression  = condition.value.expression
    }
  }
}

resource "google_service_account" "this" {
  for_each = var.service_accounts

  project      = var.project_id
  account_id   = each.key
  display_name = each.value.display_name
  description  = "Managed by Terraform"
}

resource "google_project_iam_member" "sa" {
  for_each = local.sa_roles

  project = var.project_id
  role    = each.value.role
  member  = google_service_account.this[each.value.sa].member
}

resource "google_service_account_iam_member" "impersonation" {
  for_each = local.sa_impersonators

  service_account_id = google_service_account.this[each.value.sa].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = each.value.member
}

resource "google_project_iam_audit_config" "this" {
  for_each = toset(var.audit_log_services)

  project = var.project_id
  service = each.value

  audit_log_config {
    log_type = "ADMIN_READ"
  }

  audit_log_config {
    log_type = "DATA_READ"
  }

  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

# Temporary elevated access with an IAM condition (expires automatically)
resource "google_project_iam_member" "oncall_break_glass" {
  project = var.project_id
  role    = "roles/editor"
  member  = "group:oncall@acme.example"

  condition {
    title       = "expires_after_incident"
    description = "Break-glass access for INC-4821"
    expression  = "request.time < timestamp(\"2024-07-01T00:00:00Z\")"
  }
}

# ------------------------------------------------------------------
# Non-compliant: primitive roles, user-managed keys, public principals
# ------------------------------------------------------------------

resource "google_project_iam_member" "contractor_owner" {
  project = var.project_id
  role    = "roles/owner"
  member  = "user:contractor@external-agency.example"
}

resource "google_project_iam_member" "all_users_viewer" {
  project = var.project_id
  role    = "roles/viewer"
  member  = "allAuthenticatedUsers"
}

resource "google_service_account" "ci_legacy" {
  project    = var.project_id
  account_id = "ci-legacy"
}

resource "google_project_iam_member" "ci_legacy_editor" {
  project = var.project_id
  role    = "roles/editor"
  member  = "serviceAccount:${google_service_account.ci_legacy.email}"
}

resource "google_service_account_key" "ci_legacy" {
  service_account_id = google_service_account.ci_legacy.name
  public_key_type    = "TYPE_X509_PEM_FILE"
}

# ------------------------------------------------------------------
# Org policies
# ------------------------------------------------------------------

resource "google_org_policy_policy" "bool" {
  for_each = toset([
    "iam.disableServiceAccountKeyCreation",
    "storage.uniformBucketLevelAccess",
    "compute.requireOsLogin",
    "compute.skipDefaultNetworkCreation",
    "sql.restrictPublicIp",
    "storage.publicAccessPrevention",
  ])

  name   = "projects/${var.project_id}/policies/${each.value}"
  parent = "projects/${var.project_id}"

  spec {
    rules {
      enforce = "TRUE"
    }
  }
}

resource "google_org_policy_policy" "resource_locations" {
  name   = "projects/${var.project_id}/policies/gcp.resourceLocations"
  parent = "projects/${var.project_id}"

  spec {
    rules {
      values {
        allowed_values = ["in:eu-locations"]
      }
    }
  }
}

output "service_account_emails" {
  value = { for k, sa in google_service_account.this : k => sa.email }
}

output "ci_legacy_key" {
  value     = google_service_account_key.ci_legacy.private_key
  sensitive = true
}
