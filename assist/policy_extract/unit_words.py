"""Durations written with the unit words of languages the project's value parser (``assist.quality.extract``) was
not written for ("2 vuotta", "5 dnů", "3 hét"): the words come from CLDR's unit names (babel), in the languages
buyers and shops write (``assist.country_names``). Only a number directly followed by such a word is read, and
only where the main parser read nothing."""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = {
    "duration-hour": "hour",
    "duration-day": "day",
    "duration-week": "week",
    "duration-month": "month",
    "duration-year": "year",
}
_ALPHABETIC = re.compile(r"[A-Za-zÀ-ɏͰ-ϿЀ-ӿ]+")  # Latin, Greek, Cyrillic (CJK and Hangul have parsers of their own)
_NUMBER = r"(?P<low>\d{1,3})(?:\s*[-–—]\s*(?P<high>\d{1,3}))?"


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    """Unit word (folded) -> unit, from CLDR's long unit names for 1, 2, 5 and 21 of each unit."""
    from babel.units import format_unit

    from assist.country_names import BUYER_LANGUAGES

    out: dict[str, str] = {}
    for language in BUYER_LANGUAGES:  # the 8 policy languages are the main parser's own
        for key, unit in _UNITS.items():
            for n in (1, 2, 5, 21):
                try:
                    written = format_unit(n, key, locale=language, length="long")
                except Exception:  # noqa: BLE001 - a locale without that unit: nothing to learn from it
                    continue
                word = written.replace(str(n), "").strip()
                if _ALPHABETIC.fullmatch(word) and len(word) >= 2:
                    out.setdefault(word.casefold(), unit)
    return out


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    words = sorted(_words(), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w.,]){_NUMBER}\s*(?P<word>{alternatives})(?!\w)", re.IGNORECASE)


def cldr_durations(text: str) -> list[tuple[int, int, float, float | None, str]]:
    """(start, end, low, high, unit) of each number followed by a CLDR unit word."""
    out = []
    for m in _pattern().finditer(text):
        low, high = float(m.group("low")), m.group("high")
        out.append((m.start(), m.end(), low, float(high) if high else None, _words()[m.group("word").casefold()]))
    return out
