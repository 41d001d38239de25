data "archive_file" "slack_notifier" {
  type        = "zip"
  output_path = "${path.module}/.build/slack_notifier.zip"

  source {
    filename = "index.py"
    content  = <<-PY
      import json, os, urllib.request

      WEBHOOK = os.environ["SLACK_WEBHOOK_URL"]

      def handler(event, context):
          for record in event.get("Records", []):
              msg = json.loads(record["Sns"]["Message"])
              text = f":rotating_light: *{msg.get('AlarmName')}* -> {msg.get('NewStateValue')}\n{msg.get('AlarmDescription', '')}"
              req = urllib.request.Request(WEBHOOK, data=json.dumps({"text": text}).encode(), headers={"Content-Type": "application/json"})
              urllib.request.urlopen(req, timeout=5)
          return {"ok": True}
    PY
  }
}

resource "aws_lambda_function" "slack_notifier" {
  count = var.slack_webhook_url != "" ? 1 : 0

  function_name    = "security-alarms-to-slack"
  role             = aws_iam_role.slack_notifier[0].arn
  runtime          = "python3.12"
  handler          = "index.handler"
  filename         = data.archive_file.slack_notifier.output_path
  source_code_hash = data.archive_file.slack_notifier.output_base64sha256
  timeout          = 10
  kms_key_arn      = var.kms_key_arn

  environment {
    variables = {
      SLACK_WEBHOOK_URL = var.slack_webhook_url
    }
  }

  tracing_config {
    mode = "Active"
  }
}

resource "aws_iam_role" "slack_notifier" {
  count = var.slack_webhook_url != "" ? 1 : 0
  name  = "security-alarms-slack"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
}

resource "aws_lambda_permission" "sns" {
  count         = var.slack_webhook_url != "" ? 1 : 0
  statement_id  = "AllowSNS"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.slack_notifier[0].function_name
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.alarms.arn
}

resource "aws_sns_topic_subscription" "slack" {
  count     = var.slack_webhook_url != "" ? 1 : 0
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.slack_notifier[0].arn
}
