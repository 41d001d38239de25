output "resource_groups" {
  value = module.landing_zone.resource_group_names
}

output "aks_oidc_issuer" {
  value = module.aks.oidc_issuer_url
}

output "key_vault_uri" {
  value = module.key_vault.vault_uri
}

output "sql_fqdn" {
  value = module.sql.server_fqdn
}

output "app_hostnames" {
  value = module.apps.app_hostnames
}

output "log_analytics_workspace_id" {
  value = module.monitoring.workspace_id
}
