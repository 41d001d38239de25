// Pinned to v3 on purpose: these buckets pre-date the v4 S3 refactor and
// nobody has had time to migrate them (see PLAT-977).
terraform {
  required_version = "~> 1.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.76"
    }
  }

  backend "s3" {
    bucket         = "acme-terraform-state-legacy"
    key            = "s3-legacy/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = "eu-west-1"
}
