/*
 * VPC with tiered subnets spread across AZs.
 *
 * Tier subnets are created with for_each over a flattened map so that the
 * address plan is stable; route tables are per-AZ for private tiers so that
 * a NAT outage in one AZ does not black-hole the others.
 */

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_hostnames = var.enable_dns_hostnames
  enable_dns_support   = var.enable_dns_support
  instance_tenancy     = "default"

  tags = merge(local.common_tags, { Name = var.name })
}

resource "aws_internet_gateway" "this" {
  count  = length(local.public_subnets) > 0 ? 1 : 0
  vpc_id = aws_vpc.this.id

  tags = merge(local.common_tags, { Name = "${var.name}-igw" })
}

resource "aws_subnet" "this" {
  for_each = local.subnets

  vpc_id                  = aws_vpc.this.id
  cidr_block              = each.value.cidr
  availability_zone       = each.value.az
  map_public_ip_on_launch = each.value.mapip

  tags = merge(
    local.common_tags,
    each.value.tags,
    {
      Name = format("%s-%s-%s", var.name, each.value.tier, substr(each.value.az, -2, 2))
      Tier = each.value.tier
    },
    each.value.public ? { "kubernetes.io/role/elb" = "1" } : { "kubernetes.io/role/internal-elb" = "1" },
  )
}

################################################################################
# NAT
################################################################################

resource "aws_eip" "nat" {
  for_each = toset(local.nat_azs)
  domain   = "vpc"

  tags = merge(local.common_tags, { Name = "${var.name}-nat-${each.key}" })

  depends_on = [aws_internet_gateway.this]
}

resource "aws_nat_gateway" "this" {
  for_each = toset(local.nat_azs)

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.this[local.nat_subnet_for_az[each.key]].id

  tags = merge(local.common_tags, { Name = "${var.name}-nat-${each.key}" })
}

################################################################################
# Routing
################################################################################

resource "aws_route_table" "public" {
  count  = length(local.public_subnets) > 0 ? 1 : 0
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this[0].id
  }

  tags = merge(local.common_tags, { Name = "${var.name}-public" })
}

resource "aws_route_table_association" "public" {
  for_each = local.public_subnets

  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.public[0].id
}

resource "aws_route_table" "private" {
  for_each = toset(local.azs)
  vpc_id   = aws_vpc.this.id

  dynamic "route" {
    for_each = var.enable_nat_gateway ? [1] : []
    content {
      cidr_block     = "0.0.0.0/0"
      nat_gateway_id = var.single_nat_gateway ? aws_nat_gateway.this[local.azs[0]].id : aws_nat_gateway.this[each.key].id
    }
  }

  tags = merge(local.common_tags, { Name = "${var.name}-private-${each.key}" })

  lifecycle {
    # Transit gateway / peering routes are injected by the network team.
    ignore_changes = [route]
  }
}

resource "aws_route_table_association" "private" {
  for_each = { for k, s in local.private_subnets : k => s if s.nat }

  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.private[each.value.az].id
}

# Isolated tiers (nat = false) get a route table with no default route at all.
resource "aws_route_table" "isolated" {
  count  = length([for s in local.private_subnets : s if !s.nat]) > 0 ? 1 : 0
  vpc_id = aws_vpc.this.id
  tags   = merge(local.common_tags, { Name = "${var.name}-isolated" })
}

resource "aws_route_table_association" "isolated" {
  for_each = { for k, s in local.private_subnets : k => s if !s.nat }

  subnet_id      = aws_subnet.this[each.key].id
  route_table_id = aws_route_table.isolated[0].id
}

################################################################################
# Default security group — strip everything (CIS 5.4)
################################################################################

resource "aws_default_security_group" "this" {
  count  = var.manage_default_security_group ? 1 : 0
  vpc_id = aws_vpc.this.id

  # no ingress / egress blocks => all rules removed
  tags = merge(local.common_tags, { Name = "${var.name}-default-DO-NOT-USE" })
}

resource "aws_default_network_acl" "this" {
  default_network_acl_id = aws_vpc.this.default_network_acl_id
  subnet_ids             = null

  ingress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }

  egress {
    protocol   = -1
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }

  lifecycle {
    ignore_changes = [subnet_ids]
  }
}

################################################################################
# Endpoints
################################################################################

resource "aws_vpc_endpoint" "gateway" {
  for_each = var.gateway_endpoints

  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${data.aws_region.current.name}.${each.value}"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = concat(values(aws_route_table.private)[*].id, aws_route_table.isolated[*].id)

  tags = merge(local.common_tags, { Name = "${var.name}-${each.value}" })
}

resource "aws_security_group" "endpoints" {
  count = length(var.interface_endpoints) > 0 ? 1 : 0

  name_prefix = "${var.name}-vpce-"
  description = "HTTPS from inside the VPC to interface endpoints"
  vpc_id      = aws_vpc.this.id

  ingress {
    description = "TLS from VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.this.cidr_block]
  }

  tags = local.common_tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_endpoint" "interface" {
  for_each = var.interface_endpoints

  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = each.value.private_dns
  policy              = each.value.policy
  security_group_ids  = aws_security_group.endpoints[*].id
  subnet_ids = [
    for k in lookup(local.subnets_by_tier, "private", []) : aws_subnet.this[k].id
  ]

  tags = merge(local.common_tags, { Name = "${var.name}-${each.key}" })
}
