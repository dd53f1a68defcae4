"""Durations whose number comes after its unit word, where the language writes it so: "siku 14" (Swahili: 14 days),
"shekaru 2" (Hausa: 2 years), "දින 7" (Sinhala: 7 days).

Which languages write the unit first is CLDR's to say, not a list of ours: babel formats a count of each duration unit
in the language ("siku 5", "ranaku 5") and where the number comes last, every CLDR form of that unit
(:func:`assist.policy_extract.unit_words.cldr_unit_forms`) followed by a number is a duration. The number is digits of
any script (Python reads every Unicode decimal digit), or a number word of the language (num2words' or CLDR's
spell-out words, :mod:`assist.policy_extract.number_words`, and the grammar lists of
:mod:`assist.quality.grammar_numbers`: "siku saba", "siku kumi na nne"), which here ends the phrase rather than stands
before its unit. A number followed by a time mark or a decimal ("saa 12:00") is a time or a measure, never a count.

Languages that put a digit first may still write a number word after its noun, agreeing with it by a prefix: Zulu
"izinsuku eziyisikhombisa" (seven days: "isikhombisa" with the concord "eziyi-"). In every language a unit word
followed by a word that ends in a number word of five letters or more, with a prefix of its own, is that count.
"""

from __future__ import annotations

import re
from functools import lru_cache

_KEYS = {
    "duration-hour": "hour",
    "duration-day": "day",
    "duration-week": "week",
    "duration-month": "month",
    "duration-year": "year",
}
_PROBE = 5  # the count babel formats to see where the language puts it
_SHORTEST = 3  # letters of a unit form read (CLDR's one- and two-letter abbreviations are no words)
_DIGITS = r"\d{1,3}"
_AFTER = r"(?![\d:.,]\d|\w)"
_AGREEING = 5  # letters of a number word read with a concord prefix ("eziyi|sikhombisa")
_WORD = re.compile(r"(?<!\w)(\w+)\s+(\w+)(?!\w)")


@lru_cache(maxsize=128)
def unit_first_forms(language: str) -> dict[str, str]:
    """CLDR unit form (folded) -> unit, for the units ``language`` writes before their count; {} for the others."""
    from babel.units import format_unit

    from assist.policy_extract.unit_words import cldr_unit_forms

    first: set[str] = set()
    for key, unit in _KEYS.items():
        try:
            written = format_unit(_PROBE, key, locale=language, length="long").strip()
        except Exception:  # noqa: BLE001, S112 - a locale babel does not know, or without that unit
            continue
        if written.endswith(str(_PROBE)) and not written.startswith(str(_PROBE)):
            first.add(unit)
    if not first:
        return {}
    return {form: unit for form, unit in cldr_unit_forms(language).items() if unit in first and len(form) >= _SHORTEST}


@lru_cache(maxsize=128)
def _number_words(language: str) -> dict[str, int]:
    """Spelling (folded; one to three words) -> number in ``language``."""
    from assist.policy_extract.number_words import _all_spellings
    from assist.quality.grammar_numbers import number_words

    return {**number_words(language), **_all_spellings().get(language, {})}


@lru_cache(maxsize=128)
def _pattern(language: str) -> re.Pattern[str] | None:
    forms = unit_first_forms(language)
    if not forms:
        return None
    units = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    spelled = "|".join(re.escape(w) for w in sorted(_number_words(language), key=len, reverse=True))
    number = f"{_DIGITS}|{spelled}" if spelled else _DIGITS
    return re.compile(rf"(?<!\w)({units})\s+({number}){_AFTER}(?:\s*[-–—]\s*({number}){_AFTER})?", re.IGNORECASE)


def _value(written: str, language: str) -> float:
    return float(int(written)) if written.isdecimal() else float(_number_words(language)[written.casefold()])


@lru_cache(maxsize=128)
def _agreeing_words(language: str) -> tuple[tuple[str, int], ...]:
    """The one-word number words of ``language`` long enough to be read with a prefix, longest first."""
    words = [(w, n) for w, n in _number_words(language).items() if " " not in w and len(w) >= _AGREEING]
    return tuple(sorted(words, key=lambda wn: -len(wn[0])))


def _agreeing(text: str, language: str) -> list[tuple[int, int, float, float | None, str]]:
    """A unit word and a number word with a concord prefix after it ("izinyanga eziyisithupha": six months)."""
    from assist.policy_extract.unit_words import cldr_unit_forms

    forms = {f: u for f, u in cldr_unit_forms(language).items() if len(f) >= _SHORTEST}
    words = _agreeing_words(language)
    out: list[tuple[int, int, float, float | None, str]] = []
    if not forms or not words:
        return out
    for m in _WORD.finditer(text):
        unit, after = forms.get(m.group(1).casefold()), m.group(2).casefold()
        found = next((n for w, n in words if after.endswith(w) and len(after) > len(w)), None) if unit else None
        if unit is not None and found is not None:
            out.append((m.start(), m.end(), float(found), None, unit))
    return out


def unit_first_durations(text: str, languages: list[str | None]) -> list[tuple[int, int, float, float | None, str]]:
    """(start, end, low, high, unit) of each unit word followed by its count in one of ``languages`` that writes the
    unit first, and of each unit word followed by a number word with a concord prefix in any of them."""
    out: list[tuple[int, int, float, float | None, str]] = []
    for language in dict.fromkeys(code.split("-")[0] for code in languages if code):
        out += _agreeing(text, language)
        pattern = _pattern(language)
        if pattern is None:
            continue
        forms = unit_first_forms(language)
        for m in pattern.finditer(text):
            high = _value(m.group(3), language) if m.group(3) else None
            out.append((m.start(), m.end(), _value(m.group(2), language), high, forms[m.group(1).casefold()]))
    return out
