output "cluster_id" { value = google_container_cluster.this.id }
output "endpoint" {
  value     = google_container_cluster.this.endpoint
  sensitive = true
}
output "ca_certificate" {
  value     = google_container_cluster.this.master_auth[0].cluster_ca_certificate
  sensitive = true
}
output "node_service_account" { value = google_service_account.nodes.email }
