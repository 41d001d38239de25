output "vpc_id" {
  description = "ID of the VPC"
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  value = aws_vpc.this.cidr_block
}

output "azs" {
  value = local.azs
}

output "subnet_ids_by_tier" {
  description = "Map of tier name => list of subnet IDs (ordered by AZ)"
  value = {
    for tier, keys in local.subnets_by_tier : tier => [for k in keys : aws_subnet.this[k].id]
  }
}

output "public_subnet_ids" {
  value = [for k, s in local.public_subnets : aws_subnet.this[k].id]
}

output "private_subnet_ids" {
  value = [for k, s in local.private_subnets : aws_subnet.this[k].id if s.nat]
}

output "database_subnet_ids" {
  value = try([for k in local.subnets_by_tier["database"] : aws_subnet.this[k].id], [])
}

output "nat_public_ips" {
  value = values(aws_eip.nat)[*].public_ip
}

output "private_route_table_ids" {
  value = { for az, rt in aws_route_table.private : az => rt.id }
}

output "flow_log_group_name" {
  value = one(aws_cloudwatch_log_group.flow_logs[*].name)
}

output "endpoint_security_group_id" {
  value = try(aws_security_group.endpoints[0].id, null)
}
