terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      version               = ">= 5.0"
      configuration_aliases = [aws.us_east_1]
    }
  }
}

variable "domain" {
  type = string
}

variable "private_zone_vpc_ids" {
  type    = list(string)
  default = []
}

variable "records" {
  description = "Simple records: \"name TYPE\" => values"
  type        = map(list(string))
  default     = {}
}

variable "alias_records" {
  type = map(object({
    type                   = optional(string, "A")
    target_dns_name        = string
    target_zone_id         = string
    evaluate_target_health = optional(bool, true)
  }))
  default = {}
}

variable "enable_dnssec" {
  type    = bool
  default = true
}

variable "enable_query_logging" {
  type    = bool
  default = true
}

variable "health_checks" {
  type = map(object({
    fqdn          = string
    port          = optional(number, 443)
    type          = optional(string, "HTTPS")
    resource_path = optional(string, "/healthz")
  }))
  default = {}
}

locals {
  parsed_records = {
    for k, values in var.records : k => {
      name   = split(" ", k)[0]
      type   = split(" ", k)[1]
      values = values
    }
  }
}

resource "aws_route53_zone" "public" {
  name    = var.domain
  comment = "Managed by Terraform - public zone for ${var.domain}"
}

resource "aws_route53_zone" "private" {
  count = length(var.private_zone_vpc_ids) > 0 ? 1 : 0
  name  = "internal.${var.domain}"

  dynamic "vpc" {
    for_each = var.private_zone_vpc_ids
    content {
      vpc_id = vpc.value
    }
  }

  lifecycle {
    ignore_changes = [vpc]
  }
}

resource "aws_route53_record" "simple" {
  for_each = local.parsed_records

  zone_id = aws_route53_zone.public.zone_id
  name    = each.value.name == "@" ? var.domain : "${each.value.name}.${var.domain}"
  type    = each.value.type
  ttl     = each.value.type == "NS" ? 172800 : 300
  records = each.value.type == "TXT" ? [for v in each.value.values : length(v) > 255 ? join("\"\"", regexall(".{1,255}", v)) : v] : each.value.values
}

resource "aws_route53_record" "alias" {
  for_each = var.alias_records

  zone_id = aws_route53_zone.public.zone_id
  name    = each.key == "@" ? var.domain : "${each.key}.${var.domain}"
  type    = each.value.type

  alias {
    name                   = each.value.target_dns_name
    zone_id                = each.value.target_zone_id
    evaluate_target_health = each.value.evaluate_target_health
  }
}

resource "aws_route53_record" "caa" {
  zone_id = aws_route53_zone.public.zone_id
  name    = var.domain
  type    = "CAA"
  ttl     = 3600
  records = [
    "0 issue \"amazon.com\"",
    "0 issue \"letsencrypt.org\"",
    "0 issuewild \";\"",
    "0 iodef \"mailto:security@${var.domain}\"",
  ]
}

resource "aws_route53_record" "dmarc" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "_dmarc.${var.domain}"
  type    = "TXT"
  ttl     = 3600
  records = ["v=DMARC1; p=reject; rua=mailto:dmarc@${var.domain}; ruf=mailto:dmarc@${var.domain}; fo=1; adkim=s; aspf=s"]
}

# ------------------------------ DNSSEC ------------------------------

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "dnssec" {
  count    = var.enable_dnssec ? 1 : 0
  provider = aws.us_east_1

  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
  deletion_window_in_days  = 7

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "Allow Route 53 DNSSEC Service"
        Effect = "Allow"
        Principal = {
          Service = "dnssec-route53.amazonaws.com"
        }
        Action = [
          "kms:DescribeKey",
          "kms:GetPublicKey",
          "kms:Sign",
        ]
        Resource = "*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
          ArnLike      = { "aws:SourceArn" = "arn:aws:route53:::hostedzone/*" }
        }
      },
      {
        Sid      = "Allow Route 53 DNSSEC to CreateGrant"
        Effect   = "Allow"
        Principal = { Service = "dnssec-route53.amazonaws.com" }
        Action   = ["kms:CreateGrant"]
        Resource = "*"
        Condition = {
          Bool = { "kms:GrantIsForAWSResource" = "true" }
        }
      },
      {
        Sid       = "Enable IAM User Permissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
    ]
  })
}

resource "aws_route53_key_signing_key" "this" {
  count                      = var.enable_dnssec ? 1 : 0
  hosted_zone_id             = aws_route53_zone.public.id
  key_management_service_arn = aws_kms_key.dnssec[0].arn
  name                       = replace(var.domain, ".", "-")
}

resource "aws_route53_hosted_zone_dnssec" "this" {
  count          = var.enable_dnssec ? 1 : 0
  hosted_zone_id = aws_route53_key_signing_key.this[0].hosted_zone_id
  depends_on     = [aws_route53_key_signing_key.this]
}

# --------------------------- query logging ---------------------------

resource "aws_cloudwatch_log_group" "query_log" {
  count    = var.enable_query_logging ? 1 : 0
  provider = aws.us_east_1

  name              = "/aws/route53/${var.domain}"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_resource_policy" "route53" {
  count    = var.enable_query_logging ? 1 : 0
  provider = aws.us_east_1

  policy_name = "route53-query-logging-${replace(var.domain, ".", "-")}"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "route53.amazonaws.com" }
      Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource  = "arn:aws:logs:*:*:log-group:/aws/route53/*"
    }]
  })
}

resource "aws_route53_query_log" "this" {
  count                    = var.enable_query_logging ? 1 : 0
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.query_log[0].arn
  zone_id                  = aws_route53_zone.public.zone_id
  depends_on               = [aws_cloudwatch_log_resource_policy.route53]
}

# --------------------------- health checks ---------------------------

resource "aws_route53_health_check" "this" {
  for_each = var.health_checks

  fqdn              = each.value.fqdn
  port              = each.value.port
  type              = each.value.type
  resource_path     = each.value.resource_path
  failure_threshold = 3
  request_interval  = 30
  measure_latency   = true
  regions           = ["us-east-1", "eu-west-1", "ap-southeast-1"]

  tags = { Name = each.key }
}

output "zone_id" { value = aws_route53_zone.public.zone_id }
output "name_servers" { value = aws_route53_zone.public.name_servers }
output "private_zone_id" { value = try(aws_route53_zone.private[0].zone_id, null) }
output "ds_record" { value = try(aws_route53_key_signing_key.this[0].ds_record, null) }
