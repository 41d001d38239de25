variable "create" {
  description = "Set to false to disable every resource in this module (feature flag)."
  type        = bool
  default     = true
}

variable "name" { type = string }

variable "engine" {
  type    = string
  default = "aurora-postgresql"

  validation {
    condition     = contains(["aurora-postgresql", "aurora-mysql"], var.engine)
    error_message = "Engine must be aurora-postgresql or aurora-mysql."
  }
}

variable "engine_version" {
  type    = string
  default = "15.4"
}

variable "instance_class" {
  type    = string
  default = "db.r6g.large"
}

variable "instances" {
  description = "Cluster instances keyed by identifier suffix."
  type = map(object({
    instance_class      = optional(string)
    promotion_tier      = optional(number, 1)
    publicly_accessible = optional(bool, false)
    availability_zone   = optional(string)
  }))
  default = {
    "1" = { promotion_tier = 0 }
    "2" = {}
  }
}

variable "vpc_id" { type = string }
variable "subnet_ids" { type = list(string) }

variable "allowed_security_group_ids" {
  type    = list(string)
  default = []
}

variable "allowed_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "database_name" {
  type    = string
  default = "app"
}

variable "master_username" {
  type      = string
  default   = "dbadmin"
  sensitive = true
}

variable "manage_master_user_password" {
  description = "Let RDS manage the master password in Secrets Manager."
  type        = bool
  default     = true
}

variable "kms_key_id" {
  type    = string
  default = null
}

variable "backup_retention_period" {
  type    = number
  default = 14

  validation {
    condition     = var.backup_retention_period >= 1 && var.backup_retention_period <= 35
    error_message = "Backup retention must be between 1 and 35 days."
  }
}

variable "preferred_backup_window" {
  type    = string
  default = "02:00-03:00"
}

variable "preferred_maintenance_window" {
  type    = string
  default = "sun:04:00-sun:05:00"
}

variable "deletion_protection" {
  type    = bool
  default = true
}

variable "skip_final_snapshot" {
  type    = bool
  default = false
}

variable "iam_database_authentication_enabled" {
  type    = bool
  default = true
}

variable "performance_insights_enabled" {
  type    = bool
  default = true
}

variable "monitoring_interval" {
  description = "Enhanced monitoring interval in seconds (0 disables)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.monitoring_interval)
    error_message = "monitoring_interval must be one of 0, 1, 5, 10, 15, 30, 60."
  }
}

variable "cluster_parameters" {
  type = list(object({
    name         = string
    value        = string
    apply_method = optional(string, "immediate")
  }))
  default = []
}

variable "db_parameters" {
  type = list(object({
    name         = string
    value        = string
    apply_method = optional(string, "immediate")
  }))
  default = []
}

variable "serverless_v2_scaling" {
  type = object({
    min_capacity = number
    max_capacity = number
  })
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
