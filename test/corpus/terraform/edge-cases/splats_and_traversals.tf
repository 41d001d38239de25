resource "aws_instance" "web" {
  count         = 3
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  network_interface {
    network_interface_id = aws_network_interface.web[count.index].id
    device_index         = 0
  }

  tags = {
    Name = "web-${count.index}"
    Prev = count.index > 0 ? "web-${count.index - 1}" : "none"
  }
}

resource "aws_network_interface" "web" {
  count     = 3
  subnet_id = element(data.aws_subnets.private.ids, count.index)
}

data "aws_subnets" "private" {
  filter {
    name   = "tag:Tier"
    values = ["private"]
  }
}

resource "aws_eip" "web" {
  for_each = { for idx, inst in aws_instance.web : tostring(idx) => inst.id }
  instance = each.value
  domain   = "vpc"
}

locals {
  # full splat
  ids_full          = aws_instance.web[*].id
  private_ips       = aws_instance.web[*].private_ip
  nested_splat      = aws_instance.web[*].network_interface[*].network_interface_id
  splat_then_index  = aws_instance.web[*].tags["Name"]
  splat_then_attr   = aws_instance.web[*].root_block_device[0].volume_id

  # legacy attribute-only splat
  ids_legacy        = aws_instance.web.*.id
  legacy_nested     = aws_instance.web.*.tags.Name

  # splat on a single (possibly null) value
  maybe_list        = var.optional_object[*]
  maybe_attr        = var.optional_object[*].name

  # index forms
  first             = aws_instance.web[0].id
  last              = aws_instance.web[length(aws_instance.web) - 1].id
  legacy_index      = aws_instance.web.0.id
  string_key        = aws_eip.web["0"].public_ip
  var_key           = aws_eip.web[var.key].public_ip
  expr_key          = aws_eip.web[tostring(1 + 1)].public_ip
  chained_index     = var.matrix[0][1][2]
  index_then_attr   = var.objects[1].inner["key"].leaf
  attr_on_call      = jsondecode(var.json).items[0].name
  attr_on_paren     = (var.objects)[0].inner
  index_on_for      = [for o in var.objects : o.inner][0]
  index_on_tuple    = ["a", "b", "c"][1]
  index_on_object   = { a = 1, b = 2 }["b"]
  values_splat      = values(aws_eip.web)[*].public_ip
  try_traversal     = try(var.objects[5].inner.key.leaf, "default")
  can_traversal     = can(var.objects[0].inner)

  # special references
  mod_path   = path.module
  root_path  = path.root
  cwd        = path.cwd
  workspace  = terraform.workspace
  self_ref   = module.network.outputs["vpc_id"]
  data_ref   = data.aws_subnets.private.ids[0]
}

variable "optional_object" {
  type = object({ name = string })
  default = null
}

variable "key" {
  type    = string
  default = "1"
}

variable "matrix" {
  type    = list(list(list(number)))
  default = [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9]]]
}

variable "objects" {
  type = list(object({ inner = map(object({ leaf = string })) }))
  default = [
    { inner = { key = { leaf = "a" } } },
    { inner = { key = { leaf = "b" } } },
  ]
}

variable "json" {
  type    = string
  default = "{\"items\": [{\"name\": \"first\"}]}"
}

module "network" {
  source = "../modules/aws/vpc"
  name   = "edge"
}

resource "null_resource" "provisioner_self" {
  triggers = {
    ids = join(",", aws_instance.web[*].id)
  }

  provisioner "local-exec" {
    command     = "echo ${self.triggers.ids} > ids.txt"
    interpreter = ["/bin/bash", "-c"]
    environment = {
      IDS = self.triggers["ids"]
    }
  }

  provisioner "local-exec" {
    when       = destroy
    command    = "rm -f ids.txt"
    on_failure = continue
  }
}
