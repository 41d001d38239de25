locals {
  queue_names = {
    for k, q in var.queues : k => "${var.prefix}-${k}${q.fifo ? ".fifo" : ""}"
  }

  # topic/queue pairs => one subscription each
  subscriptions = {
    for pair in flatten([
      for t, topic in var.topics : [
        for q in topic.subscribers : {
          key    = "${t}:${q}"
          topic  = t
          queue  = q
          filter = lookup(topic.filter_policies, q, null)
        }
      ]
    ]) : pair.key => pair
  }

  # queue => list of topics that publish to it (used for the queue policy)
  queue_sources = {
    for s in values(local.subscriptions) : s.queue => s.topic...
  }

  sse = var.kms_key_arn == null ? { sqs_managed_sse_enabled = true, kms = null } : { sqs_managed_sse_enabled = false, kms = var.kms_key_arn }
}

resource "aws_sns_topic" "this" {
  for_each = var.topics

  name                        = "${var.prefix}-${each.key}${each.value.fifo ? ".fifo" : ""}"
  fifo_topic                  = each.value.fifo
  content_based_deduplication = each.value.fifo ? each.value.content_dedup : null
  kms_master_key_id           = coalesce(var.kms_key_arn, "alias/aws/sns")

  delivery_policy = jsonencode({
    http = {
      defaultHealthyRetryPolicy = {
        minDelayTarget     = 20
        maxDelayTarget     = 20
        numRetries         = 3
        numMaxDelayRetries = 0
        numNoDelayRetries  = 0
        numMinDelayRetries = 0
        backoffFunction    = "linear"
      }
      disableSubscriptionOverrides = false
    }
  })

  tags = var.tags
}

data "aws_iam_policy_document" "topic" {
  for_each = { for k, t in var.topics : k => t if length(t.publisher_arns) > 0 }

  statement {
    sid       = "AllowPublishers"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.this[each.key].arn]
    principals {
      type        = "AWS"
      identifiers = each.value.publisher_arns
    }
  }

  statement {
    sid       = "DenyInsecure"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.this[each.key].arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sns_topic_policy" "this" {
  for_each = data.aws_iam_policy_document.topic
  arn      = aws_sns_topic.this[each.key].arn
  policy   = each.value.json
}

resource "aws_sqs_queue" "dlq" {
  for_each = { for k, q in var.queues : k => q if q.with_dlq }

  name                      = replace(local.queue_names[each.key], "/(\\.fifo)?$/", "-dlq$1")
  fifo_queue                = each.value.fifo
  message_retention_seconds = 1209600 # 14 days, the maximum
  sqs_managed_sse_enabled   = local.sse.sqs_managed_sse_enabled
  kms_master_key_id         = local.sse.kms

  tags = merge(var.tags, { Role = "dead-letter" })
}

resource "aws_sqs_queue" "this" {
  for_each = var.queues

  name                       = local.queue_names[each.key]
  fifo_queue                 = each.value.fifo
  visibility_timeout_seconds = each.value.visibility_timeout_seconds
  message_retention_seconds  = each.value.message_retention_seconds
  delay_seconds              = each.value.delay_seconds
  receive_wait_time_seconds  = each.value.receive_wait_time_seconds
  sqs_managed_sse_enabled    = local.sse.sqs_managed_sse_enabled
  kms_master_key_id          = local.sse.kms
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 3600

  redrive_policy = each.value.with_dlq ? jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq[each.key].arn
    maxReceiveCount     = each.value.max_receive_count
  }) : null

  tags = var.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  for_each  = aws_sqs_queue.dlq
  queue_url = each.value.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue",
    sourceQueueArns   = [aws_sqs_queue.this[each.key].arn],
  })
}

data "aws_iam_policy_document" "queue" {
  for_each = var.queues

  dynamic "statement" {
    for_each = contains(keys(local.queue_sources), each.key) ? [1] : []
    content {
      sid       = "AllowSNS"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.this[each.key].arn]
      principals {
        type        = "Service"
        identifiers = ["sns.amazonaws.com"]
      }
      condition {
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = [for t in local.queue_sources[each.key] : aws_sns_topic.this[t].arn]
      }
    }
  }

  dynamic "statement" {
    for_each = length(each.value.consumer_role_arns) > 0 ? [1] : []
    content {
      sid = "Consumers"
      actions = [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueAttributes",
      ]
      resources = [aws_sqs_queue.this[each.key].arn]
      principals {
        type        = "AWS"
        identifiers = each.value.consumer_role_arns
      }
    }
  }

  statement {
    sid       = "DenyNonTLS"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.this[each.key].arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "this" {
  for_each  = var.queues
  queue_url = aws_sqs_queue.this[each.key].id
  policy    = data.aws_iam_policy_document.queue[each.key].json
}

resource "aws_sns_topic_subscription" "this" {
  for_each = local.subscriptions

  topic_arn            = aws_sns_topic.this[each.value.topic].arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.this[each.value.queue].arn
  raw_message_delivery = true
  filter_policy        = each.value.filter == null ? null : jsonencode(each.value.filter)
  filter_policy_scope  = each.value.filter == null ? null : "MessageBody"
}
