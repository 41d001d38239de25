################################################################################
# Core
################################################################################

variable "name" {
  description = "Name prefix used for every resource created by this module."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "The name must be 3-31 characters of lowercase letters, digits and hyphens."
  }
}

variable "cidr_block" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.cidr_block))
    error_message = "Must be a valid IPv4 CIDR block."
  }
}

variable "azs" {
  description = "Availability zones to spread subnets across."
  type        = list(string)
  default     = []
}

variable "az_count" {
  description = "Number of AZs to use when var.azs is empty."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count >= 1 && var.az_count <= 6
    error_message = "az_count must be between 1 and 6."
  }
}

variable "subnet_layout" {
  description = <<-EOT
    Map of subnet tiers. Each tier gets one subnet per AZ. `newbits` is passed
    to cidrsubnet() and `offset` shifts the netnum so tiers never overlap.
  EOT
  type = map(object({
    newbits                 = number
    offset                  = number
    public                  = optional(bool, false)
    map_public_ip_on_launch = optional(bool, false)
    nat                     = optional(bool, true)
    tags                    = optional(map(string), {})
  }))
  default = {
    public   = { newbits = 4, offset = 0, public = true }
    private  = { newbits = 4, offset = 4 }
    database = { newbits = 6, offset = 32, nat = false }
  }
}

variable "enable_nat_gateway" {
  type    = bool
  default = true
}

variable "single_nat_gateway" {
  description = "Use one shared NAT gateway instead of one per AZ (cheaper, not HA)."
  type        = bool
  default     = false
}

variable "enable_dns_hostnames" {
  type    = bool
  default = true
}

variable "enable_dns_support" { default = true }

variable "enable_flow_logs" {
  description = "Ship VPC flow logs to CloudWatch Logs. Required for A.8.16 / CC7.2."
  type        = bool
  default     = true
}

variable "flow_log_traffic_type" {
  type    = string
  default = "ALL"

  validation {
    condition     = contains(["ACCEPT", "REJECT", "ALL"], var.flow_log_traffic_type)
    error_message = "flow_log_traffic_type must be one of ACCEPT, REJECT or ALL."
  }
}

variable "flow_log_retention_days" {
  type    = number
  default = 365
}

variable "flow_log_kms_key_arn" {
  description = "KMS key used to encrypt the flow log group. null = AWS managed."
  type        = string
  default     = null
}

variable "manage_default_security_group" {
  description = "Adopt the default SG and strip all of its rules."
  type        = bool
  default     = true
}

variable "gateway_endpoints" {
  type    = set(string)
  default = ["s3", "dynamodb"]
}

variable "interface_endpoints" {
  type = map(object({
    private_dns = optional(bool, true)
    policy      = optional(string)
  }))
  default = {
    "ssm"         = {}
    "ssmmessages" = {}
    "ec2messages" = {}
    "kms"         = {}
    "logs"        = {}
    "sts"         = { private_dns = true }
  }
}

variable "tags" {
  type    = map(string)
  default = {}
}
