output "website_endpoint" {
  value = aws_s3_bucket.website.website_endpoint
}

output "bucket_arns" {
  value = {
    website  = aws_s3_bucket.website.arn
    uploads  = aws_s3_bucket.uploads.arn
    logs     = aws_s3_bucket.access_logs.arn
    partners = aws_s3_bucket.partner_exports.arn
    tfstate  = aws_s3_bucket.tfstate.arn
  }
}
