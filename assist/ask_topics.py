"""The learned ask-topic reader: what a buyer's sentence is about, in any language, when no cue pattern reads it.

The few-shot learner of the intent classifier (:mod:`assist.intent.fewshot`: logistic regression on the
multilingual sentence encoder, character n-grams and nearest examples, calibrated by cross-validation) is
trained on topic exemplars written for this purpose (``assist/resources/ask_topics/<language>.yaml``: the
eight template languages and nl, pl, sv, da, cs, ro, tr, ko, vi, id, th, ru, ms, with paraphrase and colloquial
variety), plus an ``other`` class of sentences that ask nothing (greetings, thanks, what the buyer already did),
so a chatty sentence does not become an ask.

The model is trained once per encoder and exemplar set, at warm-up (:func:`warm_up`), and kept in memory
and, given a cache folder, on disk under a hash of its inputs (encoder name, exemplars, library versions):
a restart loads it in well under a second.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assist.model_cache import content_key, load_model, save_model

EXEMPLARS = Path(__file__).parent / "resources" / "ask_topics"
OTHER = "other"
Embed = Callable[[list[str]], Any]

_MODELS: dict[tuple[int, str], TopicModel] = {}
_FITTED: dict[str, Any] = {}  # content key -> the fitted model: one training per process, whichever encoder object
_LOCK = threading.Lock()


@dataclass
class TopicReading:
    """The learned reading of one text: its most likely topic (or ``other``) and every class's probability."""

    topic: str
    probability: float
    probabilities: dict[str, float]

    def of(self, topic: str) -> float:
        return self.probabilities.get(topic, 0.0)


@dataclass
class TopicModel:
    model: Any  # assist.intent.fewshot.FewShotModel
    embed: Embed
    size: int  # training examples

    def read(self, texts: Sequence[str]) -> list[TopicReading]:
        import numpy as np

        if not texts:
            return []
        plain = [masked(t) for t in texts]
        vectors = np.asarray(self.embed(plain), dtype=np.float32)
        probs = self.model.probabilities(plain, vectors)
        labels = self.model.labels
        out = []
        for row in probs:
            best = int(row.argmax())
            out.append(TopicReading(labels[best], float(row[best]), dict(zip(labels, map(float, row), strict=True))))
        return out


_NUMBERED = re.compile(r"[#№]?(?:[A-Za-z]+-?)?\d[A-Za-z\d./:-]*")


def masked(text: str) -> str:
    """``text`` with every token that holds a digit (order ids, dates, amounts, postcodes) as ``#``: they say
    nothing about the topic, and an id in an exemplar must not teach the reader that ids mean a topic."""
    return _NUMBERED.sub("#", text)


@lru_cache(maxsize=1)
def exemplars() -> tuple[tuple[str, str], ...]:
    """(text, topic) for every exemplar in every language file, in file order."""
    pairs: list[tuple[str, str]] = []
    for path in sorted(EXEMPLARS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for topic, texts in data.items():
            pairs += [(str(text), str(topic)) for text in texts or []]
    return tuple(pairs)


def encoder_name(embed: Embed) -> str | None:
    """The encoder's name, or None for a stand-in without one (and for fakes): those get no learned model."""
    name = getattr(getattr(embed, "__self__", embed), "name", None)
    if not isinstance(name, str) or name.startswith("fake"):
        return None
    return name


def topic_model(
    embed: Embed, extra: Sequence[tuple[str, str]] = (), cache_dir: Path | None = None
) -> TopicModel | None:
    """The learned topic reader for this encoder (None for an encoder without a name, e.g. a test fake),
    trained on the exemplars plus ``extra`` (text, topic) pairs; remembered per encoder and training set."""
    name = encoder_name(embed)
    if name is None:
        return None
    pairs, key = _training_set(name, tuple(extra))
    owner = id(getattr(embed, "__self__", embed))
    with _LOCK:
        found = _MODELS.get((owner, key))
        if found is None:
            found = _MODELS[(owner, key)] = _train(embed, list(pairs), key, cache_dir)
    return found


@lru_cache(maxsize=32)  # masking and hashing ~3,000 exemplars is done once per encoder and training set
def _training_set(name: str, extra: tuple[tuple[str, str], ...]) -> tuple[tuple[tuple[str, str], ...], str]:
    pairs = tuple((masked(text), topic) for text, topic in [*exemplars(), *extra])
    return pairs, _content_key(name, list(pairs))


def warm_up(embed: Embed, cache_dir: Path | None = None) -> TopicModel | None:
    """Train (or load) the reader before the first request needs it."""
    return topic_model(embed, cache_dir=cache_dir)


def _content_key(name: str, pairs: list[tuple[str, str]]) -> str:
    from assist.intent import fewshot

    return content_key(name, pairs, fewshot.__file__)


def _train(embed: Embed, pairs: list[tuple[str, str]], key: str, cache_dir: Path | None) -> TopicModel:
    import numpy as np

    from assist.intent import fewshot

    model = _FITTED.get(key) or load_model(cache_dir, "ask_topics", key, "ask-topic model")
    if model is None:
        texts = [t for t, _ in pairs]
        vectors = np.asarray(embed(texts), dtype=np.float32)
        model = fewshot.fit(texts, [topic for _, topic in pairs], vectors)
        save_model(cache_dir, "ask_topics", key, model)
    _FITTED[key] = model  # the key names the encoder: another instance of it (a new service) reuses the model
    return TopicModel(model, embed, len(pairs))
