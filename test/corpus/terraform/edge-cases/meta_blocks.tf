# Terraform-level blocks: moved, import, removed, check, provider aliases,
# meta-arguments and unusual labels.

terraform {
  required_version = ">= 1.7.0, < 2.0.0"

  required_providers {
    aws = {
      source                = "hashicorp/aws"
      version               = "~> 5.40"
      configuration_aliases = [aws.replica, aws.audit]
    }
    http = {
      source  = "hashicorp/http"
      version = "3.4.2"
    }
  }

  backend "s3" {
    bucket               = "acme-tfstate"
    key                  = "edge/meta.tfstate"
    region               = "eu-central-1"
    encrypt              = true
    kms_key_id           = "alias/terraform-state"
    dynamodb_table       = "tf-locks"
    workspace_key_prefix = "workspaces"
  }

  experiments = []
}

provider "aws" {
  region = "eu-central-1"

  default_tags {
    tags = {
      ManagedBy = "terraform"
    }
  }

  assume_role {
    role_arn     = "arn:aws:iam::111111111111:role/terraform"
    session_name = "edge-cases"
    external_id  = "ext-1234"
  }

  ignore_tags {
    key_prefixes = ["kubernetes.io/"]
  }
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

provider "aws" {
  alias               = "replica"
  region              = "eu-west-1"
  allowed_account_ids = ["222222222222"]
}

moved {
  from = aws_s3_bucket.logs
  to   = module.logging.aws_s3_bucket.this
}

moved {
  from = aws_instance.web[0]
  to   = aws_instance.web["primary"]
}

moved {
  from = module.old_name
  to   = module.new_name
}

import {
  to = aws_s3_bucket.imported
  id = "acme-imported-bucket"
}

import {
  for_each = { a = "sg-0aaaaaaaaaaaaaaaa", b = "sg-0bbbbbbbbbbbbbbbb" }
  to       = aws_security_group.imported[each.key]
  id       = each.value
}

import {
  provider = aws.replica
  to       = aws_kms_key.replica
  id       = "mrk-1234567890abcdef0"
}

removed {
  from = aws_instance.decommissioned

  lifecycle {
    destroy = false
  }
}

check "api_health" {
  data "http" "api" {
    url = "https://api.acme.example/healthz"

    request_headers = {
      Accept = "application/json"
    }
  }

  assert {
    condition     = data.http.api.status_code == 200
    error_message = "${data.http.api.url} returned ${data.http.api.status_code}"
  }

  assert {
    condition     = jsondecode(data.http.api.response_body).status == "ok"
    error_message = "API reports unhealthy status."
  }
}

check "certificate_expiry" {
  assert {
    condition     = timecmp(aws_acm_certificate.main.not_after, timeadd(timestamp(), "720h")) > 0
    error_message = "Certificate expires within 30 days."
  }
}

resource "aws_s3_bucket" "imported" {
  bucket = "acme-imported-bucket"
}

resource "aws_security_group" "imported" {
  for_each = toset(["a", "b"])
  name     = "imported-${each.key}"
}

resource "aws_kms_key" "replica" {
  provider            = aws.replica
  description         = "replica key"
  enable_key_rotation = true
  multi_region        = true
}

resource "aws_acm_certificate" "main" {
  provider          = aws.us_east_1
  domain_name       = "acme.example"
  validation_method = "DNS"

  subject_alternative_names = ["*.acme.example"]

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = length(self.subject_alternative_names) < 10
      error_message = "Too many SANs."
    }
  }
}

resource "aws_instance" "web" {
  for_each = {
    primary   = "t3.medium"
    secondary = "t3.small"
  }

  ami           = data.aws_ami.this.id
  instance_type = each.value

  lifecycle {
    create_before_destroy = true
    prevent_destroy       = false
    ignore_changes        = [tags["LastPatched"], user_data, ami]
    replace_triggered_by  = [null_resource.rotation.id]

    precondition {
      condition     = data.aws_ami.this.architecture == "x86_64"
      error_message = "The selected AMI must be x86_64."
    }

    postcondition {
      condition     = self.public_ip == ""
      error_message = "Instances must not receive a public IP."
    }
  }

  depends_on = [
    aws_security_group.imported,
    null_resource.rotation,
  ]
}

resource "null_resource" "rotation" {
  triggers = {
    month = formatdate("YYYY-MM", timestamp())
  }

  lifecycle {
    ignore_changes = all
  }
}

data "aws_ami" "this" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }

  lifecycle {
    postcondition {
      condition     = self.state == "available"
      error_message = "AMI is not available."
    }
  }
}

module "replicated" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.1"

  count = var.enable_replica ? 1 : 0

  providers = {
    aws = aws.replica
  }

  bucket = "acme-replica-${count.index}"

  depends_on = [aws_kms_key.replica]
}

module "per_region" {
  source   = "git::https://github.com/acme/terraform-modules.git//regional-baseline?ref=v2.3.1"
  for_each = toset(["eu-central-1", "eu-west-1"])

  region = each.key
}

module "from_registry_private" {
  source  = "app.terraform.io/acme/vpc/aws"
  version = ">= 3.0.0, != 3.2.1, < 4.0.0"
}

module "from_s3" {
  source = "s3::https://s3-eu-west-1.amazonaws.com/acme-modules/vpc.zip"
}

variable "enable_replica" {
  type     = bool
  default  = false
  nullable = false
}

variable "secret_token" {
  type        = string
  sensitive   = true
  ephemeral   = false
  description = "Token used by the check blocks."
  default     = null
}

output "replica_bucket" {
  value       = try(module.replicated[0].s3_bucket_id, null)
  description = "Replica bucket name"

  precondition {
    condition     = !var.enable_replica || length(module.replicated) == 1
    error_message = "Replica expected when enable_replica is true."
  }

  depends_on = [module.replicated]
}

output "sensitive_passthrough" {
  value     = var.secret_token
  sensitive = true
}
