variable "account_alias" {
  type = string
}

variable "organization_id" {
  description = "AWS Organizations ID (o-xxxxxxxxxx) used in aws:PrincipalOrgID conditions."
  type        = string
}

variable "sso_admin_role_arn_pattern" {
  type    = string
  default = "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_AdministratorAccess_*"
}

variable "ci_repositories" {
  description = "GitHub repositories (org/repo) that may assume the CI deploy role."
  type        = list(string)
  default     = []
}

variable "ci_branches" {
  type    = list(string)
  default = ["main"]
}

variable "break_glass_users" {
  type    = set(string)
  default = []
}

variable "password_policy" {
  type = object({
    minimum_length        = optional(number, 14)
    require_symbols       = optional(bool, true)
    require_numbers       = optional(bool, true)
    require_uppercase     = optional(bool, true)
    require_lowercase     = optional(bool, true)
    max_age_days          = optional(number, 90)
    reuse_prevention      = optional(number, 24)
    allow_users_to_change = optional(bool, true)
  })
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
