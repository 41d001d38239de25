# Batch job task definition that predates the ecs-service module.
# Container definitions as a raw heredoc; runs privileged with secrets in
# plain environment variables (finding: secrets in plaintext).

resource "aws_ecs_task_definition" "nightly_export" {
  family                   = "nightly-export"
  requires_compatibilities = ["EC2"]
  network_mode             = "bridge"
  cpu                      = "1024"
  memory                   = "2048"

  container_definitions = <<DEFS
[
  {
    "name": "exporter",
    "image": "acme/exporter:latest",
    "essential": true,
    "privileged": true,
    "memory": 2048,
    "environment": [
      { "name": "DB_HOST", "value": "reporting.cluster-abc.eu-west-1.rds.amazonaws.com" },
      { "name": "DB_PASSWORD", "value": "hunter2" },
      { "name": "AWS_SECRET_ACCESS_KEY", "value": "AKIA-not-a-real-key" }
    ],
    "logConfiguration": {
      "logDriver": "json-file"
    }
  }
]
DEFS

  volume {
    name      = "docker-sock"
    host_path = "/var/run/docker.sock"
  }
}
