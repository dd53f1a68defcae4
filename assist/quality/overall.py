"""The scorecard's overall score: a learned conversation-quality model, 1 (poor) to 5 (excellent).

Inputs per conversation: multilingual sentence embeddings of the turns (the service's embedder: mean of
the buyer's turns, mean of the agent's turns, the buyer's first and last turn, the agent's last turn)
and named conversation features: turn counts, response gaps, resolution cues (the buyer thanks or is
still upset at the end, the agent gives a next step), the buyer's mood trajectory (first -> last turn)
and the rule categories of the scorecard (their fractions; tone is left out so a model trained with the
lexicon tone engine serves unchanged next to the embedding tone engine).

The model is linear (ridge, one head per human rating A = task accomplished, S = buyer satisfied,
E = effective; each on -2..2) so it is stored as plain JSON (no pickle) and its prediction splits
exactly into per-input contributions: those are the score's evidence. The mean of the three heads is
mapped through an isotonic calibration (fitted on out-of-fold predictions) to the raters' scale, then
shifted to 1..5. Training lives in ``overall_training.py``; ``assist qa train`` writes the file into
the data dir. Without a file the scorecard says so (``overall_engine: "rules"``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assist.model_cache import write_atomically
from assist.models import Conversation, Evidence, OverallDriver, QualityModelInfo, Scorecard
from assist.quality import lexicon as lx
from assist.quality.categories import CATEGORIES

if TYPE_CHECKING:
    from retrievers.embeddings import Embedder

FORMAT = "assist-conversation-quality/1"
MAX_TURN_CHARS = 300  # long turns are cut for speed; the opening of a turn carries most of its point
TARGETS = ("A", "S", "E")
# The scorecard's rule categories but tone (see above), in the scorecard's order: the stored model's feature order.
RULE_FEATURES = tuple(name for name in CATEGORIES if name != "tone")
NAMED_FEATURES = (
    "turns",
    "buyer_turns",
    "agent_turns",
    "last_turn_is_buyer",
    "log_chars",
    "has_timestamps",
    "mean_gap_hours",
    "max_gap_hours",
    "buyer_thanks_at_end",
    "buyer_upset_at_end",
    "agent_next_step_at_end",
    "mood_first",
    "mood_last",
    "mood_change",
    *(f"rule_{name}" for name in RULE_FEATURES),
)
EMBEDDING_GROUPS = ("buyer_turns_text", "agent_turns_text", "buyer_first_text", "buyer_last_text", "agent_last_text")
LABELS = {
    "buyer_turns_text": "what the buyer wrote",
    "agent_turns_text": "what the agent wrote",
    "buyer_first_text": "the buyer's first message",
    "buyer_last_text": "the buyer's last message",
    "agent_last_text": "the agent's last message",
    "turns": "length of the conversation (turns)",
    "buyer_turns": "number of buyer turns",
    "agent_turns": "number of agent turns",
    "last_turn_is_buyer": "the buyer has the last word",
    "log_chars": "amount of text",
    "has_timestamps": "timestamps present",
    "mean_gap_hours": "average wait for a reply",
    "max_gap_hours": "longest wait for a reply",
    "buyer_thanks_at_end": "the buyer thanks or closes at the end",
    "buyer_upset_at_end": "the buyer is still upset at the end",
    "agent_next_step_at_end": "the agent's last reply gives a next step",
    "mood_first": "the buyer's mood at the start",
    "mood_last": "the buyer's mood at the end",
    "mood_change": "the buyer's mood from first to last message",
    **{f"rule_{name}": f"rule check: {name.replace('_', ' ')}" for name in RULE_FEATURES},
}
_MOOD = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}


def _turn_text(text: str) -> str:
    return " ".join(text.split())[:MAX_TURN_CHARS] or "."


def _gaps_hours(conversation: Conversation) -> list[float]:
    out, waiting = [], None
    for message in conversation.messages:
        if message.sent_at is None:
            continue
        if message.role == "customer" and waiting is None:
            waiting = message.sent_at
        elif message.role == "agent" and waiting is not None:
            out.append(max(0.0, (message.sent_at - waiting).total_seconds() / 3600))
            waiting = None
    return out


def _mood(text: str) -> float:
    from assist.sentiment import assess_mood

    return _MOOD[assess_mood(text).sentiment] if text else 0.0


def named_features(conversation: Conversation, card: Scorecard | None) -> list[float]:
    """The named features of ``NAMED_FEATURES``, in order."""
    messages = conversation.messages
    buyer = [m.text for m in messages if m.role == "customer"]
    agent = [m.text for m in messages if m.role == "agent"]
    gaps = _gaps_hours(conversation)
    last_buyer = buyer[-1] if buyer else ""
    ends_with_buyer = messages[-1].role == "customer"
    rules = {c.name: (c.score / c.max if c.max and c.applicable else 1.0) for c in (card.categories if card else [])}
    mood_first, mood_last = _mood(buyer[0] if buyer else ""), _mood(last_buyer)
    values = [
        float(len(messages)),
        float(len(buyer)),
        float(len(agent)),
        float(ends_with_buyer),
        math.log1p(sum(len(m.text) for m in messages)),
        float(bool(gaps)),
        float(np.log1p(np.mean(gaps))) if gaps else 0.0,
        float(np.log1p(max(gaps))) if gaps else 0.0,
        float(ends_with_buyer and bool(lx.BUYER_THANKS.search(last_buyer))),
        float(ends_with_buyer and bool(lx.NEGATIVE_BUYER.search(last_buyer))),
        float(bool(agent) and bool(lx.NEXT_STEP.search(agent[-1]))),
        mood_first,
        mood_last,
        mood_last - mood_first,
        *(rules.get(name, 1.0) for name in RULE_FEATURES),
    ]
    return values


def _turn_indexes(conversation: Conversation) -> tuple[list[int], list[int]]:
    buyer = [i for i, m in enumerate(conversation.messages) if m.role == "customer"]
    agent = [i for i, m in enumerate(conversation.messages) if m.role == "agent"]
    return buyer, agent


def featurize(conversations: list[Conversation], cards: list[Scorecard | None], embedder: Embedder) -> np.ndarray:
    """One row per conversation: the five embedding groups, then the named features."""
    texts = [_turn_text(m.text) for c in conversations for m in c.messages]
    vectors = np.asarray(embedder.embed(texts), dtype=np.float64) if texts else np.zeros((0, 1))
    dim = vectors.shape[1]
    zero = np.zeros(dim)
    rows, offset = [], 0
    for conversation, card in zip(conversations, cards, strict=True):
        own = vectors[offset : offset + len(conversation.messages)]
        offset += len(conversation.messages)
        buyer, agent = _turn_indexes(conversation)
        groups = [
            own[buyer].mean(0) if buyer else zero,
            own[agent].mean(0) if agent else zero,
            own[buyer[0]] if buyer else zero,
            own[buyer[-1]] if buyer else zero,
            own[agent[-1]] if agent else zero,
        ]
        rows.append(np.concatenate([*groups, np.asarray(named_features(conversation, card))]))
    return np.vstack(rows)


@dataclass
class QualityModel:
    """A trained linear conversation-quality model (see the module docstring)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (3, n_features): A, S, E heads on standardised features
    intercept: np.ndarray  # (3,)
    calibration_x: np.ndarray
    calibration_y: np.ndarray
    embedding_dim: int
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def n_features(self) -> int:
        return int(self.mean.shape[0])

    def raw(self, features: np.ndarray) -> np.ndarray:
        """Predicted (A, S, E) on the raters' -2..2 scale, one row per conversation."""
        z = (features - self.mean) / self.scale
        return np.asarray(z @ self.coef.T + self.intercept)

    def calibrated(self, heads: np.ndarray) -> np.ndarray:
        """The 1..5 overall score for rows of (A, S, E) head outputs."""
        mean = heads.mean(axis=1)
        return np.clip(3.0 + np.interp(mean, self.calibration_x, self.calibration_y), 1.0, 5.0)

    def contributions(self, features: np.ndarray) -> dict[str, float]:
        """How far each input moves the (uncalibrated) overall score from the average conversation."""
        z = (features - self.mean) / self.scale
        per_feature = z * self.coef.mean(axis=0)
        out: dict[str, float] = {}
        dim = self.embedding_dim
        for g, name in enumerate(EMBEDDING_GROUPS):
            out[name] = float(per_feature[g * dim : (g + 1) * dim].sum())
        for k, name in enumerate(NAMED_FEATURES):
            out[name] = float(per_feature[len(EMBEDDING_GROUPS) * dim + k])
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "embedding_dim": self.embedding_dim,
            "features": [*EMBEDDING_GROUPS, *NAMED_FEATURES],
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
            "calibration": {"x": self.calibration_x.tolist(), "y": self.calibration_y.tolist()},
            "info": self.info,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QualityModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a conversation-quality model file (format {data.get('format')!r}, want {FORMAT!r})")
        model = cls(
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=np.asarray(data["intercept"], dtype=np.float64),
            calibration_x=np.asarray(data["calibration"]["x"], dtype=np.float64),
            calibration_y=np.asarray(data["calibration"]["y"], dtype=np.float64),
            embedding_dim=int(data["embedding_dim"]),
            info=dict(data.get("info") or {}),
        )
        expected = model.embedding_dim * len(EMBEDDING_GROUPS) + len(NAMED_FEATURES)
        if model.coef.shape != (len(TARGETS), expected) or model.mean.shape != (expected,):
            raise ValueError("the model file's feature layout does not match this version; retrain: assist qa train")
        return model

    def save(self, path: Path) -> None:
        write_atomically(path, json.dumps(self.to_json()).encode("utf-8"))

    @property
    def public_info(self) -> QualityModelInfo:
        keys = QualityModelInfo.model_fields
        return QualityModelInfo(**{k: v for k, v in self.info.items() if k in keys})


