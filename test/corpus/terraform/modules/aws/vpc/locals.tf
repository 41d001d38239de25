data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  azs = length(var.azs) > 0 ? var.azs : slice(data.aws_availability_zones.available.names, 0, var.az_count)

  # Flatten tier x AZ into a single map keyed "tier-az" so that adding an AZ
  # never forces replacement of existing subnets (unlike count).
  subnets = {
    for pair in flatten([
      for tier, cfg in var.subnet_layout : [
        for idx, az in local.azs : {
          key    = "${tier}-${az}"
          tier   = tier
          az     = az
          index  = idx
          cidr   = cidrsubnet(var.cidr_block, cfg.newbits, cfg.offset + idx)
          public = cfg.public
          nat    = cfg.nat
          mapip  = cfg.map_public_ip_on_launch
          tags   = cfg.tags
        }
      ]
    ]) : pair.key => pair
  }

  public_subnets  = { for k, s in local.subnets : k => s if s.public }
  private_subnets = { for k, s in local.subnets : k => s if !s.public }

  nat_azs = var.enable_nat_gateway ? (var.single_nat_gateway ? [local.azs[0]] : local.azs) : []

  # Which public subnet hosts the NAT for each AZ
  nat_subnet_for_az = {
    for az in local.nat_azs : az => [for k, s in local.public_subnets : k if s.az == az][0]
  }

  subnets_by_tier = {
    for k, s in local.subnets : s.tier => k...
  }

  common_tags = merge(
    {
      "Module"              = "aws/vpc"
      "ManagedBy"           = "terraform"
      "compliance:iso27001" = "A.8.20,A.8.22"
    },
    var.tags,
  )
}
