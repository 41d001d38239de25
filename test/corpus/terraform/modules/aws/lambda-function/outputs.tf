output "function_arn" {
  value = aws_lambda_function.this.arn
}

output "function_name" {
  value = aws_lambda_function.this.function_name
}

output "alias_arn" {
  value = aws_lambda_alias.live.arn
}

output "invoke_arn" {
  value = aws_lambda_alias.live.invoke_arn
}

output "role_arn" {
  value = aws_iam_role.this.arn
}

output "function_url" {
  value = try(aws_lambda_function_url.this[0].function_url, null)
}
