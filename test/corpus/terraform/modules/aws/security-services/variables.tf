variable "config_bucket_name" {
  type = string
}

variable "enable_guardduty" {
  type    = bool
  default = true
}

variable "enable_securityhub" {
  type    = bool
  default = true
}

variable "securityhub_standards" {
  type = list(string)
  default = [
    "aws-foundational-security-best-practices/v/1.0.0",
    "cis-aws-foundations-benchmark/v/1.4.0",
    "nist-800-53/v/5.0.0",
  ]
}

variable "config_rules" {
  description = "AWS managed Config rules: rule name => source identifier + params"
  type = map(object({
    identifier = string
    params     = optional(map(string))
  }))
  default = {
    "s3-bucket-ssl-requests-only"            = { identifier = "S3_BUCKET_SSL_REQUESTS_ONLY" }
    "s3-bucket-public-read-prohibited"       = { identifier = "S3_BUCKET_PUBLIC_READ_PROHIBITED" }
    "encrypted-volumes"                      = { identifier = "ENCRYPTED_VOLUMES" }
    "rds-storage-encrypted"                  = { identifier = "RDS_STORAGE_ENCRYPTED" }
    "rds-instance-public-access-check"       = { identifier = "RDS_INSTANCE_PUBLIC_ACCESS_CHECK" }
    "cloudtrail-log-file-validation-enabled" = { identifier = "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED" }
    "cmk-backing-key-rotation-enabled"       = { identifier = "CMK_BACKING_KEY_ROTATION_ENABLED" }
    "iam-policy-no-statements-with-admin-access" = { identifier = "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS" }
    "restricted-ssh"                         = { identifier = "INCOMING_SSH_DISABLED" }
    "restricted-common-ports" = {
      identifier = "RESTRICTED_INCOMING_TRAFFIC"
      params = {
        blockedPort1 = "20"
        blockedPort2 = "21"
        blockedPort3 = "3389"
        blockedPort4 = "3306"
        blockedPort5 = "4333"
      }
    }
    "iam-password-policy" = {
      identifier = "IAM_PASSWORD_POLICY"
      params = {
        RequireUppercaseCharacters = "true"
        RequireLowercaseCharacters = "true"
        RequireSymbols             = "true"
        RequireNumbers             = "true"
        MinimumPasswordLength      = "14"
        PasswordReusePrevention    = "24"
        MaxPasswordAge             = "90"
      }
    }
    "access-keys-rotated" = {
      identifier = "ACCESS_KEYS_ROTATED"
      params     = { maxAccessKeyAge = "90" }
    }
  }
}

variable "tags" {
  type    = map(string)
  default = {}
}
