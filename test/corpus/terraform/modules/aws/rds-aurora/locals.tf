locals {
  family = var.engine == "aurora-postgresql" ? "aurora-postgresql${split(".", var.engine_version)[0]}" : "aurora-mysql8.0"
  port   = var.engine == "aurora-postgresql" ? 5432 : 3306

  log_exports = {
    "aurora-postgresql" = ["postgresql"]
    "aurora-mysql"      = ["audit", "error", "general", "slowquery"]
  }

  # Secure defaults appended to whatever the caller asks for. Caller wins on clashes.
  default_cluster_parameters = var.engine == "aurora-postgresql" ? [
    { name = "rds.force_ssl", value = "1", apply_method = "pending-reboot" },
    { name = "log_connections", value = "1", apply_method = "immediate" },
    { name = "log_disconnections", value = "1", apply_method = "immediate" },
    { name = "pgaudit.log", value = "ddl,role", apply_method = "immediate" },
    { name = "shared_preload_libraries", value = "pg_stat_statements,pgaudit", apply_method = "pending-reboot" },
    ] : [
    { name = "require_secure_transport", value = "ON", apply_method = "immediate" },
    { name = "server_audit_logging", value = "1", apply_method = "immediate" },
    { name = "server_audit_events", value = "CONNECT,QUERY_DCL,QUERY_DDL", apply_method = "immediate" },
  ]

  cluster_parameters = values(merge(
    { for p in local.default_cluster_parameters : p.name => p },
    { for p in var.cluster_parameters : p.name => p },
  ))

  final_snapshot_identifier = "${var.name}-final-${formatdate("YYYYMMDDhhmm", timestamp())}"

  tags = merge(var.tags, { "db:engine" = var.engine })
}
