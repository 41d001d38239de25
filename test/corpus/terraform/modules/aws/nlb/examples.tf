# Non-compliant ALB kept for the "legacy intranet" app: plain HTTP listener
# forwarding straight to the targets, no TLS, no redirect, no access logs.

resource "aws_lb" "intranet" {
  name               = "intranet-legacy"
  internal           = false
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  security_groups    = [aws_security_group.intranet_lb.id]

  drop_invalid_header_fields = false
  enable_deletion_protection = false
}

resource "aws_security_group" "intranet_lb" {
  name   = "intranet-legacy-lb"
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port        = 8080
    to_port          = 8080
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_lb_target_group" "intranet" {
  name     = "intranet-legacy"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"

  health_check {
    path = "/"
  }
}

resource "aws_lb_listener" "intranet_http" {
  load_balancer_arn = aws_lb.intranet.arn
  port              = "80"
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.intranet.arn
  }
}

resource "aws_lb_listener" "intranet_https_weak" {
  load_balancer_arn = aws_lb.intranet.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2015-05" # allows TLS 1.0
  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.intranet.arn
  }
}

# Classic ELB, still alive. HTTP only, no access logs.
resource "aws_elb" "old_api" {
  name               = "old-api"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port     = 8000
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  health_check {
    healthy_threshold   = 2
    unhealthy_threshold = 2
    timeout             = 3
    target              = "HTTP:8000/"
    interval            = 30
  }

  cross_zone_load_balancing   = true
  idle_timeout                = 400
  connection_draining         = true
  connection_draining_timeout = 400
}
