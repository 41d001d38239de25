# Queues created by hand before the module existed -- imported in 2023.
# Neither is encrypted; the second has a world-writable policy.

import {
  to = aws_sqs_queue.legacy_emails
  id = "https://sqs.eu-west-1.amazonaws.com/123456789012/legacy-emails"
}

resource "aws_sqs_queue" "legacy_emails" {
  name                       = "legacy-emails"
  visibility_timeout_seconds = 60
  sqs_managed_sse_enabled    = false
}

resource "aws_sqs_queue" "legacy_events" {
  name = "legacy-events"
}

resource "aws_sqs_queue_policy" "legacy_events" {
  queue_url = aws_sqs_queue.legacy_events.id
  policy    = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "sqs:*",
        "Resource": "${aws_sqs_queue.legacy_events.arn}"
      }]
    }
  JSON
}

resource "aws_sns_topic" "legacy_notifications" {
  name = "legacy-notifications"
  # no kms_master_key_id -> unencrypted
}

resource "aws_sns_topic_policy" "legacy_notifications" {
  arn = aws_sns_topic.legacy_notifications.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyonePublish"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["SNS:Publish", "SNS:Subscribe"]
      Resource  = aws_sns_topic.legacy_notifications.arn
    }]
  })
}
