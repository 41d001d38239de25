data "aws_caller_identity" "this" {}
data "aws_region" "this" {}

locals {
  root_arn = "arn:aws:iam::${data.aws_caller_identity.this.account_id}:root"
}

data "aws_iam_policy_document" "key" {
  for_each = var.keys

  # Without this statement the key becomes unmanageable.
  statement {
    sid       = "EnableRootAccount"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [local.root_arn]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.admin_arns) > 0 ? [1] : []
    content {
      sid = "KeyAdministrators"
      actions = [
        "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
        "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
        "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
      ]
      resources = ["*"]
      principals {
        type        = "AWS"
        identifiers = each.value.admin_arns
      }
    }
  }

  dynamic "statement" {
    for_each = length(each.value.user_arns) > 0 ? [1] : []
    content {
      sid       = "KeyUsers"
      actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
      resources = ["*"]
      principals {
        type        = "AWS"
        identifiers = each.value.user_arns
      }
      dynamic "condition" {
        for_each = length(each.value.grant_via_services) > 0 ? [1] : []
        content {
          test     = "StringEquals"
          variable = "kms:ViaService"
          values   = [for s in each.value.grant_via_services : "${s}.${data.aws_region.this.name}.amazonaws.com"]
        }
      }
    }
  }

  dynamic "statement" {
    for_each = each.value.service_principals
    iterator = svc
    content {
      sid       = "Service${title(replace(split(".", svc.value)[0], "-", ""))}"
      actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
      resources = ["*"]
      principals {
        type        = "Service"
        identifiers = [svc.value]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [data.aws_caller_identity.this.account_id]
      }
    }
  }
}

resource "aws_kms_key" "this" {
  for_each = var.keys

  description              = each.value.description
  key_usage                = each.value.usage
  customer_master_key_spec = each.value.spec
  enable_key_rotation      = each.value.spec == "SYMMETRIC_DEFAULT" ? each.value.rotation : false
  rotation_period_in_days  = each.value.spec == "SYMMETRIC_DEFAULT" && each.value.rotation ? each.value.rotation_period_in_days : null
  deletion_window_in_days  = each.value.deletion_window
  multi_region             = each.value.multi_region
  policy                   = data.aws_iam_policy_document.key[each.key].json

  tags = merge(var.tags, { Name = each.key })
}

resource "aws_kms_alias" "this" {
  for_each      = var.keys
  name          = "${var.alias_prefix}/${each.key}"
  target_key_id = aws_kms_key.this[each.key].key_id
}

# Hand-rolled keys from the early days. Rotation was never enabled on these.
resource "aws_kms_key" "legacy_app" {
  description         = "legacy app secrets"
  enable_key_rotation = false
  is_enabled          = true
}

resource "aws_kms_key" "legacy_backup" {
  description             = "legacy backup key"
  deletion_window_in_days = 7
  # enable_key_rotation omitted -> defaults to false
}

resource "aws_kms_key" "signing" {
  description              = "JWT signing key (asymmetric, rotation not supported)"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
  deletion_window_in_days  = 30
}
