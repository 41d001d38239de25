variable "ssl_mode" {
  type = string
}
  
resource "google_sql_database_instance" "main" {
  name             = "main-pg"
  region           = "europe-west1"
  database_version = "POSTGRES_16"

  settings {
    tier = "db-custom-2-7680"

    ip_configuration {
      ssl_mode = var.ssl_mode
    }
  }
}
