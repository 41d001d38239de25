variable "prefix" {
  type = string
}

variable "location" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "retention_in_days" {
  type    = number
  default = 365
}

variable "subscription_id" {
  type = string
}

variable "action_group_emails" {
  type = map(string)
  default = {
    secops   = "secops@acme.example"
    platform = "platform-oncall@acme.example"
  }
}

variable "webhook_url" {
  type      = string
  default   = null
  sensitive = true
}

variable "metric_alerts" {
  type = map(object({
    scope       = string
    namespace   = string
    metric      = string
    aggregation = optional(string, "Average")
    operator    = optional(string, "GreaterThan")
    threshold   = number
    severity    = optional(number, 2)
    window      = optional(string, "PT5M")
    frequency   = optional(string, "PT1M")
    dimensions = optional(list(object({
      name     = string
      operator = optional(string, "Include")
      values   = list(string)
    })), [])
  }))
  default = {}
}

variable "diagnostic_targets" {
  description = "Resource IDs that should ship all logs to the workspace."
  type        = map(string)
  default     = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
