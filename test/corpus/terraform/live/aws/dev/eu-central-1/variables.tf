variable "environment" {
  description = "Environment name; used in names and tags."
  type        = string
  default     = "dev"

  validation {
    condition     = contains(["prod", "staging", "dev", "sandbox"], var.environment)
    error_message = "Unknown environment \"${var.environment}\"."
  }
}

variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.30.0.0/16"
}

variable "owner" {
  type    = string
  default = "platform-team"
}

variable "cost_center" {
  type    = string
  default = "CC-900"
}

variable "eks_admin_role_arns" {
  type = list(string)
  default = [
    "arn:aws:iam::333333333333:role/aws-reserved/sso.amazonaws.com/eu-central-1/AWSReservedSSO_PlatformAdmin_0123456789abcdef",
  ]
}

variable "services" {
  description = "Fargate services deployed into the shared ECS cluster."
  type = map(object({
    image          = string
    port           = optional(number, 8080)
    cpu            = optional(number, 512)
    memory         = optional(number, 1024)
    min            = optional(number, 1)
    max            = optional(number, 3)
    path_patterns  = optional(list(string))
    host_headers   = optional(list(string))
    priority       = number
    env            = optional(map(string), {})
    secrets        = optional(map(string), {})
  }))
  default = {
    api = {
      image         = "333333333333.dkr.ecr.eu-central-1.amazonaws.com/api:1.43.0-rc.2"
      priority      = 100
      path_patterns = ["/api/*"]
      env = {
        LOG_LEVEL = "debug"
        FEATURE_X = "true"
      }
    }
    web = {
      image        = "333333333333.dkr.ecr.eu-central-1.amazonaws.com/web:2.9.0-beta.1"
      port         = 3000
      priority     = 200
      host_headers = ["www.dev.acme.example"]
    }
    worker = {
      image    = "333333333333.dkr.ecr.eu-central-1.amazonaws.com/worker:latest"
      cpu      = 1024
      memory   = 2048
      priority = 300
      path_patterns = ["/internal/worker/*"]
    }
  }
}

variable "alarm_emails" {
  type    = list(string)
  default = ["platform-dev@acme.example"]
}

variable "slack_webhook_url" {
  type      = string
  default   = ""
  sensitive = true
}
