terraform {
  required_providers {
    google = { source = "hashicorp/google", version = ">= 5.0" }
  }
}

variable "project_id" { type = string }
variable "location" {
  type    = string
  default = "europe"
}
variable "keyring" { type = string }

variable "keys" {
  type = map(object({
    rotation_period = optional(string, "7776000s") # 90 days
    purpose         = optional(string, "ENCRYPT_DECRYPT")
    algorithm       = optional(string, "GOOGLE_SYMMETRIC_ENCRYPTION")
    protection      = optional(string, "HSM")
    encrypters      = optional(list(string), [])
    decrypters      = optional(list(string), [])
  }))
}

resource "google_kms_key_ring" "this" {
  project  = var.project_id
  name     = var.keyring
  location = var.location
}

resource "google_kms_crypto_key" "this" {
  for_each = var.keys

  name            = each.key
  key_ring        = google_kms_key_ring.this.id
  purpose         = each.value.purpose
  rotation_period = each.value.purpose == "ENCRYPT_DECRYPT" ? each.value.rotation_period : null

  version_template {
    algorithm        = each.value.algorithm
    protection_level = each.value.protection
  }

  destroy_scheduled_duration = "2592000s"

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_kms_crypto_key_iam_member" "encrypters" {
  for_each = merge([
    for k, cfg in var.keys : { for m in cfg.encrypters : "${k}/${m}" => { key = k, member = m } }
  ]...)

  crypto_key_id = google_kms_crypto_key.this[each.value.key].id
  role          = "roles/cloudkms.cryptoKeyEncrypter"
  member        = each.value.member
}

resource "google_kms_crypto_key_iam_member" "decrypters" {
  for_each = merge([
    for k, cfg in var.keys : { for m in cfg.decrypters : "${k}/${m}" => { key = k, member = m } }
  ]...)

  crypto_key_id = google_kms_crypto_key.this[each.value.key].id
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  member        = each.value.member
}

# No rotation period -- finding
resource "google_kms_crypto_key" "legacy" {
  name     = "legacy-app"
  key_ring = google_kms_key_ring.this.id
}

output "key_ids" {
  value = { for k, v in google_kms_crypto_key.this : k => v.id }
}
