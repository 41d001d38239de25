# Legacy buckets using inline (v3) configuration blocks.

variable "company" {
  default = "acme"
}

variable "env" {
  default = "prod"
}

locals {
  prefix = "${var.company}-${var.env}"
}

# --- public marketing site assets (non-compliant: public-read ACL, no encryption)
resource "aws_s3_bucket" "website" {
  bucket = "${local.prefix}-www"
  acl    = "public-read"

  website {
    index_document = "index.html"
    error_document = "error.html"

    routing_rules = <<EOF
[{
    "Condition": {
        "KeyPrefixEquals": "docs/"
    },
    "Redirect": {
        "ReplaceKeyPrefixWith": "documents/"
    }
}]
EOF
  }

  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = ["*"]
    max_age_seconds = 3000
  }

  tags = {
    Name = "website"
  }
}

resource "aws_s3_bucket_policy" "website" {
  bucket = aws_s3_bucket.website.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PublicReadGetObject",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::${aws_s3_bucket.website.id}/*"
    }
  ]
}
POLICY
}

# --- application uploads (compliant, inline style)
resource "aws_s3_bucket" "uploads" {
  bucket = "${local.prefix}-uploads"
  acl    = "private"

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        kms_master_key_id = aws_kms_key.uploads.arn
        sse_algorithm     = "aws:kms"
      }
      bucket_key_enabled = true
    }
  }

  logging {
    target_bucket = aws_s3_bucket.access_logs.id
    target_prefix = "uploads/"
  }

  lifecycle_rule {
    id      = "tmp-cleanup"
    enabled = true
    prefix  = "tmp/"

    expiration {
      days = 2
    }
  }

  lifecycle_rule {
    id      = "archive"
    enabled = true

    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }

    transition {
      days          = 90
      storage_class = "GLACIER"
    }

    noncurrent_version_expiration {
      days = 180
    }
  }

  tags = {
    Name               = "uploads"
    DataClassification = "internal"
  }
}

resource "aws_s3_bucket_public_access_block" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_kms_key" "uploads" {
  description         = "uploads bucket key"
  enable_key_rotation = true
}

# --- access logs target bucket (log-delivery-write ACL is required in v3)
resource "aws_s3_bucket" "access_logs" {
  bucket = "${local.prefix}-s3-access-logs"
  acl    = "log-delivery-write"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }

  lifecycle_rule {
    enabled = true
    expiration {
      days = 400
    }
  }
}

# --- data exports shared with partner: no encryption, no versioning, no logging
resource "aws_s3_bucket" "partner_exports" {
  bucket        = "${local.prefix}-partner-exports"
  acl           = "authenticated-read"
  force_destroy = true

  tags = {
    Name  = "partner-exports"
    Owner = "bizdev"
  }
}

resource "aws_s3_bucket_object" "readme" {
  bucket       = aws_s3_bucket.partner_exports.id
  key          = "README.txt"
  content_type = "text/plain"
  content      = <<-TXT
    Partner export drop.
    Files are rotated nightly at 01:00 UTC.
    Contact: data-platform@acme.example
  TXT
}

# --- terraform state bucket (compliant, but lives in this legacy stack)
resource "aws_s3_bucket" "tfstate" {
  bucket = "acme-terraform-state-legacy"

  versioning {
    enabled    = true
    mfa_delete = false
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_dynamodb_table" "locks" {
  name         = "terraform-locks"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }

  server_side_encryption {
    enabled = true
  }

  point_in_time_recovery {
    enabled = true
  }
}
