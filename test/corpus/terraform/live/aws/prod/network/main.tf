terraform {
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket         = "acme-tfstate-555555555555"
    key            = "live/prod/network/terraform.tfstate"
    region         = "eu-central-1"
    encrypt        = true
    dynamodb_table = "terraform-locks"
  }
}

provider "aws" {
  region = "eu-central-1"

  assume_role {
    role_arn = "arn:aws:iam::555555555555:role/terraform-network"
  }
}

variable "vpn_psks" {
  type      = map(string)
  sensitive = true
}

data "terraform_remote_state" "workloads" {
  for_each = toset(["prod/eu-central-1", "staging/eu-central-1", "dev/eu-central-1"])
  backend  = "s3"

  config = {
    bucket = "acme-tfstate-${{ "prod/eu-central-1" = "111111111111", "staging/eu-central-1" = "222222222222", "dev/eu-central-1" = "333333333333" }[each.key]}"
    key    = "live/${each.key}/terraform.tfstate"
    region = "eu-central-1"
  }
}

module "inspection_vpc" {
  source = "../../../../modules/aws/vpc"

  name               = "inspection"
  cidr_block         = "100.64.8.0/22"
  az_count           = 3
  enable_nat_gateway = true

  subnet_layout = {
    public   = { newbits = 4, offset = 0, public = true }
    firewall = { newbits = 4, offset = 4, nat = false }
    tgw      = { newbits = 6, offset = 32, nat = false }
  }

  interface_endpoints = {}
  gateway_endpoints   = []
}

module "transit" {
  source = "../../../../modules/aws/transit-network"

  name = "acme-core"

  vpc_attachments = merge(
    {
      for key, state in data.terraform_remote_state.workloads : replace(key, "/", "-") => {
        vpc_id      = state.outputs.vpc_id
        subnet_ids  = state.outputs.private_subnet_ids
        route_table = startswith(key, "prod/") ? "prod" : "nonprod"
      }
    },
    {
      inspection = {
        vpc_id         = module.inspection_vpc.vpc_id
        subnet_ids     = module.inspection_vpc.subnet_ids_by_tier["tgw"]
        route_table    = "shared"
        appliance_mode = true
      }
    },
  )

  vpn_connections = {
    frankfurt-office = {
      customer_ip = "198.51.100.1"
      bgp_asn     = 65010
      tunnel1_psk = var.vpn_psks["frankfurt-1"]
      tunnel2_psk = var.vpn_psks["frankfurt-2"]
    }
    berlin-dc = {
      customer_ip   = "203.0.113.200"
      bgp_asn       = 65020
      static_routes = ["192.168.100.0/24"]
    }
  }

  inspection_vpc = {
    vpc_id = module.inspection_vpc.vpc_id
    firewall_subnets = {
      for idx, id in module.inspection_vpc.subnet_ids_by_tier["firewall"] : module.inspection_vpc.azs[idx] => id
    }
  }

  tags = {
    Environment = "shared"
    Owner       = "network-team"
  }
}

output "transit_gateway_id" {
  value = module.transit.transit_gateway_id
}

output "vpn_tunnels" {
  value = module.transit.vpn_tunnel_addresses
}
