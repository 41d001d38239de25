terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    tls = {
      source  = "hashicorp/tls"
      version = ">= 4.0"
    }
    kubernetes = {
      source                = "hashicorp/kubernetes"
      version               = ">= 2.25"
      configuration_aliases = [kubernetes.cluster]
    }
  }
}
