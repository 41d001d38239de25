terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "name" { type = string }
variable "vpc_id" { type = string }
variable "subnet_ids" { type = list(string) }

variable "listeners" {
  description = "port => backend settings"
  type = map(object({
    protocol        = string # TCP | TLS | UDP | TCP_UDP
    backend_port    = number
    certificate_arn = optional(string)
    targets         = optional(list(string), [])
  }))
}

variable "internal" {
  type    = bool
  default = true
}

variable "tls_policy" {
  type    = string
  default = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  # Flatten listener => target list into one map for attachments
  attachments = merge([
    for port, l in var.listeners : {
      for idx, t in l.targets : "${port}/${idx}" => { port = port, target = t, backend_port = l.backend_port }
    }
  ]...)
}

resource "aws_eip" "nlb" {
  count  = var.internal ? 0 : length(var.subnet_ids)
  domain = "vpc"
  tags   = merge(var.tags, { Name = "${var.name}-${count.index}" })
}

resource "aws_lb" "this" {
  name                             = var.name
  load_balancer_type               = "network"
  internal                         = var.internal
  enable_cross_zone_load_balancing = true
  enable_deletion_protection       = true

  dynamic "subnet_mapping" {
    for_each = var.subnet_ids
    content {
      subnet_id     = subnet_mapping.value
      allocation_id = var.internal ? null : aws_eip.nlb[subnet_mapping.key].id
    }
  }

  tags = var.tags
}

resource "aws_lb_target_group" "this" {
  for_each = var.listeners

  name               = "${var.name}-${each.key}"
  port               = each.value.backend_port
  protocol           = each.value.protocol == "TLS" ? "TCP" : each.value.protocol
  vpc_id             = var.vpc_id
  target_type        = "ip"
  preserve_client_ip = true
  proxy_protocol_v2  = false

  health_check {
    protocol            = "TCP"
    interval            = 10
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_listener" "this" {
  for_each = var.listeners

  load_balancer_arn = aws_lb.this.arn
  port              = tonumber(each.key)
  protocol          = each.value.protocol
  ssl_policy        = each.value.protocol == "TLS" ? var.tls_policy : null
  certificate_arn   = each.value.protocol == "TLS" ? each.value.certificate_arn : null
  alpn_policy       = each.value.protocol == "TLS" ? "HTTP2Preferred" : null

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[each.key].arn
  }
}

resource "aws_lb_target_group_attachment" "this" {
  for_each = local.attachments

  target_group_arn = aws_lb_target_group.this[each.value.port].arn
  target_id        = each.value.target
  port             = each.value.backend_port
}

output "dns_name" {
  value = aws_lb.this.dns_name
}

output "public_ips" {
  value = aws_eip.nlb[*].public_ip
}

output "listener_arns" {
  value = { for p, l in aws_lb_listener.this : p => l.arn }
}
