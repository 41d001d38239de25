variable "project_id" {
  type = string
}

variable "network_name" {
  type = string
}

variable "routing_mode" {
  type    = string
  default = "GLOBAL"
}

variable "subnets" {
  type = map(object({
    region        = string
    cidr          = string
    private_access = optional(bool, true)
    flow_logs     = optional(bool, true)
    secondary_ranges = optional(map(string), {})
  }))
}

variable "firewall_rules" {
  description = "Extra firewall rules. Use source_ranges carefully."
  type = map(object({
    direction     = optional(string, "INGRESS")
    priority      = optional(number, 1000)
    action        = optional(string, "allow")
    protocol      = optional(string, "tcp")
    ports         = optional(list(string), [])
    source_ranges = optional(list(string))
    source_tags   = optional(list(string))
    target_tags   = optional(list(string))
    log           = optional(bool, true)
  }))
  default = {}
}

variable "nat_regions" {
  type    = list(string)
  default = []
}
