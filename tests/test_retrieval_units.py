"""Pure pieces of retrieval: chunking, tokenizing, fusion, language preference."""

from __future__ import annotations

from retrievers.chunking import Document, Section, chunk_document, parse_markdown, split_section
from retrievers.keywords import KeywordIndex, tokenize
from retrievers.policies import fuse, prefer_language


def test_tokenize_splits_cjk_into_bigrams_and_lowercases_the_rest():
    assert tokenize("Wann kommt mein PAKET an?") == ["wann", "kommt", "paket"]  # "mein", "an": stop words
    assert tokenize("Where is my parcel?") == ["parcel"]
    assert tokenize("返品期限") == ["返品", "品期", "期限"]
    assert tokenize("退货 NL-123456") == ["退货", "nl", "123456"]
    assert tokenize("荷物が届かない") == ["荷物", "物が", "が届", "届か", "かな", "ない"]


def test_keyword_index_ranks_matching_cjk_text_first():
    index = KeywordIndex(["a", "b", "c"], ["返品期限は30日です", "配送について", "empty"], [{}, {}, {}])
    assert [i for i, _ in index.top("返品したい", 3)] == ["a"]
    assert index.top("nothing matches", 3) == []


def test_markdown_headings_anchors_and_code_fences():
    doc = parse_markdown("# Title\n\nIntro.\n\n```\n# not a heading\n```\n\n## Part {#part}\n\nBody.\n### Sub\n\nMore.")
    assert [(s.path, s.anchor) for s in doc.sections] == [
        ("Title", None),
        ("Title > Part", "part"),
        ("Title > Part > Sub", "part"),
    ]
    assert "# not a heading" in doc.sections[0].body


def test_front_matter_title_is_prepended_only_without_an_h1():
    doc = parse_markdown("---\ntitle: Returns\nintents: return_request, refund_status\n---\n## Window\n\nText.")
    assert doc.intents == ["return_request", "refund_status"]
    assert [c.text for c in chunk_document(doc)] == ["Returns > Window\n\nText."]


def test_repeated_heading_paths_get_distinct_occurrences():
    doc = Document([Section(["FAQ"], None, "One."), Section(["FAQ"], None, "Two.")], title="FAQ", has_h1=True)
    chunks = chunk_document(doc)
    assert [(c.occurrence, c.index) for c in chunks] == [(0, 0), (1, 0)]


def test_split_section_packs_paragraphs_and_carries_a_short_tail():
    body = "\n\n".join(["A" * 500, "short tail.", "B" * 500])
    parts = split_section(body, max_chars=800, overlap=120)
    assert parts == ["A" * 500 + "\n\nshort tail.", "short tail.\n\n" + "B" * 500]
    long = "Sentence one is here. " * 100
    assert all(len(p) <= 800 for p in split_section(long))


def test_fuse_rewards_agreement_and_normalises_to_one():
    fused = dict(fuse([["a", "b", "c"], ["a", "c", "b"]]))
    assert fused["a"] == 1.0
    assert fused["c"] > fused["b"] or fused["b"] == fused["c"]
    assert list(dict(fuse([["x"], ["y", "x"]]))) == ["x", "y"]


def test_prefer_language_keeps_one_version_per_anchor_at_the_best_rank():
    metas = {
        "en1": {"anchor": "window", "language": "en"},
        "de1": {"anchor": "window", "language": "de"},
        "en2": {"anchor": "costs", "language": "en"},
        "x": {"anchor": "", "language": "en"},
    }
    ranked = [("en1", 1.0), ("en2", 0.9), ("de1", 0.8), ("x", 0.7)]
    assert prefer_language(ranked, metas, "de") == [("de1", 1.0), ("en2", 0.9), ("x", 0.7)]
    assert prefer_language(ranked, metas, None) == [("en1", 1.0), ("en2", 0.9), ("x", 0.7)]
    metas["en1"]["language"] = "ja"  # no requested language, no English: the best hit's language
    assert prefer_language(ranked, metas, "fr") == [("en1", 1.0), ("en2", 0.9), ("x", 0.7)]
    assert prefer_language(ranked[1:], metas, "fr") == [("en2", 0.9), ("de1", 0.8), ("x", 0.7)]
