output "alarm_topic_arn" {
  value = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  value = sort([for a in aws_cloudwatch_metric_alarm.cis : a.alarm_name])
}
