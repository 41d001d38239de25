# Identity, network exposure, public resource policies and secrets in code.
# Every credential below is a documented AWS example value (AKIAIOSFODNN7EXAMPLE,
# wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) or an obvious placeholder, never a real secret.

provider "aws" {
  alias      = "legacy_billing"
  region     = "us-east-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

module "awsaccess_vpc_endpoints" {
  source = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  vpc_id = aws_vpc.main.id
}

# --- IAM ---------------------------------------------------------------------------------------

resource "aws_iam_user" "awsaccess_contractor" {
  name = "${local.name_prefix}-contractor"
}

resource "aws_iam_user_policy_attachment" "awsaccess_contractor" {
  user       = aws_iam_user.awsaccess_contractor.name
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}

data "aws_iam_policy_document" "awsaccess_support_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "awsaccess_support" {
  name               = "${local.name_prefix}-support"
  assume_role_policy = data.aws_iam_policy_document.awsaccess_support_trust.json
}

resource "aws_iam_role_policy" "awsaccess_deployer" {
  name = "deployer"
  role = aws_iam_role.awsaccess_support.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ecs:RegisterTaskDefinition", "ecs:UpdateService"], Resource = "*" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = "*" },
    ]
  })
}

resource "aws_iam_account_password_policy" "awsaccess" {
  minimum_password_length = 8
  require_symbols         = true
}

# --- Network -----------------------------------------------------------------------------------

resource "aws_default_security_group" "awsaccess" {
  vpc_id = aws_vpc.main.id

  ingress {
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }
}

resource "aws_security_group" "awsaccess_db" {
  name   = "${local.name_prefix}-db"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "PostgreSQL for the BI tool"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_network_acl" "awsaccess_public" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}

resource "aws_subnet" "awsaccess_public" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.20.200.0/24"
  map_public_ip_on_launch = true
}

resource "aws_instance" "awsaccess_worker" {
  ami                         = "ami-0a1b2c3d4e5f67890"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.awsaccess_public.id
  associate_public_ip_address = true
  user_data                   = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n/opt/worker/start\n"

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }
}

# --- Resource policies -------------------------------------------------------------------------

resource "aws_s3_bucket_policy" "awsaccess_invoices" {
  bucket = aws_s3_bucket.invoices.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PartnerDownloads"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-production-invoices/*"
    }]
  })
}

resource "aws_sqs_queue_policy" "awsaccess_events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sqs:SendMessage", Resource = "arn:aws:sqs:eu-central-1:123456789012:acme-production-events" }]
  })
}

resource "aws_sns_topic_policy" "awsaccess_alerts" {
  arn = aws_sns_topic.alerts.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "SNS:Subscribe", Resource = "arn:aws:sns:eu-central-1:123456789012:acme-production-alerts" }]
  })
}

resource "aws_ecr_repository_policy" "awsaccess_app" {
  repository = "${local.name_prefix}-app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }]
  })
}

resource "aws_kms_key_policy" "awsaccess_data" {
  key_id = aws_kms_key.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Root", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" },
      { Sid = "Anyone", Effect = "Allow", Principal = { AWS = "*" }, Action = "kms:Decrypt", Resource = "*" },
    ]
  })
}

# --- Lambda ------------------------------------------------------------------------------------

resource "aws_lambda_function_url" "awsaccess_webhook" {
  function_name      = "${local.name_prefix}-webhook"
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "awsaccess_uploads" {
  statement_id  = "AllowS3"
  action        = "lambda:InvokeFunction"
  function_name = "${local.name_prefix}-thumbnailer"
  principal     = "s3.amazonaws.com"
}

resource "aws_lambda_function" "awsaccess_sync" {
  function_name = "${local.name_prefix}-sync"
  role          = aws_iam_role.awsaccess_support.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "sync.zip"

  environment {
    variables = {
      STAGE       = var.environment
      CRM_API_KEY = "crm-live-not-a-real-key-0000"
    }
  }
}

resource "aws_ecs_task_definition" "awsaccess_api" {
  family = "${local.name_prefix}-api"
  container_definitions = jsonencode([
    {
      name        = "api"
      image       = "public.ecr.aws/nginx/nginx:1.27"
      environment = [{ name = "DATABASE_PASSWORD", value = "change-me-please" }]
    }
  ])
}

resource "aws_db_instance" "awsaccess_reporting" {
  identifier              = "${local.name_prefix}-reporting"
  engine                  = "postgres"
  instance_class          = "db.t4g.medium"
  allocated_storage       = 20
  username                = "reporting"
  password                = "change-me-please"
  storage_encrypted       = true
  backup_retention_period = 7
}
