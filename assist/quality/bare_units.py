"""A unit word a draft writes with no number: one of that unit ("в течение месяца", "innerhalb eines Monats", "terve
nädala jooksul": within a month, a week).

Built from data, in the draft's language only: the unit words are CLDR's unit names (babel, as
:mod:`assist.policy_extract.unit_words` reads them), and the forms that word takes with a case ending (its
:func:`~assist.policy_extract.unit_words.inflected_from`); the words that make a unit word no duration are CLDR's too:
its relative-time phrases ("на этой неделе" this week, "letzten Monat" last month) and its per-unit patterns ("в
неделю" a week, as in "twice a week"). A unit word next to a number, or next to any word that spells one in the
draft's language (num2words' spellings, :mod:`assist.policy_extract.number_words`, or the grammar lists of
:mod:`assist.quality.grammar_numbers`), is left to the number readers:
"kahe nädala" is two weeks, not one. Only languages whose number words are known are read, so that an unread number
word is never taken for "one"; and only a sentence with no other duration, so that "14 days ... the days count from
delivery" keeps its 14.
"""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = {"duration-week": "week", "duration-month": "month", "duration-year": "year"}
# a day word alone is seldom a length of time: "the same day", "today" ("hari ini"), a working day, a greeting ("Dzień
# dobry", "Добрий день"); the tuning drafts hold 17 such words and one "a day or two"
_READ = frozenset(_UNITS.values())
_FIELDS = ("day", "week", "month", "year", "quarter")
_SHORTEST = 3  # CLDR's abbreviations ("нед", "wo", "tg") are no words a draft writes alone
_WORD = re.compile(r"[^\W\d_]+")
# scripts written with spaces between words: a CJK or Thai unit character ("月", "年") is part of words of its own
_SPACED = re.compile(r"[A-Za-zÀ-ɏͰ-ϿЀ-ӿԱ-֏א-ת\u0600-\u06ff\u0900-\u0dff\u10a0-\u10ff]+")


@lru_cache(maxsize=64)
def _unit_forms(language: str) -> dict[str, str]:
    """CLDR's unit names (folded) -> unit, in ``language`` (long forms after a count of every plural category)."""
    from assist.policy_extract.unit_words import cldr_unit_forms

    return {form: unit for form, unit in cldr_unit_forms(language).items() if len(form) >= _SHORTEST}


@lru_cache(maxsize=64)
def _not_durations(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of CLDR's relative-time phrases in ``language`` that are not unit words ("этой", "прошлом",
    "letzten", "järgmine"), and its per-unit phrases ("в неделю", "pro Woche"), folded."""
    from babel import Locale

    try:
        data = Locale.parse(language)._data
    except Exception:  # noqa: BLE001 - a language babel does not know: no phrases to learn
        return frozenset(), ()
    forms = {form for form, unit in _unit_forms(language).items() if unit in _READ}
    modifiers: set[str] = set()
    for field in _FIELDS:
        for phrase in dict(data["date_fields"].get(field, {}).get("relative", {})).values():
            for word in _WORD.findall(str(phrase).casefold()):
                if len(word) >= _SHORTEST and word not in forms:
                    modifiers.add(word)
    per: list[str] = []
    for key in _UNITS:
        for length in ("long", "short"):
            pattern = dict(data["unit_patterns"].get(key, {}).get(length, {})).get("per")
            if pattern:
                per.append(str(pattern).replace("{0}", "").strip().casefold())
    return frozenset(modifiers), tuple(p for p in per if p)


def _unit_of(word: str, language: str) -> str | None:
    """The unit ``word`` names in ``language``: one of CLDR's forms, or one inflected from it; None for none or two."""
    from assist.policy_extract.unit_words import PARSER_LANGUAGES

    forms = _unit_forms(language)
    folded = word.casefold()
    if folded in forms:
        return forms[folded]
    if language in PARSER_LANGUAGES:  # the value parser's languages inflect little: the Germanic genitive only
        units = {unit for form, unit in forms.items() if len(form) >= 4 and folded == f"{form}s"}
    else:  # one letter of case ending on a whole form ("nädala" from "nädal"); "деньги" (money) is no "день"
        units = {unit for form, unit in forms.items() if folded.startswith(form) and len(folded) == len(form) + 1}
    return units.pop() if len(units) == 1 else None


def _spells_number(word: str, language: str) -> bool:
    from assist.policy_extract.number_words import number_of_word
    from assist.quality.extract import WORD_NUMBERS
    from assist.quality.grammar_numbers import spells_number

    n = number_of_word(word, language) if not _parser(language) else WORD_NUMBERS.get(word.casefold())
    if n is None:
        n = spells_number(word, language)  # a language whose numbers only its grammar list spells
    return n is not None and n != 1


def _one_inflected(word: str) -> bool:
    """Whether ``word`` is a case form of the value parser's word for one ("eines", "einer" from "ein")."""
    from assist.quality.extract import WORD_NUMBERS

    folded = word.casefold()
    ones = [w for w, n in WORD_NUMBERS.items() if n == 1 and len(w) >= _SHORTEST]
    return folded not in WORD_NUMBERS and any(folded.startswith(w) and len(folded) - len(w) <= 2 for w in ones)


def _parser(language: str) -> bool:
    from assist.policy_extract.unit_words import PARSER_LANGUAGES

    return language in PARSER_LANGUAGES


def _numbers_known(language: str) -> bool:
    from assist.policy_extract.number_words import _spellings
    from assist.quality.grammar_numbers import number_words

    return _parser(language) or bool(_spellings().get(language)) or bool(number_words(language))


def bare_durations(text: str, language: str | None) -> list[tuple[int, int, float, float | None, str]]:
    """(start, end, 1, None, unit) of each unit word of ``language`` in ``text`` written with no number."""
    if not language or not _numbers_known(language):
        return []
    modifiers, per = _not_durations(language)
    words = list(_WORD.finditer(text))
    out: list[tuple[int, int, float, float | None, str]] = []
    for i, m in enumerate(words):
        if not _SPACED.fullmatch(m.group()) or len(m.group()) < _SHORTEST:
            continue
        unit = _unit_of(m.group(), language)
        if unit not in _READ:
            continue
        before = text[words[i - 1].end() if i else 0 : m.start()]
        after = text[m.end() : words[i + 1].start() if i + 1 < len(words) else len(text)]
        if any(c.isdigit() for c in before + after):
            continue  # a number the number readers read, or chose not to
        near = [words[j].group() for j in (i - 2, i - 1, i + 1) if 0 <= j < len(words)]
        if any(_spells_number(w, language) for w in near):
            continue
        if _parser(language) and not (i and _one_inflected(words[i - 1].group())):
            continue  # the value parser reads "a week", "ein Jahr"; of its languages only "eines Monats" is left
        if any(words[j].group().casefold() in modifiers for j in (i - 1, i + 1) if 0 <= j < len(words)):
            continue  # "на этой неделе", "minggu ini": this week, a time, not a length of time
        if i and any(text.casefold().startswith(p, words[i - 1].start()) for p in per):
            continue  # "в неделю": per week
        out.append((m.start(), m.end(), 1.0, None, unit))
    return out


__all__ = ["bare_durations"]
