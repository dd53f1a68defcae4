"""Which encoder reads a buyer's asks: the first (USE) in the 15 languages it reads, else the second
(multilingual-e5-small: Finnish, Hungarian, Ukrainian, Slovak, Danish, Greek...) with its own learned topic reader
(:mod:`assist.ask_topics`) and intent classifier (:mod:`assist.intent`), trained on the same exemplars.

The second encoder is about 15x slower than USE, so its readers (about 4,000 exemplars) cost minutes of CPU to train
the first time. They are never trained inside a request: the server's warm-up (after the steps a card needs), or else
the first request that needs them, starts their building on a background thread (:mod:`assist.background_models`),
and asks are read as before, by the first encoder's readers, until they are ready. Built from the heads shipped in the
package where they match today's exemplars (:mod:`assist.shipped_heads`: about a second of CPU), else trained; then
kept on disk under the cache folder. :func:`prepare` builds them in the foreground (benches, or a deployment that
wants them before its first such buyer).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.asks import encoder_for
from assist.background_models import BackgroundBuilds
from retrievers.embeddings import reads

_BUILDS = BackgroundBuilds("second-encoder ask readers")  # (encoder name, taxonomy hash) -> (classifier, topic model)


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
    found: tuple[Any, Any] | None = _BUILDS.get(key, lambda: build(second, taxonomy, cache_dir), wait=wait)
    return found


def build(second: Any, taxonomy: Any, cache_dir: Path | None) -> tuple[Any, Any] | None:
    """Train (or load) the ``second`` encoder's intent classifier for ``taxonomy`` and its topic reader; None where
    it reads no topics (an encoder without a name)."""
    from assist.ask_topics import topic_model
    from assist.intent import IntentClassifier

    classifier = IntentClassifier(taxonomy, second, cache_dir=cache_dir, english_encoder=None)
    model = topic_model(second.embed, cache_dir=cache_dir)
    return None if model is None else (classifier, model)


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
