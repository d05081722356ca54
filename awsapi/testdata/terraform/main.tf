# What terraform.sh applies to `ec2sim serve` and destroys again: the five
# resources issue 15 names and a security group, with the hashicorp/aws
# provider pointed at the server through its endpoints block. The access
# key "student" picks the scenario's account; the secret is never checked.
# Nothing here can reach AWS: every endpoint the provider would call is the
# server, and the skip_* settings stop the calls it would make elsewhere
# (IAM/STS account lookup, the instance metadata service, the region list).
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "endpoint" {
  type        = string
  description = "the ec2sim serve URL, e.g. http://127.0.0.1:4598"
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "student"
  secret_key                  = "ec2sim"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    ec2 = var.endpoint
    sts = var.endpoint
  }
}

data "aws_ami" "al2023" {
  owners      = ["amazon"]
  most_recent = true
  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
}

# A group as aws_security_group makes one: Terraform revokes the default
# allow-all egress rule (and the IPv6 one, which the default VPC never had),
# then authorizes the rules below; on destroy it asks DescribeNetworkInterfaces
# which interfaces still use the group.
resource "aws_security_group" "ssh" {
  name        = "tf-ssh"
  description = "SSH in, everything out"
  ingress {
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
  tags = { Name = "tf-ssh" }
}

# The instance and the volume name one zone, so Terraform makes them at once.
resource "aws_instance" "web" {
  ami                    = data.aws_ami.al2023.id
  instance_type          = "t3.micro"
  availability_zone      = "us-east-1a"
  vpc_security_group_ids = [aws_security_group.ssh.id]
  tags                   = { Name = "tf-web" }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 8
  tags              = { Name = "tf-data" }
}

resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.data.id
  instance_id = aws_instance.web.id
}

resource "aws_ami_from_instance" "web" {
  name               = "tf-web-v1"
  source_instance_id = aws_instance.web.id
}

# A copy in the same region (the AWS CLI acceptance script copies across
# regions; a second provider configuration would double Terraform's CPU time).
resource "aws_ami_copy" "web_copy" {
  name              = "tf-web-v1-copy"
  source_ami_id     = aws_ami_from_instance.web.id
  source_ami_region = "us-east-1"
}

output "instance_state" { value = aws_instance.web.instance_state }
output "attached" { value = aws_volume_attachment.data.instance_id == aws_instance.web.id }
output "copy_id" { value = aws_ami_copy.web_copy.id }
