output "organization_id" {
  value = aws_organizations_organization.this.id
}

output "ou_ids" {
  value = local.ou_ids
}

output "account_ids" {
  value = merge(
    { for k, a in aws_organizations_account.this : k => a.id },
    {
      security    = aws_organizations_account.security.id
      log_archive = aws_organizations_account.log_archive.id
    },
  )
}
