# This file uses CRLF line endings and tab indentation on purpose.
variable "region" {
	type    = string
	default = "eu-west-1"
}

locals {
	name = "crlf-${var.region}"
	script = <<-EOT
		echo "windows line endings"
		echo "${var.region}"
	EOT
	list = [
		"a",
		"b",
	]
}

resource "aws_s3_bucket" "crlf" {
	bucket = local.name

	tags = {
		Name	= local.name
		Note	= "tab\tescaped and literal	tab"
	}
}

resource "aws_s3_bucket_public_access_block" "crlf" {
	bucket                  = aws_s3_bucket.crlf.id
	block_public_acls       = true
	block_public_policy     = true
	ignore_public_acls      = true
	restrict_public_buckets = true
}
