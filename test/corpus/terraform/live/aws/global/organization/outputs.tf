output "organization_id" {
  value = module.organization.organization_id
}

output "account_ids" {
  value = module.organization.account_ids
}

output "org_trail_bucket" {
  value = module.org_trail.bucket_name
}

output "ci_deploy_role_arn" {
  value = module.iam_baseline.ci_deploy_role_arn
}

output "break_glass_keys" {
  value     = module.iam_baseline.break_glass_access_keys
  sensitive = true
}
