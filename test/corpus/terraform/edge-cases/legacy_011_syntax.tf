# Terraform 0.11-era syntax that is still syntactically valid HCL2:
# quoted interpolation-only expressions, quoted type names, quoted references
# in depends_on, and the element()/list() idioms.

variable "region" {
  type    = "string"
  default = "us-east-1"
}

variable "azs" {
  type    = "list"
  default = ["us-east-1a", "us-east-1b", "us-east-1c"]
}

variable "amis" {
  type = "map"

  default = {
    "us-east-1" = "ami-0ff8a91507f77f867"
    "us-west-2" = "ami-0bdb828fd58c52235"
  }
}

provider "aws" {
  region  = "${var.region}"
  version = "~> 2.0"
}

resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"

  tags {
    Name = "main"
  }
}

resource "aws_subnet" "public" {
  count                   = "${length(var.azs)}"
  vpc_id                  = "${aws_vpc.main.id}"
  cidr_block              = "${cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)}"
  availability_zone       = "${element(var.azs, count.index)}"
  map_public_ip_on_launch = true

  tags = "${map("Name", "public-${count.index}", "Tier", "public")}"
}

resource "aws_security_group" "ssh" {
  name   = "ssh-anywhere"
  vpc_id = "${aws_vpc.main.id}"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "app" {
  count                  = 2
  ami                    = "${lookup(var.amis, var.region)}"
  instance_type          = "t2.micro"
  subnet_id              = "${element(aws_subnet.public.*.id, count.index)}"
  vpc_security_group_ids = ["${aws_security_group.ssh.id}"]

  root_block_device {
    volume_size = 8
  }

  depends_on = ["aws_security_group.ssh"]
}

resource "aws_s3_bucket" "logs" {
  bucket = "legacy-${var.region}-logs"
  acl    = "public-read-write"
}

output "instance_ips" {
  value = "${join(",", aws_instance.app.*.public_ip)}"
}

output "first_subnet" {
  value = "${aws_subnet.public.0.id}"
}
