variable "name" {
  type    = string
  default = "core"
}

variable "amazon_side_asn" {
  type    = number
  default = 64512
}

variable "vpc_attachments" {
  description = "name => { vpc_id, subnet_ids, route_table = \"prod\"|\"nonprod\"|\"shared\" }"
  type = map(object({
    vpc_id      = string
    subnet_ids  = list(string)
    route_table = string
    appliance_mode = optional(bool, false)
  }))
}

variable "vpn_connections" {
  type = map(object({
    customer_ip   = string
    bgp_asn       = number
    static_routes = optional(list(string), [])
    tunnel1_psk   = optional(string)
    tunnel2_psk   = optional(string)
  }))
  default = {}
}

variable "inspection_vpc" {
  type = object({
    vpc_id            = string
    firewall_subnets  = map(string) # az => subnet id
  })
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
