"""Which encoder reads a buyer's asks: the first (USE) in the 15 languages it reads, else the second
(multilingual-e5-small: Finnish, Hungarian, Ukrainian, Slovak, Danish, Greek...) with its own learned topic reader
(:mod:`assist.ask_topics`) and intent classifier (:mod:`assist.intent`), trained on the same exemplars.

The second encoder is about 15x slower than USE, so its readers (about 4,000 exemplars) cost minutes of CPU to train
the first time. They are never trained at start-up nor inside a request: the first request that needs them starts
their training on a background thread (kept on disk under the cache folder, so a restart loads them in about a
second) and its asks are read as before, by the first encoder's readers, until they are ready. :func:`prepare`
trains them in the foreground (benches, or a deployment that wants them before its first such buyer).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.asks import encoder_for
from retrievers.embeddings import reads

log = logging.getLogger("assist.ask_readers")

_READY: dict[tuple[str, str], tuple[Any, Any]] = {}  # (encoder name, taxonomy hash) -> (classifier, topic model)
_TRAINING: dict[tuple[str, str], threading.Thread] = {}
_LOCK = threading.Lock()


@dataclass
class AskReaders:
    """What reads one turn's asks: the encoder's ``embed``, the intent classifier's ``classify`` and the learned
    topic reader (``learned``: a TopicModel, or ``"auto"``: the one :func:`assist.asks.split_asks` finds)."""

    embed: Callable[[list[str]], Any]
    classify: Callable[[list[str]], Sequence[str]]
    learned: Any
    encoder: str
    second: bool = False


def second_readers(second: Any, taxonomy: Any, cache_dir: Path | None, *, wait: bool = False) -> tuple[Any, Any] | None:
    """(intent classifier, topic reader) of the ``second`` encoder for ``taxonomy``; None while they are not trained
    (without ``wait``: their training starts on a background thread, once)."""
    key = (str(second.name), str(taxonomy.hash))
    with _LOCK:
        found = _READY.get(key)
        if found is not None or (not wait and key in _TRAINING):
            return found
        if not wait:
            thread = threading.Thread(
                target=_train, args=(key, second, taxonomy, cache_dir), name="ask-readers-second", daemon=True
            )
            _TRAINING[key] = thread
            thread.start()
            return None
    _train(key, second, taxonomy, cache_dir)
    return _READY.get(key)


def _train(key: tuple[str, str], second: Any, taxonomy: Any, cache_dir: Path | None) -> None:
    from assist.ask_topics import topic_model
    from assist.intent import IntentClassifier

    try:
        classifier = IntentClassifier(taxonomy, second, cache_dir=cache_dir, english_encoder=None)
        model = topic_model(second.embed, cache_dir=cache_dir)
    except Exception:  # the first encoder's readers keep reading these asks
        log.exception("training the second encoder's ask readers failed")
        model = None
    with _LOCK:
        if model is not None:
            _READY[key] = (classifier, model)
        _TRAINING.pop(key, None)


def readers_for(
    services: Any, shop_settings: dict[str, Any] | None, language: str | None, *, wait: bool = False
) -> AskReaders:
    """The readers of a turn in ``language``: the second encoder's where the first does not read the language and
    they are trained (``wait``: train them now), else the first's (the shop's classifier, the shipped topic reader)."""
    first = services.embedder
    classifier = services.intent_classifier(shop_settings)
    second = None if reads(first, language) else getattr(services, "second_embedder", None)
    if encoder_for(language, first, second) is second and second is not None:
        cache_dir = getattr(getattr(services, "settings", None), "cache_dir", None)
        ready = second_readers(second, classifier.taxonomy, cache_dir, wait=wait)
        if ready is not None:
            return AskReaders(second.embed, ready[0].predict_many, ready[1], str(second.name), second=True)
    return AskReaders(first.embed, classifier.predict_many, "auto", str(first.name))


def prepare(services: Any, shop_settings: dict[str, Any] | None = None) -> bool:
    """Train (or load) the second encoder's readers now; False where there is no second encoder (a test fake)."""
    second = getattr(services, "second_embedder", None)
    if second is None:
        return False
    taxonomy = services.intent_classifier(shop_settings).taxonomy
    cache_dir = getattr(getattr(services, "settings", None), "cache_dir", None)
    return second_readers(second, taxonomy, cache_dir, wait=True) is not None
