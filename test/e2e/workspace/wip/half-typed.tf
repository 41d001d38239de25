resource "aws_kms_key" "draft" {
  description         = "Draft key"
  enable_key_rotation = false
}

resource "aws_s3_bucket" "draft" {
  bucket = "acme-dra
