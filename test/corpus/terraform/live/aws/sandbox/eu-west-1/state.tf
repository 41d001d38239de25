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

removed {
  from = aws_instance.bastion

  lifecycle {
    destroy = true
  }
}

# Developer convenience bastion. Not allowed in prod (SEC-118).
resource "aws_instance" "dev_bastion" {
  count = var.environment == "dev" ? 1 : 0

  ami                         = "ami-0a1b2c3d4e5f67890"
  instance_type               = "t3.nano"
  subnet_id                   = module.vpc.public_subnet_ids[0]
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.dev_bastion.id]

  metadata_options {
    http_tokens = "optional"
  }

  root_block_device {
    encrypted = false
  }

  tags = { Name = "${local.name}-bastion" }
}

resource "aws_security_group" "dev_bastion" {
  name   = "${local.name}-bastion"
  vpc_id = module.vpc.vpc_id

  ingress {
    description = "SSH from anywhere (dev only)"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