# --- where model files live -----------------------------------------------------------------


def model_path(data_dir: Path, shop_id: int | None = None) -> Path:
    """The deployment's model, or one shop's (retrained with its reviewers' overrides)."""
    name = "conversation_quality.json" if shop_id is None else f"conversation_quality.shop-{shop_id}.json"
    return Path(data_dir) / "models" / name


@lru_cache(maxsize=16)
def _load(path: str, mtime: float) -> QualityModel:
    return QualityModel.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def load_model(data_dir: Path, shop_id: int | None = None) -> QualityModel | None:
    """The shop's model if it has one, else the deployment's, else None (no file: rules only)."""
    import logging

    for path in ([model_path(data_dir, shop_id)] if shop_id is not None else []) + [model_path(data_dir)]:
        if path.is_file():
            try:
                return _load(str(path), path.stat().st_mtime)
            except (ValueError, KeyError, OSError) as exc:
                logging.getLogger("assist.quality").warning("ignoring quality model %s: %s", path, exc)
    return None


# --- the overall score on a scorecard --------------------------------------------------------


def _driver_evidence(name: str, conversation: Conversation, card: Scorecard) -> list[Evidence]:
    buyer, agent = _turn_indexes(conversation)
    index = {"buyer_first_text": buyer[:1], "buyer_last_text": buyer[-1:], "agent_last_text": agent[-1:]}.get(name)
    if index:
        text = conversation.messages[index[0]].text
        return [Evidence(text=text[:160], message_index=index[0], start=0, end=min(160, len(text)))]
    if name.startswith("rule_"):
        category = next((c for c in card.categories if c.name == name[5:]), None)
        return list(category.evidence[:2]) if category else []
    return []


