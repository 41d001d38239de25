resource "google_storage_bucket" "gcp_public_site" {
  name                        = "acme-gcp-public-site"
  location                    = "EU"
  uniform_bucket_level_access = false

  website {
    main_page_suffix = "index.html"
  }
}

resource "google_storage_bucket_iam_member" "gcp_public_read" {
  bucket = google_storage_bucket.gcp_public_site.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}

resource "google_bigquery_dataset" "gcp_exports" {
  dataset_id = "gcp_exports"
  location   = "EU"

  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }

  access {
    role          = "OWNER"
    user_by_email = "data-owner@acme.example"
  }
}

resource "google_kms_crypto_key" "gcp_app" {
  name     = "gcp-app"
  key_ring = "projects/${var.project_id}/locations/europe/keyRings/gcp-main"
}
