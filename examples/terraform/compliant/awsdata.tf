# Data services configured the way the awsdata rule pack expects (see examples/terraform/saas-platform/awsdata.tf
# for the same services with the usual mistakes).

resource "aws_subnet" "awsdata_private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.30.10.0/24"
}

resource "aws_redshift_cluster" "awsdata_warehouse" {
  cluster_identifier     = "${local.name_prefix}-warehouse"
  node_type              = "ra3.xlplus"
  master_username        = "analytics"
  manage_master_password = true
  encrypted              = true
  kms_key_id             = aws_kms_key.data.arn
  publicly_accessible    = false
}

resource "aws_redshift_logging" "awsdata_warehouse" {
  cluster_identifier   = aws_redshift_cluster.awsdata_warehouse.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}

resource "aws_elasticache_replication_group" "awsdata_sessions" {
  replication_group_id       = "${local.name_prefix}-sessions"
  description                = "web sessions"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.data.arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
}

resource "aws_opensearch_domain" "awsdata_search" {
  domain_name    = "${var.environment}-search"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_type = "r6g.large.search"
  }

  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.data.arn
  }

  node_to_node_encryption {
    enabled = true
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }

  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = false
  }

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.awsdata_search_audit.arn
  }
}

resource "aws_cloudwatch_log_group" "awsdata_search_audit" {
  name              = "/aws/opensearch/${var.environment}-search/audit"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.data.arn
}

resource "aws_eks_cluster" "awsdata_platform" {
  name                      = "${local.name_prefix}-platform"
  role_arn                  = "arn:aws:iam::123456789012:role/eks-cluster"
  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  vpc_config {
    subnet_ids              = [aws_subnet.awsdata_private.id]
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = [var.office_cidr]
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.data.arn
    }
  }
}

resource "aws_secretsmanager_secret" "awsdata_reporting_db" {
  name       = "${local.name_prefix}/reporting-db"
  kms_key_id = aws_kms_key.data.arn
}

resource "aws_secretsmanager_secret_rotation" "awsdata_reporting_db" {
  secret_id           = aws_secretsmanager_secret.awsdata_reporting_db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-central-1:123456789012:function:secrets-rotation-postgres"

  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_dax_cluster" "awsdata_sessions" {
  cluster_name       = "${var.environment}-sessions"
  iam_role_arn       = "arn:aws:iam::123456789012:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3

  server_side_encryption {
    enabled = true
  }
}

resource "aws_msk_cluster" "awsdata_events" {
  cluster_name           = "${local.name_prefix}-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = [aws_subnet.awsdata_private.id]
    security_groups = [aws_security_group.bastion.id]
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.data.arn
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }
}

resource "aws_cloudfront_distribution" "awsdata_portal" {
  enabled = true
  aliases = ["portal.example.com"]

  origin {
    domain_name = aws_lb.web.dns_name
    origin_id   = "web"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "web"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
    viewer_protocol_policy = "redirect-to-https"
  }

  logging_config {
    bucket          = aws_s3_bucket.logs.bucket_domain_name
    include_cookies = false
    prefix          = "cloudfront/portal/"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

resource "aws_api_gateway_rest_api" "awsdata_billing" {
  name = "${local.name_prefix}-billing"
}

resource "aws_api_gateway_method" "awsdata_invoices" {
  rest_api_id   = aws_api_gateway_rest_api.awsdata_billing.id
  resource_id   = aws_api_gateway_rest_api.awsdata_billing.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_stage" "awsdata_prod" {
  rest_api_id   = aws_api_gateway_rest_api.awsdata_billing.id
  deployment_id = "abc123"
  stage_name    = var.environment

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.awsdata_api_access.arn
    format          = jsonencode({ requestId = "$context.requestId", sourceIp = "$context.identity.sourceIp", status = "$context.status" })
  }
}

resource "aws_cloudwatch_log_group" "awsdata_api_access" {
  name              = "/aws/apigateway/${local.name_prefix}-billing"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.data.arn
}

# Deny plain-HTTP requests on the buckets of this workspace (main.tf).
data "aws_iam_policy_document" "awsdata_documents_tls" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.documents.arn, "${aws_s3_bucket.documents.arn}/*"]
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

resource "aws_s3_bucket_policy" "awsdata_documents" {
  bucket = aws_s3_bucket.documents.id
  policy = data.aws_iam_policy_document.awsdata_documents_tls.json
}

data "aws_iam_policy_document" "awsdata_logs_tls" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.logs.arn, "${aws_s3_bucket.logs.arn}/*"]
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

resource "aws_s3_bucket_policy" "awsdata_logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.awsdata_logs_tls.json
}

resource "aws_ecr_repository" "awsdata_api" {
  name                 = "${var.environment}/api"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_lambda_function" "awsdata_pdf" {
  function_name = "${local.name_prefix}-invoice-pdf"
  role          = "arn:aws:iam::123456789012:role/lambda-invoice-pdf"
  handler       = "app.handler"
  filename      = "invoice_pdf.zip"
  runtime       = "python3.13"
}
