module "alb_logs" {
  source = "../../../../modules/aws/s3-bucket"

  bucket        = "acme-${local.name}-alb-logs-${local.account_id}"
  sse_algorithm = "AES256" # ALB log delivery does not support SSE-KMS
  force_destroy = false

  lifecycle_rules = [{
    id              = "expire"
    expiration_days = 400
    transitions     = [{ days = 30, storage_class = "STANDARD_IA" }]
  }]

  additional_policy_statements = [{
    Sid       = "ELBLogDelivery"
    Effect    = "Allow"
    Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
    Action    = "s3:PutObject"
    Resource  = "arn:aws:s3:::acme-${local.name}-alb-logs-${local.account_id}/alb/*"
  }]
}

module "trail" {
  source = "../../../../modules/aws/cloudtrail"
  count  = 1

  name                       = "${local.name}-trail"
  is_organization_trail      = false
  enable_log_file_validation = true
  cloudwatch_retention_days  = local.sizing.log_retention

  data_events = [
    { name = "Sensitive buckets", resources_type = "AWS::S3::Object", resources_arns = ["arn:aws:s3:::acme-${local.name}-"] },
    { name = "Lambda invocations", resources_type = "AWS::Lambda::Function" },
  ]
}

module "monitoring" {
  source = "../../../../modules/aws/monitoring"

  cloudtrail_log_group_name = module.trail[0].log_group_name
  alarm_email_addresses     = var.alarm_emails
  slack_webhook_url         = var.slack_webhook_url
  kms_key_arn               = module.kms.key_arns["sqs"]
}

resource "aws_cloudwatch_metric_alarm" "alb_5xx" {
  alarm_name          = "${local.name}-alb-5xx-rate"
  alarm_description   = "5xx responses above 1% of requests"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [module.monitoring.alarm_topic_arn]

  metric_query {
    id          = "rate"
    expression  = "100 * errors / MAX([errors, requests])"
    label       = "5xx rate"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      period      = 60
      stat        = "Sum"
      dimensions  = { LoadBalancer = join("/", slice(split("/", module.alb.arn), 1, 4)) }
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      period      = 60
      stat        = "Sum"
      dimensions  = { LoadBalancer = join("/", slice(split("/", module.alb.arn), 1, 4)) }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "service_cpu" {
  for_each = var.services

  alarm_name          = "${local.name}-${each.key}-cpu-high"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  threshold           = 85
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [module.monitoring.alarm_topic_arn]

  dimensions = {
    ClusterName = module.ecs_cluster.cluster_name
    ServiceName = module.services[each.key].service_name
  }
}
