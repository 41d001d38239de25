# Escape sequences and literal markers in quoted strings.
# Every value here is valid HCL; the parser must unescape them exactly.

locals {
  newline          = "line one\nline two"
  carriage_return  = "windows\r\nstyle"
  tab              = "col1\tcol2\tcol3"
  quote            = "she said \"hello\""
  backslash        = "C:\\Program Files\\Acme\\bin"
  unc_path         = "\\\\fileserver\\share$\\reports"
  unicode_bmp      = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e"
  unicode_astral   = "rocket \U0001F680 and thumbs \U0001F44D"
  mixed_escapes    = "tab:\t quote:\" bs:\\ nl:\n uni:\u00fc"
  literal_interp   = "use $${var.name} to reference a variable"
  literal_directive = "write %%{ if cond } to start a directive"
  both_literals    = "$${a} and %%{b} and $${c}"
  lone_dollar      = "costs $5 and 100%"
  dollar_at_end    = "price in $"
  percent_at_end   = "discount 50%"
  dollar_no_brace  = "$HOME/.aws/config"
  percent_no_brace = "%s formatted %d"
  regex_escapes    = "^arn:aws:iam::[0-9]{12}:role/(.+)$"
  regex_backslash  = "\\d{3}-\\d{4}\\.\\w+"
  json_in_string   = "{\"key\": \"value\", \"list\": [1, 2, 3], \"nested\": {\"a\": null}}"
  empty            = ""
  only_escape      = "\\"
  only_quote       = "\""
  double_dollar    = "$$"
  double_percent   = "%%"
  triple_dollar    = "$$${var.x}"
  dollar_in_interp = "${"$"}{not_interpolated}"
}

resource "aws_ssm_parameter" "bash_snippet" {
  name  = "/ops/snippets/cleanup"
  type  = "String"
  value = "#!/bin/bash\nset -euo pipefail\nfor f in $(ls /tmp/*.log); do\n  echo \"removing $${f}\"\n  rm -f \"$f\"\ndone\n"
}

resource "aws_cloudwatch_log_metric_filter" "quoted_pattern" {
  name           = "errors-with-quotes"
  log_group_name = "/app/api"
  pattern        = "{ $.level = \"ERROR\" && $.message = \"*timeout*\" }"

  metric_transformation {
    name      = "ApiTimeouts"
    namespace = "App/API"
    value     = "1"
  }
}

output "escaped_map" {
  value = {
    "key with spaces"  = "value"
    "key\"with\"quote" = "v2"
    "ключ"             = "значение"
    "tab\tkey"         = "\t"
  }
}
