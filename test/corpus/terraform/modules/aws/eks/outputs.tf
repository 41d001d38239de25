output "cluster_name" { value = aws_eks_cluster.this.name }
output "cluster_arn" { value = aws_eks_cluster.this.arn }

output "cluster_endpoint" {
  value = aws_eks_cluster.this.endpoint
}

output "cluster_certificate_authority_data" {
  value     = aws_eks_cluster.this.certificate_authority[0].data
  sensitive = true
}

output "oidc_provider_arn" {
  value = aws_iam_openid_connect_provider.this.arn
}

output "node_security_group_id" {
  value = aws_security_group.node.id
}

output "irsa_role_arns" {
  value = { for k, r in aws_iam_role.irsa : k => r.arn }
}

output "node_groups" {
  value = {
    for k, ng in aws_eks_node_group.this : k => {
      arn    = ng.arn
      status = ng.status
      asgs   = flatten(ng.resources[*].autoscaling_groups[*].name)
    }
  }
}

output "kubeconfig" {
  sensitive = true
  value     = <<-KUBECONFIG
    apiVersion: v1
    kind: Config
    clusters:
      - name: ${aws_eks_cluster.this.name}
        cluster:
          server: ${aws_eks_cluster.this.endpoint}
          certificate-authority-data: ${aws_eks_cluster.this.certificate_authority[0].data}
    contexts:
      - name: ${aws_eks_cluster.this.name}
        context:
          cluster: ${aws_eks_cluster.this.name}
          user: ${aws_eks_cluster.this.name}
    current-context: ${aws_eks_cluster.this.name}
    users:
      - name: ${aws_eks_cluster.this.name}
        user:
          exec:
            apiVersion: client.authentication.k8s.io/v1beta1
            command: aws
            args: ["eks", "get-token", "--cluster-name", "${aws_eks_cluster.this.name}"]
  KUBECONFIG
}
