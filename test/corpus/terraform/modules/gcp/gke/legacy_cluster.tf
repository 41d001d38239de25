# "playground" cluster created in 2020 from a blog post. Public endpoint,
# legacy ABAC, basic auth client certs, default compute SA with full scopes.
resource "google_container_cluster" "playground" {
  project            = var.project_id
  name               = "playground"
  location           = "europe-west1-b"
  initial_node_count = 3
  enable_legacy_abac = true

  master_auth {
    client_certificate_config {
      issue_client_certificate = true
    }
  }

  node_config {
    machine_type = "n1-standard-2"
    oauth_scopes = [
      "https://www.googleapis.com/auth/compute",
      "https://www.googleapis.com/auth/devstorage.read_write",
      "https://www.googleapis.com/auth/cloud-platform",
    ]
    metadata = {
      disable-legacy-endpoints = "false"
    }
  }

  logging_service    = "none"
  monitoring_service = "none"
}
