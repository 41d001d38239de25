terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

data "aws_ssoadmin_instances" "this" {}

locals {
  instance_arn      = tolist(data.aws_ssoadmin_instances.this.arns)[0]
  identity_store_id = tolist(data.aws_ssoadmin_instances.this.identity_store_ids)[0]

  # permission set => account => groups
  assignments = flatten([
    for ps_name, ps in var.permission_sets : [
      for account_id, groups in ps.assignments : [
        for g in groups : {
          key        = "${ps_name}/${account_id}/${g}"
          ps         = ps_name
          account_id = account_id
          group      = g
        }
      ]
    ]
  ])

  all_groups = toset(flatten([for ps in var.permission_sets : flatten(values(ps.assignments))]))
}

variable "permission_sets" {
  type = map(object({
    description      = string
    session_duration = optional(string, "PT4H")
    managed_policies = optional(list(string), [])
    inline_policy    = optional(string)
    boundary_policy  = optional(string)
    relay_state      = optional(string)
    assignments      = map(list(string)) # account id => group display names
  }))
}

data "aws_identitystore_group" "this" {
  for_each          = local.all_groups
  identity_store_id = local.identity_store_id

  alternate_identifier {
    unique_attribute {
      attribute_path  = "DisplayName"
      attribute_value = each.value
    }
  }
}

resource "aws_ssoadmin_permission_set" "this" {
  for_each = var.permission_sets

  name             = each.key
  description      = each.value.description
  instance_arn     = local.instance_arn
  session_duration = each.value.session_duration
  relay_state      = each.value.relay_state
}

resource "aws_ssoadmin_managed_policy_attachment" "this" {
  for_each = {
    for pair in flatten([
      for ps, cfg in var.permission_sets : [for p in cfg.managed_policies : { ps = ps, policy = p }]
    ]) : "${pair.ps}|${pair.policy}" => pair
  }

  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.this[each.value.ps].arn
  managed_policy_arn = each.value.policy
}

resource "aws_ssoadmin_permission_set_inline_policy" "this" {
  for_each = { for k, v in var.permission_sets : k => v if v.inline_policy != null }

  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.this[each.key].arn
  inline_policy      = each.value.inline_policy
}

resource "aws_ssoadmin_permissions_boundary_attachment" "this" {
  for_each = { for k, v in var.permission_sets : k => v if v.boundary_policy != null }

  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.this[each.key].arn

  permissions_boundary {
    customer_managed_policy_reference {
      name = each.value.boundary_policy
      path = "/"
    }
  }
}

resource "aws_ssoadmin_account_assignment" "this" {
  for_each = { for a in local.assignments : a.key => a }

  instance_arn       = local.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.this[each.value.ps].arn
  principal_id       = data.aws_identitystore_group.this[each.value.group].group_id
  principal_type     = "GROUP"
  target_id          = each.value.account_id
  target_type        = "AWS_ACCOUNT"
}

output "permission_set_arns" {
  value = { for k, v in aws_ssoadmin_permission_set.this : k => v.arn }
}
