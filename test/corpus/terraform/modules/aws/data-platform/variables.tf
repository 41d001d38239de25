variable "prefix" {
  type    = string
  default = "dp"
}

variable "kms_key_arn" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "private_subnet_ids" {
  type = list(string)
}

variable "raw_bucket_arn" {
  type = string
}

variable "curated_bucket_arn" {
  type = string
}

variable "streams" {
  type = map(object({
    shard_count     = optional(number)
    retention_hours = optional(number, 24)
    on_demand       = optional(bool, true)
  }))
  default = {
    clickstream = {}
    orders      = { on_demand = false, shard_count = 4, retention_hours = 168 }
  }
}

variable "msk" {
  type = object({
    kafka_version   = optional(string, "3.6.0")
    broker_count    = optional(number, 3)
    instance_type   = optional(string, "kafka.m7g.large")
    volume_size     = optional(number, 500)
  })
  default = {}
}

variable "tags" {
  type    = map(string)
  default = {}
}
