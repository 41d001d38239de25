output "guardduty_detector_id" {
  value = try(aws_guardduty_detector.this[0].id, null)
}

output "config_rule_arns" {
  value = [for r in aws_config_config_rule.managed : r.arn]
}
