# Data services of the billing platform (awsdata rule pack): warehouse, caches, search, Kubernetes,
# secrets, streaming, CDN, API, containers and functions, each with the mistakes teams make.

resource "aws_redshift_cluster" "awsdata_warehouse" {
  cluster_identifier     = "${local.name_prefix}-warehouse"
  node_type              = "ra3.xlplus"
  master_username        = "analytics"
  manage_master_password = true
  encrypted              = false
  # publicly_accessible is not set: true with AWS provider v5 (versions.tf pins ~> 5.40)
  tags = local.tags
}

resource "aws_elasticache_replication_group" "awsdata_sessions" {
  replication_group_id = "${local.name_prefix}-sessions"
  description          = "web sessions"
  node_type            = "cache.t4g.small"
  num_cache_clusters   = 2
  transit_encryption_enabled = false
}

resource "aws_opensearch_domain" "awsdata_search" {
  domain_name    = "${var.environment}-search"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_type = "r6g.large.search"
  }

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}

resource "aws_eks_cluster" "awsdata_platform" {
  name     = "${local.name_prefix}-platform"
  role_arn = "arn:aws:iam::123456789012:role/eks-cluster"

  enabled_cluster_log_types = ["api"]

  vpc_config {
    subnet_ids = [aws_subnet.private.id]
  }
}

resource "aws_secretsmanager_secret" "awsdata_stripe" {
  name = "${local.name_prefix}/stripe-api-key"
}

resource "aws_dax_cluster" "awsdata_sessions" {
  cluster_name       = "${var.environment}-sessions"
  iam_role_arn       = "arn:aws:iam::123456789012:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3
}

resource "aws_msk_cluster" "awsdata_events" {
  cluster_name           = "${local.name_prefix}-events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = [aws_subnet.private.id]
    security_groups = [aws_security_group.bastion.id]
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
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
    viewer_protocol_policy = "allow-all"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
    ssl_support_method  = "sni-only"
  }
}

resource "aws_api_gateway_rest_api" "awsdata_billing" {
  name = "${local.name_prefix}-billing"
}

resource "aws_api_gateway_method" "awsdata_invoices" {
  rest_api_id   = aws_api_gateway_rest_api.awsdata_billing.id
  resource_id   = aws_api_gateway_rest_api.awsdata_billing.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_stage" "awsdata_prod" {
  rest_api_id   = aws_api_gateway_rest_api.awsdata_billing.id
  deployment_id = "abc123"
  stage_name    = var.environment
}

resource "aws_lb" "awsdata_internal" {
  name               = "${var.environment}-internal"
  internal           = true
  load_balancer_type = "application"
  subnets            = [aws_subnet.private.id]

  access_logs {
    bucket = aws_s3_bucket.invoices.id
  }
}

resource "aws_s3_bucket" "awsdata_exports" {
  bucket = "${local.name_prefix}-exports"
}

resource "aws_cloudtrail" "awsdata_data_events" {
  name                       = "${local.name_prefix}-data-events"
  s3_bucket_name             = aws_s3_bucket.invoices.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}

resource "aws_db_instance" "awsdata_reporting" {
  identifier                 = "${local.name_prefix}-reporting"
  engine                     = "postgres"
  instance_class             = "db.t4g.medium"
  allocated_storage          = 50
  username                   = "reporting"
  manage_master_user_password = true
  storage_encrypted          = true
  auto_minor_version_upgrade = false
}

resource "aws_ecr_repository" "awsdata_api" {
  name = "${var.environment}/api"
}

resource "aws_lambda_function" "awsdata_pdf" {
  function_name = "${local.name_prefix}-invoice-pdf"
  role          = "arn:aws:iam::123456789012:role/lambda-invoice-pdf"
  handler       = "app.handler"
  filename      = "invoice_pdf.zip"
  runtime       = "python3.8"
}
