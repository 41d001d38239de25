variable "org" {
  type    = string
  default = "acme"
}

variable "environment" {
  type = string
  validation {
    condition     = contains(["dev", "test", "prod"], var.environment)
    error_message = "environment must be dev, test or prod."
  }
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "secondary_location" {
  type    = string
  default = "northeurope"
}

variable "workloads" {
  type = map(object({
    owner       = string
    cost_center = string
    criticality = optional(string, "medium")
    data_class  = optional(string, "internal")
  }))
}

variable "allowed_locations" {
  type    = list(string)
  default = ["westeurope", "northeurope", "germanywestcentral"]
}

variable "security_contact_email" {
  type = string
}

variable "reader_group_ids" {
  type    = map(string)
  default = {}
}
