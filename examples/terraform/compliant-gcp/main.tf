# ---------------------------------------------------------------- keys
resource "google_kms_key_ring" "gcp_main" {
  name     = "gcp-main"
  location = var.region
}

resource "google_kms_crypto_key" "gcp_data" {
  name            = "gcp-data"
  key_ring        = google_kms_key_ring.gcp_main.id
  rotation_period = "7776000s"
}

# ---------------------------------------------------------------- network
resource "google_compute_network" "gcp_main" {
  name                    = "gcp-main"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "gcp_apps" {
  name                     = "gcp-apps"
  region                   = var.region
  network                  = google_compute_network.gcp_main.id
  ip_cidr_range            = "10.10.0.0/20"
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

# Administrative access only through Identity-Aware Proxy TCP forwarding.
resource "google_compute_firewall" "gcp_allow_iap" {
  name          = "gcp-allow-iap"
  network       = google_compute_network.gcp_main.name
  source_ranges = ["35.235.240.0/20"]
  target_tags   = ["iap"]

  allow {
    protocol = "tcp"
    ports    = ["22", "3389"]
  }
}

resource "google_compute_firewall" "gcp_allow_https" {
  name          = "gcp-allow-https"
  network       = google_compute_network.gcp_main.name
  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["https"]

  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

resource "google_dns_managed_zone" "gcp_public" {
  name     = "gcp-acme-example"
  dns_name = "acme.example."

  dnssec_config {
    state = "on"
  }
}

# ---------------------------------------------------------------- compute
resource "google_compute_project_metadata_item" "gcp_oslogin" {
  key   = "enable-oslogin"
  value = "TRUE"
}

resource "google_service_account" "gcp_app" {
  account_id   = "gcp-app"
  display_name = "Application VMs"
}

resource "google_compute_instance" "gcp_app" {
  name         = "gcp-app"
  machine_type = "e2-medium"
  zone         = "${var.region}-b"
  tags         = ["iap", "https"]

  boot_disk {
    kms_key_self_link = google_kms_crypto_key.gcp_data.id
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = google_compute_subnetwork.gcp_apps.id
  }

  metadata = {
    block-project-ssh-keys = "TRUE"
  }

  service_account {
    email  = google_service_account.gcp_app.email
    scopes = ["cloud-platform"]
  }

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}

resource "google_compute_disk" "gcp_data" {
  name = "gcp-data"
  zone = "${var.region}-b"
  size = 200
  type = "pd-balanced"

  disk_encryption_key {
    kms_key_self_link = google_kms_crypto_key.gcp_data.id
  }
}

# ---------------------------------------------------------------- storage and analytics
resource "google_storage_bucket" "gcp_access_logs" {
  name                        = "acme-gcp-access-logs"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  retention_policy {
    retention_period = 31536000
  }
}

resource "google_storage_bucket" "gcp_uploads" {
  name                        = "acme-gcp-uploads"
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }

  logging {
    log_bucket = google_storage_bucket.gcp_access_logs.name
  }

  lifecycle_rule {
    condition {
      num_newer_versions = 5
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_storage_bucket_iam_member" "gcp_uploads_reader" {
  bucket = google_storage_bucket.gcp_uploads.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.gcp_app.email}"
}

resource "google_bigquery_dataset" "gcp_events" {
  dataset_id = "gcp_events"
  location   = "EU"

  access {
    role           = "READER"
    group_by_email = "analysts@acme.example"
  }

  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }
}

# ---------------------------------------------------------------- GKE
resource "google_container_cluster" "gcp_main" {
  name                     = "gcp-main"
  location                 = var.region
  remove_default_node_pool = true
  initial_node_count       = 1
  network                  = google_compute_network.gcp_main.id
  subnetwork               = google_compute_subnetwork.gcp_apps.id
  datapath_provider        = "ADVANCED_DATAPATH"

  private_cluster_config {
    enable_private_nodes   = true
    master_ipv4_cidr_block = "172.16.0.0/28"
  }

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office"
    }
  }

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }

  release_channel {
    channel = "REGULAR"
  }
}

resource "google_container_node_pool" "gcp_general" {
  name       = "gcp-general"
  cluster    = google_container_cluster.gcp_main.name
  location   = var.region
  node_count = 2

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  node_config {
    service_account = google_service_account.gcp_app.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}

# ---------------------------------------------------------------- database
resource "google_sql_database_instance" "gcp_orders" {
  name             = "gcp-orders"
  region           = var.region
  database_version = "POSTGRES_16"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.gcp_main.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

# ---------------------------------------------------------------- IAM
resource "google_project_iam_member" "gcp_dba" {
  project = var.project_id
  role    = "roles/cloudsql.admin"
  member  = "group:dba@acme.example"
}
