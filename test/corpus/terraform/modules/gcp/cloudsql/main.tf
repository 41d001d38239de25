terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
    random = {
      source  = "hashicorp/random"
      version = ">= 3.0"
    }
  }
}

variable "project_id" { type = string }
variable "region" { type = string }
variable "network_self_link" { type = string }

variable "instances" {
  type = map(object({
    database_version    = optional(string, "POSTGRES_15")
    tier                = optional(string, "db-custom-2-7680")
    availability_type   = optional(string, "REGIONAL")
    disk_size           = optional(number, 50)
    deletion_protection = optional(bool, true)
    databases           = optional(list(string), [])
    iam_users           = optional(list(string), [])
    flags               = optional(map(string), {})
    kms_key             = optional(string)
  }))
}

locals {
  pg_flags = {
    "log_checkpoints"            = "on"
    "log_connections"            = "on"
    "log_disconnections"         = "on"
    "log_lock_waits"             = "on"
    "log_min_messages"           = "error"
    "log_temp_files"             = "0"
    "log_min_duration_statement" = "-1"
    "cloudsql.iam_authentication" = "on"
    "cloudsql.enable_pgaudit"    = "on"
  }

  mysql_flags = {
    "local_infile"           = "off"
    "skip_show_database"     = "on"
    "cloudsql_iam_authentication" = "on"
  }

  databases = merge([
    for inst, cfg in var.instances : { for db in cfg.databases : "${inst}/${db}" => { instance = inst, name = db } }
  ]...)

  iam_users = merge([
    for inst, cfg in var.instances : { for u in cfg.iam_users : "${inst}/${u}" => { instance = inst, user = u } }
  ]...)
}

resource "google_sql_database_instance" "this" {
  for_each = var.instances

  project             = var.project_id
  name                = each.key
  region              = var.region
  database_version    = each.value.database_version
  deletion_protection = each.value.deletion_protection
  encryption_key_name = each.value.kms_key

  settings {
    tier                        = each.value.tier
    availability_type           = each.value.availability_type
    disk_size                   = each.value.disk_size
    disk_type                   = "PD_SSD"
    disk_autoresize             = true
    deletion_protection_enabled = each.value.deletion_protection
    edition                     = "ENTERPRISE"

    ip_configuration {
      ipv4_enabled                                  = false
      private_network                               = var.network_self_link
      ssl_mode                                      = "ENCRYPTED_ONLY"
      enable_private_path_for_google_cloud_services = true
    }

    backup_configuration {
      enabled                        = true
      start_time                     = "02:00"
      point_in_time_recovery_enabled = startswith(each.value.database_version, "POSTGRES")
      binary_log_enabled             = startswith(each.value.database_version, "MYSQL")
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = 30
        retention_unit   = "COUNT"
      }
    }

    maintenance_window {
      day          = 7
      hour         = 3
      update_track = "stable"
    }

    insights_config {
      query_insights_enabled  = true
      query_string_length     = 1024
      record_application_tags = true
      record_client_address   = false
    }

    dynamic "database_flags" {
      for_each = merge(startswith(each.value.database_version, "POSTGRES") ? local.pg_flags : local.mysql_flags, each.value.flags)
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }

    user_labels = {
      instance = each.key
    }
  }

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [settings[0].disk_size]
  }
}

resource "google_sql_database" "this" {
  for_each = local.databases

  project  = var.project_id
  name     = each.value.name
  instance = google_sql_database_instance.this[each.value.instance].name
}

resource "google_sql_user" "iam" {
  for_each = local.iam_users

  project  = var.project_id
  instance = google_sql_database_instance.this[each.value.instance].name
  name     = endswith(each.value.user, ".gserviceaccount.com") ? trimsuffix(each.value.user, ".gserviceaccount.com") : each.value.user
  type     = endswith(each.value.user, ".gserviceaccount.com") ? "CLOUD_IAM_SERVICE_ACCOUNT" : "CLOUD_IAM_USER"
}

# ---- legacy MySQL with public IP and authorized network 0.0.0.0/0, no backups
resource "random_password" "legacy_root" {
  length = 24
}

resource "google_sql_database_instance" "legacy_mysql" {
  project          = var.project_id
  name             = "legacy-mysql-57"
  region           = var.region
  database_version = "MYSQL_5_7"
  root_password    = random_password.legacy_root.result
  deletion_protection = false

  settings {
    tier = "db-n1-standard-1"

    ip_configuration {
      ipv4_enabled = true
      require_ssl  = false

      authorized_networks {
        name  = "anywhere"
        value = "0.0.0.0/0"
      }
    }

    backup_configuration {
      enabled = false
    }

    database_flags {
      name  = "local_infile"
      value = "on"
    }
  }
}

output "connection_names" {
  value = { for k, i in google_sql_database_instance.this : k => i.connection_name }
}

output "private_ips" {
  value = { for k, i in google_sql_database_instance.this : k => i.private_ip_address }
}
