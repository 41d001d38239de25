variable "cluster_arn" {
  type = string
}

variable "cluster_name" {
  type = string
}

variable "service_name" {
  type = string
}

variable "image" {
  description = "Full image reference, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2"
  type        = string
}

variable "container_port" {
  type    = number
  default = 8080
}

variable "cpu" {
  type    = number
  default = 512
}

variable "memory" {
  type    = number
  default = 1024

  validation {
    condition     = var.memory >= 512 && var.memory <= 30720
    error_message = "Fargate memory must be between 512 and 30720 MiB."
  }
}

variable "desired_count" {
  type    = number
  default = 2
}

variable "autoscaling" {
  type = object({
    min          = number
    max          = number
    cpu_target   = optional(number, 60)
    mem_target   = optional(number)
    requests_per_target = optional(number)
  })
  default = {
    min = 2
    max = 10
  }
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type    = list(string)
  default = []
}

variable "assign_public_ip" {
  type    = bool
  default = false
}

variable "target_group_arn" {
  type    = string
  default = null
}

variable "environment" {
  type    = map(string)
  default = {}
}

variable "secrets" {
  description = "name => SSM parameter or Secrets Manager ARN"
  type        = map(string)
  default     = {}
}

variable "sidecars" {
  type = list(object({
    name      = string
    image     = string
    essential = optional(bool, false)
    port      = optional(number)
    env       = optional(map(string), {})
  }))
  default = []
}

variable "enable_execute_command" {
  type    = bool
  default = false
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "efs_volumes" {
  type = map(object({
    file_system_id  = string
    access_point_id = string
    container_path  = string
    read_only       = optional(bool, false)
  }))
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
