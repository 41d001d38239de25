# Refactoring history for this stack. Keep these blocks until every
# workspace has applied past the change (see docs/refactoring.md).

moved {
  from = module.vpc.aws_flow_log.this
  to   = module.vpc.aws_flow_log.this[0]
}

moved {
  from = aws_lb.public
  to   = module.alb.aws_lb.this
}

moved {
  from = module.ecs_service_api
  to   = module.services["api"]
}

moved {
  from = module.ecs_service_web
  to   = module.services["web"]
}

import {
  to = aws_route53_zone.legacy_parent
  id = "Z0111111LEGACY"
}

resource "aws_route53_zone" "legacy_parent" {
  name    = "acme-legacy.example"
  comment = "Imported from the console in 2024 (PLAT-2031)"

  lifecycle {
    prevent_destroy = true
  }
}

check "public_endpoint_tls" {
  data "http" "www" {
    url = "https://www.us.acme.example/healthz"
  }

  assert {
    condition     = data.http.www.status_code == 200
    error_message = "https://www.us.acme.example/healthz returned ${data.http.www.status_code}."
  }
}

check "aurora_backups" {
  assert {
    condition     = module.aurora.cluster_id != null
    error_message = "Production must have an Aurora cluster with backups enabled."
  }
}
