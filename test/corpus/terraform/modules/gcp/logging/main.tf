terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
  }
}

variable "org_id" { type = string }
variable "logging_project_id" { type = string }

variable "location" {
  type    = string
  default = "europe-west3"
}

variable "retention_days" {
  type    = number
  default = 400
}

variable "kms_key_name" {
  type    = string
  default = null
}

variable "notification_channels" {
  type    = map(string) # name => email
  default = {}
}

resource "google_logging_project_bucket_config" "audit" {
  project          = var.logging_project_id
  location         = var.location
  bucket_id        = "org-audit-logs"
  retention_days   = var.retention_days
  locked           = true
  enable_analytics = true

  dynamic "cmek_settings" {
    for_each = var.kms_key_name[*]
    content {
      kms_key_name = cmek_settings.value
    }
  }
}

resource "google_logging_organization_sink" "audit" {
  name             = "org-audit-to-bucket"
  org_id           = var.org_id
  include_children = true
  destination      = "logging.googleapis.com/${google_logging_project_bucket_config.audit.id}"

  filter = join(" OR ", [
    "logName:\"cloudaudit.googleapis.com%2Factivity\"",
    "logName:\"cloudaudit.googleapis.com%2Fdata_access\"",
    "logName:\"cloudaudit.googleapis.com%2Fsystem_event\"",
    "logName:\"cloudaudit.googleapis.com%2Fpolicy\"",
    "logName:\"cloudaudit.googleapis.com%2Faccess_transparency\"",
  ])

  exclusions {
    name        = "exclude-gke-noise"
    description = "Drop high-volume GKE data access reads"
    filter      = "resource.type=\"k8s_cluster\" AND protoPayload.methodName:\"get\""
  }
}

resource "google_project_iam_member" "sink_writer" {
  project = var.logging_project_id
  role    = "roles/logging.bucketWriter"
  member  = google_logging_organization_sink.audit.writer_identity
}

resource "google_monitoring_notification_channel" "email" {
  for_each = var.notification_channels

  project      = var.logging_project_id
  display_name = each.key
  type         = "email"

  labels = {
    email_address = each.value
  }
}

locals {
  log_metrics = {
    "iam-policy-changes" = {
      filter = "protoPayload.methodName=\"SetIamPolicy\" AND protoPayload.serviceData.policyDelta.bindingDeltas.action!=\"\""
      desc   = "Project IAM policy changes (CIS GCP 2.4)"
    }
    "custom-role-changes" = {
      filter = "resource.type=\"iam_role\" AND (protoPayload.methodName=\"google.iam.admin.v1.CreateRole\" OR protoPayload.methodName=\"google.iam.admin.v1.DeleteRole\" OR protoPayload.methodName=\"google.iam.admin.v1.UpdateRole\")"
      desc   = "Custom role changes (CIS GCP 2.6)"
    }
    "vpc-firewall-changes" = {
      filter = "resource.type=\"gce_firewall_rule\" AND (protoPayload.methodName:\"compute.firewalls.patch\" OR protoPayload.methodName:\"compute.firewalls.insert\" OR protoPayload.methodName:\"compute.firewalls.delete\")"
      desc   = "VPC firewall rule changes (CIS GCP 2.7)"
    }
    "vpc-route-changes" = {
      filter = "resource.type=\"gce_route\" AND (protoPayload.methodName:\"compute.routes.delete\" OR protoPayload.methodName:\"compute.routes.insert\")"
      desc   = "VPC route changes (CIS GCP 2.8)"
    }
    "storage-iam-changes" = {
      filter = "resource.type=\"gcs_bucket\" AND protoPayload.methodName=\"storage.setIamPermissions\""
      desc   = "Cloud Storage IAM permission changes (CIS GCP 2.10)"
    }
    "sql-config-changes" = {
      filter = "protoPayload.methodName=\"cloudsql.instances.update\""
      desc   = "Cloud SQL instance configuration changes (CIS GCP 2.11)"
    }
  }
}

resource "google_logging_metric" "cis" {
  for_each = local.log_metrics

  project     = var.logging_project_id
  name        = each.key
  description = each.value.desc
  filter      = each.value.filter

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    unit        = "1"
  }
}

resource "google_monitoring_alert_policy" "cis" {
  for_each = local.log_metrics

  project      = var.logging_project_id
  display_name = each.value.desc
  combiner     = "OR"

  conditions {
    display_name = "${each.key} > 0"

    condition_threshold {
      filter          = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.cis[each.key].name}\" AND resource.type=\"global\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"

      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_COUNT"
      }
    }
  }

  notification_channels = [for c in google_monitoring_notification_channel.email : c.id]

  documentation {
    content   = "Runbook: https://wiki.acme.example/runbooks/gcp/${each.key}\n\nISO 27001 A.8.16"
    mime_type = "text/markdown"
  }

  alert_strategy {
    auto_close = "1800s"
  }
}

# Sink to a public-ish bucket without retention lock (legacy, finding)
resource "google_logging_project_sink" "legacy_export" {
  project                = var.logging_project_id
  name                   = "legacy-export"
  destination            = "storage.googleapis.com/acme-legacy-log-export"
  filter                 = "severity >= WARNING"
  unique_writer_identity = false
}
