terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.10"
    }
  }
}

variable "project_id" { type = string }
variable "region" { type = string }

variable "services" {
  type = map(object({
    image           = string
    port            = optional(number, 8080)
    cpu             = optional(string, "1")
    memory          = optional(string, "512Mi")
    min_instances   = optional(number, 0)
    max_instances   = optional(number, 10)
    concurrency     = optional(number, 80)
    public          = optional(bool, false)
    env             = optional(map(string), {})
    secrets         = optional(map(string), {}) # ENV => secret id
    vpc_connector   = optional(string)
    cloudsql        = optional(list(string), [])
    ingress         = optional(string, "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER")
  }))
}

resource "google_service_account" "run" {
  for_each     = var.services
  project      = var.project_id
  account_id   = "run-${substr(each.key, 0, 24)}"
  display_name = "Cloud Run ${each.key}"
}

resource "google_secret_manager_secret_iam_member" "run" {
  for_each = merge([
    for svc, cfg in var.services : { for env, secret in cfg.secrets : "${svc}/${env}" => { svc = svc, secret = secret } }
  ]...)

  project   = var.project_id
  secret_id = each.value.secret
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.run[each.value.svc].member
}

resource "google_cloud_run_v2_service" "this" {
  for_each = var.services

  project  = var.project_id
  name     = each.key
  location = var.region
  ingress  = each.value.ingress

  deletion_protection = true

  template {
    service_account                  = google_service_account.run[each.key].email
    max_instance_request_concurrency = each.value.concurrency
    execution_environment            = "EXECUTION_ENVIRONMENT_GEN2"
    timeout                          = "60s"

    scaling {
      min_instance_count = each.value.min_instances
      max_instance_count = each.value.max_instances
    }

    dynamic "vpc_access" {
      for_each = each.value.vpc_connector[*]
      content {
        connector = vpc_access.value
        egress    = "PRIVATE_RANGES_ONLY"
      }
    }

    dynamic "volumes" {
      for_each = length(each.value.cloudsql) > 0 ? [1] : []
      content {
        name = "cloudsql"
        cloud_sql_instance {
          instances = each.value.cloudsql
        }
      }
    }

    containers {
      image = each.value.image

      ports {
        container_port = each.value.port
      }

      resources {
        limits = {
          cpu    = each.value.cpu
          memory = each.value.memory
        }
        cpu_idle          = each.value.min_instances == 0
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = each.value.env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = each.value.secrets
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value
              version = "latest"
            }
          }
        }
      }

      dynamic "volume_mounts" {
        for_each = length(each.value.cloudsql) > 0 ? [1] : []
        content {
          name       = "cloudsql"
          mount_path = "/cloudsql"
        }
      }

      startup_probe {
        http_get {
          path = "/healthz"
        }
        initial_delay_seconds = 2
        period_seconds        = 3
        failure_threshold     = 10
      }

      liveness_probe {
        http_get {
          path = "/healthz"
        }
      }
    }
  }

  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  lifecycle {
    ignore_changes = [
      template[0].containers[0].image,
      client,
      client_version,
    ]
  }

  depends_on = [google_secret_manager_secret_iam_member.run]
}

resource "google_cloud_run_v2_service_iam_member" "public" {
  for_each = { for k, s in var.services : k => s if s.public }

  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.this[each.key].name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

output "urls" {
  value = { for k, s in google_cloud_run_v2_service.this : k => s.uri }
}

output "service_accounts" {
  value = { for k, sa in google_service_account.run : k => sa.email }
}
