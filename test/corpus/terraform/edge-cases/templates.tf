// String templates: interpolation, directives, strip markers and nesting.

variable "users" {
  type = list(object({
    name  = string
    admin = bool
    email = optional(string)
  }))
  default = [
    { name = "alice", admin = true, email = "alice@example.com" },
    { name = "bob", admin = false },
  ]
}

variable "env" {
  type    = string
  default = "prod"
}

variable "regions" {
  type    = map(string)
  default = { primary = "eu-west-1", secondary = "eu-central-1" }
}

locals {
  simple       = "hello ${var.env}"
  adjacent     = "${var.env}${var.env}"
  only_interp  = "${var.env}"
  arithmetic   = "count=${length(var.users) * 2 + 1}"
  conditional  = "mode=${var.env == "prod" ? "strict" : "relaxed"}"
  nested_quote = "name=${upper("${var.env}-${"inner ${lower("X")}"}")}"
  func_chain   = "${join(",", [for u in var.users : "${u.name}:${u.admin ? "admin" : "user"}"])}"
  index_in_str = "first=${var.users[0].name}, primary=${var.regions["primary"]}"
  splat_in_str = "all=${join(" ", var.users[*].name)}"

  if_directive    = "%{ if var.env == "prod" }production%{ else }non-production%{ endif }"
  if_no_else      = "x%{ if var.env != "" }-${var.env}%{ endif }"
  for_directive   = "%{ for u in var.users }${u.name};%{ endfor }"
  for_with_index  = "%{ for i, u in var.users }${i}=${u.name} %{ endfor }"
  for_over_map    = "%{ for k, v in var.regions }${k}:${v},%{ endfor }"
  strip_markers   = "[%{~ for u in var.users ~} ${u.name} %{~ endfor ~}]"
  nested_dirs     = "%{ for u in var.users }%{ if u.admin }*${u.name}*%{ else }${u.name}%{ endif } %{ endfor }"
  directive_tight = "%{if true}yes%{endif}"
  try_in_template = "email=${try(var.users[1].email, "n/a")}"

  literal_mixture = "$${keep} %%{keep} ${var.env} %{ if true }ok%{ endif }"
  format_verbs    = format("%s-%03d-%.2f-%q-%v", var.env, 7, 3.14159, "q", true)
  formatlist_ex   = formatlist("%s@example.com", var.users[*].name)

  nested_object_template = {
    "${var.env}-key" = "${var.env}-value"
    (var.env)        = "parenthesized key"
  }
}

resource "aws_iam_policy" "templated" {
  name = "templated-${var.env}"
  policy = templatefile("${path.module}/policies/base.json.tftpl", {
    env     = var.env
    regions = values(var.regions)
    users   = [for u in var.users : u.name if u.admin]
  })
}

resource "local_file" "motd" {
  filename = "${path.root}/out/motd-${var.env}.txt"
  content  = <<-EOT
    Welcome to ${upper(var.env)}!
    %{ if var.env == "prod" ~}
    *** PRODUCTION - changes require a CAB ticket ***
    %{ endif ~}
    Admins:
    %{ for u in var.users ~}
    %{ if u.admin ~}
      - ${u.name}%{ if u.email != null } <${u.email}>%{ endif }
    %{ endif ~}
    %{ endfor ~}
    Regions: ${join(", ", [for k, v in var.regions : "${k}=${v}"])}
    Literal: $${not_a_var} and %%{not_a_directive}
  EOT
}
