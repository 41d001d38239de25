output "state_machine_arn" {
  value = aws_sfn_state_machine.this.arn
}

output "event_bus_arn" {
  value = aws_cloudwatch_event_bus.this.arn
}

output "schedule_arns" {
  value = { for k, s in aws_scheduler_schedule.this : k => s.arn }
}
