terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0"
    }
  }
}

variable "project_id" { type = string }
variable "region" { type = string }
variable "zones" {
  type    = list(string)
  default = ["b", "c", "d"]
}
variable "subnetwork" { type = string }
variable "kms_key_self_link" {
  type    = string
  default = null
}

variable "app_version" {
  type    = string
  default = "2024.05.1"
}

variable "target_size" {
  type    = number
  default = 3
}

resource "google_service_account" "app" {
  project      = var.project_id
  account_id   = "app-vm"
  display_name = "App VM"
}

resource "google_compute_instance_template" "app" {
  project      = var.project_id
  name_prefix  = "app-"
  machine_type = "n2-standard-4"
  region       = var.region
  tags         = ["app", "lb-backend", "iap-ssh"]

  disk {
    source_image = "projects/cos-cloud/global/images/family/cos-stable"
    auto_delete  = true
    boot         = true
    disk_size_gb = 50
    disk_type    = "pd-balanced"

    dynamic "disk_encryption_key" {
      for_each = var.kms_key_self_link[*]
      content {
        kms_key_self_link = disk_encryption_key.value
      }
    }
  }

  network_interface {
    subnetwork = var.subnetwork
    # no access_config => no external IP
  }

  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }

  metadata = {
    enable-oslogin             = "TRUE"
    block-project-ssh-keys     = "TRUE"
    serial-port-enable         = "FALSE"
    google-logging-enabled     = "true"
    google-monitoring-enabled  = "true"
    gce-container-declaration = yamlencode({
      spec = {
        containers = [{
          name  = "app"
          image = "europe-docker.pkg.dev/${var.project_id}/apps/app:${var.app_version}"
          env = [
            { name = "PORT", value = "8080" },
            { name = "ENV", value = "prod" },
          ]
          securityContext = { privileged = false }
        }]
        restartPolicy = "Always"
      }
    })
  }

  labels = {
    app     = "app"
    version = replace(var.app_version, ".", "-")
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "google_compute_health_check" "app" {
  project             = var.project_id
  name                = "app-hc"
  check_interval_sec  = 10
  timeout_sec         = 5
  healthy_threshold   = 2
  unhealthy_threshold = 3

  http_health_check {
    port         = 8080
    request_path = "/healthz"
  }

  log_config {
    enable = true
  }
}

resource "google_compute_region_instance_group_manager" "app" {
  project                   = var.project_id
  name                      = "app-mig"
  region                    = var.region
  base_instance_name        = "app"
  distribution_policy_zones = [for z in var.zones : "${var.region}-${z}"]
  target_size               = var.target_size

  version {
    instance_template = google_compute_instance_template.app.self_link_unique
  }

  named_port {
    name = "http"
    port = 8080
  }

  auto_healing_policies {
    health_check      = google_compute_health_check.app.id
    initial_delay_sec = 120
  }

  update_policy {
    type                         = "PROACTIVE"
    minimal_action               = "REPLACE"
    max_surge_fixed              = length(var.zones)
    max_unavailable_fixed        = 0
    instance_redistribution_type = "PROACTIVE"
  }
}

# ---- pet VM: public IP, serial port, default SA, project-wide ssh keys allowed
resource "google_compute_instance" "legacy_ftp" {
  project      = var.project_id
  name         = "legacy-ftp"
  machine_type = "e2-medium"
  zone         = "${var.region}-b"
  can_ip_forward = true

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-11"
      size  = 200
    }
  }

  network_interface {
    network = "default"
    access_config {}
  }

  metadata = {
    serial-port-enable = "true"
    ssh-keys           = "admin:ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 admin@laptop"
  }

  metadata_startup_script = <<-SH
    #!/bin/bash
    apt-get update && apt-get install -y vsftpd
    sed -i 's/^#\?anonymous_enable=.*/anonymous_enable=YES/' /etc/vsftpd.conf
    systemctl restart vsftpd
  SH

  service_account {
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_disk" "legacy_data" {
  project = var.project_id
  name    = "legacy-data"
  zone    = "${var.region}-b"
  size    = 500
  type    = "pd-standard"
}

output "mig_instance_group" {
  value = google_compute_region_instance_group_manager.app.instance_group
}
