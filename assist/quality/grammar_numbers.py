"""Numbers written in words in the languages no package spells (Galician, Urdu, Marathi, Somali, Hausa...): "unha
semana", "چودہ دن", "soddon maalmood", "goma sha huɗu".

num2words and CLDR's spell-out rules (:mod:`assist.policy_extract.number_words`) write the cardinals of some eighty
languages; for the others a draft's number words would go unread and its window unchecked. Their cardinals are
written from each language's grammar in ``resources/number_words.yaml``: the words, and the word that joins a ten and
a unit ("vinte e catro": 24). :func:`grammar_spelled` writes them as digits, padded to the words' length so that
every span stays an offset into the draft, as :func:`~assist.policy_extract.number_words.spelled_as_digits` does;
a number word counts only before another word (its unit), and only in the draft's own language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assist.char_classes import LETTER

RESOURCE = Path(__file__).parent / "resources" / "number_words.yaml"
_TEN = 10


@lru_cache(maxsize=1)
def _grammar() -> dict[str, dict[str, object]]:
    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8")) or {}
    return {str(language): dict(entry) for language, entry in data.items()}


def _code(language: str | None) -> str:
    """The language subtag of ``language`` ("pa-Guru" -> "pa")."""
    return (language or "").split("-")[0].split("_")[0]


@lru_cache(maxsize=64)
def number_words(language: str | None) -> dict[str, int]:
    """The cardinal words of ``language`` (folded) -> their number; empty for a language not written here."""
    entry = _grammar().get(_code(language), {})
    words = entry.get("words") or {}
    assert isinstance(words, dict)
    return {str(word).casefold(): int(n) for n, spellings in words.items() for word in spellings}


@lru_cache(maxsize=64)
def _pattern(language: str) -> re.Pattern[str] | None:
    words = number_words(language)
    if not words:
        return None
    joins = _grammar()[language].get("join") or []
    assert isinstance(joins, list)
    word = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    join = "|".join(re.escape(str(j)) for j in joins)
    second = rf"(?:\s+(?:{join})\s+(?P<second>{word}))?" if join else ""
    return re.compile(
        rf"(?<![\w.,’'])(?<!{LETTER})(?P<first>{word}){second}(?!{LETTER})(?=\s+[^\W\d_])",
        re.IGNORECASE,
    )


def _value(first: int, second: int | None) -> int | None:
    """The number of a word, or of two joined ("vinte e catro": a ten and a unit, either order: "afar iyo toban");
    None for two that make no such pair."""
    if second is None:
        return first
    big, small = max(first, second), min(first, second)
    return big + small if big % _TEN == 0 and small < _TEN else None


def grammar_spelled(text: str, language: str | None) -> str:
    """``text`` with each number word of ``language`` (one, or two joined) written as digits, padded with spaces to
    the words' length ("unha semana" -> "1    semana"); unchanged for a language not written here."""
    code = _code(language)
    pattern = _pattern(code) if code else None
    if pattern is None:
        return text
    words = number_words(code)

    def digits(m: re.Match[str]) -> str:
        second = m.groupdict().get("second")
        n = _value(words[m.group("first").casefold()], words[second.casefold()] if second else None)
        if n is None:
            return m.group(0)
        return str(n).ljust(len(m.group(0))) if len(str(n)) <= len(m.group(0)) else m.group(0)

    return pattern.sub(digits, text)


def spells_number(word: str, language: str | None) -> int | None:
    """The number ``word`` spells in ``language``'s grammar list, if any."""
    return number_words(language).get(word.casefold())


__all__ = ["grammar_spelled", "number_words", "spells_number"]
