terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
  }
}

variable "project_id" { type = string }

variable "buckets" {
  type = map(object({
    location          = optional(string, "EU")
    storage_class     = optional(string, "STANDARD")
    versioning        = optional(bool, true)
    kms_key_name      = optional(string)
    retention_days    = optional(number)
    lock_retention    = optional(bool, false)
    log_bucket        = optional(string)
    readers           = optional(list(string), [])
    writers           = optional(list(string), [])
    lifecycle_delete_after_days = optional(number)
    labels            = optional(map(string), {})
  }))
}

variable "name_prefix" {
  type    = string
  default = ""
}

locals {
  iam = merge(
    merge([
      for b, cfg in var.buckets : {
        for m in cfg.readers : "${b}|roles/storage.objectViewer|${m}" => { bucket = b, role = "roles/storage.objectViewer", member = m }
      }
    ]...),
    merge([
      for b, cfg in var.buckets : {
        for m in cfg.writers : "${b}|roles/storage.objectCreator|${m}" => { bucket = b, role = "roles/storage.objectCreator", member = m }
      }
    ]...),
  )
}

resource "google_storage_bucket" "this" {
  for_each = var.buckets

  project                     = var.project_id
  name                        = "${var.name_prefix}${each.key}"
  location                    = each.value.location
  storage_class               = each.value.storage_class
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  labels                      = merge({ managed_by = "terraform" }, each.value.labels)

  versioning {
    enabled = each.value.versioning
  }

  dynamic "encryption" {
    for_each = each.value.kms_key_name == null ? [] : [each.value.kms_key_name]
    content {
      default_kms_key_name = encryption.value
    }
  }

  dynamic "retention_policy" {
    for_each = each.value.retention_days == null ? [] : [each.value.retention_days]
    content {
      retention_period = retention_policy.value * 86400
      is_locked        = each.value.lock_retention
    }
  }

  dynamic "logging" {
    for_each = each.value.log_bucket[*]
    content {
      log_bucket        = logging.value
      log_object_prefix = each.key
    }
  }

  dynamic "lifecycle_rule" {
    for_each = each.value.lifecycle_delete_after_days == null ? [] : [each.value.lifecycle_delete_after_days]
    content {
      condition {
        age        = lifecycle_rule.value
        with_state = "ANY"
      }
      action {
        type = "Delete"
      }
    }
  }

  lifecycle_rule {
    condition {
      num_newer_versions = 5
      with_state         = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  soft_delete_policy {
    retention_duration_seconds = 604800
  }
}

resource "google_storage_bucket_iam_member" "this" {
  for_each = local.iam

  bucket = google_storage_bucket.this[each.value.bucket].name
  role   = each.value.role
  member = each.value.member
}

# ---- legacy: public website bucket, ACL-based, no versioning
resource "google_storage_bucket" "public_site" {
  project       = var.project_id
  name          = "acme-public-site-legacy"
  location      = "US"
  force_destroy = true

  uniform_bucket_level_access = false

  website {
    main_page_suffix = "index.html"
    not_found_page   = "404.html"
  }

  cors {
    origin          = ["*"]
    method          = ["GET", "HEAD", "PUT", "POST", "DELETE"]
    response_header = ["*"]
    max_age_seconds = 3600
  }
}

resource "google_storage_bucket_iam_member" "public_read" {
  bucket = google_storage_bucket.public_site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_storage_bucket_iam_binding" "public_legacy_writer" {
  bucket  = google_storage_bucket.public_site.name
  role    = "roles/storage.legacyBucketWriter"
  members = ["allAuthenticatedUsers"]
}

resource "google_storage_bucket_acl" "public_site" {
  bucket         = google_storage_bucket.public_site.name
  predefined_acl = "publicRead"
}

output "bucket_names" {
  value = { for k, b in google_storage_bucket.this : k => b.name }
}

output "bucket_urls" {
  value = { for k, b in google_storage_bucket.this : k => b.url }
}
