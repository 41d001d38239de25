locals {
  is_zip = var.image_uri == null

  secret_env = { for k, arn in var.secrets : "${k}_SECRET_ARN" => arn }

  environment = merge(
    {
      POWERTOOLS_SERVICE_NAME = var.function_name
      LOG_LEVEL               = "INFO"
      NODE_OPTIONS            = startswith(var.runtime, "nodejs") ? "--enable-source-maps" : null
    },
    local.secret_env,
    var.environment,
  )

  # drop null values -- lambda rejects them
  environment_clean = { for k, v in local.environment : k => v if v != null }
}

data "archive_file" "package" {
  count = local.is_zip && var.source_dir != null ? 1 : 0

  type        = "zip"
  source_dir  = var.source_dir
  output_path = "${path.root}/.build/${var.function_name}.zip"
  excludes    = ["**/*.test.js", "**/__tests__/**", ".env"]
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = var.function_name
  description   = var.description
  role          = aws_iam_role.this.arn
  architectures = var.architectures
  memory_size   = var.memory_size
  timeout       = var.timeout
  publish       = true

  package_type     = local.is_zip ? "Zip" : "Image"
  runtime          = local.is_zip ? var.runtime : null
  handler          = local.is_zip ? var.handler : null
  filename         = local.is_zip ? data.archive_file.package[0].output_path : null
  source_code_hash = local.is_zip ? data.archive_file.package[0].output_base64sha256 : null
  image_uri        = var.image_uri

  reserved_concurrent_executions = var.reserved_concurrency
  kms_key_arn                    = var.kms_key_arn

  environment {
    variables = local.environment_clean
  }

  tracing_config {
    mode = var.tracing_mode
  }

  dynamic "vpc_config" {
    for_each = var.vpc_config != null ? [var.vpc_config] : []
    content {
      subnet_ids         = vpc_config.value.subnet_ids
      security_group_ids = vpc_config.value.security_group_ids
    }
  }

  dynamic "dead_letter_config" {
    for_each = var.dead_letter_target_arn[*]
    content {
      target_arn = dead_letter_config.value
    }
  }

  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.this.name
    application_log_level = "INFO"
    system_log_level      = "WARN"
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.this, aws_cloudwatch_log_group.this]
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version

  lifecycle {
    ignore_changes = [function_version, routing_config] # managed by CodeDeploy
  }
}

resource "aws_lambda_event_source_mapping" "this" {
  for_each = var.event_sources

  event_source_arn                   = each.value.arn
  function_name                      = aws_lambda_alias.live.arn
  batch_size                         = each.value.batch_size
  maximum_batching_window_in_seconds = each.value.maximum_batching_window
  starting_position                  = each.value.starting_position
  function_response_types            = ["ReportBatchItemFailures"]

  dynamic "filter_criteria" {
    for_each = length(each.value.filter_patterns) > 0 ? [1] : []
    content {
      dynamic "filter" {
        for_each = each.value.filter_patterns
        content {
          pattern = jsonencode(filter.value)
        }
      }
    }
  }
}

resource "aws_lambda_permission" "triggers" {
  for_each = var.allowed_triggers

  statement_id  = "Allow${replace(title(replace(each.key, "-", " ")), " ", "")}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = each.value.principal
  source_arn    = each.value.source_arn
}

resource "aws_lambda_function_url" "this" {
  count = var.function_url == null ? 0 : 1

  function_name      = aws_lambda_function.this.function_name
  qualifier          = aws_lambda_alias.live.name
  authorization_type = var.function_url.authorization_type

  dynamic "cors" {
    for_each = length(var.function_url.cors_origins) > 0 ? [1] : []
    content {
      allow_origins     = var.function_url.cors_origins
      allow_methods     = ["GET", "POST"]
      allow_headers     = ["content-type", "authorization"]
      max_age           = 600
      allow_credentials = false
    }
  }
}
