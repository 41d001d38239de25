terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "name" { type = string }
variable "vpc_id" { type = string }
variable "subnet_ids" { type = list(string) }

variable "client_security_group_ids" {
  type    = list(string)
  default = []
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "throughput_mode" {
  type    = string
  default = "elastic"
}

variable "access_points" {
  type = map(object({
    path = string
    uid  = number
    gid  = number
    permissions = optional(string, "0750")
  }))
  default = {}
}

variable "backup" {
  type    = bool
  default = true
}

resource "aws_efs_file_system" "this" {
  creation_token   = var.name
  encrypted        = true
  kms_key_id       = var.kms_key_arn
  performance_mode = "generalPurpose"
  throughput_mode  = var.throughput_mode

  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }

  lifecycle_policy {
    transition_to_primary_storage_class = "AFTER_1_ACCESS"
  }

  protection {
    replication_overwrite = "ENABLED"
  }

  tags = {
    Name   = var.name
    Backup = tostring(var.backup)
  }
}

resource "aws_efs_backup_policy" "this" {
  file_system_id = aws_efs_file_system.this.id

  backup_policy {
    status = var.backup ? "ENABLED" : "DISABLED"
  }
}

resource "aws_security_group" "efs" {
  name        = "${var.name}-efs"
  description = "NFS from clients"
  vpc_id      = var.vpc_id

  dynamic "ingress" {
    for_each = length(var.client_security_group_ids) > 0 ? [1] : []
    content {
      description     = "NFS"
      from_port       = 2049
      to_port         = 2049
      protocol        = "tcp"
      security_groups = var.client_security_group_ids
    }
  }
}

resource "aws_efs_mount_target" "this" {
  for_each        = toset(var.subnet_ids)
  file_system_id  = aws_efs_file_system.this.id
  subnet_id       = each.value
  security_groups = [aws_security_group.efs.id]
}

resource "aws_efs_access_point" "this" {
  for_each       = var.access_points
  file_system_id = aws_efs_file_system.this.id

  posix_user {
    uid = each.value.uid
    gid = each.value.gid
  }

  root_directory {
    path = each.value.path
    creation_info {
      owner_uid   = each.value.uid
      owner_gid   = each.value.gid
      permissions = each.value.permissions
    }
  }

  tags = { Name = "${var.name}-${each.key}" }
}

resource "aws_efs_file_system_policy" "this" {
  file_system_id = aws_efs_file_system.this.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnforceTLS"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "*"
        Resource  = aws_efs_file_system.this.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Sid       = "RequireAccessPoint"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "elasticfilesystem:ClientMount"
        Resource  = aws_efs_file_system.this.arn
        Condition = { Null = { "elasticfilesystem:AccessPointArn" = "true" } }
      },
    ]
  })
}

# Shared scratch volume from the HPC pilot: unencrypted, world-mountable.
resource "aws_efs_file_system" "scratch_legacy" {
  creation_token = "hpc-scratch"
  encrypted      = false

  tags = {
    Name = "hpc-scratch"
  }
}

output "file_system_id" {
  value = aws_efs_file_system.this.id
}

output "access_point_ids" {
  value = { for k, ap in aws_efs_access_point.this : k => ap.id }
}
