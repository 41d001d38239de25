terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "repositories" {
  type = map(object({
    immutable          = optional(bool, true)
    scan_on_push       = optional(bool, true)
    keep_tagged        = optional(number, 50)
    untagged_days      = optional(number, 14)
    pull_account_ids   = optional(list(string), [])
    push_role_arns     = optional(list(string), [])
  }))
}

variable "kms_key_arn" {
  type    = string
  default = null
}

variable "replication_regions" {
  type    = list(string)
  default = []
}

resource "aws_ecr_repository" "this" {
  for_each = var.repositories

  name                 = each.key
  image_tag_mutability = each.value.immutable ? "IMMUTABLE" : "MUTABLE"
  force_delete         = false

  image_scanning_configuration {
    scan_on_push = each.value.scan_on_push
  }

  encryption_configuration {
    encryption_type = var.kms_key_arn == null ? "AES256" : "KMS"
    kms_key         = var.kms_key_arn
  }
}

resource "aws_ecr_lifecycle_policy" "this" {
  for_each   = var.repositories
  repository = aws_ecr_repository.this[each.key].name

  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images after ${each.value.untagged_days} days"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = each.value.untagged_days
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep last ${each.value.keep_tagged} release images"
        selection = {
          tagStatus     = "tagged"
          tagPrefixList = ["v", "release-"]
          countType     = "imageCountMoreThan"
          countNumber   = each.value.keep_tagged
        }
        action = { type = "expire" }
      },
    ]
  })
}

data "aws_iam_policy_document" "repo" {
  for_each = { for k, r in var.repositories : k => r if length(r.pull_account_ids) + length(r.push_role_arns) > 0 }

  dynamic "statement" {
    for_each = length(each.value.pull_account_ids) > 0 ? [1] : []
    content {
      sid = "CrossAccountPull"
      actions = [
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchCheckLayerAvailability",
      ]
      principals {
        type        = "AWS"
        identifiers = [for id in each.value.pull_account_ids : "arn:aws:iam::${id}:root"]
      }
    }
  }

  dynamic "statement" {
    for_each = length(each.value.push_role_arns) > 0 ? [1] : []
    content {
      sid = "CIPush"
      actions = [
        "ecr:PutImage",
        "ecr:InitiateLayerUpload",
        "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload",
        "ecr:BatchCheckLayerAvailability",
      ]
      principals {
        type        = "AWS"
        identifiers = each.value.push_role_arns
      }
    }
  }
}

resource "aws_ecr_repository_policy" "this" {
  for_each   = data.aws_iam_policy_document.repo
  repository = aws_ecr_repository.this[each.key].name
  policy     = each.value.json
}

data "aws_caller_identity" "current" {}

resource "aws_ecr_replication_configuration" "this" {
  count = length(var.replication_regions) > 0 ? 1 : 0

  replication_configuration {
    rule {
      dynamic "destination" {
        for_each = var.replication_regions
        content {
          region      = destination.value
          registry_id = data.aws_caller_identity.current.account_id
        }
      }
    }
  }
}

resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"

  rule {
    scan_frequency = "CONTINUOUS_SCAN"
    repository_filter {
      filter      = "*"
      filter_type = "WILDCARD"
    }
  }
}

# Public-ish legacy repo: mutable tags, no scanning, policy allows anyone to pull
resource "aws_ecr_repository" "legacy_base_images" {
  name                 = "legacy/base-images"
  image_tag_mutability = "MUTABLE"

  image_scanning_configuration {
    scan_on_push = false
  }
}

resource "aws_ecr_repository_policy" "legacy_base_images" {
  repository = aws_ecr_repository.legacy_base_images.name
  policy = jsonencode({
    Version = "2008-10-17"
    Statement = [{
      Sid       = "AllowPull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:*"]
    }]
  })
}

output "repository_urls" {
  value = { for k, r in aws_ecr_repository.this : k => r.repository_url }
}
