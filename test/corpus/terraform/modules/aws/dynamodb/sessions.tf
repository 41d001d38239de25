# Session store for the legacy PHP frontend. Created outside the module.
# Findings: no PITR, SSE disabled (AWS-owned key only), no deletion protection.
resource "aws_dynamodb_table" "php_sessions" {
  name           = "php-sessions"
  billing_mode   = "PROVISIONED"
  read_capacity  = 20
  write_capacity = 20
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }

  ttl {
    attribute_name = "expires"
    enabled        = true
  }

  server_side_encryption {
    enabled = false
  }

  point_in_time_recovery {
    enabled = false
  }
}

resource "aws_dynamodb_table" "feature_flags" {
  name         = "feature-flags"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "flag"
  range_key    = "tenant"

  attribute {
    name = "flag"
    type = "S"
  }
  attribute {
    name = "tenant"
    type = "S"
  }

  # no point_in_time_recovery block at all
}
