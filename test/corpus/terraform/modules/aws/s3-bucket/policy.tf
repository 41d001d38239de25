data "aws_iam_policy_document" "this" {
  source_policy_documents = length(var.additional_policy_statements) > 0 ? [
    jsonencode({
      Version   = "2012-10-17"
      Statement = var.additional_policy_statements
    })
  ] : []

  dynamic "statement" {
    for_each = var.attach_deny_insecure_transport_policy ? [1] : []
    content {
      sid     = "DenyInsecureTransport"
      effect  = "Deny"
      actions = ["s3:*"]
      resources = [
        aws_s3_bucket.this.arn,
        "${aws_s3_bucket.this.arn}/*",
      ]

      principals {
        type        = "*"
        identifiers = ["*"]
      }

      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["false"]
      }
    }
  }

  dynamic "statement" {
    for_each = var.attach_require_latest_tls_policy ? [1] : []
    content {
      sid       = "DenyOutdatedTLS"
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

      principals {
        type        = "*"
        identifiers = ["*"]
      }

      condition {
        test     = "NumericLessThan"
        variable = "s3:TlsVersion"
        values   = ["1.2"]
      }
    }
  }

  dynamic "statement" {
    for_each = length(var.read_principals) > 0 ? [var.read_principals] : []
    content {
      sid       = "CrossAccountRead"
      actions   = ["s3:GetObject", "s3:ListBucket"]
      resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

      principals {
        type        = "AWS"
        identifiers = statement.value
      }
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  count = (var.attach_deny_insecure_transport_policy || var.attach_require_latest_tls_policy || length(var.read_principals) > 0 || length(var.additional_policy_statements) > 0) ? 1 : 0

  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.this.json

  depends_on = [aws_s3_bucket_public_access_block.this]
}
