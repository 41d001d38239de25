resource "aws_security_group" "bastion" {
  name        = "${local.prefix}-bastion"
  description = "Bastion host"

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
