# A file that has never seen `terraform fmt`.
resource   "aws_s3_bucket"    "messy"{
bucket="messy-bucket"
    force_destroy=   true
  tags={Name="messy",
  Env  =   "dev"}
}

resource "aws_s3_bucket_versioning" "messy" {
      bucket=aws_s3_bucket.messy.id
  versioning_configuration{status="Suspended"}
}



variable"count_of_things"{
type=number
default=3
}

locals{
  a=[1,2,3]
  b  ={x=1,y=2}
    c = var.count_of_things>2?"many":"few"
  d=[for i in local.a:i*2 if i!=2]
  e={for k,v in local.b:k=>v+1}
  f="${local.c}-${join("-",[for n in local.d:tostring(n)])}"
}
output "o"{value=local.f}
output   "p"   {
      value    =    local.e
  description="spaces everywhere"
}
