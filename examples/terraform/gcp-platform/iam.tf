resource "google_project_iam_member" "gcp_contractor_owner" {
  project = var.project_id
  role    = "roles/owner"
  member  = "user:contractor@agency.example"
}

resource "google_service_account" "gcp_ci" {
  account_id = "gcp-ci"
}

resource "google_service_account_key" "gcp_ci" {
  service_account_id = google_service_account.gcp_ci.name
}
