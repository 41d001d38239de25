data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  account_id = data.aws_caller_identity.current.account_id

  create_kms_key = var.kms_key_arn == null
  kms_key_arn    = local.create_kms_key ? aws_kms_key.eks[0].arn : var.kms_key_arn

  oidc_issuer   = aws_eks_cluster.this.identity[0].oidc[0].issuer
  oidc_provider = replace(local.oidc_issuer, "https://", "")

  node_group_defaults = {
    labels = {
      "topology.kubernetes.io/cluster" = var.cluster_name
    }
  }

  # Normalise desired_size so that an unset value lands on min_size.
  node_groups = {
    for name, ng in var.node_groups : name => merge(ng, {
      desired_size = coalesce(ng.desired_size, ng.min_size)
      labels       = merge(local.node_group_defaults.labels, ng.labels)
      subnet_ids   = coalesce(ng.subnet_ids, var.subnet_ids)
    })
  }

  tags = merge(var.tags, {
    "eks:cluster" = var.cluster_name
  })
}
