module "billing_db" {
  source = "./modules/database"

  identifier          = "${local.name_prefix}-billing"
  encrypted           = false
  publicly_accessible = true
  password            = var.db_password
}
