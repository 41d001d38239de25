# OIDC provider + IAM roles for service accounts (IRSA)

data "tls_certificate" "oidc" {
  url = local.oidc_issuer
}

resource "aws_iam_openid_connect_provider" "this" {
  url             = local.oidc_issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.oidc.certificates[0].sha1_fingerprint]
  tags            = local.tags
}

data "aws_iam_policy_document" "irsa_assume" {
  for_each = var.irsa_roles

  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.this.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_provider}:sub"
      values   = ["system:serviceaccount:${each.value.namespace}:${each.value.service_account}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_provider}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "irsa" {
  for_each = var.irsa_roles

  name                 = "${var.cluster_name}-${each.key}"
  assume_role_policy   = data.aws_iam_policy_document.irsa_assume[each.key].json
  max_session_duration = 3600
  tags                 = merge(local.tags, { "eks:service-account" = "${each.value.namespace}/${each.value.service_account}" })
}

resource "aws_iam_role_policy_attachment" "irsa" {
  for_each = merge([
    for role, cfg in var.irsa_roles : {
      for arn in cfg.policy_arns : "${role}|${arn}" => { role = role, arn = arn }
    }
  ]...)

  role       = aws_iam_role.irsa[each.value.role].name
  policy_arn = each.value.arn
}

resource "aws_iam_role_policy" "irsa_inline" {
  for_each = { for k, v in var.irsa_roles : k => v if v.inline_policy != null }

  name   = "inline"
  role   = aws_iam_role.irsa[each.key].id
  policy = each.value.inline_policy
}
