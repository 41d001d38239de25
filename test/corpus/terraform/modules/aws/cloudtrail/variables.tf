variable "name" {
  type    = string
  default = "org-trail"
}

variable "is_organization_trail" {
  type    = bool
  default = true
}

variable "is_multi_region_trail" {
  type    = bool
  default = true
}

variable "enable_log_file_validation" {
  type    = bool
  default = true
}

variable "s3_key_prefix" {
  type    = string
  default = "cloudtrail"
}

variable "cloudwatch_retention_days" {
  type    = number
  default = 400
}

variable "data_events" {
  description = "Advanced event selectors for S3 / Lambda data events."
  type = list(object({
    name            = string
    resources_type  = string
    resources_arns  = optional(list(string), [])
    read_only       = optional(bool)
  }))
  default = [
    { name = "All S3 data events", resources_type = "AWS::S3::Object" },
  ]
}

variable "insight_selectors" {
  type    = list(string)
  default = ["ApiCallRateInsight", "ApiErrorRateInsight"]
}

variable "tags" {
  type    = map(string)
  default = {}
}
