resource "aws_security_group" "msk" {
  name_prefix = "${var.prefix}-msk-"
  vpc_id      = var.vpc_id
  description = "MSK brokers"

  ingress {
    description = "Kafka TLS + IAM from VPC"
    from_port   = 9094
    to_port     = 9098
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "msk" {
  name              = "/aws/msk/${var.prefix}"
  retention_in_days = 90
  kms_key_id        = var.kms_key_arn
}

resource "aws_msk_configuration" "this" {
  name           = "${var.prefix}-config"
  kafka_versions = [var.msk.kafka_version]

  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    num.partitions=6
    log.retention.hours=168
    unclean.leader.election.enable=false
    allow.everyone.if.no.acl.found=false
  PROPERTIES
}

resource "aws_msk_cluster" "this" {
  cluster_name           = "${var.prefix}-events"
  kafka_version          = var.msk.kafka_version
  number_of_broker_nodes = var.msk.broker_count

  broker_node_group_info {
    instance_type   = var.msk.instance_type
    client_subnets  = slice(var.private_subnet_ids, 0, min(length(var.private_subnet_ids), var.msk.broker_count))
    security_groups = [aws_security_group.msk.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.msk.volume_size
      }
    }

    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.kms_key_arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  client_authentication {
    unauthenticated = false
    sasl {
      iam = true
    }
  }

  enhanced_monitoring = "PER_TOPIC_PER_BROKER"

  open_monitoring {
    prometheus {
      jmx_exporter {
        enabled_in_broker = true
      }
      node_exporter {
        enabled_in_broker = true
      }
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.msk.name
      }
    }
  }

  tags = var.tags
}
