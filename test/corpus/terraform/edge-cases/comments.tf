# Hash comment at the top of the file
// Double-slash comment
/* Block comment on one line */
/*
 * Multi-line block comment
 * with a "string" and ${not_interpolation} and %{ not_a_directive }
 * and a fake heredoc <<EOF
 */

/* block */ variable "after_block_comment" { # trailing hash
  type = string // trailing slashes
  /* inside */ default = "x" /* after value */
}

locals { # comment after brace
  a = 1 # hash
  b = 2 // slashes
  c = /* inline before value */ 3
  d = [
    1, # first
    2, // second
    /* third */ 3,
    # dangling comment before closing bracket
  ]
  e = {
    # comment in object
    k1 = "v1" // trailing
    /* block between entries */
    k2 = "v2"
  }
  f = "# not a comment inside a string"
  g = "// also not a comment"
  h = "/* nor this */"
  i = <<-EOT
    # this is heredoc content, not a comment
    // neither is this
    /* or this */
  EOT
  j = 1 + /* comment inside expression */ 2
  k = true ? /* yes */ "y" : /* no */ "n"
  l = [for x in [1, 2] : x /* body */ * 2]
  m = upper( # comment inside call parens
    "abc"    // and after arg
  )
  url = "http://example.com/path" # slash-slash in a string is not a comment
}

#comment-without-space
//comment-without-space
/*no-space*/

resource "aws_s3_bucket" "commented" {
  # bucket = "old-name"
  bucket = "new-name"

  // tags = {
  //   old = "tags"
  // }

  /*
  lifecycle_rule {
    enabled = true
  }
  */

  tags = {
    Name = "commented" # why: naming convention
  }
}

/* ------------------------------------------------------------------------
 | ASCII art banner                                                       |
 | ****************************************************************       |
 ------------------------------------------------------------------------ */

output "o" {
  value = local.a # trailing
}

# comment as the very last line without trailing newline