"""Buyer mood, offline and multilingual: sentiment (negative/neutral/positive) and urgency with reasons.

These are rules, not a trained classifier, and say so: ``engine = "rules"`` here, and
``IntentPrediction.mood_engine`` / the card's ``engines["mood"]`` carry it to the API.

Cues are lowercase phrases per language in ``assist/resources/mood.yaml`` (all languages are checked
at once, so no language detection is needed). Urgency reasons: ``legal``, ``chargeback``,
``review_threat`` (only when the buyer is unhappy), ``urgent``, ``repeated_contact``, ``exclamations``
(``!!!``), ``all_caps``. Legal, chargeback and review threats alone make urgency high.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml

Sentiment = Literal["negative", "neutral", "positive"]
Urgency = Literal["low", "normal", "high"]

# Intents of the default taxonomy that mean something went wrong for the buyer.
PROBLEM_INTENTS = {"complaint", "delivery_problem", "damaged_or_defective", "wrong_or_missing_item", "payment_issue"}
_WEIGHTS = {
    "legal": 2,
    "chargeback": 2,
    "review_threat": 2,
    "urgent": 1,
    "repeated_contact": 1,
    "exclamations": 1,
    "all_caps": 1,
}
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Mood:
    sentiment: Sentiment
    urgency: Urgency
    reasons: list[str] = field(default_factory=list)
    engine: Literal["rules"] = "rules"


def _pattern(cues: list[str]) -> re.Pattern[str]:
    parts = []
    for cue in sorted({str(c).lower() for c in cues}, key=len, reverse=True):
        escaped = re.escape(cue)
        parts.append(escaped if _CJK.search(cue) else rf"(?<!\w){escaped}")
    return re.compile("|".join(parts) or r"(?!)")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load(resources.files("assist.resources").joinpath("mood.yaml").read_text(encoding="utf-8"))
    out = {
        "negative": _pattern([c for cues in data["negative"].values() for c in cues]),
        "positive": _pattern([c for cues in data["positive"].values() for c in cues]),
    }
    for reason, by_language in data["urgency"].items():
        out[reason] = _pattern([c for cues in by_language.values() for c in cues])
    return out


def _caps_shouting(text: str) -> bool:
    words = re.findall(r"\b[^\W\d_]{3,}\b", text)
    caps = [w for w in words if w.isupper()]
    return len(caps) >= 3 and len(caps) >= 0.5 * len(words)


def assess_mood(text: str, intent: str | None = None, customer_turns_in_a_row: int = 1) -> Mood:
    """Sentiment and urgency of a buyer's text. ``customer_turns_in_a_row``: unanswered buyer messages."""
    lexicon = _lexicon()
    lower = text.lower()
    negative = len(lexicon["negative"].findall(lower))
    positive = len(lexicon["positive"].findall(lower))
    exclamations = bool(re.search(r"[!！]{3,}", text))
    shouting = _caps_shouting(text)

    distress = any(_lexicon()[r].search(lower) for r in ("legal", "chargeback", "repeated_contact"))
    if negative > positive or (negative and (exclamations or shouting)) or (distress and not positive):
        sentiment: Sentiment = "negative"
    elif intent == "complaint" or (intent in PROBLEM_INTENTS and positive <= negative):
        sentiment = "negative"
    elif positive > negative:
        sentiment = "positive"
    else:
        sentiment = "neutral"

    reasons = [r for r in ("legal", "chargeback", "urgent", "repeated_contact") if lexicon[r].search(lower)]
    if lexicon["review_threat"].search(lower) and sentiment == "negative":
        reasons.append("review_threat")
    if customer_turns_in_a_row >= 3 and "repeated_contact" not in reasons:
        reasons.append("repeated_contact")
    if exclamations:
        reasons.append("exclamations")
    if shouting:
        reasons.append("all_caps")
    score = sum(_WEIGHTS[r] for r in reasons)
    if score >= 2:
        urgency: Urgency = "high"
    elif score == 1 or sentiment == "negative":
        urgency = "normal"
    elif sentiment == "positive" or intent == "other":
        urgency = "low"
    else:
        urgency = "normal"
    return Mood(sentiment=sentiment, urgency=urgency, reasons=reasons)
