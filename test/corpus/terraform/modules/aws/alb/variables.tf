variable "name" {
  type = string
}

variable "internal" {
  type    = bool
  default = false
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "ingress_cidr_blocks" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "certificate_arn" {
  type    = string
  default = null
}

variable "additional_certificate_arns" {
  type    = list(string)
  default = []
}

variable "ssl_policy" {
  type    = string
  default = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "http_redirect" {
  description = "Redirect port 80 to 443. Turning this off serves plain HTTP."
  type        = bool
  default     = true
}

variable "access_logs_bucket" {
  type    = string
  default = null
}

variable "waf_acl_arn" {
  type    = string
  default = null
}

variable "idle_timeout" {
  type    = number
  default = 60
}

variable "target_groups" {
  type = map(object({
    port                 = number
    protocol             = optional(string, "HTTP")
    target_type          = optional(string, "ip")
    deregistration_delay = optional(number, 30)
    slow_start           = optional(number, 0)
    stickiness           = optional(bool, false)
    health_check = optional(object({
      path                = optional(string, "/healthz")
      matcher             = optional(string, "200-399")
      interval            = optional(number, 15)
      timeout             = optional(number, 5)
      healthy_threshold   = optional(number, 2)
      unhealthy_threshold = optional(number, 3)
    }), {})
  }))
  default = {}
}

variable "listener_rules" {
  description = "HTTPS listener rules: priority => { target_group, host_headers, path_patterns }"
  type = map(object({
    target_group  = string
    host_headers  = optional(list(string))
    path_patterns = optional(list(string))
    http_headers = optional(map(list(string)), {})
  }))
  default = {}
}

variable "default_target_group" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
