terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
  }
}

variable "project_id" { type = string }

variable "location" {
  type    = string
  default = "EU"
}

variable "kms_key_name" {
  type    = string
  default = null
}

variable "topics" {
  type = map(object({
    retention      = optional(string, "604800s")
    schema         = optional(string)
    subscriptions  = optional(map(object({
      ack_deadline      = optional(number, 30)
      push_endpoint     = optional(string)
      bigquery_table    = optional(string)
      filter            = optional(string)
      dead_letter       = optional(bool, true)
      max_delivery      = optional(number, 10)
      exactly_once      = optional(bool, false)
    })), {})
    publishers = optional(list(string), [])
  }))
}

variable "datasets" {
  type = map(object({
    description                 = optional(string, "")
    default_table_expiration_ms = optional(number)
    readers                     = optional(list(string), [])
    writers                     = optional(list(string), [])
  }))
  default = {}
}

locals {
  subscriptions = merge([
    for t, cfg in var.topics : {
      for s, sub in cfg.subscriptions : "${t}.${s}" => merge(sub, { topic = t, name = s })
    }
  ]...)

  dataset_access = merge(
    merge([for ds, cfg in var.datasets : { for m in cfg.readers : "${ds}|READER|${m}" => { ds = ds, role = "READER", member = m } }]...),
    merge([for ds, cfg in var.datasets : { for m in cfg.writers : "${ds}|WRITER|${m}" => { ds = ds, role = "WRITER", member = m } }]...),
  )
}

resource "google_pubsub_topic" "this" {
  for_each = var.topics

  project                    = var.project_id
  name                       = each.key
  kms_key_name               = var.kms_key_name
  message_retention_duration = each.value.retention

  message_storage_policy {
    allowed_persistence_regions = ["europe-west1", "europe-west3", "europe-west4"]
  }

  dynamic "schema_settings" {
    for_each = each.value.schema[*]
    content {
      schema   = "projects/${var.project_id}/schemas/${schema_settings.value}"
      encoding = "JSON"
    }
  }
}

resource "google_pubsub_topic" "dead_letter" {
  for_each = { for t, cfg in var.topics : t => cfg if anytrue([for s in values(cfg.subscriptions) : s.dead_letter]) }

  project      = var.project_id
  name         = "${each.key}-dead-letter"
  kms_key_name = var.kms_key_name
}

resource "google_pubsub_subscription" "this" {
  for_each = local.subscriptions

  project                      = var.project_id
  name                         = replace(each.key, ".", "-")
  topic                        = google_pubsub_topic.this[each.value.topic].id
  ack_deadline_seconds         = each.value.ack_deadline
  filter                       = each.value.filter
  enable_exactly_once_delivery = each.value.exactly_once
  message_retention_duration   = "604800s"
  retain_acked_messages        = false

  expiration_policy {
    ttl = ""
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dynamic "dead_letter_policy" {
    for_each = each.value.dead_letter ? [1] : []
    content {
      dead_letter_topic     = google_pubsub_topic.dead_letter[each.value.topic].id
      max_delivery_attempts = each.value.max_delivery
    }
  }

  dynamic "push_config" {
    for_each = each.value.push_endpoint[*]
    content {
      push_endpoint = push_config.value
      oidc_token {
        service_account_email = "pubsub-push@${var.project_id}.iam.gserviceaccount.com"
        audience              = push_config.value
      }
      attributes = {
        x-goog-version = "v1"
      }
    }
  }

  dynamic "bigquery_config" {
    for_each = each.value.bigquery_table[*]
    content {
      table               = bigquery_config.value
      use_topic_schema    = true
      write_metadata      = true
      drop_unknown_fields = true
    }
  }
}

resource "google_pubsub_topic_iam_member" "publishers" {
  for_each = merge([
    for t, cfg in var.topics : { for m in cfg.publishers : "${t}/${m}" => { topic = t, member = m } }
  ]...)

  project = var.project_id
  topic   = google_pubsub_topic.this[each.value.topic].name
  role    = "roles/pubsub.publisher"
  member  = each.value.member
}

resource "google_bigquery_dataset" "this" {
  for_each = var.datasets

  project                     = var.project_id
  dataset_id                  = replace(each.key, "-", "_")
  location                    = var.location
  description                 = each.value.description
  default_table_expiration_ms = each.value.default_table_expiration_ms
  delete_contents_on_destroy  = false

  dynamic "default_encryption_configuration" {
    for_each = var.kms_key_name[*]
    content {
      kms_key_name = default_encryption_configuration.value
    }
  }

  labels = {
    dataset = replace(each.key, "_", "-")
  }
}

resource "google_bigquery_dataset_iam_member" "this" {
  for_each = local.dataset_access

  project    = var.project_id
  dataset_id = google_bigquery_dataset.this[each.value.ds].dataset_id
  role       = each.value.role == "READER" ? "roles/bigquery.dataViewer" : "roles/bigquery.dataEditor"
  member     = each.value.member
}

resource "google_bigquery_table" "events" {
  for_each = var.datasets

  project             = var.project_id
  dataset_id          = google_bigquery_dataset.this[each.key].dataset_id
  table_id            = "events"
  deletion_protection = true
  clustering          = ["event_type", "tenant_id"]

  time_partitioning {
    type          = "DAY"
    field         = "event_ts"
    expiration_ms = 400 * 24 * 60 * 60 * 1000
  }

  schema = jsonencode([
    { name = "event_id", type = "STRING", mode = "REQUIRED" },
    { name = "event_type", type = "STRING", mode = "REQUIRED" },
    { name = "tenant_id", type = "STRING", mode = "NULLABLE" },
    { name = "event_ts", type = "TIMESTAMP", mode = "REQUIRED" },
    {
      name = "payload"
      type = "RECORD"
      mode = "NULLABLE"
      fields = [
        { name = "amount", type = "NUMERIC", mode = "NULLABLE" },
        { name = "currency", type = "STRING", mode = "NULLABLE" },
        { name = "items", type = "STRING", mode = "REPEATED" },
      ]
    },
    { name = "pii_email", type = "STRING", mode = "NULLABLE", policyTags = { names = [] } },
  ])
}

# Legacy public dataset shared with "allUsers" (finding)
resource "google_bigquery_dataset" "public_legacy" {
  project    = var.project_id
  dataset_id = "public_exports_legacy"
  location   = "US"

  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }

  access {
    role          = "OWNER"
    user_by_email = "legacy-owner@acme.example"
  }
}

output "topic_ids" {
  value = { for k, t in google_pubsub_topic.this : k => t.id }
}

output "dataset_ids" {
  value = { for k, d in google_bigquery_dataset.this : k => d.dataset_id }
}
