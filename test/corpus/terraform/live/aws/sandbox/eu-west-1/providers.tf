provider "aws" {
  region              = var.region
  allowed_account_ids = ["444444444444"]

  assume_role {
    role_arn     = "arn:aws:iam::444444444444:role/terraform"
    session_name = "terraform-${var.environment}"
  }

  default_tags {
    tags = local.default_tags
  }
}

# CloudFront / ACM / WAF for CloudFront must live in us-east-1.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  assume_role {
    role_arn = "arn:aws:iam::444444444444:role/terraform"
  }

  default_tags {
    tags = local.default_tags
  }
}

provider "aws" {
  alias  = "log_archive"
  region = "eu-central-1"

  assume_role {
    role_arn = "arn:aws:iam::999999999999:role/terraform-log-archive"
  }
}

provider "kubernetes" {
  alias                  = "cluster"
  host                   = module.eks.cluster_endpoint
  cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.region]
  }
}
