variable "vpc_id" {
  type = string
}

variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "office_cidrs" {
  description = "Corporate egress IPs (VPN concentrators)."
  type        = list(string)
  default     = ["203.0.113.0/28", "198.51.100.64/27"]
}

variable "app_ports" {
  type    = list(number)
  default = [8080, 8443]
}

variable "security_groups" {
  description = "Generic security groups: name => rules"
  type = map(object({
    description = string
    ingress = optional(list(object({
      from_port   = number
      to_port     = optional(number)
      protocol    = optional(string, "tcp")
      cidr_blocks = optional(list(string), [])
      ipv6        = optional(list(string), [])
      sg_refs     = optional(list(string), [])
      self        = optional(bool, false)
      description = optional(string, "")
    })), [])
    egress_all = optional(bool, true)
  }))
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
