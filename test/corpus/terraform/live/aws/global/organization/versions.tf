terraform {
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket         = "acme-tfstate-management"
    key            = "global/organization.tfstate"
    region         = "eu-central-1"
    encrypt        = true
    dynamodb_table = "terraform-locks"
  }
}

provider "aws" {
  region = "eu-central-1"
}

provider "aws" {
  alias  = "security"
  region = "eu-central-1"

  assume_role {
    role_arn = "arn:aws:iam::${module.organization.account_ids["security"]}:role/OrganizationAccountAccessRole"
  }
}

provider "aws" {
  alias  = "log_archive"
  region = "eu-central-1"

  assume_role {
    role_arn = "arn:aws:iam::${module.organization.account_ids["log_archive"]}:role/OrganizationAccountAccessRole"
  }
}
