"""What the buyer wants: intent from a shop's taxonomy, plus sentiment and urgency.

The classifier learns a taxonomy from its examples in seconds (``fewshot``: sentence embeddings,
character n-grams and nearest examples, calibrated on the examples themselves). A message far from
every example is out of scope and gets the taxonomy's ``fallback`` (``other``) with the calibrated
out-of-scope probability as its confidence; an in-scope answer whose calibrated probability is low
is marked ``unsure``. Below the scope cut, the intents' names and descriptions rank the candidates
(``fewshot.DescriptionView``). A statement of feedback that no example fits better ("love the jacket",
"the courier was rude") goes to the intent whose description says it is about feedback (``feedback``: a
shop's own taxonomy only). Example embeddings are cached per taxonomy in memory and under
``<data_dir>/cache/intent/``. When a chat model is configured, its answer (``prompts/intent``) is
combined with the classifier's probabilities.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, Field

from assist.errors import InvalidInput, ModelError
from assist.intent import fewshot
from assist.intent.taxonomy import (
    LEARNED_KEY,
    OTHER,
    IntentSpec,
    Taxonomy,
    default_taxonomy,
    load_taxonomy_file,
    parse_taxonomy,
    shop_taxonomy,
    with_learned_examples,
)
from assist.model_cache import load_model, save_model
from assist.models import Conversation, IntentCandidate, IntentPrediction
from assist.sentiment import assess_mood

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.intent.feedback import FeedbackRoute
    from retrievers.embeddings import Embedder

__all__ = [
    "LEARNED_KEY",
    "OTHER",
    "IntentClassifier",
    "IntentSpec",
    "Taxonomy",
    "default_taxonomy",
    "load_taxonomy_file",
    "parse_taxonomy",
    "shop_taxonomy",
    "with_learned_examples",
]

log = logging.getLogger("assist.intent")

LLM_WEIGHT = 0.5
AUTO = "auto"  # IntentClassifier(english_encoder=AUTO): the shipped English encoder for a custom taxonomy
DEFAULT_SCOPE_THRESHOLD = 0.5  # out of scope below this in-scope probability, unless the taxonomy sets one


class IntentOutput(BaseModel):
    """What the LLM classifier answers (prompts/intent)."""

    intent: str
    confidence: float = Field(ge=0, le=1)


def training_set(taxonomy: Taxonomy) -> tuple[list[str], list[str]]:
    """The classifier's training texts (each intent's examples, then its description) and their intents."""
    texts, labels = [], []
    for spec in taxonomy.intents:
        for text in [*spec.examples, spec.description]:
            texts.append(text)
            labels.append(spec.name)
    return texts, labels


def intent_words(taxonomy: Taxonomy) -> list[str]:
    """Each intent's name in words, then each one's description, in the model's label order (sorted)."""
    specs = sorted(taxonomy.intents, key=lambda spec: spec.name)
    return [spec.name.replace("_", " ") for spec in specs] + [spec.description for spec in specs]


def shipped_vector_key(texts: list[str], encoder: str) -> str:
    """The key of ``texts``' vectors from ``encoder`` shipped with the package (:mod:`assist.shipped_heads`)."""
    from assist.shipped_heads import shipped_key

    return shipped_key("intent", encoder, texts)


def shipped_vectors(texts: list[str], encoder: str) -> np.ndarray | None:
    """``texts``' vectors from ``encoder`` where the package ships them (the default taxonomy's, for the second
    encoder), else None."""
    from assist.shipped_heads import load_shipped

    arrays = load_shipped("intent", shipped_vector_key(texts, encoder))
    vectors = None if arrays is None else arrays.get("vectors")
    return None if vectors is None or vectors.shape[0] != len(texts) else vectors.astype(np.float32)


def shipped_vector_texts(taxonomy: Taxonomy) -> list[list[str]]:
    """The text lists whose vectors a classifier of ``taxonomy`` embeds (without the English encoder)."""
    return [training_set(taxonomy)[0], intent_words(taxonomy)]


