output "cluster_id" {
  value = try(aws_rds_cluster.this[0].id, null)
}

output "cluster_arn" {
  value = try(aws_rds_cluster.this[0].arn, null)
}

output "writer_endpoint" {
  value = try(aws_rds_cluster.this[0].endpoint, null)
}

output "reader_endpoint" {
  value = try(aws_rds_cluster.this[0].reader_endpoint, null)
}

output "port" {
  value = local.port
}

output "security_group_id" {
  value = one(aws_security_group.this[*].id)
}

output "master_user_secret_arn" {
  value = try(aws_rds_cluster.this[0].master_user_secret[0].secret_arn, null)
}

output "master_password" {
  value     = try(random_password.master[0].result, null)
  sensitive = true
}

output "instance_endpoints" {
  value = { for k, i in aws_rds_cluster_instance.this : k => i.endpoint }
}
