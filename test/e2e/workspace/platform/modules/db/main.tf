variable "name" {
  type = string
}

variable "encrypted" {
  type = bool
}

variable "kms_key" {
  type = string
}

resource "aws_db_instance" "this" {
  identifier                  = var.name
  engine                      = "postgres"
  instance_class              = "db.t4g.small"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = var.encrypted
  kms_key_id                  = var.kms_key
  backup_retention_period     = 14
}
