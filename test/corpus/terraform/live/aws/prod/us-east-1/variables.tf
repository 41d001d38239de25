variable "environment" {
  description = "Environment name; used in names and tags."
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["prod", "staging", "dev", "sandbox"], var.environment)
    error_message = "Unknown environment \"${var.environment}\"."
  }
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.11.0.0/16"
}

variable "owner" {
  type    = string
  default = "platform-team"
}

variable "cost_center" {
  type    = string
  default = "CC-100"
}

variable "eks_admin_role_arns" {
  type = list(string)
  default = [
    "arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-central-1/AWSReservedSSO_PlatformAdmin_0123456789abcdef",
  ]
}

variable "services" {
  description = "Fargate services deployed into the shared ECS cluster."
  type = map(object({
    image          = string
    port           = optional(number, 8080)
    cpu            = optional(number, 512)
    memory         = optional(number, 1024)
    min            = optional(number, 2)
    max            = optional(number, 10)
    path_patterns  = optional(list(string))
    host_headers   = optional(list(string))
    priority       = number
    env            = optional(map(string), {})
    secrets        = optional(map(string), {})
  }))
  default = {
    api = {
      image         = "111111111111.dkr.ecr.us-east-1.amazonaws.com/api:1.42.0"
      priority      = 100
      path_patterns = ["/api/*"]
      env = {
        LOG_LEVEL = "info"
        FEATURE_X = "false"
      }
    }
    web = {
      image        = "111111111111.dkr.ecr.us-east-1.amazonaws.com/web:2.8.1"
      port         = 3000
      priority     = 200
      host_headers = ["www.us.acme.example"]
    }
    worker = {
      image    = "111111111111.dkr.ecr.us-east-1.amazonaws.com/worker:1.42.0"
      cpu      = 1024
      memory   = 2048
      priority = 300
      path_patterns = ["/internal/worker/*"]
    }
  }
}

variable "alarm_emails" {
  type    = list(string)
  default = ["secops@acme.example", "platform-oncall@acme.example"]
}

variable "slack_webhook_url" {
  type      = string
  default   = ""
  sensitive = true
}
