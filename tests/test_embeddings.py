"""Embedders: the hashing fake used by fast tests, and the real multilingual USE model (slow)."""

from __future__ import annotations

import numpy as np
import pytest

from retrievers.embeddings import FakeEmbedder


def test_fake_embedder_is_normalised_deterministic_and_word_based():
    embedder = FakeEmbedder()
    vectors = embedder.embed(["return window", "Return WINDOW", "parcel tracking", ""])
    assert vectors.shape == (4, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert np.allclose(vectors[0], vectors[1])
    assert vectors[0] @ vectors[2] < vectors[0] @ vectors[1]
    assert np.array_equal(embedder.embed(["return window"])[0], vectors[0])


@pytest.mark.slow
def test_use_embedder_is_normalised_and_crosslingual(use_embedder):
    texts = [
        "When will my parcel arrive?",
        "Wann kommt mein Paket an?",
        "I want to return the kettle.",
        "荷物はいつ届きますか？",
    ]
    vectors = use_embedder.embed(texts)
    assert vectors.shape == (4, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[1, 0] > similarity[1, 2]  # German parcel question: nearer the English parcel question
    assert similarity[3, 0] > similarity[3, 2]
    assert use_embedder.embed([]).shape == (0, 512)
