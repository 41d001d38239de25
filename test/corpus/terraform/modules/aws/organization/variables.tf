variable "organizational_units" {
  type = map(object({
    parent   = optional(string) # key of another OU, null = root
    accounts = optional(map(object({
      email     = string
      role_name = optional(string, "OrganizationAccountAccessRole")
      tags      = optional(map(string), {})
    })), {})
    scps = optional(list(string), [])
  }))
}

variable "allowed_regions" {
  type    = list(string)
  default = ["eu-central-1", "eu-west-1"]
}

variable "security_account_email" {
  type = string
}

variable "log_archive_account_email" {
  type = string
}
