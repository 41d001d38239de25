variable "name" {
  type    = string
  default = "order-fulfilment"
}

variable "lambda_arns" {
  description = "Step name => Lambda ARN"
  type        = map(string)
}

variable "notification_topic_arn" {
  type = string
}

variable "orders_table_name" {
  type = string
}

variable "event_bus_name" {
  type    = string
  default = "orders"
}

variable "schedules" {
  type = map(object({
    expression = string
    timezone   = optional(string, "Europe/Berlin")
    input      = optional(any, {})
    enabled    = optional(bool, true)
  }))
  default = {
    nightly-reconcile = { expression = "cron(15 2 * * ? *)", input = { mode = "full" } }
    hourly-retry      = { expression = "rate(1 hour)", input = { mode = "retry-failed" } }
  }
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "log_retention_days" {
  type    = number
  default = 90
}
