resource "aws_ec2_transit_gateway" "this" {
  description                     = "${var.name} transit gateway"
  amazon_side_asn                 = var.amazon_side_asn
  auto_accept_shared_attachments  = "disable"
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  dns_support                     = "enable"
  vpn_ecmp_support                = "enable"
  transit_gateway_cidr_blocks     = ["100.64.0.0/24"]

  tags = merge(var.tags, { Name = var.name })
}

resource "aws_ec2_transit_gateway_route_table" "this" {
  for_each           = toset(["prod", "nonprod", "shared", "inspection"])
  transit_gateway_id = aws_ec2_transit_gateway.this.id
  tags               = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

resource "aws_ec2_transit_gateway_vpc_attachment" "this" {
  for_each = var.vpc_attachments

  transit_gateway_id                              = aws_ec2_transit_gateway.this.id
  vpc_id                                          = each.value.vpc_id
  subnet_ids                                      = each.value.subnet_ids
  appliance_mode_support                          = each.value.appliance_mode ? "enable" : "disable"
  transit_gateway_default_route_table_association = false
  transit_gateway_default_route_table_propagation = false

  tags = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

resource "aws_ec2_transit_gateway_route_table_association" "this" {
  for_each = var.vpc_attachments

  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this[each.key].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.this[each.value.route_table].id
}

# prod and nonprod may only reach shared services; shared reaches everyone.
locals {
  propagations = merge(
    { for k, a in var.vpc_attachments : "shared<-${k}" => { rt = "shared", att = k } },
    { for k, a in var.vpc_attachments : "prod<-${k}" => { rt = "prod", att = k } if a.route_table == "shared" },
    { for k, a in var.vpc_attachments : "nonprod<-${k}" => { rt = "nonprod", att = k } if a.route_table == "shared" },
  )
}

resource "aws_ec2_transit_gateway_route_table_propagation" "this" {
  for_each = local.propagations

  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.this[each.value.att].id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.this[each.value.rt].id
}

resource "aws_ec2_transit_gateway_route" "blackhole_rfc1918" {
  for_each = {
    for pair in setproduct(["prod", "nonprod"], ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]) :
    "${pair[0]}:${pair[1]}" => { rt = pair[0], cidr = pair[1] }
  }

  destination_cidr_block         = each.value.cidr
  blackhole                      = true
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.this[each.value.rt].id
}

# ------------------------------------------------------------------
# Site-to-site VPN
# ------------------------------------------------------------------

resource "aws_customer_gateway" "this" {
  for_each   = var.vpn_connections
  bgp_asn    = each.value.bgp_asn
  ip_address = each.value.customer_ip
  type       = "ipsec.1"
  tags       = merge(var.tags, { Name = each.key })
}

resource "aws_cloudwatch_log_group" "vpn" {
  for_each          = var.vpn_connections
  name              = "/aws/vpn/${each.key}"
  retention_in_days = 90
}

resource "aws_vpn_connection" "this" {
  for_each = var.vpn_connections

  customer_gateway_id = aws_customer_gateway.this[each.key].id
  transit_gateway_id  = aws_ec2_transit_gateway.this.id
  type                = "ipsec.1"
  static_routes_only  = length(each.value.static_routes) > 0

  tunnel1_preshared_key = each.value.tunnel1_psk
  tunnel2_preshared_key = each.value.tunnel2_psk

  tunnel1_ike_versions                 = ["ikev2"]
  tunnel2_ike_versions                 = ["ikev2"]
  tunnel1_phase1_encryption_algorithms = ["AES256-GCM-16"]
  tunnel2_phase1_encryption_algorithms = ["AES256-GCM-16"]
  tunnel1_phase2_encryption_algorithms = ["AES256-GCM-16"]
  tunnel2_phase2_encryption_algorithms = ["AES256-GCM-16"]
  tunnel1_phase1_integrity_algorithms  = ["SHA2-384"]
  tunnel2_phase1_integrity_algorithms  = ["SHA2-384"]
  tunnel1_phase1_dh_group_numbers      = [20]
  tunnel2_phase1_dh_group_numbers      = [20]

  tunnel1_log_options {
    cloudwatch_log_options {
      log_enabled       = true
      log_group_arn     = aws_cloudwatch_log_group.vpn[each.key].arn
      log_output_format = "json"
    }
  }

  tunnel2_log_options {
    cloudwatch_log_options {
      log_enabled       = true
      log_group_arn     = aws_cloudwatch_log_group.vpn[each.key].arn
      log_output_format = "json"
    }
  }

  tags = merge(var.tags, { Name = each.key })
}

# ------------------------------------------------------------------
# Network Firewall in the inspection VPC
# ------------------------------------------------------------------

resource "aws_networkfirewall_rule_group" "domains" {
  count    = var.inspection_vpc == null ? 0 : 1
  capacity = 100
  name     = "${var.name}-egress-domains"
  type     = "STATEFUL"

  rule_group {
    rules_source {
      rules_source_list {
        generated_rules_type = "ALLOWLIST"
        target_types         = ["TLS_SNI", "HTTP_HOST"]
        targets = [
          ".amazonaws.com",
          ".github.com",
          ".githubusercontent.com",
          "registry.terraform.io",
          "releases.hashicorp.com",
          ".docker.io",
          ".ubuntu.com",
        ]
      }
    }
  }
}

resource "aws_networkfirewall_rule_group" "suricata" {
  count    = var.inspection_vpc == null ? 0 : 1
  capacity = 50
  name     = "${var.name}-suricata"
  type     = "STATEFUL"

  rules = <<-RULES
    drop tcp any any -> any 22 (msg:"Block outbound SSH"; sid:1000001; rev:1;)
    drop tcp any any -> any 3389 (msg:"Block outbound RDP"; sid:1000002; rev:1;)
    alert tls any any -> any any (tls.sni; content:"pastebin.com"; nocase; msg:"Pastebin access"; sid:1000003; rev:1;)
  RULES
}

resource "aws_networkfirewall_firewall_policy" "this" {
  count = var.inspection_vpc == null ? 0 : 1
  name  = "${var.name}-policy"

  firewall_policy {
    stateless_default_actions          = ["aws:forward_to_sfe"]
    stateless_fragment_default_actions = ["aws:forward_to_sfe"]
    stateful_default_actions           = ["aws:drop_established", "aws:alert_established"]

    stateful_engine_options {
      rule_order = "STRICT_ORDER"
    }

    stateful_rule_group_reference {
      priority     = 10
      resource_arn = aws_networkfirewall_rule_group.suricata[0].arn
    }

    stateful_rule_group_reference {
      priority     = 20
      resource_arn = aws_networkfirewall_rule_group.domains[0].arn
    }
  }
}

resource "aws_networkfirewall_firewall" "this" {
  count = var.inspection_vpc == null ? 0 : 1

  name                = "${var.name}-inspection"
  firewall_policy_arn = aws_networkfirewall_firewall_policy.this[0].arn
  vpc_id              = var.inspection_vpc.vpc_id
  delete_protection   = true

  dynamic "subnet_mapping" {
    for_each = var.inspection_vpc.firewall_subnets
    content {
      subnet_id = subnet_mapping.value
    }
  }

  encryption_configuration {
    type = "AWS_OWNED_KMS_KEY"
  }
}

resource "aws_cloudwatch_log_group" "firewall" {
  for_each          = var.inspection_vpc == null ? toset([]) : toset(["alert", "flow"])
  name              = "/aws/network-firewall/${var.name}/${each.key}"
  retention_in_days = 365
}

resource "aws_networkfirewall_logging_configuration" "this" {
  count        = var.inspection_vpc == null ? 0 : 1
  firewall_arn = aws_networkfirewall_firewall.this[0].arn

  logging_configuration {
    dynamic "log_destination_config" {
      for_each = aws_cloudwatch_log_group.firewall
      content {
        log_destination = {
          logGroup = log_destination_config.value.name
        }
        log_destination_type = "CloudWatchLogs"
        log_type             = upper(log_destination_config.key)
      }
    }
  }
}
