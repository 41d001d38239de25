output "network_id" { value = google_compute_network.this.id }
output "network_self_link" { value = google_compute_network.this.self_link }
output "network_name" { value = google_compute_network.this.name }

output "subnets" {
  value = {
    for k, s in google_compute_subnetwork.this : k => {
      id               = s.id
      self_link        = s.self_link
      region           = s.region
      cidr             = s.ip_cidr_range
      secondary_ranges = { for r in s.secondary_ip_range : r.range_name => r.ip_cidr_range }
    }
  }
}

output "private_services_connection" {
  value = google_service_networking_connection.private_services.peering
}
