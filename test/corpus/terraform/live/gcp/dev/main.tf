locals {
  name = "acme-dev"
  zones = ["b", "c", "d"]
}

module "kms" {
  source = "../../../modules/gcp/kms"

  project_id = var.project_id
  location   = var.region
  keyring    = "${local.name}-keyring"

  keys = {
    gke-secrets = {
      encrypters = ["serviceAccount:service-7310@container-engine-robot.iam.gserviceaccount.com"]
      decrypters = ["serviceAccount:service-7310@container-engine-robot.iam.gserviceaccount.com"]
    }
    storage = {
      encrypters = ["serviceAccount:service-7310@gs-project-accounts.iam.gserviceaccount.com"]
      decrypters = ["serviceAccount:service-7310@gs-project-accounts.iam.gserviceaccount.com"]
    }
    cloudsql = {
      rotation_period = "31536000s"
    }
  }
}

module "network" {
  source = "../../../modules/gcp/network"

  project_id   = var.project_id
  network_name = "${local.name}-vpc"
  nat_regions  = [var.region]

  subnets = {
    gke = {
      region = var.region
      cidr   = "10.30.0.0/20"
      secondary_ranges = {
        pods     = "10.31.0.0/16"
        services = "10.32.0.0/20"
      }
    }
    compute = {
      region    = var.region
      cidr      = "10.30.16.0/22"
      flow_logs = false
    }
    proxy-only = {
      region         = var.region
      cidr           = "10.30.20.0/23"
      private_access = false
      flow_logs      = false
    }
  }

  firewall_rules = {
    allow-internal = {
      protocol      = "all"
      source_ranges = ["10.30.0.0/16", "10.31.0.0/16", "10.32.0.0/20"]
    }
    allow-https-lb = {
      ports         = ["443"]
      source_ranges = ["0.0.0.0/0"]
      target_tags   = ["https-frontend"]
    }
    allow-ssh-world = {
      ports         = ["22"]
      source_ranges = ["0.0.0.0/0"]
      target_tags   = ["debug"]
      log           = false
    }
  }
}

module "gke" {
  source = "../../../modules/gcp/gke"

  project_id                 = var.project_id
  name                       = local.name
  region                     = var.region
  network                    = module.network.network_self_link
  subnetwork                 = module.network.subnets["gke"].self_link
  master_authorized_networks = var.gke_authorized_networks
  database_encryption_key    = module.kms.key_ids["gke-secrets"]
  release_channel            = "RAPID"

  node_pools = {
    general = {
      machine_type = "e2-standard-4"
      min_count    = 1
      max_count    = 3
    }
    spot = {
      machine_type = "e2-standard-8"
      min_count    = 0
      max_count    = 2
      spot         = true
      taints       = [{ key = "cloud.google.com/gke-spot", value = "true", effect = "NO_SCHEDULE" }]
    }
  }
}

module "buckets" {
  source = "../../../modules/gcp/gcs-bucket"

  project_id  = var.project_id
  name_prefix = "${local.name}-"

  buckets = {
    uploads = {
      location     = "EU"
      kms_key_name = module.kms.key_ids["storage"]
      readers      = ["serviceAccount:${module.gke.node_service_account}"]
      log_bucket   = "${local.name}-access-logs"
    }
    backups = {
      storage_class  = "NEARLINE"
      retention_days = 7
      lock_retention = false
      kms_key_name   = module.kms.key_ids["storage"]
    }
    access-logs = {
      versioning                  = false
      lifecycle_delete_after_days = 400
    }
    tmp = {
      versioning                  = false
      lifecycle_delete_after_days = 1
    }
  }
}

module "sql" {
  source = "../../../modules/gcp/cloudsql"

  project_id        = var.project_id
  region            = var.region
  network_self_link = module.network.network_self_link

  instances = {
    "${local.name}-pg" = {
      tier              = "db-custom-1-3840"
      availability_type = "ZONAL"
      deletion_protection = false
      databases         = ["orders", "inventory"]
      iam_users         = ["app@acme-dev-7310.iam.gserviceaccount.com", "dba@acme.example"]
      kms_key           = module.kms.key_ids["cloudsql"]
    }
  }
}

module "iam" {
  source = "../../../modules/gcp/project-iam"

  project_id = var.project_id
  org_id     = var.org_id

  bindings = {
    "roles/container.admin" = ["group:gke-admins@acme.example"]
    "roles/cloudsql.client" = ["serviceAccount:app@acme-dev-7310.iam.gserviceaccount.com"]
  }

  service_accounts = {
    app = {
      display_name = "Application runtime"
      roles        = ["roles/cloudsql.client", "roles/secretmanager.secretAccessor"]
      impersonators = ["group:developers@acme.example"]
    }
    deployer = {
      display_name = "CI deployer"
      roles        = ["roles/container.developer", "roles/artifactregistry.writer"]
    }
  }

  additive_members = [
    {
      role   = "roles/iap.tunnelResourceAccessor"
      member = "group:sre@acme.example"
      condition = {
        title      = "business-hours"
        expression = "request.time.getHours(\"Europe/Berlin\") >= 8 && request.time.getHours(\"Europe/Berlin\") <= 18"
      }
    },
  ]
}
