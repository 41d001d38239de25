variable "identifier" {
  type = string
}

variable "encrypted" {
  type = bool
}

variable "publicly_accessible" {
  type    = bool
  default = false
}

variable "backup_days" {
  type    = number
  default = 0
}

variable "password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "this" {
  identifier              = var.identifier
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 50
  username                = "app"
  password                = var.password
  storage_encrypted       = var.encrypted
  publicly_accessible     = var.publicly_accessible
  backup_retention_period = var.backup_days
  skip_final_snapshot     = true
}
