output "transit_gateway_id" {
  value = aws_ec2_transit_gateway.this.id
}

output "route_table_ids" {
  value = { for k, rt in aws_ec2_transit_gateway_route_table.this : k => rt.id }
}

output "vpn_tunnel_addresses" {
  value = {
    for k, v in aws_vpn_connection.this : k => [v.tunnel1_address, v.tunnel2_address]
  }
}

output "firewall_endpoint_ids" {
  value = try({
    for s in aws_networkfirewall_firewall.this[0].firewall_status[0].sync_states : s.availability_zone => s.attachment[0].endpoint_id
  }, {})
}
