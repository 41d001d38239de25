# REST API (v1) for the public "orders" service plus an HTTP API (v2) for
# internal webhooks. The REST API is defined with an inline OpenAPI body so
# that the stage redeploys whenever the spec changes.

variable "name" {
  type    = string
  default = "orders"
}

variable "stage_name" {
  type    = string
  default = "v1"
}

variable "lambda_invoke_arn" {
  type = string
}

variable "lambda_function_name" {
  type = string
}

variable "authorizer_invoke_arn" {
  type    = string
  default = null
}

variable "custom_domain" {
  type    = string
  default = null
}

variable "certificate_arn" {
  type    = string
  default = null
}

variable "throttle" {
  type = object({
    burst_limit = number
    rate_limit  = number
  })
  default = {
    burst_limit = 500
    rate_limit  = 1000
  }
}

variable "kms_key_arn" {
  type    = string
  default = null
}

locals {
  routes = {
    "/orders"               = ["GET", "POST"]
    "/orders/{orderId}"     = ["GET", "PUT", "DELETE"]
    "/orders/{orderId}/pay" = ["POST"]
    "/health"               = ["GET"]
  }

  openapi = {
    openapi = "3.0.1"
    info = {
      title   = var.name
      version = "1.0"
    }
    components = {
      securitySchemes = var.authorizer_invoke_arn == null ? {} : {
        jwt = {
          type                           = "apiKey"
          name                           = "Authorization"
          in                             = "header"
          "x-amazon-apigateway-authtype" = "custom"
          "x-amazon-apigateway-authorizer" = {
            type                         = "token"
            authorizerUri                = var.authorizer_invoke_arn
            authorizerResultTtlInSeconds = 300
          }
        }
      }
    }
    paths = {
      for path, methods in local.routes : path => {
        for m in methods : lower(m) => {
          security = path == "/health" || var.authorizer_invoke_arn == null ? [] : [{ jwt = [] }]
          "x-amazon-apigateway-integration" = {
            type                 = "aws_proxy"
            httpMethod           = "POST"
            uri                  = var.lambda_invoke_arn
            payloadFormatVersion = "1.0"
            timeoutInMillis      = 29000
          }
        }
      }
    }
  }
}

resource "aws_api_gateway_rest_api" "this" {
  name = var.name
  body = jsonencode(local.openapi)

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  minimum_compression_size = 1024
  disable_execute_api_endpoint = var.custom_domain != null
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id

  triggers = {
    redeployment = sha1(jsonencode(aws_api_gateway_rest_api.this.body))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}/${var.stage_name}"
  retention_in_days = 90
  kms_key_id        = var.kms_key_arn
}

resource "aws_api_gateway_stage" "this" {
  deployment_id         = aws_api_gateway_deployment.this.id
  rest_api_id           = aws_api_gateway_rest_api.this.id
  stage_name            = var.stage_name
  xray_tracing_enabled  = true
  cache_cluster_enabled = false

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId         = "$context.requestId"
      extendedRequestId = "$context.extendedRequestId"
      ip                = "$context.identity.sourceIp"
      caller            = "$context.identity.caller"
      user              = "$context.identity.user"
      requestTime       = "$context.requestTime"
      httpMethod        = "$context.httpMethod"
      resourcePath      = "$context.resourcePath"
      status            = "$context.status"
      protocol          = "$context.protocol"
      responseLength    = "$context.responseLength"
      integrationError  = "$context.integration.error"
    })
  }
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = true
    logging_level          = "INFO"
    data_trace_enabled     = false
    throttling_burst_limit = var.throttle.burst_limit
    throttling_rate_limit  = var.throttle.rate_limit
    caching_enabled        = false
  }
}

resource "aws_lambda_permission" "apigw" {
  statement_id  = "AllowAPIGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = var.lambda_function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/*/*"
}

resource "aws_api_gateway_domain_name" "this" {
  count                    = var.custom_domain != null ? 1 : 0
  domain_name              = var.custom_domain
  regional_certificate_arn = var.certificate_arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_base_path_mapping" "this" {
  count       = var.custom_domain != null ? 1 : 0
  api_id      = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  domain_name = aws_api_gateway_domain_name.this[0].domain_name
  base_path   = var.stage_name
}

#### HTTP API for webhooks ####

resource "aws_apigatewayv2_api" "webhooks" {
  name          = "${var.name}-webhooks"
  protocol_type = "HTTP"
  description   = "Inbound webhooks from payment providers"

  cors_configuration {
    allow_origins = ["https://dashboard.stripe.com"]
    allow_methods = ["POST"]
    allow_headers = ["content-type", "stripe-signature"]
    max_age       = 300
  }
}

resource "aws_apigatewayv2_integration" "webhooks" {
  api_id                 = aws_apigatewayv2_api.webhooks.id
  integration_type       = "AWS_PROXY"
  integration_uri        = var.lambda_invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 10000
}

resource "aws_apigatewayv2_route" "webhooks" {
  for_each = toset(["POST /stripe", "POST /adyen", "POST /paypal"])

  api_id    = aws_apigatewayv2_api.webhooks.id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.webhooks.id}"
}

resource "aws_apigatewayv2_stage" "webhooks" {
  api_id      = aws_apigatewayv2_api.webhooks.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit   = 100
    throttling_rate_limit    = 50
    detailed_metrics_enabled = true
  }

  # Non-compliant: no access_log_settings on the webhook stage.
}

output "rest_api_id" { value = aws_api_gateway_rest_api.this.id }
output "invoke_url" { value = aws_api_gateway_stage.this.invoke_url }
output "webhooks_endpoint" { value = aws_apigatewayv2_api.webhooks.api_endpoint }
