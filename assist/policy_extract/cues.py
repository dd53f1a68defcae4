"""The extractor's resource file (``resources/policy_slots.yaml``) compiled: topic cues and word lists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

SLOTS_FILE = Path(__file__).resolve().parent.parent / "resources" / "policy_slots.yaml"
_WITHHELD: frozenset[str] = frozenset()  # languages whose topic cues and exemplars are set aside (a measurement)


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
        words = [
            w for language, per_language in spec["cues"].items() if language not in _WITHHELD for w in per_language
        ]
        out[topic] = _compile(words) if words else re.compile(r"(?!)")
    return out


@lru_cache(maxsize=1)
def exemplars() -> dict[str, list[str]]:
    """Topic -> exemplar sentences in every language (only topics that have them)."""
    found = {
        topic: [
            s
            for language, per_language in spec.get("exemplars", {}).items()
            if language not in _WITHHELD
            for s in per_language
        ]
        for topic, spec in resource()["topics"].items()
    }
    return {topic: sentences for topic, sentences in found.items() if sentences}


def cue_languages() -> frozenset[str]:
    """The languages every word list is written in (``full_languages``), less any withheld (:func:`withheld`); the
    topic cues of other languages only name topics. Without that list, every language the topic cues are written in."""
    full = resource().get("full_languages") or {lang for spec in resource()["topics"].values() for lang in spec["cues"]}
    return frozenset(full) - _WITHHELD


@contextmanager
def withheld(languages: set[str] | frozenset[str]) -> Iterator[None]:
    """Read as if the topic cues and exemplars of ``languages`` (base codes: "de", "pt") were never written: the
    measure of a language the extractor was not written for (``bench/policy_facts.py --leave-language-out``). The
    learned reader and the word lists shared by all languages stay as they are. Not product behaviour."""
    global _WITHHELD
    before = _WITHHELD
    _WITHHELD = frozenset(languages)
    _forget()
    try:
        yield
    finally:
        _WITHHELD = before
        _forget()


def _forget() -> None:
    """Clear everything compiled or embedded from the topic cues and exemplars."""
    from assist.policy_extract import extractor, second_encoder

    topic_patterns.cache_clear()
    exemplars.cache_clear()
    extractor._VECTORS.clear()
    second_encoder._SCALES.clear()


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
