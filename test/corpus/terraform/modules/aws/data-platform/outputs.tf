output "stream_arns" {
  value = { for k, s in aws_kinesis_stream.this : k => s.arn }
}

output "msk_bootstrap_brokers_iam" {
  value = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "glue_database" {
  value = aws_glue_catalog_database.curated.name
}

output "athena_workgroup" {
  value = aws_athena_workgroup.analysts.name
}
