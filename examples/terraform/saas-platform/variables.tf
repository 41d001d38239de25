variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "environment" {
  type        = string
  description = "Deployment stage"
  default     = "staging"
}

variable "admin_cidr" {
  type        = string
  description = "Who may reach the bastion"
  default     = "0.0.0.0/0"
}

variable "db_password" {
  type      = string
  sensitive = true
}
