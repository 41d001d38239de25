variable "name" { type = string }

variable "aliases" {
  type    = list(string)
  default = []
}

variable "acm_certificate_arn" {
  description = "Certificate in us-east-1."
  type        = string
  default     = null
}

variable "origin_bucket" {
  type = object({
    id                          = string
    arn                         = string
    bucket_regional_domain_name = string
  })
}

variable "api_origin_domain" {
  type    = string
  default = null
}

variable "price_class" {
  type    = string
  default = "PriceClass_100"
}

variable "geo_restriction" {
  type = object({
    type      = string
    locations = list(string)
  })
  default = {
    type      = "none"
    locations = []
  }
}

variable "logging_bucket_domain" {
  type    = string
  default = null
}

variable "web_acl_id" {
  type    = string
  default = null
}

variable "csp" {
  type    = string
  default = "default-src 'self'; img-src 'self' data: https:; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
}
