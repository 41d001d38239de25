output "vpc_id" {
  value = module.vpc.vpc_id
}

output "private_subnet_ids" {
  value = module.vpc.private_subnet_ids
}

output "eks_cluster_name" {
  value = module.eks.cluster_name
}

output "eks_irsa_roles" {
  value = module.eks.irsa_role_arns
}

output "alb_dns_name" {
  value = module.alb.dns_name
}

output "service_task_roles" {
  value = { for k, m in module.services : k => m.task_role_arn }
}

output "database_endpoint" {
  value = aws_db_instance.dev.address
}

output "redis_auth_token" {
  value     = module.redis.auth_token
  sensitive = true
}

output "queue_urls" {
  value = module.messaging.queue_urls
}

output "name_servers" {
  description = "Delegate dev.acme.example to these name servers."
  value       = module.dns.name_servers
}
