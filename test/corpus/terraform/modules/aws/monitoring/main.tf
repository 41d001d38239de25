// CIS AWS Foundations 4.x metric filters + alarms
// ISO 27001:2022 A.8.16 "Monitoring activities", SOC 2 CC7.2 / CC7.3

locals {
  cis_filters = {
    "unauthorized-api-calls" = {
      pattern     = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") && ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName != \"HeadBucket\") }"
      description = "CIS 4.1 - Unauthorized API calls"
      threshold   = 5
    }
    "console-signin-without-mfa" = {
      pattern     = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"
      description = "CIS 4.2 - Console sign-in without MFA"
    }
    "root-account-usage" = {
      pattern     = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"
      description = "CIS 4.3 - Usage of root account"
    }
    "iam-policy-changes" = {
      pattern     = "{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy))}"
      description = "CIS 4.4 - IAM policy changes"
    }
    "cloudtrail-config-changes" = {
      pattern     = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"
      description = "CIS 4.5 - CloudTrail configuration changes"
    }
    "console-auth-failures" = {
      pattern     = "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"Failed authentication\") }"
      description = "CIS 4.6 - Console authentication failures"
      threshold   = 3
    }
    "cmk-disable-or-deletion" = {
      pattern     = "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }"
      description = "CIS 4.7 - Disabling or scheduled deletion of CMKs"
    }
    "s3-bucket-policy-changes" = {
      pattern     = "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"
      description = "CIS 4.8 - S3 bucket policy changes"
    }
    "aws-config-changes" = {
      pattern     = "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }"
      description = "CIS 4.9 - AWS Config configuration changes"
    }
    "security-group-changes" = {
      pattern     = "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"
      description = "CIS 4.10 - Security group changes"
    }
    "nacl-changes" = {
      pattern     = "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"
      description = "CIS 4.11 - NACL changes"
    }
    "network-gateway-changes" = {
      pattern     = "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"
      description = "CIS 4.12 - Network gateway changes"
    }
    "route-table-changes" = {
      pattern     = "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }"
      description = "CIS 4.13 - Route table changes"
    }
    "vpc-changes" = {
      pattern     = "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }"
      description = "CIS 4.14 - VPC changes"
    }
    "organizations-changes" = {
      pattern     = "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = \"AcceptHandshake\") || ($.eventName = \"AttachPolicy\") || ($.eventName = \"CreateAccount\") || ($.eventName = \"CreateOrganizationalUnit\") || ($.eventName = \"CreatePolicy\") || ($.eventName = \"DeclineHandshake\") || ($.eventName = \"DeleteOrganization\") || ($.eventName = \"DeleteOrganizationalUnit\") || ($.eventName = \"DeletePolicy\") || ($.eventName = \"DetachPolicy\") || ($.eventName = \"DisablePolicyType\") || ($.eventName = \"EnablePolicyType\") || ($.eventName = \"InviteAccountToOrganization\") || ($.eventName = \"LeaveOrganization\") || ($.eventName = \"MoveAccount\") || ($.eventName = \"RemoveAccountFromOrganization\") || ($.eventName = \"UpdatePolicy\") || ($.eventName = \"UpdateOrganizationalUnit\")) }"
      description = "CIS 4.15 - AWS Organizations changes"
    }
  }
}

resource "aws_sns_topic" "alarms" {
  name              = "security-alarms"
  kms_master_key_id = coalesce(var.kms_key_arn, "alias/aws/sns")
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each  = toset(var.alarm_email_addresses)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_log_metric_filter" "cis" {
  for_each = local.cis_filters

  name           = each.key
  pattern        = each.value.pattern
  log_group_name = var.cloudtrail_log_group_name

  metric_transformation {
    name          = replace(title(replace(each.key, "-", " ")), " ", "")
    namespace     = var.metric_namespace
    value         = "1"
    default_value = 0
    unit          = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "cis" {
  for_each = local.cis_filters

  alarm_name          = "cis-${each.key}"
  alarm_description   = each.value.description
  metric_name         = aws_cloudwatch_log_metric_filter.cis[each.key].metric_transformation[0].name
  namespace           = var.metric_namespace
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = lookup(each.value, "threshold", 1)
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]

  tags = merge(var.tags, { "cis:control" = regex("CIS ([0-9.]+)", each.value.description)[0] })
}

resource "aws_cloudwatch_composite_alarm" "security_posture" {
  alarm_name        = "security-posture-degraded"
  alarm_description = "Any two of root usage, IAM changes or trail changes in the same window"

  alarm_rule = <<-EOT
    (ALARM("${aws_cloudwatch_metric_alarm.cis["root-account-usage"].alarm_name}") AND ALARM("${aws_cloudwatch_metric_alarm.cis["iam-policy-changes"].alarm_name}"))
    OR (ALARM("${aws_cloudwatch_metric_alarm.cis["cloudtrail-config-changes"].alarm_name}") AND ALARM("${aws_cloudwatch_metric_alarm.cis["iam-policy-changes"].alarm_name}"))
  EOT

  alarm_actions = [aws_sns_topic.alarms.arn]
  tags          = var.tags
}

resource "aws_cloudwatch_dashboard" "security" {
  dashboard_name = "security-overview"
  dashboard_body = jsonencode({
    widgets = [
      for idx, name in keys(local.cis_filters) : {
        type   = "metric"
        x      = (idx % 3) * 8
        y      = floor(idx / 3) * 6
        width  = 8
        height = 6
        properties = {
          title   = local.cis_filters[name].description
          region  = "eu-central-1"
          stat    = "Sum"
          period  = 300
          view    = "timeSeries"
          stacked = false
          metrics = [[var.metric_namespace, replace(title(replace(name, "-", " ")), " ", "")]]
          annotations = {
            horizontal = [{ value = lookup(local.cis_filters[name], "threshold", 1), label = "threshold" }]
          }
        }
      }
    ]
  })
}
