variable "prefix" {
  type = string
}

variable "kms_key_arn" {
  description = "CMK for SQS/SNS SSE. When null the AWS-managed keys are used."
  type        = string
  default     = null
}

variable "topics" {
  type = map(object({
    fifo             = optional(bool, false)
    content_dedup    = optional(bool, false)
    subscribers      = optional(list(string), []) # queue keys
    filter_policies  = optional(map(any), {})     # queue key => filter policy
    publisher_arns   = optional(list(string), [])
  }))
  default = {}
}

variable "queues" {
  type = map(object({
    fifo                       = optional(bool, false)
    visibility_timeout_seconds = optional(number, 30)
    message_retention_seconds  = optional(number, 345600)
    max_receive_count          = optional(number, 5)
    delay_seconds              = optional(number, 0)
    receive_wait_time_seconds  = optional(number, 20)
    with_dlq                   = optional(bool, true)
    consumer_role_arns         = optional(list(string), [])
  }))
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
