"""The extractor's resource file (``resources/policy_slots.yaml``) compiled: topic cues and word lists."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

SLOTS_FILE = Path(__file__).resolve().parent.parent / "resources" / "policy_slots.yaml"


@lru_cache(maxsize=1)
def resource() -> dict[str, Any]:
    return yaml.safe_load(SLOTS_FILE.read_text(encoding="utf-8")) or {}


def _compile(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE)


@lru_cache(maxsize=1)
def topic_patterns() -> dict[str, re.Pattern[str]]:
    """Topic -> one pattern over its cues in every language."""
    out = {}
    for topic, spec in resource()["topics"].items():
        words = [w for per_language in spec["cues"].values() for w in per_language]
        out[topic] = _compile(words)
    return out


@lru_cache(maxsize=1)
def exemplars() -> dict[str, list[str]]:
    """Topic -> exemplar sentences in every language (only topics that have them)."""
    return {
        topic: [s for per_language in spec.get("exemplars", {}).values() for s in per_language]
        for topic, spec in resource()["topics"].items()
        if spec.get("exemplars")
    }


@cache
def label_patterns(group: str) -> dict[str, re.Pattern[str]]:
    """Label -> pattern for a word list group (conditions, payer, shop_pays_cases, evidence, remedies)."""
    return {label: _compile(words) for label, words in resource()[group].items()}


@lru_cache(maxsize=1)
def negation() -> re.Pattern[str]:
    return _compile(resource()["negation"])


def labels_in(group: str, text: str) -> list[str]:
    return [label for label, pattern in label_patterns(group).items() if pattern.search(text)]


def topic_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, topic) for every cue found, in text order."""
    hits: list[tuple[int, int, str]] = []
    for topic, pattern in topic_patterns().items():
        hits.extend((m.start(), m.end(), topic) for m in pattern.finditer(text))
    return sorted(hits)


def word_start_hits(text: str) -> list[tuple[int, int, str]]:
    """The cue hits that begin a word: in a language the cue lists do not cover, a cue found inside a word is
    another language's word by chance (the Spanish "roto" in the Czech "protože")."""
    return [h for h in topic_hits(text) if h[0] == 0 or not text[h[0] - 1].isalpha()]


def introduces_exclusions(intro: str) -> bool:
    """Whether a list's intro says its items cannot be returned: an exclusion cue, or (any language) a return word
    and a negation before the colon ("Não aceitamos troca nem devolução de:", "Returns are not possible for:")."""
    topics = {t for _, _, t in topic_hits(intro)}
    if "excluded" in topics:
        return True
    return "returns" in topics and intro.rstrip().endswith((":", "：")) and bool(negation().search(intro))
