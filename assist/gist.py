"""Facts that must survive translation, and the offline gist for pairs no engine can translate.

``find_facts`` finds URLs, e-mails, order ids, tracking numbers, amounts, dates and quoted product
names. The translator protects them with placeholders; ``build_gist`` lists them with the buyer's
intent and mood in the agent's language (phrases in ``assist/resources/gist.yaml``), clearly marked
as a gist, never as a translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from assist.models import IntentPrediction
from retrievers.orders import compile_pattern

GIST_LANGUAGES = ("en", "de", "ja", "zh", "es", "fr", "pt", "it")

_CURRENCY = r"(?:€|\$|£|¥|￥|₩|R\$|US\$|EUR|USD|GBP|JPY|CNY|RMB|BRL|CHF)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("url", re.compile(r"(?:https?://|www\.)[^\s<>\"'“”「」]+[^\s<>\"'“”「」.,;:!?)\]]")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("order", re.compile(r"(?!)")),  # replaced by the shop's pattern at call time
    (
        "amount",
        re.compile(
            rf"{_CURRENCY}\s?\d[\d.,']*\d|{_CURRENCY}\s?\d"
            r"|\d[\d.,']*\s?(?:€|EUR|USD|GBP|CHF|BRL|\$|£|円|元|yen|euros?|reais|dollars?|dólares)(?![\w])",
            re.IGNORECASE,
        ),
    ),
    ("date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|(?:\d{4}年)?\d{1,2}月\d{1,2}日")),
    ("tracking", re.compile(r"\b(?=[A-Z0-9]*\d)[A-Z0-9]{10,34}\b")),
    ("quoted", re.compile(r"\"[^\"\n]{2,60}\"|“[^”\n]{2,60}”|„[^“\n]{2,60}“|「[^」\n]{1,60}」|«[^»\n]{2,60}»")),
]


@dataclass(frozen=True)
class Fact:
    kind: str
    value: str
    start: int
    end: int


def find_facts(text: str, order_id_pattern: str | None = None) -> list[Fact]:
    """Non-overlapping facts in order of appearance (earlier kinds in ``_PATTERNS`` win overlaps)."""
    taken: list[Fact] = []
    for kind, pattern in _PATTERNS:
        regex = compile_pattern(order_id_pattern) if kind == "order" else pattern
        for match in regex.finditer(text):
            if match.end() == match.start():
                continue
            if any(match.start() < f.end and f.start < match.end() for f in taken):
                continue
            taken.append(Fact(kind, match.group(0), match.start(), match.end()))
    return sorted(taken, key=lambda f: f.start)


@lru_cache(maxsize=1)
def phrases() -> dict[str, dict]:
    text = resources.files("assist.resources").joinpath("gist.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def build_gist(
    text: str,
    target_language: str,
    *,
    classify: Callable[[str], IntentPrediction] | None = None,
    order_id_pattern: str | None = None,
) -> str:
    """What we understood, in ``target_language`` (English when we have no phrases for it)."""
    p = phrases().get(target_language) or phrases()["en"]
    sep = "、" if target_language in ("ja", "zh") else "; "
    parts: list[str] = []
    prediction = classify(text) if classify is not None else None
    if prediction is not None:
        label = p["intents"].get(prediction.intent, prediction.intent.replace("_", " "))
        parts.append(p["asks"].format(x=label))
    for fact in find_facts(text, order_id_pattern):
        if fact.kind in ("order", "tracking", "amount", "date"):
            parts.append(p[fact.kind].format(x=fact.value))
    if prediction is not None:
        if prediction.sentiment in ("negative", "positive"):
            parts.append(p[prediction.sentiment])
        if prediction.urgency == "high":
            reasons = sep.join(p["reasons"].get(r, r) for r in prediction.urgency_reasons)
            parts.append(p["urgent"].format(x=reasons))
    body = sep.join(parts) if parts else "…"
    colon = "：" if target_language in ("ja", "zh") else ": "
    return f"{p['marker']}{colon}{body}"