def rules_overall(card: Scorecard) -> float:
    """The rule-only total (0..100) on the same 1..5 scale, for when no model is trained."""
    return round(1.0 + 4.0 * card.total / 100.0, 2)


def apply_overall(
    card: Scorecard, conversation: Conversation, model: QualityModel | None, embedder: Embedder | None
) -> Scorecard:
    """Fill the card's overall score: the model's when there is one (with its drivers), else the rules'."""
    if model is None or embedder is None or not any(m.role == "agent" for m in conversation.messages):
        card.overall = rules_overall(card)
        card.overall_engine = "rules"
        card.overall_reason = (
            "rule-only total on 1-5: no conversation-quality model is trained (run: assist qa train)"
            if model is None or embedder is None
            else "rule-only total on 1-5: the agent never replied"
        )
        return card
    features = featurize([conversation], [card], embedder)
    if features.shape[1] != model.n_features:
        card.overall, card.overall_engine = rules_overall(card), "rules"
        card.overall_reason = "rule-only total: the model was trained with another embedder; retrain it"
        return card
    heads = model.raw(features)
    card.overall = round(float(model.calibrated(heads)[0]), 2)
    card.overall_engine = "model"
    card.overall_ratings = {t: round(float(v), 2) for t, v in zip(TARGETS, heads[0], strict=True)}
    ranked = sorted(model.contributions(features[0]).items(), key=lambda kv: -abs(kv[1]))
    card.overall_drivers = [
        OverallDriver(
            name=name,
            label=LABELS[name],
            effect=round(effect, 3),
            evidence=_driver_evidence(name, conversation, card),
        )
        for name, effect in ranked[:5]
        if abs(effect) >= 0.01
    ]
    card.overall_reason = "learned from human ratings; the drivers say what moved it"
    card.quality_model = model.public_info
    return card
