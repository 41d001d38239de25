variable "alarm_topic_arn" {
  type    = string
  default = null
}

locals {
  alarms = var.create && var.alarm_topic_arn != null ? {
    cpu = {
      metric    = "CPUUtilization"
      threshold = 80
      operator  = "GreaterThanThreshold"
      stat      = "Average"
    }
    freeable_memory = {
      metric    = "FreeableMemory"
      threshold = 256 * 1024 * 1024
      operator  = "LessThanThreshold"
      stat      = "Minimum"
    }
    replica_lag = {
      metric    = "AuroraReplicaLag"
      threshold = 2000 # milliseconds
      operator  = "GreaterThanThreshold"
      stat      = "Maximum"
    }
    deadlocks = {
      metric    = "Deadlocks"
      threshold = 0
      operator  = "GreaterThanThreshold"
      stat      = "Sum"
    }
  } : {}
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${replace(each.key, "_", "-")}"
  alarm_description   = "Aurora ${var.name}: ${each.value.metric} ${each.value.operator} ${each.value.threshold}"
  namespace           = "AWS/RDS"
  metric_name         = each.value.metric
  statistic           = each.value.stat
  comparison_operator = each.value.operator
  threshold           = each.value.threshold
  period              = 300
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  treat_missing_data  = "notBreaching"

  dimensions = {
    DBClusterIdentifier = aws_rds_cluster.this[0].id
  }

  alarm_actions = [var.alarm_topic_arn]
  ok_actions    = [var.alarm_topic_arn]
  tags          = local.tags
}
