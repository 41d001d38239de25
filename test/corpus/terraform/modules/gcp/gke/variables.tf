variable "project_id" { type = string }
variable "name" { type = string }
variable "region" { type = string }
variable "network" { type = string }
variable "subnetwork" { type = string }

variable "pods_range_name" {
  type    = string
  default = "pods"
}

variable "services_range_name" {
  type    = string
  default = "services"
}

variable "master_ipv4_cidr_block" {
  type    = string
  default = "172.16.0.0/28"
}

variable "master_authorized_networks" {
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
  default = []
}

variable "release_channel" {
  type    = string
  default = "REGULAR"
}

variable "database_encryption_key" {
  description = "Cloud KMS key for application-layer secrets encryption."
  type        = string
  default     = null
}

variable "node_pools" {
  type = map(object({
    machine_type   = optional(string, "e2-standard-4")
    min_count      = optional(number, 1)
    max_count      = optional(number, 5)
    disk_size_gb   = optional(number, 100)
    disk_type      = optional(string, "pd-balanced")
    spot           = optional(bool, false)
    labels         = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = string
      effect = string
    })), [])
    boot_disk_kms_key = optional(string)
  }))
  default = {
    default = {}
  }
}
