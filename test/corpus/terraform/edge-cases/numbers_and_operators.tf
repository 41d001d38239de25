# Numeric literals and operator precedence.

locals {
  int_zero      = 0
  int_small     = 42
  int_large     = 9007199254740991
  negative      = -17
  neg_float     = -0.25
  float_half    = 0.5
  float_long    = 3.141592653589793
  exp_lower     = 1e3
  exp_upper     = 2E6
  exp_negative  = 1e-3
  exp_plus      = 6.02e+23
  exp_fraction  = 1.5e2
  leading_zero  = 0.000001
  trailing_zero = 10.0
  mb            = 1024 * 1024
  neg_of_neg    = -(-5)
  double_neg    = - -5

  add_mul     = 1 + 2 * 3
  paren       = (1 + 2) * 3
  modulo      = 17 % 5
  division    = 7 / 2
  sub_chain   = 10 - 3 - 2
  mixed_types = 2 * 0.5 + 1e1 - -1

  cmp_lt  = 1 < 2
  cmp_le  = 2 <= 2
  cmp_gt  = 3 > 4
  cmp_ge  = 4 >= 4
  cmp_eq  = "a" == "a"
  cmp_ne  = 1 != 2
  bool_t  = true
  bool_f  = false
  nothing = null

  not_op       = !true
  not_not      = !!false
  and_or       = true && false || true
  or_and       = true || false && false
  grouped      = (true || false) && false
  cmp_and      = 1 < 2 && 3 > 2
  not_cmp      = !(1 == 2)
  ternary      = 1 > 0 ? "pos" : "non-pos"
  ternary_nest = 5 > 10 ? "big" : 5 > 3 ? "medium" : "small"
  ternary_par  = (5 > 10 ? 1 : 2) * 10
  ternary_in_list = [true ? 1 : 0, false ? "a" : "b", null == null ? "n" : "x"]

  cidr_math   = cidrsubnet("10.0.0.0/16", 8, 2 * 3 + 1)
  max_of_list = max([3, 9, 1]...)
  min_inline  = min(3, -9, 1.5)
  abs_neg     = abs(-12.5)
  ceil_floor  = ceil(1.2) + floor(1.8)
  pow_log     = pow(2, 10) - log(1024, 2)
  signum_neg  = signum(-3)
  parseint_hex = parseint("ff", 16)
}

resource "aws_cloudwatch_metric_alarm" "thresholds" {
  alarm_name          = "latency-p99"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 3
  threshold           = 0.75
  period              = 60 * 5
  datapoints_to_alarm = 2
  extended_statistic  = "p99.9"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  alarm_actions       = []
}

resource "aws_autoscaling_policy" "step" {
  name                   = "step"
  autoscaling_group_name = "asg"
  policy_type            = "StepScaling"
  adjustment_type        = "PercentChangeInCapacity"

  step_adjustment {
    scaling_adjustment          = -10
    metric_interval_upper_bound = -0.5
  }

  step_adjustment {
    scaling_adjustment          = 0
    metric_interval_lower_bound = -0.5
    metric_interval_upper_bound = 0.5
  }

  step_adjustment {
    scaling_adjustment          = 25
    metric_interval_lower_bound = 0.5
  }
}
