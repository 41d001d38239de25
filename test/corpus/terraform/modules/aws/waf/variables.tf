variable "name" {
  type = string
}

variable "scope" {
  description = "REGIONAL (ALB/API GW) or CLOUDFRONT (must be deployed in us-east-1)."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "CLOUDFRONT"], var.scope)
    error_message = "scope must be REGIONAL or CLOUDFRONT."
  }
}

variable "managed_rule_groups" {
  type = list(object({
    name            = string
    vendor          = optional(string, "AWS")
    priority        = number
    count_only      = optional(bool, false)
    excluded_rules  = optional(list(string), [])
  }))
  default = [
    { name = "AWSManagedRulesCommonRuleSet", priority = 10, excluded_rules = ["SizeRestrictions_BODY"] },
    { name = "AWSManagedRulesKnownBadInputsRuleSet", priority = 20 },
    { name = "AWSManagedRulesSQLiRuleSet", priority = 30 },
    { name = "AWSManagedRulesAmazonIpReputationList", priority = 40 },
    { name = "AWSManagedRulesAnonymousIpList", priority = 50, count_only = true },
    { name = "AWSManagedRulesBotControlRuleSet", priority = 60, count_only = true },
  ]
}

variable "rate_limit_per_5min" {
  type    = number
  default = 2000
}

variable "blocked_countries" {
  type    = list(string)
  default = ["KP", "IR", "SY", "CU"]
}

variable "allow_list_cidrs" {
  type    = list(string)
  default = []
}

variable "block_list_cidrs" {
  type    = list(string)
  default = []
}

variable "log_retention_days" {
  type    = number
  default = 90
}

variable "redacted_headers" {
  type    = list(string)
  default = ["authorization", "cookie", "x-api-key"]
}

variable "tags" {
  type    = map(string)
  default = {}
}
