terraform {}

provider "aws" {}

locals {}

variable "untyped" {}

variable "one_liner" { type = string }

variable "empty_default" {
  default = ""
}

variable "empty_list_default" {
  type    = list(string)
  default = []
}

variable "empty_map_default" {
  type    = map(any)
  default = {}
}

variable "null_default" {
  type    = string
  default = null
}

resource "null_resource" "empty" {}

resource "null_resource" "empty_with_newline" {
}

resource "null_resource" "triggers_empty" {
  triggers = {}
}

data "aws_caller_identity" "me" {}

module "empty_module" {
  source = "./nested"
}

output "empty_string" { value = "" }
output "empty_list" { value = [] }
output "empty_object" { value = {} }
output "empty_tuple_nested" { value = [[], {}, [{}]] }

resource "aws_wafv2_web_acl" "minimal" {
  name  = "minimal"
  scope = "REGIONAL"

  default_action {
    block {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = false
    metric_name                = "minimal"
    sampled_requests_enabled   = false
  }
}

resource "aws_s3_bucket_replication_configuration" "empty_filter" {
  bucket = "b"
  role   = "r"

  rule {
    status = "Enabled"
    filter {}
    destination {
      bucket = "arn:aws:s3:::dest"
    }
  }
}
