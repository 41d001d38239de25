output "gke_cluster_id" {
  value = module.gke.cluster_id
}

output "sql_connection_names" {
  value = module.sql.connection_names
}

output "bucket_names" {
  value = module.buckets.bucket_names
}

output "service_accounts" {
  value = module.iam.service_account_emails
}
