resource "aws_cloudtrail" "main" {
  name           = "${local.name_prefix}-trail"
  s3_bucket_name = aws_s3_bucket.invoices.id
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/acme/${var.environment}/app"
  retention_in_days = 14
}
