# Customer invoices (PDF). Provider v5: settings live in separate resources.
resource "aws_s3_bucket" "invoices" {
  bucket = "${local.name_prefix}-invoices"
  tags   = local.tags
}

resource "aws_s3_bucket_public_access_block" "invoices" {
  bucket                  = aws_s3_bucket.invoices.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}

resource "aws_s3_bucket_versioning" "invoices" {
  bucket = aws_s3_bucket.invoices.id
  versioning_configuration {
    status = "Suspended"
  }
}

# Marketing assets, written in the legacy v3 inline style.
resource "aws_s3_bucket" "assets" {
  bucket = "${local.name_prefix}-assets"
  acl    = "public-read"
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-central-1a"
  size              = 100
  encrypted         = false
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}

resource "aws_efs_file_system" "shared" {
  creation_token = "${local.name_prefix}-shared"
}

resource "aws_dynamodb_table" "sessions" {
  name         = "${local.name_prefix}-sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_sqs_queue" "events" {
  name                    = "${local.name_prefix}-events"
  sqs_managed_sse_enabled = false
}

resource "aws_sns_topic" "alerts" {
  name = "${local.name_prefix}-alerts"
}

resource "aws_kms_key" "data" {
  description = "Application data"
}
