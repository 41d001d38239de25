variable "cluster_name" {
  type = string
}

variable "cluster_version" {
  description = "Kubernetes minor version, e.g. \"1.29\"."
  type        = string
  default     = "1.29"

  validation {
    condition     = can(regex("^1\\.(2[7-9]|3[0-9])$", var.cluster_version))
    error_message = "Only EKS 1.27 and later are supported."
  }
}

variable "vpc_id" { type = string }

variable "subnet_ids" {
  description = "Private subnets for the control plane ENIs and the node groups."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "EKS requires subnets in at least two AZs."
  }
}

variable "endpoint_private_access" {
  type    = bool
  default = true
}

variable "endpoint_public_access" {
  type    = bool
  default = false
}

variable "public_access_cidrs" {
  type    = list(string)
  default = []
}

variable "enabled_cluster_log_types" {
  type    = list(string)
  default = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
}

variable "log_retention_days" {
  type    = number
  default = 90
}

variable "kms_key_arn" {
  description = "Existing CMK for envelope encryption of secrets. If null a key is created."
  type        = string
  default     = null
}

variable "node_groups" {
  description = "Managed node groups keyed by name."
  type = map(object({
    instance_types = list(string)
    capacity_type  = optional(string, "ON_DEMAND")
    ami_type       = optional(string, "AL2_x86_64")
    disk_size      = optional(number, 50)
    min_size       = optional(number, 1)
    max_size       = optional(number, 3)
    desired_size   = optional(number)
    labels         = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = optional(string)
      effect = string
    })), [])
    subnet_ids = optional(list(string))
    update_config = optional(object({
      max_unavailable_percentage = optional(number, 33)
    }), {})
  }))
  default = {
    system = {
      instance_types = ["m6i.large"]
      min_size       = 2
      max_size       = 4
      labels         = { "node.kubernetes.io/purpose" = "system" }
      taints = [{
        key    = "CriticalAddonsOnly"
        value  = "true"
        effect = "NO_SCHEDULE"
      }]
    }
  }
}

variable "irsa_roles" {
  description = "IAM roles for service accounts: name => { namespace, service_account, policy_arns, inline_policy }"
  type = map(object({
    namespace       = string
    service_account = string
    policy_arns     = optional(list(string), [])
    inline_policy   = optional(string)
  }))
  default = {}
}

variable "access_entries" {
  type = map(object({
    principal_arn = string
    policy_arn    = optional(string, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy")
    namespaces    = optional(list(string))
  }))
  default = {}
}

variable "addons" {
  type = map(object({
    version                  = optional(string)
    resolve_conflicts        = optional(string, "OVERWRITE")
    service_account_role_arn = optional(string)
    configuration_values     = optional(any)
  }))
  default = {
    "vpc-cni"    = {}
    "coredns"    = {}
    "kube-proxy" = {}
  }
}

variable "tags" {
  type    = map(string)
  default = {}
}
