"""The claim reader: which policy fact a number in a draft speaks of, learned from generated sentences.

Cue words read the wordings they were written from. This reader reads kinds of text instead: logistic
regression on the multilingual sentence encoder (USE-m v3, 16 languages), trained only on sentences
generated from the reply templates and paraphrase frames over many synthetic shops
(:mod:`assist.quality.claim_sentences`), never on a fixture draft. For one number it reads three views, each
with every digit masked: the part of the clause the number sits in (between commas and conjunctions), the
whole clause, and a window of words around the number (two numbers in one part differ there). Its answer is
a slot (``returns.window``, ``refunds.time``, ``shipping.free_threshold``, ``order.total``...) or ``none``,
restricted to the slots a duration or a money amount can state.

The draft checks use it two ways (:mod:`assist.quality.fact_numbers`): where the rules and the reader disagree
about a number's role, the reader vetoes the alarm when it is sure of its own reading (``VETO_AT``); where the
rules find no role, the reader proposes one (``PROPOSE_AT``) and the usual value comparison decides. It is
trained once per encoder (about 10-30 s) and kept in memory and, given a cache folder, on disk under
``<cache_dir>/claim_reader/`` by a hash of its inputs; an encoder without a name (a test fake) gets none.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assist.model_cache import content_key, load_model, save_model
from assist.quality.claim_frames import clause_at, part_at

Embed = Callable[[list[str]], Any]

DURATION_SLOTS = frozenset(
    {
        "returns.window",
        "refunds.time",
        "cancellation.refund_time",
        "cancellation.window",
        "shipping.transit_time",
        "shipping.dispatch_time",
        "damage.report_window",
        "wrong_item.report_window",
        "warranty.length",
        "prices.adjustment_window",
        "prices.code_after_purchase",
        "lost.report_after",
        "lost.trace_time",
        "lost.not_received_wait",
        "none",
    }
)
MONEY_SLOTS = frozenset(
    {
        "shipping.free_threshold",
        "customs.threshold",
        "returns.shipping_cost",
        "shipping.fee",
        "order.total",
        "order.amount",
        "none",
    }
)
VETO_AT = 0.6  # the reader's own slot at least this likely, the rules' slot below VETO_BELOW: no alarm
VETO_BELOW = 0.15
PROPOSE_AT = 0.6  # a number the rules give no role takes the reader's slot at this probability
WINDOW = 28  # characters each side of the number in the window view

_DIGITS = re.compile(  # the digits of every script (\d: "१५", "٣٠", "៣០" as "15", "30")
    r"[#№]?(?:[A-Za-z]+-?)?\d[A-Za-z\d./:,–-]*|[零一二两兩三四五六七八九十百]+(?=[天日年个個周週小月])"
)


@dataclass(frozen=True)
class SlotReading:
    """The reader's reading of one number: its most likely slot and every allowed slot's probability."""

    slot: str
    probability: float
    probabilities: dict[str, float]

    def of(self, slot: str | None) -> float:
        return self.probabilities.get(slot or "none", 0.0)


def masked(text: str) -> str:
    """Digits and number tokens as ``#`` (the value says nothing of the role; the unit word stays)."""
    return _DIGITS.sub("#", text)


def views(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The number's part of the clause, its clause and a window of words around it, masked."""
    lo, hi = clause_at(text, start)
    part_lo, part_hi = part_at(text, start)
    left = max(lo, start - WINDOW)
    right = min(hi, end + WINDOW)
    return masked(text[part_lo:part_hi]), masked(text[lo:hi]), masked(text[left:right])


class ClaimReader:
    """A trained reader: ``read(text, [(start, end, kind), ...])`` gives one :class:`SlotReading` per number."""

    def __init__(self, model: Any, embed: Embed, size: int) -> None:
        self.model, self.embed, self.size = model, embed, size
        self.second: Callable[[], Any] | None = None  # the second encoder, for languages ``embed`` does not read
        self.labels: list[str] = [str(c) for c in model.classes_]

    def features(self, triples: Sequence[tuple[str, str, str]]) -> np.ndarray:
        return features(self.embed, triples)

    def read(self, text: str, numbers: Sequence[tuple[int, int, str]]) -> list[SlotReading]:
        if not numbers:
            return []
        probs = self.model.predict_proba(self.features([views(text, s, e) for s, e, _ in numbers]))
        return [self._reading(row, kind) for row, (_, _, kind) in zip(probs, numbers, strict=True)]

    def _reading(self, row: np.ndarray, kind: str) -> SlotReading:
        allowed = MONEY_SLOTS if kind == "money" else DURATION_SLOTS
        kept = {label: float(p) for label, p in zip(self.labels, row, strict=True) if label in allowed}
        total = sum(kept.values()) or 1.0
        kept = {label: p / total for label, p in kept.items()}
        best = max(kept, key=lambda label: kept[label])
        return SlotReading(best, kept[best], kept)


def features(embed: Embed, triples: Sequence[tuple[str, str, str]]) -> np.ndarray:
    """The three views' vectors side by side (each text encoded once)."""
    unique = sorted({t for triple in triples for t in triple})
    vectors = np.asarray(embed(unique), dtype=np.float32) if unique else np.zeros((0, 512), dtype=np.float32)
    at = {t: i for i, t in enumerate(unique)}
    return np.asarray([np.concatenate([vectors[at[t]] for t in triple]) for triple in triples], dtype=np.float32)


def fit(embed: Embed, examples: Sequence[Any]) -> Any:
    """Logistic regression on the views of generated examples (:class:`assist.quality.claim_sentences.Example`)."""
    from sklearn.linear_model import LogisticRegression

    x = features(embed, [views(e.text, e.start, e.end) for e in examples])
    model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
    model.fit(x, [e.slot for e in examples])
    return model


_READERS: dict[tuple[int, str], ClaimReader] = {}
_LOCK = threading.Lock()


def claim_reader(
    embed: Embed, cache_dir: Path | None = None, second: Callable[[], Any] | None = None
) -> ClaimReader | None:
    """The reader for this encoder: trained once and kept in memory and, given a cache folder, on disk by a
    hash of its inputs (encoder, generated sentences, library versions, this module); None for an encoder
    without a name (test fakes). ``second``: gives the second encoder (or None), for drafts in a language this
    encoder does not read (:mod:`assist.quality.claim_encoders`); called only when such a draft comes."""
    from assist.ask_topics import encoder_name
    from assist.quality.claim_sentences import generate

    name = encoder_name(embed)
    if name is None:
        return None
    examples = generate()
    key = _content_key(name, examples)
    owner = id(getattr(embed, "__self__", embed))
    with _LOCK:
        found = _READERS.get((owner, key))
        if found is None:
            model = _load(cache_dir, key) or _train(embed, examples, cache_dir, key)
            found = _READERS[(owner, key)] = ClaimReader(model, embed, len(examples))
        if second is not None:
            found.second = second
    return found


def _content_key(name: str, examples: Sequence[Any]) -> str:
    return content_key(name, [[e.text, e.start, e.end, e.slot] for e in examples], __file__)


def _load(cache_dir: Path | None, key: str) -> Any:
    return load_model(cache_dir, "claim_reader", key, "claim reader")


def _train(embed: Embed, examples: Sequence[Any], cache_dir: Path | None, key: str) -> Any:
    model = fit(embed, examples)
    save_model(cache_dir, "claim_reader", key, model)
    return model


__all__ = ["DURATION_SLOTS", "MONEY_SLOTS", "ClaimReader", "SlotReading", "claim_reader", "fit", "masked", "views"]
