terraform {
  required_version = ">= 1.6"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 5.25"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 5.25"
    }
  }

  backend "gcs" {
    bucket = "acme-tfstate-dev"
    prefix = "live/gcp/dev"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = {
    environment = var.environment
    managed-by  = "terraform"
  }
}

provider "google-beta" {
  project = var.project_id
  region  = var.region
}

provider "google" {
  alias                       = "impersonated"
  impersonate_service_account = "terraform@acme-seed.iam.gserviceaccount.com"
  project                     = var.project_id
}
