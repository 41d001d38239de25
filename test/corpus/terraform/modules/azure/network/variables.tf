variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "address_space" {
  type    = list(string)
  default = ["10.20.0.0/16"]
}

variable "dns_servers" {
  type    = list(string)
  default = []
}

variable "subnets" {
  description = "Subnets; `nsg_rules` are merged with the baseline deny rules."
  type = map(object({
    newbits           = number
    netnum            = number
    service_endpoints = optional(list(string), [])
    delegation = optional(object({
      name    = string
      service = string
      actions = list(string)
    }))
    private_endpoint_network_policies = optional(string, "Enabled")
    nsg_rules = optional(map(object({
      priority                   = number
      direction                  = optional(string, "Inbound")
      access                     = optional(string, "Allow")
      protocol                   = optional(string, "Tcp")
      source_port_range          = optional(string, "*")
      destination_port_ranges    = list(string)
      source_address_prefixes    = optional(list(string))
      source_address_prefix      = optional(string)
      destination_address_prefix = optional(string, "VirtualNetwork")
    })), {})
  }))
}

variable "flow_log" {
  type = object({
    network_watcher_name      = string
    network_watcher_rg        = string
    storage_account_id        = string
    workspace_id              = string
    workspace_resource_id     = string
    retention_days            = optional(number, 90)
  })
  default = null
}

variable "ddos_protection_plan_id" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
