variable "tags" {
  type    = map(string)
  default = { Team = "platform", Env = "prod" }
}

variable "cidr" {
  type    = string
  default = "10.42.0.0/16"
}

locals {
  # collection
  merged      = merge(var.tags, { Extra = "1" }, {})
  merged_many = merge([{ a = 1 }, { b = 2 }, { c = 3 }]...)
  looked_up   = lookup(var.tags, "Team", "unknown")
  looked_miss = lookup(var.tags, "Missing", null)
  zipped      = zipmap(["a", "b", "c"], [1, 2, 3])
  elem        = element(["x", "y", "z"], 4)
  len_str     = length("héllo")
  len_map     = length(var.tags)
  flat        = flatten([["a"], ["b", ["c"]]])
  set_of      = toset(["b", "a", "b"])
  list_of     = tolist(toset(["z", "y"]))
  map_of      = tomap({ a = "1", b = "2" })
  keys_sorted = sort(keys(var.tags))
  vals        = values(var.tags)
  concat_l    = concat(["a"], ["b", "c"], [])
  contains_x  = contains(["x", "y"], "x")
  distinct_l  = distinct([1, 1, 2, 3, 3])
  chunked     = chunklist([1, 2, 3, 4, 5], 2)
  ranged      = range(0, 10, 3)
  reversed    = reverse([1, 2, 3])
  sliced      = slice(["a", "b", "c", "d"], 1, 3)
  setunion    = setunion(["a"], ["b"], ["a", "c"])
  setinter    = setintersection(["a", "b"], ["b", "c"])
  setsub      = setsubtract(["a", "b", "c"], ["b"])
  setprod     = setproduct(["dev", "prod"], ["eu", "us"])
  transposed  = transpose({ a = ["1", "2"], b = ["2", "3"] })
  coalesced   = coalesce("", null, "fallback")
  coalesce_l  = coalescelist([], ["first"], ["second"])
  compacted   = compact(["a", "", null, "b"])
  one_of      = one(["only"])
  idx         = index(["a", "b", "c"], "b")
  matched     = matchkeys(["i-1", "i-2"], ["eu", "us"], ["us"])
  summed      = sum([1, 2.5, 3])

  # strings
  formatted   = format("%-10s|%5d|%08.3f", "left", 42, 3.14159)
  joined      = join("-", ["a", "b", "c"])
  splitted    = split(",", "a,b,,c")
  replaced    = replace("hello world", "/o(\\w)/", "0$1")
  regex_one   = regex("^(?P<user>[^@]+)@(?P<domain>.+)$", "ops@acme.example")
  regex_all   = regexall("[0-9]+", "a1b22c333")
  sub         = substr("terraform", 0, 5)
  trimmed     = trim("--hello--", "-")
  trim_prefix = trimprefix("arn:aws:s3:::bucket", "arn:aws:s3:::")
  trim_suffix = trimsuffix("file.tar.gz", ".gz")
  trimmed_sp  = trimspace("   padded \n")
  title_case  = title("hello world")
  lower_upper = "${lower("ABC")}${upper("def")}"
  start_end   = startswith("prefix-x", "prefix") && endswith("x-suffix", "suffix")
  str_rev     = strrev("stressed")
  indented    = indent(4, "a\nb\nc")
  chomped     = chomp("line\n")

  # encoding
  json_enc    = jsonencode({ a = [1, 2], b = { c = null } })
  json_dec    = jsondecode("{\"x\": [true, false]}")
  yaml_enc    = yamlencode({ list = [1, 2], map = { k = "v" } })
  yaml_dec    = yamldecode("a: 1\nb: [x, y]\n")
  b64_enc     = base64encode("hello")
  b64_dec     = base64decode("aGVsbG8=")
  b64_gzip    = base64gzip("compress me")
  url_enc     = urlencode("a b&c=d/é")
  csv_dec     = csvdecode("name,age\nalice,30\nbob,25\n")
  text_b64    = textencodebase64("Hello", "UTF-16LE")

  # hashing & crypto
  md5_h       = md5("x")
  sha1_h      = sha1("x")
  sha256_h    = sha256("x")
  sha512_h    = sha512("x")
  uuid5       = uuidv5("dns", "www.example.com")

  # network
  subnet_a    = cidrsubnet(var.cidr, 8, 0)
  subnets     = cidrsubnets(var.cidr, 4, 4, 8, 8)
  host_ip     = cidrhost(var.cidr, 10)
  netmask     = cidrnetmask(var.cidr)

  # type conversion & checks
  to_str      = tostring(42)
  to_num      = tonumber("3.5")
  to_bool     = tobool("true")
  try_val     = try(tonumber("not a number"), -1)
  can_val     = can(regex("^[a-z]+$", "abc"))
  type_of     = type(local.merged)
  sensitive_v = sensitive("secret")
  nonsens_v   = nonsensitive(sensitive("plain"))

  # time & filesystem
  ts          = timestamp()
  ts_add      = timeadd("2024-01-01T00:00:00Z", "720h")
  ts_fmt      = formatdate("YYYY-MM-DD'T'hh:mm:ssZ", "2024-01-01T00:00:00Z")
  ts_cmp      = timecmp("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z")
  file_exists = fileexists("${path.module}/README.md")
  file_set    = fileset(path.module, "**/*.tf")
  abs_path    = abspath(path.root)
  dir_name    = dirname("/etc/terraform/main.tf")
  base_name   = basename("/etc/terraform/main.tf")
  tmpl        = templatefile("${path.module}/tmpl/user_data.sh.tftpl", { name = "x", ports = [80, 443] })
  tmpl_string = templatestring(local.raw_tmpl, { who = "world" })
  raw_tmpl    = "Hello, $${who}!"

  # varargs expansion
  max_expand  = max([1, 5, 3]...)
  min_expand  = min(local.ranged...)
  merge_for   = merge([for k, v in var.tags : { (lower(k)) = v }]...)
  fmt_expand  = format("%s-%s-%s", ["a", "b", "c"]...)

  # provider-defined functions (Terraform 1.8+)
  arn_parts   = provider::aws::arn_parse("arn:aws:iam::123456789012:role/admin")
  arn_built   = provider::aws::arn_build("aws", "s3", "", "", "my-bucket")
  tf_encoded  = provider::terraform::encode_tfvars({ region = "eu-west-1" })
}
