/*
  Security groups for the three-tier application plus a set of
  "generic" groups built from var.security_groups.

  Three rule styles are used on purpose:
    1. inline ingress/egress blocks               (web tier)
    2. aws_security_group_rule                    (app tier)
    3. aws_vpc_security_group_ingress_rule (v5)   (data tier)
*/

#### 1. web tier — inline rules ####

resource "aws_security_group" "web" {
  name        = "web-tier"
  description = "Public web tier"
  vpc_id      = var.vpc_id

  ingress {
    description      = "HTTPS from the internet"
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description = "HTTP (redirects only)"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "SSH from office"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.office_cidrs
  }

  egress {
    description = "to app tier"
    from_port   = min(var.app_ports...)
    to_port     = max(var.app_ports...)
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  tags = merge(var.tags, { Name = "web-tier", Tier = "web" })
}

#### 2. app tier — standalone rules ####

resource "aws_security_group" "app" {
  name_prefix = "app-tier-"
  description = "Application tier"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "app-tier", Tier = "app" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group_rule" "app_from_web" {
  count = length(var.app_ports)

  type                     = "ingress"
  description              = "app port ${var.app_ports[count.index]} from web"
  from_port                = var.app_ports[count.index]
  to_port                  = var.app_ports[count.index]
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.web.id
  security_group_id        = aws_security_group.app.id
}

resource "aws_security_group_rule" "app_egress_https" {
  type              = "egress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.app.id
  description       = "Outbound HTTPS for third-party APIs"
}

resource "aws_security_group_rule" "app_egress_db" {
  type                     = "egress"
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.data.id
  security_group_id        = aws_security_group.app.id
}

#### 3. data tier — VPC security group rule resources ####

resource "aws_security_group" "data" {
  name        = "data-tier"
  description = "Databases and caches"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "data-tier", Tier = "data" })
}

resource "aws_vpc_security_group_ingress_rule" "data_from_app" {
  for_each = {
    postgres = 5432
    redis    = 6379
    mysql    = 3306
  }

  security_group_id            = aws_security_group.data.id
  referenced_security_group_id = aws_security_group.app.id
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
  description                  = "${each.key} from app tier"

  tags = { Name = "data-${each.key}" }
}

resource "aws_vpc_security_group_egress_rule" "data_none" {
  security_group_id = aws_security_group.data.id
  cidr_ipv4         = var.vpc_cidr
  ip_protocol       = "-1"
  description       = "Intra-VPC only"
}

#### Generic groups ####

locals {
  generic_rules = flatten([
    for sg_name, sg in var.security_groups : [
      for idx, rule in sg.ingress : {
        key         = "${sg_name}-${idx}"
        sg          = sg_name
        from_port   = rule.from_port
        to_port     = coalesce(rule.to_port, rule.from_port)
        protocol    = rule.protocol
        cidr_blocks = rule.cidr_blocks
        ipv6        = rule.ipv6
        sg_refs     = rule.sg_refs
        self        = rule.self
        description = rule.description != "" ? rule.description : "${rule.protocol}/${rule.from_port}"
      }
    ]
  ])
}

resource "aws_security_group" "generic" {
  for_each = var.security_groups

  name        = each.key
  description = each.value.description
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = each.key })

  dynamic "egress" {
    for_each = each.value.egress_all ? [1] : []
    content {
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

resource "aws_security_group_rule" "generic" {
  for_each = { for r in local.generic_rules : r.key => r }

  type                     = "ingress"
  security_group_id        = aws_security_group.generic[each.value.sg].id
  from_port                = each.value.from_port
  to_port                  = each.value.to_port
  protocol                 = each.value.protocol
  cidr_blocks              = length(each.value.cidr_blocks) > 0 ? each.value.cidr_blocks : null
  ipv6_cidr_blocks         = length(each.value.ipv6) > 0 ? each.value.ipv6 : null
  source_security_group_id = length(each.value.sg_refs) > 0 ? each.value.sg_refs[0] : null
  self                     = each.value.self ? true : null
  description              = each.value.description
}
