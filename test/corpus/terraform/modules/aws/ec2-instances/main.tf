terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "environment" {
  type = string
}

variable "subnet_id" {
  type = string
}

variable "vpc_security_group_ids" {
  type = list(string)
}

variable "key_name" {
  type    = string
  default = null
}

variable "workers" {
  type    = number
  default = 3
}

variable "ebs_kms_key_arn" {
  type    = string
  default = null
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-kernel-6.1-arm64"]
  }

  filter {
    name   = "virtualization-type"
    values = ["hvm"]
  }
}

data "aws_ami" "windows" {
  most_recent = true
  owners      = ["801119661308"] # amazon

  filter {
    name   = "name"
    values = ["Windows_Server-2022-English-Full-Base-*"]
  }
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_default_kms_key" "this" {
  count   = var.ebs_kms_key_arn == null ? 0 : 1
  key_arn = var.ebs_kms_key_arn
}

resource "aws_iam_instance_profile" "ssm" {
  name = "ec2-ssm-${var.environment}"
  role = aws_iam_role.ssm.name
}

resource "aws_iam_role" "ssm" {
  name = "ec2-ssm-${var.environment}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
  ]
}

# Compliant worker fleet
resource "aws_instance" "worker" {
  count = var.workers

  ami                    = data.aws_ami.al2023.id
  instance_type          = count.index == 0 ? "c7g.xlarge" : "c7g.large"
  subnet_id              = var.subnet_id
  vpc_security_group_ids = var.vpc_security_group_ids
  iam_instance_profile   = aws_iam_instance_profile.ssm.name
  monitoring             = true
  ebs_optimized          = true

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_type           = "gp3"
    volume_size           = 30
    encrypted             = true
    kms_key_id            = var.ebs_kms_key_arn
    delete_on_termination = true
  }

  user_data_base64 = base64encode(templatefile("${path.module}/templates/worker.sh.tftpl", {
    environment = var.environment
    index       = count.index
    queues      = ["jobs-high", "jobs-default", "jobs-low"]
  }))

  tags = {
    Name        = format("worker-%s-%02d", var.environment, count.index + 1)
    Environment = var.environment
    PatchGroup  = "linux-${var.environment}"
  }

  lifecycle {
    ignore_changes = [ami, user_data_base64]
  }
}

resource "aws_ebs_volume" "worker_scratch" {
  count             = var.workers
  availability_zone = aws_instance.worker[count.index].availability_zone
  size              = 100
  type              = "gp3"
  iops              = 3000
  throughput        = 250
  encrypted         = true
  kms_key_id        = var.ebs_kms_key_arn

  tags = { Name = "worker-scratch-${count.index}" }
}

resource "aws_volume_attachment" "worker_scratch" {
  count       = var.workers
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.worker_scratch[count.index].id
  instance_id = aws_instance.worker[count.index].id
}

# ---------------------------------------------------------------
# Non-compliant pets
# ---------------------------------------------------------------

resource "aws_instance" "build_server" {
  ami                         = "ami-0c55b159cbfafe1f0"
  instance_type               = "t3.xlarge"
  subnet_id                   = var.subnet_id
  key_name                    = var.key_name
  associate_public_ip_address = true
  vpc_security_group_ids      = var.vpc_security_group_ids

  # IMDSv1 allowed
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }

  root_block_device {
    volume_size = 200
    encrypted   = false
  }

  ebs_block_device {
    device_name = "/dev/sdh"
    volume_size = 500
    volume_type = "st1"
    encrypted   = false
  }

  user_data = <<-EOF
    #!/bin/bash
    set -euxo pipefail
    export JENKINS_ADMIN_PASSWORD='Winter2019!'
    yum install -y java-11-amazon-corretto jenkins
    systemctl enable --now jenkins
  EOF

  tags = {
    Name = "jenkins"
  }
}

resource "aws_instance" "windows_admin" {
  ami                         = data.aws_ami.windows.id
  instance_type               = "m5.large"
  subnet_id                   = var.subnet_id
  associate_public_ip_address = true
  get_password_data           = true
  key_name                    = var.key_name

  tags = {
    Name = "win-admin-${var.environment}"
  }
}

resource "aws_ebs_volume" "legacy_data" {
  availability_zone = "eu-west-1a"
  size              = 1000
  type              = "gp2"
  encrypted         = false

  tags = {
    Name = "legacy-data-disk"
  }
}

resource "aws_ebs_snapshot" "legacy_data" {
  volume_id = aws_ebs_volume.legacy_data.id
  tags = {
    Name = "legacy-data-pre-migration"
  }
}

resource "aws_ebs_snapshot_copy" "legacy_data_dr" {
  source_snapshot_id = aws_ebs_snapshot.legacy_data.id
  source_region      = "eu-west-1"
  encrypted          = false
}

output "worker_private_ips" {
  value = aws_instance.worker[*].private_ip
}

output "build_server_public_ip" {
  value = aws_instance.build_server.public_ip
}

output "windows_password_data" {
  value     = aws_instance.windows_admin.password_data
  sensitive = true
}
