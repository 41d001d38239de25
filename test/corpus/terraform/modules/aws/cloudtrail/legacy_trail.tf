# Regional trail created by the first ops team. Kept because some dashboards
# still read from its bucket. Non-compliant: no log validation, no KMS,
# single region, no CloudWatch integration.
resource "aws_cloudtrail" "legacy" {
  name                          = "default-trail"
  s3_bucket_name                = "acme-legacy-cloudtrail"
  include_global_service_events = false
  is_multi_region_trail         = false
  enable_log_file_validation    = false

  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
