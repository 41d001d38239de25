resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-central-1a"
  size              = 50
  encrypted         = false
}
