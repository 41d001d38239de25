module "run_services" {
  source = "../../"

  project_id = "acme-prod-4821"
  region     = "europe-west3"

  services = {
    checkout-api = {
      image         = "europe-docker.pkg.dev/acme-prod-4821/apps/checkout-api:4.2.0"
      cpu           = "2"
      memory        = "1Gi"
      min_instances = 2
      max_instances = 50
      cloudsql      = ["acme-prod-4821:europe-west3:acme-prod-pg"]
      env = {
        NODE_ENV = "production"
        DB_HOST  = "/cloudsql/acme-prod-4821:europe-west3:acme-prod-pg"
      }
      secrets = {
        DB_PASSWORD   = "checkout-db-password"
        STRIPE_SECRET = "stripe-secret-key"
      }
    }

    status-page = {
      image   = "europe-docker.pkg.dev/acme-prod-4821/apps/status:1.0.3"
      public  = true
      ingress = "INGRESS_TRAFFIC_ALL"
    }

    # Internal admin tool accidentally exposed to the internet (finding).
    admin-console = {
      image   = "europe-docker.pkg.dev/acme-prod-4821/apps/admin:0.9.1"
      public  = true
      ingress = "INGRESS_TRAFFIC_ALL"
      env = {
        AUTH_DISABLED = "true"
      }
    }
  }
}
