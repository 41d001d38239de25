output "ci_deploy_role_arn" {
  value = aws_iam_role.ci_deploy.arn
}

output "auditor_role_arn" {
  value = aws_iam_role.auditor.arn
}

output "boundary_policy_arn" {
  value = aws_iam_policy.boundary.arn
}

output "break_glass_access_keys" {
  value = {
    for u, k in aws_iam_access_key.break_glass : u => {
      id     = k.id
      secret = k.secret
    }
  }
  sensitive = true
}
