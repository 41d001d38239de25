variable "instances" {
  type = map(object({
    type  = string
    az    = string
    tier  = string
    count = number
    tags  = map(string)
  }))
  default = {
    web-1 = { type = "t3.small", az = "a", tier = "web", count = 2, tags = { public = "true" } }
    web-2 = { type = "t3.small", az = "b", tier = "web", count = 2, tags = { public = "true" } }
    app-1 = { type = "m6i.large", az = "a", tier = "app", count = 3, tags = {} }
    db-1  = { type = "r6i.xlarge", az = "a", tier = "db", count = 1, tags = { backup = "daily" } }
  }
}

variable "names" {
  type    = list(string)
  default = ["Alice", "bob", "CAROL", "dave", "bob"]
}

locals {
  # list comprehensions
  upper_names     = [for n in var.names : upper(n)]
  with_index      = [for i, n in var.names : "${i}:${n}"]
  filtered        = [for n in var.names : n if length(n) > 3]
  filtered_index  = [for i, n in var.names : n if i % 2 == 0]
  from_map_list   = [for k, v in var.instances : k]
  from_map_values = [for k, v in var.instances : v.type if v.tier != "db"]
  nested_for      = [for t in ["a", "b"] : [for n in [1, 2] : "${t}${n}"]]
  flat_nested     = flatten([for t in ["a", "b"] : [for n in [1, 2] : "${t}${n}"]])
  distinct_lower  = distinct([for n in var.names : lower(n)])

  # map comprehensions
  by_name        = { for n in var.names : lower(n) => length(n)... }
  name_lengths   = { for n in distinct(var.names) : n => length(n) }
  type_by_key    = { for k, v in var.instances : k => v.type }
  filtered_map   = { for k, v in var.instances : k => v if v.count > 1 }
  grouped_by_tier = { for k, v in var.instances : v.tier => k... }
  grouped_filter = { for k, v in var.instances : v.az => v.type... if v.tier != "db" }
  inverted       = { for k, v in local.type_by_key : v => k... }
  object_values  = { for k, v in var.instances : k => { az = "eu-west-1${v.az}", public = lookup(v.tags, "public", "false") == "true" } }
  key_expr       = { for k, v in var.instances : "${v.tier}/${k}" => v.count * 2 }
  paren_key      = { for k, v in var.instances : (k) => v.az }

  # expansion with counts
  expanded = flatten([
    for k, v in var.instances : [
      for i in range(v.count) : {
        name = format("%s-%02d", k, i + 1)
        type = v.type
        az   = v.az
      }
    ]
  ])
  expanded_map = { for e in local.expanded : e.name => e }

  # for over a set and a tuple literal
  from_set   = [for s in toset(["x", "y", "x"]) : "${s}!"]
  from_tuple = { for pair in [["a", 1], ["b", 2]] : pair[0] => pair[1] }

  # for inside function calls and conditionals
  sum_counts  = sum([for v in values(var.instances) : v.count])
  any_public  = anytrue([for v in values(var.instances) : lookup(v.tags, "public", "false") == "true"])
  all_small   = alltrue([for v in values(var.instances) : startswith(v.type, "t3")])
  cond_for    = length(var.names) > 0 ? [for n in var.names : n] : []
  for_in_interp = "names: ${join(", ", [for n in var.names : title(lower(n))])}"

  # multi-line for expression formatting
  multiline = {
    for k, v in var.instances :
    k => {
      type = v.type
      tags = merge(v.tags, { tier = v.tier })
    }
    if v.tier == "web" || v.tier == "app"
  }
}

resource "aws_instance" "expanded" {
  for_each = local.expanded_map

  ami               = "ami-0123456789abcdef0"
  instance_type     = each.value.type
  availability_zone = "eu-west-1${each.value.az}"

  tags = {
    Name = each.key
  }
}

output "ids_by_tier" {
  value = {
    for name, inst in aws_instance.expanded : split("-", name)[0] => inst.id...
  }
}
