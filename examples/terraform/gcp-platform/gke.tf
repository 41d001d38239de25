resource "google_container_cluster" "gcp_main" {
  name               = "gcp-main"
  location           = var.region
  initial_node_count = 1
  network            = google_compute_network.gcp_main.id
  subnetwork         = google_compute_subnetwork.gcp_apps.id
  enable_legacy_abac = true
  logging_service    = "none"
  monitoring_service = "monitoring.googleapis.com/kubernetes"
}

resource "google_container_node_pool" "gcp_general" {
  name       = "gcp-general"
  cluster    = google_container_cluster.gcp_main.name
  location   = var.region
  node_count = 2

  management {
    auto_repair  = true
    auto_upgrade = false
  }
}
