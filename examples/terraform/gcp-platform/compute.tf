# Project-wide metadata turns OS Login off and enables the serial console everywhere.
resource "google_compute_project_metadata" "gcp_default" {
  metadata = {
    enable-oslogin     = "FALSE"
    serial-port-enable = "TRUE"
  }
}

resource "google_compute_instance" "gcp_jumphost" {
  name           = "gcp-jumphost"
  machine_type   = "e2-medium"
  zone           = "${var.region}-b"
  can_ip_forward = true

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = google_compute_subnetwork.gcp_apps.id
    access_config {}
  }

  metadata = {
    serial-port-enable = "true"
  }

  service_account {
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_disk" "gcp_data" {
  name = "gcp-data"
  zone = "${var.region}-b"
  size = 200
  type = "pd-balanced"
}
