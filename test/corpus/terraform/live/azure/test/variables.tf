variable "environment" {
  type    = string
  default = "test"
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "secondary_location" {
  type    = string
  default = "northeurope"
}

variable "address_space" {
  type    = string
  default = "10.110.0.0/16"
}

variable "aks_admin_group" {
  description = "Entra ID group that gets cluster-admin on AKS."
  type        = string
  default     = "sg-aks-admins-test"
}

variable "office_ip_ranges" {
  type    = list(string)
  default = ["203.0.113.16/28", "198.51.100.0/26"]
}

variable "workloads" {
  type = map(object({
    owner       = string
    cost_center = string
    criticality = optional(string, "medium")
    data_class  = optional(string, "internal")
  }))
  default = {
    payments = { owner = "team-payments", cost_center = "CC-310", criticality = "high", data_class = "confidential" }
    catalog  = { owner = "team-catalog", cost_center = "CC-320" }
    identity = { owner = "team-identity", cost_center = "CC-330", criticality = "critical", data_class = "restricted" }
  }
}
