locals {
  deep_object = {
    level1 = {
      level2 = {
        level3 = {
          level4 = {
            level5 = {
              level6 = {
                level7 = {
                  level8 = {
                    value = "deep"
                    list  = [[[[[1, 2], [3]], []], [[4]]], 5]
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  deep_access = local.deep_object.level1.level2.level3.level4.level5.level6.level7.level8.value
  deep_index  = local.deep_object["level1"]["level2"].level3["level4"].level5.level6["level7"].level8.list[0][0][0][1]

  mixed_collections = [
    {
      name = "a"
      children = [
        { name = "a.1", tags = { k = "v" }, items = [1, 2, 3] },
        { name = "a.2", tags = {}, items = [] },
      ]
    },
    {
      name     = "b"
      children = [{ name = "b.1", tags = { x = { y = { z = true } } }, items = [[1], [2, [3, [4]]]] }]
    },
  ]

  object_with_colons = {
    "one" : 1,
    "two" : { "nested" : [1, 2, { "three" : 3 }] },
    four : "unquoted key with colon",
  }

  object_commas_no_newlines = { a = 1, b = 2, c = { d = 3, e = [4, 5] } }

  object_mixed_separators = {
    a = 1,
    b : 2
    "c" = 3,
  }

  list_multiline_trailing_comma = [
    "alpha",
    "beta",
    "gamma",
  ]

  list_multiline_no_trailing = [
    "alpha",
    "beta"
  ]

  list_weird_layout = ["a",
    "b", "c"
    , "d"]

  flatten_deep = flatten([[1, [2, [3, [4, [5]]]]], [[[[[6]]]]]])
}

resource "aws_wafv2_web_acl" "nested_statements" {
  name  = "nested"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "deeply-nested"
    priority = 1

    action {
      block {}
    }

    statement {
      and_statement {
        statement {
          or_statement {
            statement {
              not_statement {
                statement {
                  geo_match_statement {
                    country_codes = ["DE", "AT", "CH"]
                  }
                }
              }
            }
            statement {
              byte_match_statement {
                search_string         = "admin"
                positional_constraint = "CONTAINS"
                field_to_match {
                  single_header {
                    name = "x-role"
                  }
                }
                text_transformation {
                  priority = 0
                  type     = "LOWERCASE"
                }
              }
            }
          }
        }
        statement {
          size_constraint_statement {
            comparison_operator = "GT"
            size                = 8192
            field_to_match {
              body {
                oversize_handling = "MATCH"
              }
            }
            text_transformation {
              priority = 0
              type     = "NONE"
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "deeply-nested"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "nested"
    sampled_requests_enabled   = true
  }
}
