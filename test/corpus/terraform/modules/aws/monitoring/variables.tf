variable "cloudtrail_log_group_name" {
  description = "Log group that receives CloudTrail events."
  type        = string
}

variable "alarm_email_addresses" {
  type    = list(string)
  default = []
}

variable "slack_webhook_url" {
  type      = string
  default   = ""
  sensitive = true
}

variable "metric_namespace" {
  type    = string
  default = "CISBenchmark"
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
