"""The English encoder view of custom taxonomies (assist/intent/english.py and the few-shot blend)."""

from __future__ import annotations

import numpy as np
import pytest

from assist.intent import IntentClassifier, default_taxonomy, parse_taxonomy
from assist.intent.english import EnglishMiniLM, english_share, shipped_english_encoder
from retrievers.embeddings import FakeEmbedder

PARCELS = {
    "intents": [
        {
            "name": "where_is_it",
            "description": "Buyer asks where the parcel is",
            "examples": [
                "where is my parcel",
                "my parcel has not arrived yet",
                "when does my parcel arrive",
                "track my parcel please",
                "the parcel is late, where is it",
            ],
        },
        {
            "name": "money_back",
            "description": "Buyer wants money back",
            "examples": [
                "I want my money back",
                "refund me please",
                "please give me a refund",
                "when do I get my refund",
                "send the money back to my card",
            ],
        },
        {
            "name": "broken_item",
            "description": "The item arrived broken",
            "examples": [
                "the mug arrived broken",
                "my order came damaged",
                "the glass was shattered in the box",
                "the lamp does not work, it is broken",
                "item arrived cracked",
            ],
        },
    ]
}


class NamedStub(FakeEmbedder):
    """A hashing embedder that does not call itself fake (stands for a real multilingual encoder)."""

    name = "stub-multilingual"


@pytest.fixture(scope="module")
def taxonomy():
    return parse_taxonomy(PARCELS)


@pytest.fixture(scope="module")
def with_english(taxonomy):
    return IntentClassifier(taxonomy, FakeEmbedder(), english_encoder=FakeEmbedder(dim=48))


def test_english_share_follows_the_messages_language():
    share = english_share(["where is my parcel, it has not arrived", "Wo ist mein Paket?", "荷物はどこですか", " "])
    assert share[0] == 1.0
    assert share[1] < 0.2 and share[2] == 0.0 and share[3] == 0.0


def test_the_english_view_is_fitted_with_its_own_blend(with_english):
    english = with_english.model.english
    assert english is not None
    assert len(english.weights) == 4 and abs(sum(english.weights) - 1.0) < 1e-9
    assert english.temperature > 0


def test_other_languages_are_classified_on_the_multilingual_views_alone(taxonomy, with_english):
    without = IntentClassifier(taxonomy, FakeEmbedder(), english_encoder=None)
    assert without.model.english is None
    german = ["Wo ist mein Paket? Es ist noch nicht angekommen.", "Ich möchte mein Geld zurück."]
    vectors, share = FakeEmbedder().embed(german), english_share(german)
    in_english = FakeEmbedder(dim=48).embed(german)
    assert not share.any()
    model, other = with_english.model, without.model
    np.testing.assert_allclose(
        model.probabilities(german, vectors, in_english, share), other.probabilities(german, vectors)
    )
    assert model.descriptions is not None and other.descriptions is not None
    np.testing.assert_allclose(  # the descriptions' view too (how much it counts follows the in-scope probability)
        model.descriptions.probabilities(vectors, in_english, share), other.descriptions.probabilities(vectors)
    )
    english = ["where is my parcel, it is late", "the mug arrived broken"]
    probs, in_scope = with_english.scores(english)
    other_probs, other_scope = without.scores(english)
    assert not (np.allclose(probs, other_probs) and np.allclose(in_scope, other_scope))
    assert with_english.predict("the mug arrived broken").intent == "broken_item"


def test_auto_uses_the_english_encoder_only_for_a_custom_taxonomy_on_a_real_encoder(taxonomy, monkeypatch):
    chosen = FakeEmbedder(dim=8)
    monkeypatch.setattr("assist.intent.english.shipped_english_encoder", lambda: chosen)
    monkeypatch.setattr("assist.intent.fewshot.fit", lambda *args, **kwargs: None)  # the choice only, no training
    monkeypatch.setattr("assist.intent.fewshot.describe", lambda *args: None)
    assert IntentClassifier(default_taxonomy(), NamedStub()).english_encoder is None  # the default: fast path
    assert IntentClassifier(taxonomy, FakeEmbedder()).english_encoder is None  # next to a fake: none
    assert IntentClassifier(taxonomy, NamedStub()).english_encoder is chosen
    assert IntentClassifier(taxonomy, NamedStub(), english_encoder=None).english_encoder is None


@pytest.mark.slow
def test_shipped_english_encoder_vectors():
    encoder = shipped_english_encoder()
    assert encoder is not None and isinstance(encoder.inner, EnglishMiniLM)
    assert shipped_english_encoder() is encoder  # loaded once
    vectors = encoder.embed(["where is my parcel", "my package has not arrived yet", "I forgot my password", ""])
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    np.testing.assert_allclose(encoder.embed(["my package has not arrived yet"])[0], vectors[1], atol=1e-5)
    assert encoder.embed([]).shape == (0, 384)


@pytest.mark.slow
def test_real_encoders_on_a_custom_taxonomy(use_embedder, taxonomy):
    classifier = IntentClassifier(taxonomy, use_embedder)
    assert classifier.english_encoder is shipped_english_encoder()
    cases = [
        ("hello, my package still isn't here, where is it?", "where_is_it"),
        ("I'd like a refund for my order", "money_back"),
        ("the plate came smashed into pieces", "broken_item"),
        ("Wo bleibt mein Paket?", "where_is_it"),
        ("Je veux être remboursé.", "money_back"),
    ]
    predicted = classifier.predict_many([text for text, _ in cases])
    assert predicted == [gold for _, gold in cases]
    assert classifier.predict("What is the capital of Australia?").intent == "other"


def test_a_tampered_english_model_is_refused_and_intent_keeps_working(taxonomy, monkeypatch, caplog):
    import assist.intent.english as english

    monkeypatch.setattr(english, "MODEL_SHA256", "0" * 64)
    monkeypatch.setattr(english, "_shared", None)
    monkeypatch.setattr(english, "_unavailable", None)
    assert english.shipped_english_encoder() is None
    assert "sha256" in caplog.text and "multilingual views only" in caplog.text
    classifier = IntentClassifier(taxonomy, NamedStub())
    assert classifier.english_encoder is None and classifier.model.english is None
    assert classifier.predict("refund me please").intent == "money_back"
