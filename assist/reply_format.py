"""Locale formatting for the replies that answer asks: the answer templates of each language, and numbers,
durations, money, dates, word lists and carrier names written the buyer's way (babel, CLDR plural rules).

Sentences live in ``assist/resources/replies/answers/<language>.yaml`` (written natively for en, de, fr, es,
it, pt, ja, zh); a variety's differences (pt-BR, es-419) in ``answers/varieties/`` (assist/reply_variety.py).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from assist import replies

ANSWERS_DIR = Path(__file__).parent / "resources" / "replies" / "answers"


@lru_cache(maxsize=16)
def load_answers(language: str) -> dict[str, Any]:
    path = ANSWERS_DIR / f"{language}.yaml"
    if not path.is_file():
        raise KeyError(language)
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def answer_languages() -> list[str]:
    return sorted(p.stem for p in ANSWERS_DIR.glob("*.yaml"))


def format_number(value: float, language: str) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=language))


class Duration(str):
    """A formatted duration; ``dative`` is its dative form where the language has one ("30 Tagen")."""

    dative: str | None = None


def format_duration(
    value: float,
    max_value: float | None,
    unit: str | None,
    language: str,
    forms_key: str = "units",
    data: dict[str, Any] | None = None,
) -> str:
    """``3–5 business days`` / ``3～5営業日`` / ``30 Tage``, with the locale's plural rule (``data``: the
    templates of the reply's variety, else the language's)."""
    from babel import Locale

    data = data or load_answers(language)
    high = max_value if max_value is not None else value
    number = format_number(value, language)
    if max_value is not None:
        number = data["range"].format(low=number, high=format_number(max_value, language))
    forms = data[forms_key].get(unit or "day") or [str(unit)]
    plural = Locale(language).plural_form(high if float(high) != 1 else 1)
    word = forms[0] if plural == "one" or len(forms) == 1 else forms[-1]
    return f"{number}{data.get('unit_joiner', ' ')}{word}"


def format_money(value: float, currency: str, language: str) -> str:
    return replies.format_amount(float(value), currency, language)


def format_day(value: str | date, language: str) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return replies.format_date(day, language)


def format_words(
    values: list[str],
    kind: str,
    language: str,
    style: Literal["standard", "or"] = "standard",
    data: dict[str, Any] | None = None,
) -> str | None:
    """Canonical tokens (``photo_item``) as the buyer's words, joined the locale's way ("a, b and c",
    or "a or b" with ``style="or"``); None when one is unknown."""
    from babel.lists import format_list

    words = (data or load_answers(language))["words"].get(kind, {})
    if any(v not in words for v in values):
        return None
    return str(format_list([words[v] for v in values], style=style, locale=language))


def quoted(phrases: list[str], language: str) -> str:
    return replies._item_list(language, phrases)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_CJK_PHRASE = re.compile(r"[のの的]|(?:経由|による|により|配送|寄送)")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9&.\-]*(?:\s+[A-Z0-9][A-Za-z0-9&.\-]*)*")
_LOWER_WORD = re.compile(r"(?<![\w(])[a-zà-ÿß][a-zà-ÿß]{2,}")


def carrier_name(value: str, language: str, written_in: str | None = None) -> str | None:
    """A carrier named in another language's words (``written_in``), as a reply in ``language`` can write it
    (see Writer.carrier)."""
    plain = re.sub(r"\([^)]*\)|（[^）]*）", "", value).strip()  # "(Exporta Fácil)": a service of the name before it
    if _CJK.search(value):
        latin = _LATIN_NAME.findall(value)
        if language in ("ja", "zh") or not latin:
            return value if not _CJK_PHRASE.search(plain) or not latin else latin[-1]
        return latin[-1]  # "日本郵便のEMS", "中華郵政國際快捷（EMS）": the name a Latin-script reader knows
    first = re.split(r"[,;:]", plain)[0].strip()
    if not _LOWER_WORD.search(first) and first:
        return value if first == plain else first
    names = _LATIN_NAME.findall(first)
    if names and written_in != "de":  # "livraison par Colissimo", "corriere BRT"; German nouns are capitalised too
        return str(names[-1])
    return None


def fact_text(value: Any) -> str:
    """A fact's value as a reply declares it (dicts and lists joined with commas)."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
