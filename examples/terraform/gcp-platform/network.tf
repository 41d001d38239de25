resource "google_compute_network" "gcp_main" {
  name                    = "gcp-main"
  auto_create_subnetworks = false
}

# No flow logs: there is no network evidence for an investigation.
resource "google_compute_subnetwork" "gcp_apps" {
  name          = "gcp-apps"
  region        = var.region
  network       = google_compute_network.gcp_main.id
  ip_cidr_range = "10.10.0.0/20"
}

# "Temporary" rules from the first week of the project.
resource "google_compute_firewall" "gcp_allow_ssh" {
  name    = "gcp-allow-ssh"
  network = google_compute_network.gcp_main.name

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "gcp_allow_rdp" {
  name    = "gcp-allow-rdp"
  network = google_compute_network.gcp_main.name

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }

  source_ranges = ["0.0.0.0/0"]
  target_tags   = ["windows"]
}

resource "google_compute_firewall" "gcp_allow_all" {
  name     = "gcp-allow-everything"
  network  = google_compute_network.gcp_main.name
  priority = 100

  allow {
    protocol = "all"
  }

  source_ranges = ["0.0.0.0/0", "10.0.0.0/8"]
}

resource "google_dns_managed_zone" "gcp_public" {
  name     = "gcp-acme-example"
  dns_name = "acme.example."
}