class IntentClassifier:
    def __init__(
        self,
        taxonomy: Taxonomy,
        embedder: Embedder,
        *,
        chat_model: BaseChatModel | None = None,
        cache_dir: Path | None = None,
        settings: Any = None,
        english_encoder: Embedder | None | str = AUTO,
        augment: bool = False,
        feedback: bool | str = AUTO,
    ) -> None:
        """``augment``: train on noisy copies of the examples too (``augment.py``); measured in
        ``bench/intent.py --augment``, off by default (it doubles training time for a few typos more).
        ``feedback``: route statements of feedback to the taxonomy's feedback intent (``feedback.py``);
        ``AUTO``: for a shop's own taxonomy (the default one has native examples of thanks and complaints)."""
        self.taxonomy = taxonomy
        self.embedder = embedder
        self.chat_model = chat_model
        self.cache_dir = cache_dir
        self.settings = settings
        self.augment = augment
        self.english_encoder = self._english_encoder(english_encoder)
        texts, labels = self._training_set()
        english = share = None
        if self.english_encoder is not None:
            from assist.intent.english import english_share

            english, share = self._example_vectors(texts, self.english_encoder), english_share(texts)
        vectors = self._example_vectors(texts, self.embedder)
        self.model = self._fit(texts, labels, vectors, english, share)
        words = self._intent_words()
        english_words = None
        if self.english_encoder is not None and english is not None:
            english_words = self._example_vectors(words, self.english_encoder)
        word_vectors = self._example_vectors(words, self.embedder)
        fewshot.describe(self.model, word_vectors, vectors, english_words, english)
        self.feedback = self._feedback_route(feedback, word_vectors[len(self.taxonomy.intents) :])

    def _feedback_route(self, chosen: bool | str, descriptions: np.ndarray) -> FeedbackRoute | None:
        if chosen == AUTO:
            chosen = self.taxonomy.names != default_taxonomy().names
        if not chosen:
            return None
        from assist.intent.feedback import route_for

        return route_for(descriptions, self.embedder, self.cache_dir)

    def _english_encoder(self, chosen: Embedder | None | str) -> Embedder | None:
        """``AUTO``: the shipped English encoder for a shop's own taxonomy (the default taxonomy keeps the
        multilingual encoder alone, which is as accurate there and faster), never next to a fake embedder."""
        if not isinstance(chosen, str):
            return chosen
        if self.taxonomy.names == default_taxonomy().names or self.embedder.name.startswith("fake"):
            return None
        from assist.intent.english import shipped_english_encoder

        return shipped_english_encoder()

    # training
    def _fit(
        self,
        texts: list[str],
        labels: list[str],
        vectors: np.ndarray,
        english: np.ndarray | None,
        share: np.ndarray | None,
    ) -> fewshot.FewShotModel:
        """:func:`fewshot.fit` (its cross-validation takes seconds to a minute), from the disk cache when this
        taxonomy was fitted from the same vectors by the same code and libraries: the shop's cache folder, the
        machine's build cache for the default taxonomy (package data only)."""
        from assist.model_cache import array_digest, build_key, cached_build

        copies = self._copies(texts, english)
        arrays = array_digest(vectors, english, share, *(() if copies is None else (copies.vectors, copies.english)))
        data = [texts, labels, arrays, None if copies is None else copies.texts]
        key = build_key("intent model", data, (fewshot.__file__,), ("scikit-learn", "numpy", "scipy"))
        default = self.taxonomy.hash == default_taxonomy().hash
        return cached_build(
            "intent-model",
            key,
            lambda: fewshot.fit(texts, labels, vectors, english, share, copies=copies),
            "shared" if default else self.cache_dir,
            "intent model",
        )

    def _training_set(self) -> tuple[list[str], list[str]]:
        return training_set(self.taxonomy)

    def _copies(self, texts: list[str], english: np.ndarray | None) -> fewshot.Copies | None:
        """Each example's noisy copies (typos, no capitals or punctuation), embedded like the examples."""
        if not self.augment:
            return None
        from assist.intent.augment import noisy_copies

        pairs = [(i, copy) for i, text in enumerate(texts) for copy in noisy_copies(text)]
        if not pairs:
            return None
        copy_texts = [copy for _, copy in pairs]
        copies = fewshot.Copies(
            copy_texts, np.array([i for i, _ in pairs]), self._example_vectors(copy_texts, self.embedder)
        )
        if self.english_encoder is not None and english is not None:
            copies.english = self._example_vectors(copy_texts, self.english_encoder)
        return copies

    def _intent_words(self) -> list[str]:
        return intent_words(self.taxonomy)

    def _example_vectors(self, texts: list[str], embedder: Embedder) -> np.ndarray:
        key = hashlib.sha256(json.dumps([embedder.name, texts], ensure_ascii=False).encode()).hexdigest()[:20]
        cached = load_model(self.cache_dir, "intent", key, "intent example vectors")
        if isinstance(cached, np.ndarray) and cached.shape[0] == len(texts):
            return cached
        vectors = shipped_vectors(texts, embedder.name)
        if vectors is None:
            vectors = np.asarray(embedder.embed(texts))
        save_model(self.cache_dir, "intent", key, vectors)  # atomic (assist/model_cache.py)
        return vectors

    # prediction
    @property
    def labels(self) -> list[str]:
        return self.model.labels

    @property
    def threshold(self) -> float:
        return self.taxonomy.threshold if self.taxonomy.threshold is not None else DEFAULT_SCOPE_THRESHOLD

    def scores(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated probabilities (one row per text, columns in ``labels`` order) and the probability
        that each text is in the taxonomy's scope at all."""
        parts = [_sentences(text) for text in texts]
        pieces = [p for ps in parts for p in ps]
        vectors = self.embedder.embed(texts + pieces)
        english = share = None
        if self.english_encoder is not None:
            from assist.intent.english import english_share

            share = english_share(texts + pieces)
            if share.any():
                english = self.english_encoder.embed(texts + pieces)
        every, scope = self.model.predict(texts + pieces, vectors, english, share)
        probs, in_scope = every[: len(texts)], scope[: len(texts)].copy()
        # A long message is in scope when one of its sentences is (a formal letter, a story, then the ask).
        scope_of_pieces = scope[len(texts) :]
        start = 0
        for i, ps in enumerate(parts):
            if ps:
                in_scope[i] = max(in_scope[i], float(scope_of_pieces[start : start + len(ps)].max()))
            start += len(ps)
        fits = in_scope  # how well any example fits, the fallback's too
        if self.taxonomy.fallback in self.labels:  # the taxonomy has examples of its own fallback
            in_scope = in_scope * (1.0 - probs[:, self.labels.index(self.taxonomy.fallback)])
        if self.feedback is not None:  # a statement of feedback that no example fits better
            routed_probs, routed = self.feedback.route(texts, probs, fits, vectors[: len(texts)])
            changed = routed != fits
            probs, in_scope = routed_probs, np.where(changed, routed, in_scope)
        return probs, in_scope

    def probabilities(self, texts: list[str]) -> np.ndarray:
        return self.scores(texts)[0]

    def predict_many(self, texts: list[str], *, out_of_scope: bool = True) -> list[str]:
        """Just the intent names (for benchmarks and batch jobs): no mood, no LLM. With
        ``out_of_scope=False`` every text gets one of the taxonomy's intents."""
        probs, in_scope = self.scores(texts)
        if not out_of_scope:
            return [self.labels[i] for i in probs.argmax(axis=1)]
        return [self._decide(p, s)[0] for p, s in zip(probs, in_scope, strict=True)]

    def predict(self, text: str, *, customer_turns_in_a_row: int = 1) -> IntentPrediction:
        if not text.strip():
            raise InvalidInput("text is empty: send the buyer's message")
        probs, in_scope = self.scores([text])
        return self._prediction(text, probs[0], float(in_scope[0]), customer_turns_in_a_row)

    def predict_conversation(self, conversation: Conversation) -> IntentPrediction:
        """Intent of what the buyer asks now: the last message, in the context of the last three."""
        buyer = _buyer_messages(conversation)
        recent = "\n".join(buyer[-3:])
        probs, in_scope = self.scores([buyer[-1], recent])
        if self.labels[int(probs[0].argmax())] == self.taxonomy.fallback:  # "hello??", "thanks": the ask is earlier
            return self._prediction(recent, probs[1], float(in_scope[1]), _unanswered(conversation))
        combined = 0.6 * probs[0] + 0.4 * probs[1]
        return self._prediction(recent, combined, float(in_scope.max()), _unanswered(conversation))

    def _decide(self, probs: np.ndarray, in_scope: float) -> tuple[str, float, list[IntentCandidate], bool]:
        order = np.argsort(-probs)
        candidates = [IntentCandidate(intent=self.labels[i], score=round(float(probs[i]), 4)) for i in order[:3]]
        top, top_p = self.labels[order[0]], float(probs[order[0]])
        fallback = self.taxonomy.fallback
        if in_scope < self.threshold:
            return fallback, round(1.0 - in_scope, 4), candidates, False
        return top, round(top_p, 4), candidates, top != fallback and top_p < fewshot.UNSURE_BELOW

    def _prediction(self, text: str, probs: np.ndarray, in_scope: float, turns: int) -> IntentPrediction:
        engine, degraded = "classifier", None
        if self.chat_model is not None:
            try:
                probs, in_scope = self._with_llm(text, probs, in_scope)
                from assist.llm import engine_name

                engine = f"classifier+{engine_name(self.chat_model)}"
            except ModelError as exc:
                degraded = f"LLM intent classifier unavailable, classifier only: {exc}"
                log.warning(degraded)
        intent, confidence, candidates, unsure = self._decide(probs, in_scope)
        mood = assess_mood(text, intent=intent, customer_turns_in_a_row=turns)
        return IntentPrediction(
            intent=intent,
            confidence=confidence,
            candidates=candidates,
            unsure=unsure,
            in_scope=round(in_scope, 4),
            sentiment=mood.sentiment,
            urgency=mood.urgency,
            urgency_reasons=mood.reasons,
            engine=engine,
            degraded=degraded,
        )

    def _with_llm(self, text: str, probs: np.ndarray, in_scope: float) -> tuple[np.ndarray, float]:
        from assist.llm import structured_call
        from assist.prompts import load_prompt
        from assist.tokens import fit_to_budget

        assert self.chat_model is not None
        budget = self.settings.llm_context_tokens // 2 if self.settings is not None else 4096
        text = "\n".join(fit_to_budget(text.splitlines() or [text], budget))
        listing = "\n".join(f"- {s.name}: {s.description}" for s in self.taxonomy.intents)
        fallback = self.taxonomy.fallback
        if fallback not in self.labels:
            listing += f"\n- {fallback}: none of the above"
        prompt = load_prompt("intent", settings=self.settings)
        answer = structured_call(self.chat_model, prompt, {"text": text, "intents": listing}, IntentOutput)
        if answer.intent not in self.labels:
            if answer.intent in (fallback, OTHER):
                return probs, in_scope * (1 - LLM_WEIGHT * answer.confidence)
            raise ModelError(f"the LLM answered intent {answer.intent!r}, which is not in the taxonomy")
        vote = np.zeros_like(probs)
        vote[self.labels.index(answer.intent)] = answer.confidence
        in_scope = (1 - LLM_WEIGHT) * in_scope + LLM_WEIGHT * answer.confidence
        return (1 - LLM_WEIGHT) * probs + LLM_WEIGHT * vote, in_scope


def _buyer_messages(conversation: Conversation) -> list[str]:
    buyer = [m.text for m in conversation.customer_messages()]
    if not buyer:
        raise InvalidInput("the conversation has no customer message to classify")
    return buyer


def buyer_text(conversation: Conversation) -> str:
    """What the classifier reads of a conversation: the buyer's last three messages."""
    return "\n".join(_buyer_messages(conversation)[-3:])


_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*|\n+")


def _sentences(text: str, limit: int = 8) -> list[str]:
    """The sentences of a message with more than one (each with a few words), at most ``limit``."""
    pieces = [p.strip() for p in _SENTENCE_END.split(text) if len(p.strip()) >= 8]
    return pieces[:limit] if len(pieces) > 1 else []


def _unanswered(conversation: Conversation) -> int:
    count = 0
    for message in reversed(conversation.messages):
        if message.role != "customer":
            break
        count += 1
    return count
