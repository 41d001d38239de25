# Old marketing distribution: allows HTTP, TLSv1 default cert, S3 website
# origin over plain HTTP, no logging, no WAF.
resource "aws_cloudfront_distribution" "marketing_legacy" {
  enabled = true
  comment = "marketing (legacy)"

  origin {
    domain_name = "acme-prod-www.s3-website-eu-west-1.amazonaws.com"
    origin_id   = "website"

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "http-only"
      origin_ssl_protocols   = ["TLSv1", "TLSv1.1", "TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "website"
    viewer_protocol_policy = "allow-all"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]

    forwarded_values {
      query_string = false
      cookies {
        forward = "none"
      }
    }

    min_ttl     = 0
    default_ttl = 3600
    max_ttl     = 86400
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
