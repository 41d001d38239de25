variable "function_name" {
  type = string
}

variable "description" {
  type    = string
  default = ""
}

variable "runtime" {
  type    = string
  default = "nodejs20.x"
}

variable "handler" {
  type    = string
  default = "index.handler"
}

variable "architectures" {
  type    = list(string)
  default = ["arm64"]
}

variable "source_dir" {
  description = "Local directory zipped into the deployment package. Mutually exclusive with image_uri."
  type        = string
  default     = null
}

variable "image_uri" {
  type    = string
  default = null
}

variable "memory_size" {
  type    = number
  default = 256
}

variable "timeout" {
  type    = number
  default = 30
}

variable "reserved_concurrency" {
  type    = number
  default = -1
}

variable "environment" {
  type    = map(string)
  default = {}
}

variable "secrets" {
  description = "Env var name => Secrets Manager ARN; resolved at runtime by the extension."
  type        = map(string)
  default     = {}
}

variable "vpc_config" {
  type = object({
    subnet_ids         = list(string)
    security_group_ids = list(string)
  })
  default = null
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "log_retention_days" {
  type    = number
  default = 30
}

variable "tracing_mode" {
  type    = string
  default = "Active"
}

variable "dead_letter_target_arn" {
  type    = string
  default = null
}

variable "policy_statements" {
  description = "Extra IAM statements for the execution role."
  type = map(object({
    effect    = optional(string, "Allow")
    actions   = list(string)
    resources = list(string)
    conditions = optional(list(object({
      test     = string
      variable = string
      values   = list(string)
    })), [])
  }))
  default = {}
}

variable "event_sources" {
  type = map(object({
    arn                     = string
    batch_size              = optional(number, 10)
    maximum_batching_window = optional(number, 0)
    starting_position       = optional(string)
    filter_patterns         = optional(list(any), [])
  }))
  default = {}
}

variable "allowed_triggers" {
  type = map(object({
    principal  = string
    source_arn = optional(string)
  }))
  default = {}
}

variable "function_url" {
  type = object({
    authorization_type = optional(string, "AWS_IAM")
    cors_origins       = optional(list(string), [])
  })
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
