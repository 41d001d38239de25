resource "aws_organizations_organization" "this" {
  feature_set = "ALL"

  aws_service_access_principals = [
    "cloudtrail.amazonaws.com",
    "config.amazonaws.com",
    "guardduty.amazonaws.com",
    "securityhub.amazonaws.com",
    "sso.amazonaws.com",
    "access-analyzer.amazonaws.com",
    "backup.amazonaws.com",
    "inspector2.amazonaws.com",
    "member.org.stacksets.cloudformation.amazonaws.com",
  ]

  enabled_policy_types = [
    "SERVICE_CONTROL_POLICY",
    "TAG_POLICY",
    "BACKUP_POLICY",
  ]

  lifecycle {
    prevent_destroy = true
  }
}

locals {
  root_id = aws_organizations_organization.this.roots[0].id

  top_level_ous    = { for k, ou in var.organizational_units : k => ou if ou.parent == null }
  second_level_ous = { for k, ou in var.organizational_units : k => ou if ou.parent != null }

  ou_ids = merge(
    { for k, ou in aws_organizations_organizational_unit.level1 : k => ou.id },
    { for k, ou in aws_organizations_organizational_unit.level2 : k => ou.id },
  )

  accounts = merge([
    for ou_key, ou in var.organizational_units : {
      for name, acct in ou.accounts : name => merge(acct, { ou = ou_key })
    }
  ]...)

  scp_attachments = merge([
    for ou_key, ou in var.organizational_units : {
      for scp in ou.scps : "${ou_key}/${scp}" => { ou = ou_key, scp = scp }
    }
  ]...)
}

resource "aws_organizations_organizational_unit" "level1" {
  for_each  = local.top_level_ous
  name      = title(each.key)
  parent_id = local.root_id
}

resource "aws_organizations_organizational_unit" "level2" {
  for_each  = local.second_level_ous
  name      = title(each.key)
  parent_id = aws_organizations_organizational_unit.level1[each.value.parent].id
}

resource "aws_organizations_account" "this" {
  for_each = local.accounts

  name                       = each.key
  email                      = each.value.email
  role_name                  = each.value.role_name
  parent_id                  = local.ou_ids[each.value.ou]
  iam_user_access_to_billing = "DENY"
  close_on_deletion          = false
  tags                       = merge(each.value.tags, { OU = each.value.ou })

  lifecycle {
    ignore_changes  = [role_name, iam_user_access_to_billing]
    prevent_destroy = true
  }
}

resource "aws_organizations_account" "security" {
  name      = "security-tooling"
  email     = var.security_account_email
  parent_id = local.ou_ids["security"]
}

resource "aws_organizations_account" "log_archive" {
  name      = "log-archive"
  email     = var.log_archive_account_email
  parent_id = local.ou_ids["security"]
}

resource "aws_organizations_delegated_administrator" "this" {
  for_each = toset([
    "guardduty.amazonaws.com",
    "securityhub.amazonaws.com",
    "config.amazonaws.com",
    "access-analyzer.amazonaws.com",
    "inspector2.amazonaws.com",
  ])

  account_id        = aws_organizations_account.security.id
  service_principal = each.value
}
