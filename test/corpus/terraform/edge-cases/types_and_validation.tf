# Variable type constraints of every shape, plus validation blocks.

variable "prim_string" { type = string }
variable "prim_number" { type = number }
variable "prim_bool" { type = bool }
variable "any_value" { type = any }

variable "list_of_maps" {
  type    = list(map(string))
  default = [{ a = "1" }, {}]
}

variable "set_of_numbers" {
  type    = set(number)
  default = [1, 2, 3]
}

variable "tuple_typed" {
  type    = tuple([string, number, bool, list(string)])
  default = ["a", 1, true, []]
}

variable "map_of_objects" {
  type = map(object({
    name    = string
    enabled = optional(bool, true)
    weight  = optional(number)
    nested = optional(object({
      level = optional(number, 1)
      tags  = optional(map(string), {})
      deeper = optional(list(object({
        key   = string
        value = optional(string, "")
      })), [])
    }), {})
  }))
  default = {}
}

variable "cidr_list" {
  type = list(string)

  validation {
    condition     = alltrue([for c in var.cidr_list : can(cidrhost(c, 0))])
    error_message = "Every element must be a valid CIDR block."
  }

  validation {
    condition     = length(var.cidr_list) == length(distinct(var.cidr_list))
    error_message = "CIDR blocks must be unique."
  }

  validation {
    condition = !contains(var.cidr_list, "0.0.0.0/0")
    error_message = <<-EOT
      0.0.0.0/0 is not allowed here.
      Use a specific range instead (ISO 27001 A.8.20).
    EOT
  }
}

variable "retention" {
  type    = number
  default = 365

  validation {
    condition     = var.retention == -1 || (var.retention >= 30 && var.retention <= 3653 && floor(var.retention) == var.retention)
    error_message = "Retention must be -1 (forever) or a whole number of days between 30 and 3653, got ${var.retention}."
  }
}

variable "email" {
  type      = string
  sensitive = false
  nullable  = true
  default   = null

  validation {
    condition     = var.email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$", var.email))
    error_message = "Not a valid e-mail address."
  }
}

variable "tags" {
  description = <<EOT
Tags applied to every resource.
Keys must match ^[A-Za-z][A-Za-z0-9:_./=+-@]*$
EOT
  type = map(string)
  default = {
    "Owner"               = "platform"
    "compliance:iso27001" = "A.5.9"
    "cost-center"         = "CC-100"
  }

  validation {
    condition     = alltrue([for k, v in var.tags : length(k) <= 128 && length(v) <= 256])
    error_message = "Tag keys must be <= 128 and values <= 256 characters."
  }

  validation {
    condition     = contains(keys(var.tags), "Owner")
    error_message = "An Owner tag is mandatory."
  }
}

variable "schedule" {
  type = object({
    timezone = optional(string, "UTC")
    windows = list(object({
      day   = string
      start = string
      hours = optional(number, 4)
    }))
  })
  default = {
    windows = [{ day = "SUN", start = "02:00" }]
  }

  validation {
    condition = alltrue([
      for w in var.schedule.windows :
      contains(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], w.day) && can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", w.start))
    ])
    error_message = "Each window needs a valid three-letter day and HH:MM start."
  }
}
