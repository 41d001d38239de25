# Unusual block labels, attribute names and object keys.

resource "aws_s3_bucket" "with-dashes" {
  bucket = "with-dashes"
}

resource "aws_s3_bucket" "with_underscores_123" {
  bucket = "with-underscores"
}

resource "aws_s3_bucket" "UPPER_case" {
  bucket = "upper-case-label"
}

data "external" "label-with.dots" {
  program = ["python3", "${path.module}/scripts/lookup.py"]
}

locals {
  # attribute names that look like keywords
  for    = "for is a valid attribute name"
  in     = "so is in"
  if     = "and if"
  null_  = null
  true_  = true
  count_ = 1
  each_  = "each"

  keys = {
    in           = 2
    if           = 3
    "true"       = 4
    "null"       = 5
    "with space" = 6
    "with-dash"  = 7
    "a.b.c"      = 8
    "123"        = 9
    "${"x"}y"    = 10
    (local.for)  = 11
    "é"          = 12
    ""           = 13
  }

  numeric_like_keys = {
    "0"   = "zero"
    "1"   = "one"
    "1.5" = "one and a half"
    "-1"  = "minus one"
  }

  key_order = {
    zeta  = 1
    alpha = 2
    Mid   = 3
    _lead = 4
  }
}

resource "aws_route53_record" "wildcard" {
  zone_id = "Z123456ABCDEFG"
  name    = "*.apps.acme.example"
  type    = "CNAME"
  ttl     = 60
  records = ["ingress.acme.example."]
}

resource "aws_iam_policy" "keys_with_colons" {
  name = "conditions-with-colons"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Deny"
      Action   = "*"
      Resource = "*"
      Condition = {
        "ForAnyValue:StringNotLike" = {
          "aws:PrincipalTag/team" = ["platform", "security"]
        }
        "Null" = {
          "aws:MultiFactorAuthAge" = "true"
        }
        "DateGreaterThan" = {
          "aws:CurrentTime" = "2024-12-31T23:59:59Z"
        }
      }
    }]
  })
}

# Many blocks of the same type in sequence
resource "aws_security_group" "many_rules" {
  name = "many-rules"

  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = ["sg-0123456789abcdef0"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
