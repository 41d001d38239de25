# Identity, network exposure and resource policies done the way an auditor wants them.

module "awsaccess_labels" {
  source  = "cloudposse/label/null"
  version = "0.25.0"
  name    = "awsaccess"
}

data "aws_iam_policy_document" "awsaccess_lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "awsaccess_worker" {
  name               = "${local.name_prefix}-worker"
  assume_role_policy = data.aws_iam_policy_document.awsaccess_lambda_trust.json
}

resource "aws_iam_group" "awsaccess_developers" {
  name = "${local.name_prefix}-developers"
}

resource "aws_iam_group_policy_attachment" "awsaccess_developers" {
  group      = aws_iam_group.awsaccess_developers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy" "awsaccess_deployer" {
  name = "deployer"
  role = aws_iam_role.awsaccess_worker.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:PassRole"
      Resource  = "arn:aws:iam::123456789012:role/acme-production-app"
      Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
    }]
  })
}

resource "aws_iam_account_password_policy" "awsaccess" {
  minimum_password_length      = 14
  password_reuse_prevention    = 24
  require_symbols              = true
  require_numbers              = true
  require_uppercase_characters = true
  require_lowercase_characters = true
}

resource "aws_default_security_group" "awsaccess" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "awsaccess_private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.30.10.0/24"
}

resource "aws_security_group" "awsaccess_db" {
  name   = "${local.name_prefix}-db"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.30.0.0/16"]
  }
}

resource "aws_network_acl" "awsaccess_private" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = var.office_cidr
    from_port  = 22
    to_port    = 22
  }
}

resource "aws_s3_bucket_policy" "awsaccess_documents" {
  bucket = aws_s3_bucket.documents.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-production-documents/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f67890" } }
    }]
  })
}

resource "aws_sqs_queue_policy" "awsaccess_events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-central-1:123456789012:acme-production-events"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-central-1:123456789012:acme-production-alerts" } }
    }]
  })
}

resource "aws_sns_topic_policy" "awsaccess_alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["SNS:Publish", "SNS:Subscribe"]
      Resource  = "arn:aws:sns:eu-central-1:123456789012:acme-production-alerts"
      Condition = { StringEquals = { "AWS:SourceOwner" = "123456789012" } }
    }]
  })
}

resource "aws_ecr_repository_policy" "awsaccess_app" {
  repository = "${local.name_prefix}-app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }]
  })
}

resource "aws_lambda_function_url" "awsaccess_webhook" {
  function_name      = "${local.name_prefix}-webhook"
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_permission" "awsaccess_uploads" {
  statement_id   = "AllowS3"
  action         = "lambda:InvokeFunction"
  function_name  = "${local.name_prefix}-thumbnailer"
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.documents.arn
  source_account = "123456789012"
}
