variable "bucket" {
  description = "Bucket name. Leave null to use bucket_prefix."
  type        = string
  default     = null
}

variable "bucket_prefix" {
  type    = string
  default = null
}

variable "force_destroy" {
  type    = bool
  default = false
}

variable "object_ownership" {
  type    = string
  default = "BucketOwnerEnforced"
}

variable "acl" {
  description = "Canned ACL. Only applied when object_ownership != BucketOwnerEnforced."
  type        = string
  default     = null
}

variable "versioning" {
  type = object({
    enabled    = optional(bool, true)
    mfa_delete = optional(bool, false)
  })
  default = {}
}

variable "sse_algorithm" {
  type    = string
  default = "aws:kms"

  validation {
    condition     = contains(["AES256", "aws:kms", "aws:kms:dsse"], var.sse_algorithm)
    error_message = "sse_algorithm must be AES256, aws:kms or aws:kms:dsse."
  }
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "block_public_access" {
  type    = bool
  default = true
}

variable "logging" {
  type = object({
    target_bucket = string
    target_prefix = optional(string)
  })
  default = null
}

variable "lifecycle_rules" {
  type = list(object({
    id      = string
    enabled = optional(bool, true)
    prefix  = optional(string, "")
    tags    = optional(map(string), {})
    transitions = optional(list(object({
      days          = number
      storage_class = string
    })), [])
    noncurrent_transitions = optional(list(object({
      days          = number
      storage_class = string
    })), [])
    expiration_days                    = optional(number)
    noncurrent_version_expiration_days = optional(number)
    abort_incomplete_multipart_days    = optional(number, 7)
  }))
  default = []
}

variable "attach_deny_insecure_transport_policy" {
  type    = bool
  default = true
}

variable "attach_require_latest_tls_policy" {
  type    = bool
  default = true
}

variable "additional_policy_statements" {
  description = "Extra statements (as HCL objects) merged into the bucket policy."
  type        = any
  default     = []
}

variable "read_principals" {
  type    = list(string)
  default = []
}

variable "replication" {
  type = object({
    role_arn               = string
    destination_bucket_arn = string
    destination_kms_arn    = optional(string)
    storage_class          = optional(string, "STANDARD_IA")
  })
  default = null
}

variable "object_lock" {
  type = object({
    mode  = string
    days  = optional(number)
    years = optional(number)
  })
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
