terraform {
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }

  backend "s3" {
    bucket         = "acme-tfstate-111111111111"
    key            = "live/prod/serverless-orders/terraform.tfstate"
    region         = "eu-central-1"
    encrypt        = true
    dynamodb_table = "terraform-locks"
  }
}

provider "aws" {
  region = "eu-central-1"

  default_tags {
    tags = {
      Environment = "prod"
      Service     = "orders"
      ManagedBy   = "terraform"
    }
  }
}

locals {
  functions = {
    validate   = { memory = 256, timeout = 10, handler = "validate.handler" }
    reserve    = { memory = 512, timeout = 30, handler = "reserve.handler" }
    charge     = { memory = 512, timeout = 60, handler = "charge.handler", secrets = { STRIPE = "arn:aws:secretsmanager:eu-central-1:111111111111:secret:orders/stripe-AbCdEf" } }
    compensate = { memory = 256, timeout = 30, handler = "compensate.handler" }
    api        = { memory = 1024, timeout = 29, handler = "api.handler" }
  }
}

data "terraform_remote_state" "core" {
  backend = "s3"

  config = {
    bucket = "acme-tfstate-111111111111"
    key    = "live/prod/eu-central-1/terraform.tfstate"
    region = "eu-central-1"
  }
}

module "kms" {
  source = "../../../../modules/aws/kms"

  alias_prefix = "alias/orders"
  keys = {
    data = {
      description        = "Orders data at rest"
      service_principals = ["dynamodb.amazonaws.com", "logs.eu-central-1.amazonaws.com", "states.amazonaws.com"]
    }
  }
}

module "tables" {
  source = "../../../../modules/aws/dynamodb"

  name_prefix = "orders-"
  kms_key_arn = module.kms.key_arns["data"]

  tables = {
    orders = {
      hash_key      = "pk"
      range_key     = "sk"
      stream_view   = "NEW_AND_OLD_IMAGES"
      ttl_attribute = "expires_at"
      global_secondary_indexes = [
        { name = "by-customer", hash_key = "customer_id", range_key = "created_at" },
        { name = "by-status", hash_key = "status", range_key = "created_at", projection_type = "KEYS_ONLY" },
      ]
      replica_regions = ["eu-west-1"]
    }
    idempotency = {
      hash_key      = "id"
      ttl_attribute = "expiration"
      pitr          = false # short-lived keys, PITR not needed (risk accepted RR-41)
    }
  }
}

module "functions" {
  source   = "../../../../modules/aws/lambda-function"
  for_each = local.functions

  function_name = "orders-${each.key}"
  handler       = each.value.handler
  runtime       = "nodejs20.x"
  source_dir    = "${path.module}/../../../../../services/orders/dist"
  memory_size   = each.value.memory
  timeout       = each.value.timeout
  kms_key_arn   = module.kms.key_arns["data"]
  secrets       = lookup(each.value, "secrets", {})

  log_retention_days = 365

  vpc_config = {
    subnet_ids         = data.terraform_remote_state.core.outputs.private_subnet_ids
    security_group_ids = []
  }

  environment = {
    ORDERS_TABLE      = module.tables.table_arns["orders"]
    IDEMPOTENCY_TABLE = module.tables.table_arns["idempotency"]
  }

  policy_statements = {
    DynamoAccess = {
      actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"]
      resources = [for arn in values(module.tables.table_arns) : arn]
    }
    DynamoIndexes = {
      actions   = ["dynamodb:Query"]
      resources = [for arn in values(module.tables.table_arns) : "${arn}/index/*"]
    }
  }
}

module "workflow" {
  source = "../../../../modules/aws/workflows"

  name                   = "orders-fulfilment"
  lambda_arns            = { for k, f in module.functions : k => f.alias_arn if k != "api" }
  notification_topic_arn = "arn:aws:sns:eu-central-1:111111111111:prod-euc1-order-events"
  orders_table_name      = "orders-orders"
  kms_key_arn            = module.kms.key_arns["data"]
  log_retention_days     = 365
}

module "api" {
  source = "../../../../modules/aws/api-gateway"

  name                 = "orders"
  stage_name           = "v1"
  lambda_invoke_arn    = module.functions["api"].invoke_arn
  lambda_function_name = module.functions["api"].function_name
  custom_domain        = "orders.acme.example"
  certificate_arn      = "arn:aws:acm:eu-central-1:111111111111:certificate/11111111-2222-3333-4444-555555555555"
  kms_key_arn          = module.kms.key_arns["data"]

  throttle = {
    burst_limit = 1000
    rate_limit  = 2500
  }
}

output "api_url" {
  value = module.api.invoke_url
}

output "state_machine_arn" {
  value = module.workflow.state_machine_arn
}
