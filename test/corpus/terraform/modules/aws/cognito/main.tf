terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "name" {
  type = string
}

variable "domain_prefix" {
  type = string
}

variable "callback_urls" {
  type = list(string)
}

variable "logout_urls" {
  type    = list(string)
  default = []
}

variable "mfa" {
  type    = string
  default = "ON"

  validation {
    condition     = contains(["OFF", "ON", "OPTIONAL"], var.mfa)
    error_message = "mfa must be OFF, ON or OPTIONAL."
  }
}

variable "saml_metadata_url" {
  description = "Corporate IdP (Entra ID) federation metadata URL."
  type        = string
  default     = null
}

variable "ses_source_arn" {
  type    = string
  default = null
}

resource "aws_cognito_user_pool" "this" {
  name                     = var.name
  deletion_protection      = "ACTIVE"
  mfa_configuration        = var.mfa
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]

  username_configuration {
    case_sensitive = false
  }

  password_policy {
    minimum_length                   = 14
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = true
    temporary_password_validity_days = 3
  }

  dynamic "software_token_mfa_configuration" {
    for_each = var.mfa == "OFF" ? [] : [1]
    content {
      enabled = true
    }
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = true

    invite_message_template {
      email_subject = "Your ${var.name} account"
      email_message = <<-MSG
        Hello {username},

        an account has been created for you. Your temporary password is {####}.
        It expires in 3 days.
      MSG
      sms_message   = "Your username is {username} and temporary password is {####}."
    }
  }

  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }

  dynamic "email_configuration" {
    for_each = var.ses_source_arn[*]
    content {
      email_sending_account = "DEVELOPER"
      source_arn            = email_configuration.value
      from_email_address    = "no-reply@acme.example"
    }
  }

  schema {
    name                = "tenant_id"
    attribute_data_type = "String"
    mutable             = false
    required            = false

    string_attribute_constraints {
      min_length = 1
      max_length = 64
    }
  }

  schema {
    name                = "email"
    attribute_data_type = "String"
    mutable             = true
    required            = true

    string_attribute_constraints {
      min_length = 5
      max_length = 254
    }
  }

  lifecycle {
    ignore_changes = [schema]
  }
}

resource "aws_cognito_identity_provider" "saml" {
  count = var.saml_metadata_url == null ? 0 : 1

  user_pool_id  = aws_cognito_user_pool.this.id
  provider_name = "EntraID"
  provider_type = "SAML"

  provider_details = {
    MetadataURL           = var.saml_metadata_url
    IDPSignout            = "true"
    RequestSigningAlgorithm = "rsa-sha256"
  }

  attribute_mapping = {
    email    = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
    name     = "http://schemas.microsoft.com/identity/claims/displayname"
    "custom:tenant_id" = "http://schemas.microsoft.com/identity/claims/tenantid"
  }
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "${var.name}-web"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret                      = false
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  callback_urls                        = var.callback_urls
  logout_urls                          = var.logout_urls
  supported_identity_providers         = compact(["COGNITO", try(aws_cognito_identity_provider.saml[0].provider_name, "")])
  explicit_auth_flows                  = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 12

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "hours"
  }
}

# Machine-to-machine client for the legacy partner integration. Uses the
# implicit flow and password auth (findings: weak OAuth flows, long tokens).
resource "aws_cognito_user_pool_client" "partner_legacy" {
  name         = "${var.name}-partner-legacy"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret                      = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["implicit"]
  allowed_oauth_scopes                 = ["openid", "aws.cognito.signin.user.admin"]
  callback_urls                        = ["http://partner.example.com/callback"]
  explicit_auth_flows                  = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  refresh_token_validity               = 3650
  prevent_user_existence_errors        = "LEGACY"
}

output "user_pool_id" {
  value = aws_cognito_user_pool.this.id
}

output "issuer" {
  value = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "web_client_id" {
  value = aws_cognito_user_pool_client.web.id
}

output "hosted_ui" {
  value = "https://${aws_cognito_user_pool_domain.this.domain}.auth.${split("_", aws_cognito_user_pool.this.id)[0]}.amazoncognito.com"
}
