"""Durations whose unit word carries a suffix or a postposition written onto it, as agglutinating languages write them:
"१५ दिवसांपर्यंत" (Marathi: up to 15 days), "7 ದಿನಗಳೊಳಗೆ" (Kannada: within 7 days), "7 eguneko" (Basque: of 7 days).

The CLDR unit names (babel, :func:`assist.policy_extract.unit_words.cldr_unit_forms`) of the draft's language are the
stems; a word right after a number that begins with one (its last letter or vowel sign may change as the suffix joins:
"ದಿನಗಳು" -> "ದಿನಗಳೊಳಗೆ") is that unit, whatever it adds. Read only where the other duration readers read nothing on
the same words (:func:`assist.quality.extract.draft_durations`), and only stems of three letters or more that name
one unit, so that a short abbreviation ("ай", "il") never reads a word as a unit.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from assist.char_classes import UNSPACED_SCRIPTS

# Thai, Lao, Myanmar and Khmer write no space between words: a number there may stand right after a word
# ("ภายใน30วัน"), and a unit word is one or two syllables whose letters count fewer than three (their vowel signs and
# stacked consonants are marks): CLDR's own form of the unit is read as written there, whatever its length
_NUMBER = re.compile(
    rf"(?:(?<![\w.,])|(?<=[{UNSPACED_SCRIPTS}]))(?P<low>\d{{1,3}})(?:\s*[-–—]\s*(?P<high>\d{{1,3}}))?\s*"
    r"(?P<word>[^\W\d_][^\s\d.,;:!?()\[\]\"'«»“”。、،؛]*)"
)
# a word runs to the next space or mark: \w stops at the vowel signs of the Indic scripts ("दिवसां")
_MIN_STEM = 3  # letters (combining marks not counted) a stem keeps
_UNSPACED_WORD = re.compile(f"[{UNSPACED_SCRIPTS}]+")
_MIN_UNSPACED = 2  # characters (marks counted) of a unit form read in a script without spaces


def _letters(text: str) -> int:
    return sum(1 for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Mc")


_KEYS = {"duration-hour": "hour", "duration-day": "day", "duration-week": "week", "duration-month": "month"}
_KEYS |= {"duration-year": "year"}


@lru_cache(maxsize=64)
def unspaced_unit_forms(language: str) -> dict[str, str]:
    """CLDR's unit words (long and short, every count babel writes) -> unit, in ``language`` where they are written
    in a script without spaces (Thai, Lao, Myanmar, Khmer): the unit-word readers of the policy reader leave those
    scripts out; {} for other languages."""
    from babel.units import format_unit

    out: dict[str, str] = {}
    for key, unit in _KEYS.items():
        for count in (1, 2, 5):
            for length in ("long", "short"):
                try:
                    written = format_unit(count, key, locale=language, length=length)
                except Exception:  # noqa: BLE001, S112 - a locale babel does not know, or without that unit
                    continue
                word = re.sub(r"[\d\s.,\u00a0\u202f]+", "", written)
                if _UNSPACED_WORD.fullmatch(word) and len(word) >= _MIN_UNSPACED:
                    out.setdefault(word, unit)
    return out


def _stems(language: str) -> dict[str, str]:
    """Stem (folded) -> unit: each CLDR form, and where it is longer than the shortest stem, the form without its last
    character (the letter or vowel sign a suffix replaces); a stem two units share is left out."""
    from assist.policy_extract.unit_words import cldr_unit_forms

    found: dict[str, set[str]] = {}
    for form, unit in unspaced_unit_forms(language).items():  # read as written: "ថ្ងៃ", "ရက်", "ມື້"
        found.setdefault(form, set()).add(unit)
    for form, unit in cldr_unit_forms(language).items():
        for stem in (form, form[:-1]):
            if _letters(stem) >= _MIN_STEM:
                found.setdefault(stem, set()).add(unit)
    return {stem: units.pop() for stem, units in found.items() if len(units) == 1}


def suffixed_durations(text: str, language: str | None) -> list[tuple[int, int, float, float | None, str]]:
    """(start, end, low, high, unit) of each number followed by a word that begins with a unit stem of ``language``,
    the longest stem that fits deciding the unit."""
    if not language:
        return []
    stems = _stems(language)
    if not stems:
        return []
    out: list[tuple[int, int, float, float | None, str]] = []
    for m in _NUMBER.finditer(text):
        word = m.group("word").casefold()
        fits = [stem for stem in stems if word.startswith(stem)]
        if not fits:
            continue
        unit = stems[max(fits, key=len)]
        high = m.group("high")
        out.append((m.start(), m.end(), float(m.group("low")), float(high) if high else None, unit))
    return out
