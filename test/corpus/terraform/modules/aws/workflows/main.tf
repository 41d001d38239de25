data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  definition = {
    Comment = "Order fulfilment saga (${var.name})"
    StartAt = "ValidateOrder"
    States = {
      ValidateOrder = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke"
        Parameters = {
          FunctionName = var.lambda_arns["validate"]
          "Payload.$"  = "$"
        }
        ResultSelector = { "order.$" = "$.Payload" }
        Retry = [{
          ErrorEquals     = ["Lambda.ServiceException", "Lambda.TooManyRequestsException"]
          IntervalSeconds = 2
          MaxAttempts     = 3
          BackoffRate     = 2.0
          JitterStrategy  = "FULL"
        }]
        Catch = [{ ErrorEquals = ["States.ALL"], ResultPath = "$.error", Next = "NotifyFailure" }]
        Next  = "ReserveAndCharge"
      }
      ReserveAndCharge = {
        Type = "Parallel"
        Branches = [
          {
            StartAt = "ReserveInventory"
            States = {
              ReserveInventory = {
                Type     = "Task"
                Resource = "arn:aws:states:::lambda:invoke"
                Parameters = { FunctionName = var.lambda_arns["reserve"], "Payload.$" = "$.order" }
                End      = true
              }
            }
          },
          {
            StartAt = "ChargePayment"
            States = {
              ChargePayment = {
                Type           = "Task"
                Resource       = "arn:aws:states:::lambda:invoke.waitForTaskToken"
                TimeoutSeconds = 900
                Parameters = {
                  FunctionName = var.lambda_arns["charge"]
                  Payload = {
                    "order.$"     = "$.order"
                    "taskToken.$" = "$$.Task.Token"
                  }
                }
                End = true
              }
            }
          },
        ]
        ResultPath = "$.results"
        Catch      = [{ ErrorEquals = ["States.ALL"], ResultPath = "$.error", Next = "Compensate" }]
        Next       = "PersistOrder"
      }
      PersistOrder = {
        Type     = "Task"
        Resource = "arn:aws:states:::dynamodb:putItem"
        Parameters = {
          TableName = var.orders_table_name
          Item = {
            pk     = { "S.$" = "States.Format('ORDER#{}', $.order.id)" }
            status = { S = "CONFIRMED" }
            ts     = { "S.$" = "$$.State.EnteredTime" }
          }
        }
        Next = "Done"
      }
      Compensate = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke"
        Parameters = { FunctionName = var.lambda_arns["compensate"], "Payload.$" = "$" }
        Next     = "NotifyFailure"
      }
      NotifyFailure = {
        Type     = "Task"
        Resource = "arn:aws:states:::sns:publish"
        Parameters = {
          TopicArn    = var.notification_topic_arn
          "Message.$" = "States.JsonToString($)"
          Subject     = "Order fulfilment failed"
        }
        Next = "Failed"
      }
      Failed = { Type = "Fail", Error = "FulfilmentFailed", Cause = "See execution history" }
      Done   = { Type = "Succeed" }
    }
  }
}

resource "aws_cloudwatch_log_group" "sfn" {
  name              = "/aws/vendedlogs/states/${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_iam_role" "sfn" {
  name = "sfn-${var.name}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "states.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
      }
    }]
  })
}

resource "aws_iam_role_policy" "sfn" {
  role = aws_iam_role.sfn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "lambda:InvokeFunction", Resource = concat(values(var.lambda_arns), [for a in values(var.lambda_arns) : "${a}:*"]) },
      { Effect = "Allow", Action = "sns:Publish", Resource = var.notification_topic_arn },
      { Effect = "Allow", Action = ["dynamodb:PutItem"], Resource = "arn:aws:dynamodb:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:table/${var.orders_table_name}" },
      {
        Effect = "Allow"
        Action = [
          "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
        ]
        Resource = "*"
      },
      { Effect = "Allow", Action = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource = "*" },
    ]
  })
}

resource "aws_sfn_state_machine" "this" {
  name       = var.name
  role_arn   = aws_iam_role.sfn.arn
  type       = "STANDARD"
  definition = jsonencode(local.definition)

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.sfn.arn}:*"
    include_execution_data = false
    level                  = "ERROR"
  }

  tracing_configuration {
    enabled = true
  }

  encryption_configuration {
    type                              = var.kms_key_arn == null ? "AWS_OWNED_KEY" : "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_id                        = var.kms_key_arn
    kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  }
}

# --------------------------- EventBridge ---------------------------

resource "aws_cloudwatch_event_bus" "this" {
  name = var.event_bus_name
}

resource "aws_cloudwatch_event_archive" "this" {
  name             = "${var.event_bus_name}-archive"
  event_source_arn = aws_cloudwatch_event_bus.this.arn
  retention_days   = 30
}

resource "aws_cloudwatch_event_rule" "order_placed" {
  name           = "${var.name}-order-placed"
  event_bus_name = aws_cloudwatch_event_bus.this.name
  description    = "Start fulfilment when an order is placed"

  event_pattern = jsonencode({
    source        = ["acme.orders"]
    "detail-type" = ["OrderPlaced"]
    detail = {
      total    = [{ numeric = [">", 0] }]
      currency = ["EUR", "USD", "GBP"]
      channel  = [{ "anything-but" = ["test"] }]
    }
  })
}

resource "aws_iam_role" "events" {
  name = "events-${var.name}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = ["events.amazonaws.com", "scheduler.amazonaws.com"] }, Action = "sts:AssumeRole" }]
  })

  inline_policy {
    name = "start-execution"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "states:StartExecution", Resource = aws_sfn_state_machine.this.arn }]
    })
  }
}

resource "aws_cloudwatch_event_target" "sfn" {
  rule           = aws_cloudwatch_event_rule.order_placed.name
  event_bus_name = aws_cloudwatch_event_bus.this.name
  arn            = aws_sfn_state_machine.this.arn
  role_arn       = aws_iam_role.events.arn

  input_transformer {
    input_paths = {
      id       = "$.detail.orderId"
      total    = "$.detail.total"
      currency = "$.detail.currency"
    }
    input_template = <<-TEMPLATE
      {
        "order": {
          "id": <id>,
          "total": <total>,
          "currency": <currency>
        },
        "source": "eventbridge"
      }
    TEMPLATE
  }

  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 5
  }
}

resource "aws_scheduler_schedule" "this" {
  for_each = var.schedules

  name                         = "${var.name}-${each.key}"
  schedule_expression          = each.value.expression
  schedule_expression_timezone = each.value.timezone
  state                        = each.value.enabled ? "ENABLED" : "DISABLED"
  kms_key_arn                  = var.kms_key_arn

  flexible_time_window {
    mode                      = "FLEXIBLE"
    maximum_window_in_minutes = 15
  }

  target {
    arn      = aws_sfn_state_machine.this.arn
    role_arn = aws_iam_role.events.arn
    input    = jsonencode(merge({ schedule = each.key }, each.value.input))

    retry_policy {
      maximum_retry_attempts = 3
    }
  }
}

# Bus policy allowing the whole world to put events (finding: overly permissive)
resource "aws_cloudwatch_event_bus_policy" "open" {
  event_bus_name = aws_cloudwatch_event_bus.this.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AllowAnyAccount"
      Effect    = "Allow"
      Principal = "*"
      Action    = "events:PutEvents"
      Resource  = aws_cloudwatch_event_bus.this.arn
    }]
  })
}
