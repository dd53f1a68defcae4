"""What the buyer wants: intent from a shop's taxonomy, plus sentiment and urgency.

The classifier learns from the taxonomy's examples in seconds: logistic regression on multilingual
sentence embeddings (the ``Embedder``), averaged with logistic regression on character n-grams
(TF-IDF). Below the taxonomy's ``threshold`` the answer is ``other``. Example embeddings are cached
per taxonomy hash in memory and under ``<data_dir>/cache/intent/``. When a chat model is configured,
its answer (``prompts/intent``) is combined with the classifier's probabilities.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import yaml
from pydantic import BaseModel, Field, ValidationError

from assist.errors import InvalidInput, ModelError
from assist.models import Conversation, IntentCandidate, IntentPrediction
from assist.sentiment import assess_mood

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from retrievers.embeddings import Embedder

log = logging.getLogger("assist.intent")

OTHER = "other"
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
EMBEDDING_WEIGHT = 0.6  # share of the embedding model in the ensemble; the rest is character n-grams
LLM_WEIGHT = 0.5


# --- taxonomy ------------------------------------------------------------------------------


class IntentSpec(BaseModel):
    name: str
    description: str = Field(min_length=1)
    examples: list[str] = Field(min_length=3)


class Taxonomy(BaseModel):
    intents: list[IntentSpec] = Field(min_length=2)
    threshold: float = Field(default=0.15, ge=0, le=1)

    @property
    def names(self) -> list[str]:
        return [i.name for i in self.intents]

    @cached_property
    def hash(self) -> str:
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


def parse_taxonomy(data: Any, source: str = "taxonomy") -> Taxonomy:
    """A validated taxonomy; InvalidInput names the intent and the field that is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("intents"), list):
        raise InvalidInput(f"{source}: expected a mapping with 'intents: [{{name, description, examples}}]'")
    seen: set[str] = set()
    for index, item in enumerate(data["intents"], start=1):
        label = f"{source}: intent #{index}"
        if not isinstance(item, dict):
            raise InvalidInput(f"{label} must be a mapping with name, description, examples")
        name = item.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            raise InvalidInput(f"{label}: 'name' must be a lowercase identifier like 'track_order', got {name!r}")
        label = f"{source}: intent {name!r}"
        if name in seen:
            raise InvalidInput(f"{label} appears twice; intent names must be unique")
        seen.add(name)
        if not isinstance(item.get("description"), str) or not item["description"].strip():
            raise InvalidInput(f"{label}: 'description' must be a non-empty text saying when the intent applies")
        examples = item.get("examples")
        if not isinstance(examples, list) or not all(isinstance(e, str) and e.strip() for e in examples):
            raise InvalidInput(f"{label}: 'examples' must be a list of non-empty texts")
        if len(examples) < 3:
            raise InvalidInput(f"{label}: 'examples' needs at least 3 texts (has {len(examples)}); 15-30 work best")
    try:
        return Taxonomy.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"{source}: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc


def load_taxonomy_file(path: Path) -> Taxonomy:
    from assist.yamlfile import read_yaml_file

    return parse_taxonomy(read_yaml_file(path, "taxonomy"), source=str(path))


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The packaged default (parsed once; treat it as read-only)."""
    text = resources.files("assist.resources").joinpath("taxonomy.yaml").read_text(encoding="utf-8")
    return parse_taxonomy(yaml.safe_load(text), source="default taxonomy")


@lru_cache(maxsize=128)
def _parse_stored(stored_json: str) -> Taxonomy:
    return parse_taxonomy(json.loads(stored_json), source="shop taxonomy")


def shop_taxonomy(shop_settings: dict[str, Any] | None) -> Taxonomy:
    """The shop's own taxonomy (``settings["taxonomy"]``) or the default; parsed once per content."""
    stored = (shop_settings or {}).get("taxonomy")
    return _parse_stored(json.dumps(stored, sort_keys=True, ensure_ascii=False)) if stored else default_taxonomy()


# --- the trained model ---------------------------------------------------------------------


class IntentOutput(BaseModel):
    """What the LLM classifier answers (prompts/intent)."""

    intent: str
    confidence: float = Field(ge=0, le=1)


@dataclass
class _Models:
    labels: list[str]
    embedding_lr: Any
    char_vectorizer: Any
    char_lr: Any


