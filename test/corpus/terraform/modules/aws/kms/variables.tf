variable "keys" {
  description = "CMKs to create, keyed by short alias."
  type = map(object({
    description             = string
    usage                   = optional(string, "ENCRYPT_DECRYPT")
    spec                    = optional(string, "SYMMETRIC_DEFAULT")
    rotation                = optional(bool, true)
    rotation_period_in_days = optional(number, 365)
    deletion_window         = optional(number, 30)
    multi_region            = optional(bool, false)
    service_principals      = optional(list(string), [])
    admin_arns              = optional(list(string), [])
    user_arns               = optional(list(string), [])
    grant_via_services      = optional(list(string), [])
  }))
}

variable "alias_prefix" {
  type    = string
  default = "alias/acme"
}

variable "tags" {
  type    = map(string)
  default = {}
}
