variable "project_id" {
  type    = string
  default = "acme-platform-prod"
}

variable "region" {
  type    = string
  default = "europe-west1"
}
