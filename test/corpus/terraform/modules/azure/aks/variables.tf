variable "name" { type = string }
variable "location" { type = string }
variable "resource_group_name" { type = string }

variable "kubernetes_version" {
  type    = string
  default = "1.29"
}

variable "vnet_subnet_id" {
  type = string
}

variable "admin_group_object_ids" {
  type = list(string)
}

variable "log_analytics_workspace_id" {
  type = string
}

variable "disk_encryption_set_id" {
  type    = string
  default = null
}

variable "private_cluster" {
  type    = bool
  default = true
}

variable "api_server_authorized_ip_ranges" {
  type    = list(string)
  default = []
}

variable "system_pool" {
  type = object({
    vm_size    = optional(string, "Standard_D4ds_v5")
    node_count = optional(number, 3)
    zones      = optional(list(string), ["1", "2", "3"])
  })
  default = {}
}

variable "user_pools" {
  type = map(object({
    vm_size    = string
    min_count  = number
    max_count  = number
    zones      = optional(list(string), ["1", "2", "3"])
    spot       = optional(bool, false)
    labels     = optional(map(string), {})
    taints     = optional(list(string), [])
    os_sku     = optional(string, "AzureLinux")
    max_pods   = optional(number, 50)
  }))
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
