resource "aws_iam_policy" "ci_deployer" {
  name = "${local.name_prefix}-ci-deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

data "aws_iam_policy_document" "reporting" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.invoices.arn, "${aws_s3_bucket.invoices.arn}/*"]
  }
}

resource "aws_iam_policy" "reporting" {
  name   = "${local.name_prefix}-reporting"
  policy = data.aws_iam_policy_document.reporting.json
}
