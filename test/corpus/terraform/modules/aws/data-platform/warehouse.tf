# Glue catalog + Athena (compliant) and a legacy Redshift cluster (not).

resource "aws_glue_catalog_database" "curated" {
  name        = replace("${var.prefix}_curated", "-", "_")
  description = "Curated zone"

  create_table_default_permission {
    permissions = ["SELECT"]
    principal {
      data_lake_principal_identifier = "IAM_ALLOWED_PRINCIPALS"
    }
  }
}

resource "aws_glue_data_catalog_encryption_settings" "this" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      aws_kms_key_id                       = var.kms_key_arn
      return_connection_password_encrypted = true
    }

    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = var.kms_key_arn
    }
  }
}

resource "aws_glue_security_configuration" "this" {
  name = "${var.prefix}-secure"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = var.kms_key_arn
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = var.kms_key_arn
    }

    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = var.kms_key_arn
    }
  }
}

resource "aws_glue_catalog_table" "orders" {
  name          = "orders"
  database_name = aws_glue_catalog_database.curated.name
  table_type    = "EXTERNAL_TABLE"

  parameters = {
    EXTERNAL              = "TRUE"
    "parquet.compression" = "SNAPPY"
    classification        = "parquet"
  }

  partition_keys {
    name = "dt"
    type = "string"
  }

  storage_descriptor {
    location      = "s3://${split(":", var.curated_bucket_arn)[5]}/orders/"
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
      parameters = {
        "serialization.format" = 1
      }
    }

    dynamic "columns" {
      for_each = [
        { name = "order_id", type = "string" },
        { name = "customer_id", type = "string" },
        { name = "amount", type = "decimal(12,2)" },
        { name = "currency", type = "string" },
        { name = "created_at", type = "timestamp" },
        { name = "items", type = "array<struct<sku:string,qty:int,price:decimal(12,2)>>" },
      ]
      content {
        name = columns.value.name
        type = columns.value.type
      }
    }
  }
}

resource "aws_athena_workgroup" "analysts" {
  name = "${var.prefix}-analysts"

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = 10 * 1024 * 1024 * 1024

    result_configuration {
      output_location = "s3://${split(":", var.curated_bucket_arn)[5]}/athena-results/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = var.kms_key_arn
      }
    }
  }
}

resource "aws_redshift_subnet_group" "legacy" {
  name       = "${var.prefix}-legacy-dw"
  subnet_ids = var.private_subnet_ids
}

resource "aws_redshift_cluster" "legacy_dw" {
  cluster_identifier        = "${var.prefix}-legacy-dw"
  database_name             = "analytics"
  master_username           = "awsuser"
  master_password           = "Redshift2020!"
  node_type                 = "dc2.large"
  cluster_type              = "multi-node"
  number_of_nodes           = 2
  cluster_subnet_group_name = aws_redshift_subnet_group.legacy.name

  publicly_accessible                 = true
  encrypted                           = false
  enhanced_vpc_routing                = false
  automated_snapshot_retention_period = 0
  skip_final_snapshot                 = true

  logging {
    enable = false
  }
}

resource "aws_redshift_parameter_group" "legacy" {
  name   = "${var.prefix}-legacy"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "false"
  }

  parameter {
    name  = "enable_user_activity_logging"
    value = "false"
  }
}
