"""Statements of feedback: a message that is itself an opinion of a product, a delivery or the service
(praise or criticism, asking nothing) goes to the taxonomy's feedback intent.

Buyers send such messages ("love the jacket", "the courier was rude"), while a shop's examples for its
feedback intent usually ask how to leave one ("where can I write a review?"), so no example is near them.
Two readers, neither trained on a shop's own examples:

- which intent is the feedback intent: the one whose description is most similar (multilingual encoder,
  cosine) to the feedback-intent descriptions in ``assist/resources/feedback_statements.yaml``, if that
  similarity reaches ``DESCRIBES_AT``; a taxonomy without one (a bank's) is left alone. Never by the name.
- whether a message is a statement of feedback: the ask-topic reader (``assist.ask_topics``: 16 ask topics
  and ``other`` for greetings, thanks and narrative) trained with one more class, ``feedback``, from the
  statements in the same file (18 languages' ask exemplars, feedback statements in 13); the file's asks
  about reviews, complaints and the service, and its statements from elsewhere (news, sport, forum talk),
  join ``other``, so an ask that voices an opinion stays an ask and an opinion about the world is no feedback.

A message goes to the feedback intent when the reader's feedback probability reaches ``READ_AT``, is
higher than the message's in-scope probability from the taxonomy's examples (any intent's, the fallback's
too: an example that fits better wins), and the message is as near one of the feedback statements as
``NEAR_AT`` (cosine; the reader knows no news or forum talk, so a sentence from elsewhere may read as an
opinion). The thresholds were chosen on self-written cases
(``bench/data/feedback_cases.yaml``), the default taxonomy and Banking77 (``bench/intent.py --feedback``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import yaml

from assist.model_cache import content_key, load_model, save_model

if TYPE_CHECKING:
    from assist.ask_topics import TopicModel
    from retrievers.embeddings import Embedder

STATEMENTS = Path(__file__).resolve().parent.parent / "resources" / "feedback_statements.yaml"
FEEDBACK = "feedback"  # the reader's class
OTHER = "other"  # the ask-topic reader's class of sentences that ask about no topic
NEAR_AT = 0.35  # cosine to the nearest feedback statement: midway between self-written other domains and feedback
DESCRIBES_AT = 0.42  # description cosine: midway between the self-written sets' feedback and other intents
READ_AT = 0.2  # feedback probability at which a message no example covers is routed (best on self-written cases)


@lru_cache(maxsize=1)
def _resource() -> dict[str, Any]:
    data = yaml.safe_load(STATEMENTS.read_text(encoding="utf-8")) or {}
    return data if isinstance(data, dict) else {}


def statements() -> list[str]:
    """The feedback statements, every language."""
    return [str(s) for texts in (_resource().get("statements") or {}).values() for s in texts or []]


def intent_descriptions() -> list[str]:
    """How shops describe a feedback intent, every language."""
    return [str(s) for texts in (_resource().get("intent_descriptions") or {}).values() for s in texts or []]


def feedback_intent(descriptions: np.ndarray, embedder: Embedder) -> tuple[int, float] | None:
    """Index (into ``descriptions``, one vector per intent) of the feedback intent and its similarity, or
    None when no description reaches ``DESCRIBES_AT``."""
    if not len(descriptions):
        return None
    prototypes = np.asarray(embedder.embed(intent_descriptions()), dtype=np.float32)
    similarity = (_normalised(descriptions) @ _normalised(prototypes).T).max(axis=1)
    best = int(similarity.argmax())
    return (best, float(similarity[best])) if similarity[best] >= DESCRIBES_AT else None


def _normalised(vectors: np.ndarray) -> np.ndarray:
    return np.asarray(vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12))


_READERS: dict[tuple[int, str], TopicModel] = {}
_LOCK = threading.Lock()  # its own: training (~15 s once) must not hold up the ask-topic reader's lookups


def reader(embedder: Embedder, cache_dir: Path | None = None) -> TopicModel | None:
    """The ask-topic reader with the ``feedback`` class: trained once per encoder and kept in memory, and,
    given a cache folder, on disk under ``<cache_dir>/intent_feedback/`` by a hash of its inputs (encoder,
    exemplars, library versions, the learner's source); None for an encoder without a name (test fakes)."""
    from assist.ask_topics import TopicModel, encoder_name, exemplars, masked

    name = encoder_name(embedder.embed)
    if name is None:
        return None
    pairs = [(masked(text), topic) for text, topic in [*exemplars(), *_extra()]]
    key = _content_key(name, pairs)
    with _LOCK:
        found = _READERS.get((id(embedder), key))
        if found is None:
            model = _load(cache_dir, key) or _train(embedder, pairs, cache_dir, key)
            found = _READERS[(id(embedder), key)] = TopicModel(model, embedder.embed, len(pairs))
    return found


def _content_key(name: str, pairs: list[tuple[str, str]]) -> str:
    from assist.intent import fewshot

    return content_key(name, pairs, fewshot.__file__)


def _load(cache_dir: Path | None, key: str) -> Any:
    return load_model(cache_dir, "intent_feedback", key, "feedback reader")


def _train(embedder: Embedder, pairs: list[tuple[str, str]], cache_dir: Path | None, key: str) -> Any:
    from assist.intent import fewshot

    texts = [text for text, _ in pairs]
    model = fewshot.fit(texts, [topic for _, topic in pairs], np.asarray(embedder.embed(texts), dtype=np.float32))
    save_model(cache_dir, "intent_feedback", key, model)
    return model


def _section(name: str) -> list[str]:
    return [str(s) for texts in (_resource().get(name) or {}).values() for s in texts or []]


def asks() -> list[str]:
    """Asks that speak of feedback, complaints or the service but want something done, and statements from
    outside a shop's conversations (news, sport, forum talk): neither is feedback to the shop."""
    return _section("asks") + _section("elsewhere")


@lru_cache(maxsize=1)
def _extra() -> tuple[tuple[str, str], ...]:
    return tuple((text, FEEDBACK) for text in statements()) + tuple((text, OTHER) for text in asks())


@dataclass
class FeedbackRoute:
    """Sends statements of feedback that no example covers to the taxonomy's feedback intent (``target``,
    an index into the classifier's labels)."""

    target: int
    similarity: float  # of the target's description to the feedback-intent descriptions
    model: TopicModel
    statements: np.ndarray | None = None  # the feedback statements' vectors (normalised), for ``NEAR_AT``

    def probability(self, texts: list[str]) -> np.ndarray:
        """Each text's probability of being a statement of feedback."""
        return np.array([reading.of(FEEDBACK) for reading in self.model.read(texts)])

    def route(
        self, texts: list[str], probs: np.ndarray, in_scope: np.ndarray, vectors: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """``probs`` and ``in_scope`` with every statement of feedback that fits the examples less than it
        reads as feedback moved to the target, with the feedback probability as its weight and in-scope
        probability. With the texts' ``vectors``, only a text as near a feedback statement as ``NEAR_AT``
        (a sentence about the weather or the news is not feedback to the shop, however it reads)."""
        feedback = self.probability(texts)
        routed = (feedback >= READ_AT) & (feedback > in_scope)
        if vectors is not None and self.statements is not None:
            routed &= (_normalised(vectors) @ self.statements.T).max(axis=1) >= NEAR_AT
        if not routed.any():
            return probs, in_scope
        probs, in_scope = probs.copy(), in_scope.copy()
        weight = feedback[routed][:, None]
        target = np.zeros(probs.shape[1])
        target[self.target] = 1.0
        probs[routed] = (1.0 - weight) * probs[routed] + weight * target
        in_scope[routed] = feedback[routed]
        return probs, in_scope


def route_for(descriptions: np.ndarray, embedder: Embedder, cache_dir: Path | None = None) -> FeedbackRoute | None:
    """The route for a taxonomy whose intents' descriptions have these vectors (labels order), or None
    when it has no feedback intent or the encoder has no reader."""
    from assist.ask_topics import encoder_name

    if encoder_name(embedder.embed) is None:
        return None
    found = feedback_intent(descriptions, embedder)
    if found is None:
        return None
    model = reader(embedder, cache_dir)
    if model is None:
        return None
    return FeedbackRoute(found[0], found[1], model, _normalised(np.asarray(embedder.embed(statements()))))
