"""Embedders: the hashing fake used by fast tests, the shared cache + micro-batching wrapper, and the real
multilingual USE model (slow)."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from retrievers.embeddings import FakeEmbedder, SharedEmbedder


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


class CountingEmbedder(FakeEmbedder):
    """The fake, recording every batch it encodes; ``hold`` blocks the first call until released."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []
        self.hold = threading.Event()
        self.hold.set()
        self.entered = threading.Event()

    def embed(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        self.entered.set()
        assert self.hold.wait(timeout=10)
        return super().embed(texts)


def test_shared_embedder_encodes_each_text_once_and_returns_the_same_vectors():
    inner = CountingEmbedder()
    shared = SharedEmbedder(inner, cache_size=100)
    first = shared.embed(["where is my parcel", "refund please", "where is my parcel"])
    again = shared.embed(["refund please", "new text"])
    assert inner.batches == [["where is my parcel", "refund please"], ["new text"]]
    assert np.array_equal(first, FakeEmbedder().embed(["where is my parcel", "refund please", "where is my parcel"]))
    assert np.array_equal(again[0], first[1])
    again[0] += 1.0  # a caller changing its result never changes what the next caller gets
    assert np.array_equal(shared.embed(["refund please"])[0], first[1])
    assert shared.name == inner.name and shared.dim == inner.dim and shared.embed([]).shape == (0, inner.dim)


def test_shared_embedder_forgets_the_least_recently_used_text():
    inner = CountingEmbedder()
    shared = SharedEmbedder(inner, cache_size=2)
    shared.embed(["a"])
    shared.embed(["b"])
    shared.embed(["a"])  # a is now the most recent
    shared.embed(["c"])  # evicts b
    shared.embed(["a", "b"])
    assert inner.batches == [["a"], ["b"], ["c"], ["b"]]


def test_concurrent_callers_are_encoded_as_one_batch():
    inner = CountingEmbedder()
    shared = SharedEmbedder(inner, batch_window_ms=200)
    inner.hold.clear()
    results: dict[str, np.ndarray] = {}
    first = threading.Thread(target=lambda: results.setdefault("first", shared.embed(["first"])))
    first.start()
    assert inner.entered.wait(timeout=10)  # "first" is being encoded; the next callers queue up
    others = [
        threading.Thread(target=lambda t=t: results.setdefault(t, shared.embed([t, "shared text"])))
        for t in ("one", "two", "three")
    ]
    for thread in others:
        thread.start()
    time.sleep(0.02)  # inside the batch window of the first queued caller
    inner.hold.set()
    for thread in [first, *others]:
        thread.join(timeout=10)
    assert inner.batches[0] == ["first"]
    assert sorted(text for batch in inner.batches[1:] for text in batch) == ["one", "shared text", "three", "two"]
    assert len(inner.batches) == 2, inner.batches  # the three waiting callers: one batch, shared text once
    for text in ("one", "two", "three"):
        assert np.array_equal(results[text], FakeEmbedder().embed([text, "shared text"]))


def test_an_encoder_failure_reaches_every_caller_of_the_batch():
    class Broken(FakeEmbedder):
        def embed(self, texts: list[str]) -> np.ndarray:
            raise RuntimeError("encoder crashed")

    shared = SharedEmbedder(Broken())
    with pytest.raises(RuntimeError, match="encoder crashed"):
        shared.embed(["x"])
    with pytest.raises(RuntimeError, match="encoder crashed"):  # nothing half-cached
        shared.embed(["x"])
