data "aws_iam_policy_document" "cluster_assume" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "Service"
      identifiers = ["eks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name               = "${var.cluster_name}-cluster"
  assume_role_policy = data.aws_iam_policy_document.cluster_assume.json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "cluster" {
  for_each = toset([
    "AmazonEKSClusterPolicy",
    "AmazonEKSVPCResourceController",
  ])

  role       = aws_iam_role.cluster.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/${each.value}"
}

resource "aws_iam_role" "node" {
  name = "${var.cluster_name}-node"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })

  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = {
    worker = "arn:${local.partition}:iam::aws:policy/AmazonEKSWorkerNodePolicy"
    cni    = "arn:${local.partition}:iam::aws:policy/AmazonEKS_CNI_Policy"
    ecr    = "arn:${local.partition}:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
    ssm    = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
  }

  role       = aws_iam_role.node.name
  policy_arn = each.value
}
