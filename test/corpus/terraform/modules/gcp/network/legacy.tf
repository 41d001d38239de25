# default-network style rules that still exist in the "sandbox" project.
resource "google_compute_firewall" "default_allow_ssh" {
  project = var.project_id
  name    = "default-allow-ssh"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "default_allow_rdp" {
  project = var.project_id
  name    = "default-allow-rdp"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }

  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "allow_all_internal_and_world" {
  project  = var.project_id
  name     = "allow-everything"
  network  = "default"
  priority = 100

  allow {
    protocol = "all"
  }

  source_ranges = ["0.0.0.0/0", "10.128.0.0/9"]
}

resource "google_compute_subnetwork" "sandbox_no_logs" {
  project       = var.project_id
  name          = "sandbox"
  region        = "europe-west1"
  network       = "default"
  ip_cidr_range = "10.200.0.0/20"
  # no log_config, private_ip_google_access defaults to false
}