class IntentClassifier:
    def __init__(
        self,
        taxonomy: Taxonomy,
        embedder: Embedder,
        *,
        chat_model: BaseChatModel | None = None,
        cache_dir: Path | None = None,
        settings: Any = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.embedder = embedder
        self.chat_model = chat_model
        self.cache_dir = cache_dir
        self.settings = settings
        self._models = self._train()

    # training
    def _training_set(self) -> tuple[list[str], list[str]]:
        texts, labels = [], []
        for spec in self.taxonomy.intents:
            for text in [*spec.examples, spec.description]:
                texts.append(text)
                labels.append(spec.name)
        return texts, labels

    def _example_vectors(self, texts: list[str]) -> np.ndarray:
        key = hashlib.sha256(json.dumps([self.embedder.name, texts], ensure_ascii=False).encode()).hexdigest()[:20]
        path = self.cache_dir / "intent" / f"{key}.npy" if self.cache_dir else None
        if path is not None and path.is_file():
            vectors = np.load(path)
            if vectors.shape[0] == len(texts):
                return vectors
        vectors = self.embedder.embed(texts)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npy")
            np.save(partial, vectors)
            os.replace(partial, path)  # atomic: a concurrent reader never sees half a file
        return vectors

    def _train(self) -> _Models:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        texts, labels = self._training_set()
        vectors = self._example_vectors(texts)
        embedding_lr = LogisticRegression(C=20.0, max_iter=3000, random_state=0).fit(vectors, labels)
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, min_df=1)
        char_lr = LogisticRegression(C=20.0, max_iter=3000, solver="saga", tol=1e-3, random_state=0)
        char_lr.fit(vectorizer.fit_transform(texts), labels)
        assert list(embedding_lr.classes_) == list(char_lr.classes_)
        return _Models(list(embedding_lr.classes_), embedding_lr, vectorizer, char_lr)

    # prediction
    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row per text, columns in ``self.labels`` order."""
        m = self._models
        p_embedding = m.embedding_lr.predict_proba(self.embedder.embed(texts))
        p_chars = m.char_lr.predict_proba(m.char_vectorizer.transform(texts))
        return EMBEDDING_WEIGHT * p_embedding + (1 - EMBEDDING_WEIGHT) * p_chars

    @property
    def labels(self) -> list[str]:
        return self._models.labels

    def _decide(self, probs: np.ndarray) -> tuple[str, float, list[IntentCandidate]]:
        order = np.argsort(-probs)
        candidates = [IntentCandidate(intent=self.labels[i], score=round(float(probs[i]), 4)) for i in order[:3]]
        top, top_p = self.labels[order[0]], float(probs[order[0]])
        if top_p < self.taxonomy.threshold:
            other_p = float(probs[self.labels.index(OTHER)]) if OTHER in self.labels else 0.0
            return OTHER, round(max(other_p, 1.0 - top_p), 4), candidates
        return top, round(top_p, 4), candidates

    def predict_many(self, texts: list[str]) -> list[str]:
        """Just the intent names (for benchmarks and batch jobs): no mood, no LLM."""
        return [self._decide(row)[0] for row in self.probabilities(texts)]

    def predict(self, text: str, *, customer_turns_in_a_row: int = 1) -> IntentPrediction:
        if not text.strip():
            raise InvalidInput("text is empty: send the buyer's message")
        probs = self.probabilities([text])[0]
        return self._prediction(text, probs, customer_turns_in_a_row)

    def predict_conversation(self, conversation: Conversation) -> IntentPrediction:
        """Intent of what the buyer asks now: the last message, in the context of the last three."""
        buyer = [m.text for m in conversation.customer_messages()]
        if not buyer:
            raise InvalidInput("the conversation has no customer message to classify")
        recent = "\n".join(buyer[-3:])
        probs = self.probabilities([buyer[-1], recent])
        combined = 0.6 * probs[0] + 0.4 * probs[1]
        return self._prediction(recent, combined, _unanswered(conversation))

    def _prediction(self, text: str, probs: np.ndarray, turns: int) -> IntentPrediction:
        engine, degraded = "classifier", None
        if self.chat_model is not None:
            try:
                probs = self._with_llm(text, probs)
                from assist.llm import engine_name

                engine = f"classifier+{engine_name(self.chat_model)}"
            except ModelError as exc:
                degraded = f"LLM intent classifier unavailable, classifier only: {exc}"
                log.warning(degraded)
        intent, confidence, candidates = self._decide(probs)
        mood = assess_mood(text, intent=intent, customer_turns_in_a_row=turns)
        return IntentPrediction(
            intent=intent,
            confidence=confidence,
            candidates=candidates,
            sentiment=mood.sentiment,
            urgency=mood.urgency,
            urgency_reasons=mood.reasons,
            engine=engine,
            degraded=degraded,
        )

    def _with_llm(self, text: str, probs: np.ndarray) -> np.ndarray:
        from assist.llm import structured_call
        from assist.prompts import load_prompt
        from assist.tokens import fit_to_budget

        assert self.chat_model is not None
        budget = self.settings.llm_context_tokens // 2 if self.settings is not None else 4096
        text = "\n".join(fit_to_budget(text.splitlines() or [text], budget))
        listing = "\n".join(f"- {s.name}: {s.description}" for s in self.taxonomy.intents)
        if OTHER not in self.labels:
            listing += f"\n- {OTHER}: none of the above"
        prompt = load_prompt("intent", settings=self.settings)
        answer = structured_call(self.chat_model, prompt, {"text": text, "intents": listing}, IntentOutput)
        if answer.intent not in self.labels:
            if answer.intent == OTHER:
                return probs * (1 - LLM_WEIGHT * answer.confidence)
            raise ModelError(f"the LLM answered intent {answer.intent!r}, which is not in the taxonomy")
        vote = np.zeros_like(probs)
        vote[self.labels.index(answer.intent)] = answer.confidence
        return (1 - LLM_WEIGHT) * probs + LLM_WEIGHT * vote


def _unanswered(conversation: Conversation) -> int:
    count = 0
    for message in reversed(conversation.messages):
        if message.role != "customer":
            break
        count += 1
    return count
