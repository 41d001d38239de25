locals {
  prefix = "acme-${var.environment}"
}

resource "aws_kms_key" "data" {
  description         = "Application data"
  enable_key_rotation = false
}

module "orders_db" {
  source = "./modules/db"

  name      = "${local.prefix}-orders"
  encrypted = false
  kms_key   = aws_kms_key.data.arn
}
