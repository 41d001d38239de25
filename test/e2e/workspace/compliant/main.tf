resource "aws_kms_key" "logs" {
  description         = "Log encryption key"
  enable_key_rotation = true
}

resource "aws_security_group" "internal" {
  name        = "internal"
  description = "Internal traffic only"

  ingress {
    description = "HTTPS from the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
