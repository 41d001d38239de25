output "web_sg_id" { value = aws_security_group.web.id }
output "app_sg_id" { value = aws_security_group.app.id }
output "data_sg_id" { value = aws_security_group.data.id }

output "generic_sg_ids" {
  value = { for name, sg in aws_security_group.generic : name => sg.id }
}
