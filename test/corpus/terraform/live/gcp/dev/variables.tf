variable "project_id" {
  type    = string
  default = "acme-dev-7310"
}

variable "org_id" {
  type    = string
  default = "123456789012"
}

variable "environment" {
  type    = string
  default = "dev"
}

variable "region" {
  type    = string
  default = "europe-west1"
}

variable "gke_authorized_networks" {
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
  default = [
    { cidr_block = "203.0.113.16/28", display_name = "office-vpn" },
  ]
}
