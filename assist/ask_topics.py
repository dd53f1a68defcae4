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


@lru_cache(maxsize=1)
def exemplar_languages() -> frozenset[str]:
    """The languages the exemplars are written in (their files' names)."""
    return frozenset(path.stem for path in EXEMPLARS.glob("*.yaml"))


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
    if extra:  # a shop's own reader: its caller keeps it (a bounded number), not this process-long table
        return _train(embed, list(pairs), key, cache_dir, remember=False)
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


def _train(
    embed: Embed, pairs: list[tuple[str, str]], key: str, cache_dir: Path | None, *, remember: bool = True
) -> TopicModel:
    import numpy as np

    from assist.intent import fewshot

    model = _FITTED.get(key) or load_model(cache_dir, "ask_topics", key, "ask-topic model")
    if model is None and (model := _shipped(embed, pairs)) is not None:
        save_model(cache_dir, "ask_topics", key, model)
    if model is None:
        texts = [t for t, _ in pairs]
        vectors = np.asarray(embed(texts), dtype=np.float32)
        model = fewshot.fit(texts, [topic for _, topic in pairs], vectors)
        save_model(cache_dir, "ask_topics", key, model)
    if remember:  # the key names the encoder: another instance of it (a new service) reuses the model
        _FITTED[key] = model
    return TopicModel(model, embed, len(pairs))


def shipped_topic_key(name: str, pairs: Sequence[tuple[str, str]] | None = None) -> str:
    """The key of the reader of encoder ``name`` shipped with the package (:mod:`assist.shipped_heads`), for the
    exemplars (``pairs``: masked (text, topic), default the shipped exemplars)."""
    from assist.intent import fewshot
    from assist.shipped_heads import shipped_key

    pairs = _training_set(name, ())[0] if pairs is None else pairs
    return shipped_key("ask_topics", name, [list(pair) for pair in pairs], (fewshot.__file__,))


def shipped_topic_arrays(embed: Embed) -> dict[str, Any]:
    """What the package ships of the reader over ``embed`` (the build command): the exemplars' vectors (float16),
    the topic labels and the blend's calibration, all fitted from the exemplars alone."""
    import numpy as np

    from assist.intent import fewshot

    pairs = _training_set(encoder_name(embed) or "", ())[0]
    texts = [t for t, _ in pairs]
    vectors = np.asarray(embed(texts), dtype=np.float32)
    model = fewshot.fit(texts, [topic for _, topic in pairs], vectors)
    assert model.scope is not None
    return {
        "vectors": vectors.astype(np.float16),
        "labels": np.asarray(model.labels),
        "weights": np.asarray(model.weights),
        "temperature": np.asarray(model.temperature),
        "scope": np.asarray([model.scope.cut, model.scope.slope]),
    }


def _shipped(embed: Embed, pairs: Sequence[tuple[str, str]]) -> Any:
    """The reader refitted from the shipped file of the exemplars and encoder (seconds: the two logistic
    regressions, no cross-validation), with any pairs after the exemplars (a shop's own sentences) encoded and
    added; None where none is shipped or an added pair names a topic the exemplars do not."""
    import numpy as np

    from assist.intent import fewshot
    from assist.shipped_heads import load_shipped

    name = encoder_name(embed) or ""
    base = _training_set(name, ())[0]
    if tuple(pairs[: len(base)]) != base:
        return None
    arrays = load_shipped("ask_topics", shipped_topic_key(name, base)) if name else None
    if arrays is None or arrays["vectors"].shape[0] != len(base):
        return None
    labels = [str(label) for label in arrays["labels"]]
    added = list(pairs[len(base) :])
    if any(topic not in labels for _, topic in added):
        return None
    vectors = arrays["vectors"].astype(np.float32)
    if added:
        vectors = np.vstack([vectors, np.asarray(embed([t for t, _ in added]), dtype=np.float32)])
    texts, y = [t for t, _ in pairs], np.array([labels.index(topic) for _, topic in pairs])
    model = fewshot._fit_once(texts, y, vectors, labels)
    model.weights = tuple(float(w) for w in arrays["weights"])
    model.temperature = float(arrays["temperature"])
    model.scope = fewshot.ScopeCut(float(arrays["scope"][0]), float(arrays["scope"][1]))
    return model
