/*
 * Heredoc variants: plain, indented (<<-), custom delimiters, with
 * interpolation and directives, empty bodies, heredocs in lists,
 * objects and function arguments.
 */

variable "name" {
  type    = string
  default = "demo"
}

variable "ports" {
  type    = list(number)
  default = [80, 443]
}

locals {
  plain = <<EOF
first line
  indented line kept as-is
last line
EOF

  indented = <<-EOT
      four extra spaces
    base indentation
        eight spaces
    EOT

  with_blank_lines = <<-TEXT
    paragraph one

    paragraph two


    paragraph three
  TEXT

  empty_heredoc = <<EOF
EOF

  empty_indented = <<-EOF
  EOF

  interpolated = <<EOT
name=${var.name}
upper=${upper(var.name)}
ports=${join(",", var.ports)}
EOT

  directives = <<-CFG
    [server]
    %{ for p in var.ports ~}
    listen = ${p}
    %{ endfor ~}
    %{ if length(var.ports) > 1 }multi = true%{ else }multi = false%{ endif }
  CFG

  escaped_in_heredoc = <<-EOT
    literal: $${var.name}
    literal directive: %%{ if x }
    backslashes are literal here: \n \t \\ "quotes" too
  EOT

  custom_delimiters = [
    <<JSON
{"a": 1}
JSON
    ,
    <<-YAML
      key: value
      list:
        - one
        - two
    YAML
    ,
    <<_UNDERSCORE_DELIM_
underscore delimiter
_UNDERSCORE_DELIM_
  ]

  heredoc_in_object = {
    script = <<-SH
      #!/bin/sh
      echo "hello ${var.name}"
    SH
    note = "after heredoc"
  }

  heredoc_as_arg = trimspace(<<-EOT
    trimmed content
  EOT
  )

  heredoc_in_call = jsondecode(<<JSON
{
  "Version": "2012-10-17",
  "Statement": []
}
JSON
  )

  heredoc_nested_template = <<-EOT
    ${join("\n", [for p in var.ports : "port ${p} -> ${p == 443 ? "tls" : "plain"}"])}
  EOT

  dollar_brace_tricky = <<-EOT
    jq '.items[] | {name: .name}' file.json
    awk '{ print $1 }' /etc/passwd
    echo "$${HOME}" "$HOME" '$${PATH}'
  EOT
}

resource "aws_iam_role_policy" "heredoc_policy" {
  name = "${var.name}-inline"
  role = "some-role"

  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject"],
      "Resource": "arn:aws:s3:::${var.name}-bucket/*"
    }%{ for p in var.ports },
    {
      "Effect": "Allow",
      "Action": ["ec2:AuthorizeSecurityGroupIngress"],
      "Resource": "*",
      "Condition": {"NumericEquals": {"ec2:FromPort": ${p}}}
    }%{ endfor }
  ]
}
POLICY
}

resource "aws_instance" "cloud_init" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  user_data = <<-CLOUDINIT
    #cloud-config
    package_update: true
    packages:
      - nginx
    write_files:
      - path: /etc/nginx/conf.d/${var.name}.conf
        content: |
          server {
            listen ${var.ports[0]};
            server_name ${var.name}.example.com;
            location / { return 200 'ok'; }
          }
    runcmd:
      - systemctl restart nginx
  CLOUDINIT
}
