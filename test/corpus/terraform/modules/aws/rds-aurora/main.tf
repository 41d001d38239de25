resource "aws_db_subnet_group" "this" {
  count = var.create ? 1 : 0

  name_prefix = "${var.name}-"
  description = "Subnets for Aurora cluster ${var.name}"
  subnet_ids  = var.subnet_ids
  tags        = local.tags
}

resource "aws_security_group" "this" {
  count = var.create ? 1 : 0

  name_prefix = "${var.name}-aurora-"
  vpc_id      = var.vpc_id
  description = "Access to Aurora ${var.name}"
  tags        = merge(local.tags, { Name = "${var.name}-aurora" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group_rule" "from_sg" {
  count = var.create ? length(var.allowed_security_group_ids) : 0

  type                     = "ingress"
  from_port                = local.port
  to_port                  = local.port
  protocol                 = "tcp"
  source_security_group_id = element(var.allowed_security_group_ids, count.index)
  security_group_id        = aws_security_group.this[0].id
  description              = "DB access from SG #${count.index + 1}"
}

resource "aws_security_group_rule" "from_cidr" {
  count = var.create && length(var.allowed_cidr_blocks) > 0 ? 1 : 0

  type              = "ingress"
  from_port         = local.port
  to_port           = local.port
  protocol          = "tcp"
  cidr_blocks       = var.allowed_cidr_blocks
  security_group_id = aws_security_group.this[0].id
}

resource "aws_rds_cluster_parameter_group" "this" {
  count = var.create ? 1 : 0

  name_prefix = "${var.name}-cluster-"
  family      = local.family
  description = "Cluster parameters for ${var.name}"

  dynamic "parameter" {
    for_each = local.cluster_parameters
    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = parameter.value.apply_method
    }
  }

  tags = local.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_parameter_group" "this" {
  count = var.create ? 1 : 0

  name_prefix = "${var.name}-instance-"
  family      = local.family

  dynamic "parameter" {
    for_each = var.db_parameters
    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = parameter.value.apply_method
    }
  }

  tags = local.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "this" {
  count = var.create ? 1 : 0

  cluster_identifier = var.name
  engine             = var.engine
  engine_version     = var.engine_version
  engine_mode        = "provisioned"
  database_name      = var.database_name
  port               = local.port

  master_username             = var.master_username
  manage_master_user_password = var.manage_master_user_password ? true : null
  master_password             = var.manage_master_user_password ? null : random_password.master[0].result

  db_subnet_group_name            = aws_db_subnet_group.this[0].name
  vpc_security_group_ids          = [aws_security_group.this[0].id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this[0].name

  storage_encrypted                   = true
  kms_key_id                          = var.kms_key_id
  iam_database_authentication_enabled = var.iam_database_authentication_enabled

  backup_retention_period      = var.backup_retention_period
  preferred_backup_window      = var.preferred_backup_window
  preferred_maintenance_window = var.preferred_maintenance_window
  copy_tags_to_snapshot        = true
  deletion_protection          = var.deletion_protection
  skip_final_snapshot          = var.skip_final_snapshot
  final_snapshot_identifier    = var.skip_final_snapshot ? null : local.final_snapshot_identifier

  enabled_cloudwatch_logs_exports = local.log_exports[var.engine]

  dynamic "serverlessv2_scaling_configuration" {
    for_each = var.serverless_v2_scaling[*]
    content {
      min_capacity = serverlessv2_scaling_configuration.value.min_capacity
      max_capacity = serverlessv2_scaling_configuration.value.max_capacity
    }
  }

  tags = local.tags

  lifecycle {
    ignore_changes = [
      final_snapshot_identifier,
      master_password,
      engine_version, # minor upgrades are applied by AWS
    ]
  }
}

resource "random_password" "master" {
  count = var.create && !var.manage_master_user_password ? 1 : 0

  length           = 32
  special          = true
  override_special = "!#$%&*()-_=+[]{}<>:?"
}

resource "aws_rds_cluster_instance" "this" {
  for_each = var.create ? var.instances : {}

  identifier                   = "${var.name}-${each.key}"
  cluster_identifier           = aws_rds_cluster.this[0].id
  engine                       = aws_rds_cluster.this[0].engine
  engine_version               = aws_rds_cluster.this[0].engine_version
  instance_class               = var.serverless_v2_scaling != null ? "db.serverless" : coalesce(each.value.instance_class, var.instance_class)
  db_parameter_group_name      = aws_db_parameter_group.this[0].name
  db_subnet_group_name         = aws_db_subnet_group.this[0].name
  publicly_accessible          = each.value.publicly_accessible
  availability_zone            = each.value.availability_zone
  promotion_tier               = each.value.promotion_tier
  auto_minor_version_upgrade   = true
  monitoring_interval          = var.monitoring_interval
  monitoring_role_arn          = var.monitoring_interval > 0 ? aws_iam_role.monitoring[0].arn : null
  performance_insights_enabled = var.performance_insights_enabled

  performance_insights_kms_key_id       = var.performance_insights_enabled ? var.kms_key_id : null
  performance_insights_retention_period = var.performance_insights_enabled ? 7 : null

  tags = local.tags
}

resource "aws_iam_role" "monitoring" {
  count = var.create && var.monitoring_interval > 0 ? 1 : 0

  name_prefix = "${var.name}-rds-mon-"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Principal = { Service = "monitoring.rds.amazonaws.com" }
      },
    ]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]
  tags                = local.tags
}
