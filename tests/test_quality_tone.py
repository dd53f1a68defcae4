"""The shipped tone model on the real multilingual USE embedder, and the labelled draft set end to end."""

from __future__ import annotations

import pytest

from assist.quality.tone import MODEL_PATH, ToneClassifier, ToneModel
from retrievers.embeddings import FakeEmbedder


def test_shipped_model_is_small_and_trained_on_permissive_data_only() -> None:
    model = ToneModel.load()
    assert MODEL_PATH.stat().st_size < 20_000 and model.coef.shape == (512,)
    assert set(model.meta["trained_on"]) == {"train_stackexchange", "train_tydip", "own_examples"}
    assert model.meta["accuracy"]["heldout_wikipedia"] > 0.8


def test_other_embedder_falls_back_to_lexicon() -> None:
    classifier = ToneClassifier(FakeEmbedder())
    assert classifier.engine == "rules"
    assert [f.kind for f in classifier.findings("Hi, you idiot. Why didn't you read the manual?")] == ["insult"]


@pytest.mark.slow
def test_classifier_flags_curt_text_in_several_languages(use_embedder) -> None:  # type: ignore[no-untyped-def]
    classifier = ToneClassifier(use_embedder)
    assert classifier.engine == "classifier+rules"
    for rude in ("Why didn't you read the size chart before ordering?", "你为什么不先看说明？"):
        assert [f.kind for f in classifier.findings(rude)] == ["rude"], rude
    for polite in (
        "Hi Anna, thanks for your message. We will send a replacement today.",
        "Estimado cliente, su pedido llegará mañana.",
        "感谢您的耐心等待，我们马上为您处理。",
    ):
        assert classifier.findings(polite) == [], polite
        assert classifier.politeness(polite) > 0.5
    assert classifier.politeness("Whatever you say. Not our problem.") < 0.2


@pytest.mark.slow
def test_labelled_drafts_precision_and_recall(use_embedder) -> None:  # type: ignore[no-untyped-def]
    from assist.language import FastTextDetector
    from assist.quality.cases import load_draft_cases, precision_recall, run_draft_case

    cases = load_draft_cases()
    assert len(cases) >= 72 and {c["language"] for c in cases} >= {"en", "de", "ja", "zh", "es", "fr", "pt", "it"}
    tone, detector = ToneClassifier(use_embedder), FastTextDetector()
    table = precision_recall((c, run_draft_case(c, tone=tone, language_detector=detector)) for c in cases)
    for name, row in table.items():
        assert row["tp"] >= (4 if name != "overall" else 60), name
        assert row["recall"] >= 0.9 and row["precision"] >= 0.8, (name, row)
