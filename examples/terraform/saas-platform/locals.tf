locals {
  name_prefix = "acme-${var.environment}"

  tags = {
    Service     = "billing"
    Environment = var.environment
    Owner       = "platform-team"
  }
}
