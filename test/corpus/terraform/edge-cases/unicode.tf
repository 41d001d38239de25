# -*- coding: utf-8 -*-
# Unicode in comments: Grüße aus München — 東京リージョン — Ελληνικά — עברית — 🚀✅
// Kommentar mit Umlauten: äöü ÄÖÜ ß
/* Многострочный
   комментарий на русском — 多行注释 */

locals {
  greeting_de = "Grüß Gott, schöne Grüße aus Österreich"
  greeting_ja = "こんにちは、東京リージョン (ap-northeast-1)"
  greeting_zh = "你好，世界"
  greeting_ar = "مرحبا بالعالم"
  greeting_he = "שלום עולם"
  greeting_ru = "Привет, мир"
  greeting_el = "Γειά σου Κόσμε"
  emoji       = "deploy 🚀 ok ✅ failed ❌ warn ⚠️"
  combining   = "e\u0301 vs é"          # decomposed vs precomposed
  zero_width  = "zero\u200Bwidth\u200Djoiner"
  nbsp        = "non\u00A0breaking"
  math        = "∀x∈ℝ: x² ≥ 0 — ∑ ∫ √ ∞ ≈ ≠"
  currency    = "€100 £50 ¥1000 ₹500 ₿0.01"
  box_drawing = "┌─┬─┐ │ │ │ └─┴─┘"

  quoted_keys = {
    "quoted unicode key ✓" = "value"
    "ключ"                 = "значение"
  }

  by_region = {
    "eu-central-1"   = "Frankfurt am Main"
    "eu-south-2"     = "España (Aragón)"
    "ap-northeast-1" = "東京"
    "ap-northeast-2" = "서울"
    "me-central-1"   = "الإمارات"
    "il-central-1"   = "תל אביב"
  }

  ünïcödé_identifier = "identifiers may contain unicode letters"
  名前                 = "japanese identifier"
}

resource "aws_s3_bucket" "unicode_tags" {
  bucket = "unicode-tags-example"

  tags = {
    Name        = "Bücher-Archiv"
    Owner       = "José Müller-Łukasiewicz"
    Description = "Archiv für Rechnungen – vertraulich 🔒"
    CostCenter  = "DE-München-042"
  }
}

resource "aws_sns_topic" "alerts_jp" {
  name         = "alerts-jp"
  display_name = "アラート通知"
}

output "unicode_interpolation" {
  value = "Région: ${local.by_region["eu-south-2"]} — Stadt: ${local.greeting_de}"
}

output "unicode_heredoc" {
  value = <<-EOT
    Überschrift: ${local.greeting_de}
    見出し: ${local.greeting_ja}
    ✓ done
  EOT
}
