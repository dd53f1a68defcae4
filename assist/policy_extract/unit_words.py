"""Durations written with the unit words of languages the project's value parser (``assist.quality.extract``) was
not written for ("2 vuotta", "5 dnů", "3 hét"): the words come from CLDR's unit names (babel), in the languages
buyers and shops write (``assist.country_names``). Only a number directly followed by such a word is read, and
only where the main parser read nothing.

CLDR lists the forms a unit takes after a number (its plural categories), which in inflected languages are not
all the forms a text uses ("14 päivän", "viikon", "vuorokauden"). A word is read as a unit when it keeps all but
at most the last two letters of one of CLDR's forms and adds at most three letters of ending, against the forms of
the language the text is written in only (fastText, as :mod:`assist.language` reads it: an English "6 and" is no
Romanian "ani"); a word that reads as two different units is left alone."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from assist.language import language_of

_UNITS = {
    "duration-hour": "hour",
    "duration-day": "day",
    "duration-week": "week",
    "duration-month": "month",
    "duration-year": "year",
}
_LETTERS = r"A-Za-zÀ-ɏͰ-ϿЀ-ӿ"  # Latin, Greek, Cyrillic (CJK and Hangul have parsers of their own)
_ALPHABETIC = re.compile(rf"[{_LETTERS}]+")
_NUMBER = r"(?P<low>\d{1,3})(?:\s*[-–—]\s*(?P<high>\d{1,3}))?\)?"
_MAX_DROPPED = 2  # letters of CLDR's form an inflected form may change ("viikko" -> "viikon")
_MAX_ENDING = 3  # letters an inflected form may add ("päivä" -> "päivän", "vuorokau-si" -> "vuorokau-den")


# Languages read in a text written in them only (their forms join no other language's): European languages a shop
# may write its policies in that the buyers' list leaves out. fastText reads Croatian and Bosnian often as Serbian.
MORE_LANGUAGES = ("hr", "sr", "sr_Latn", "bs", "sl", "bg", "mk", "lt", "lv", "et", "uk", "is", "sq", "ga", "mt")
_ALIASES = {"no": "nb", "nn": "nb", "sr_Latn": "sr"}  # fastText's codes and locales -> the key they are kept under


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    """CLDR form (folded) -> unit, in every language read here (the buyers' languages)."""
    from assist.country_names import BUYER_LANGUAGES

    out: dict[str, str] = {}
    for language, forms in _forms_by_language().items():
        if language not in {_ALIASES.get(b, b).split("_")[0] for b in BUYER_LANGUAGES}:
            continue
        for form, unit in forms.items():
            out.setdefault(form, unit)
    return out


@lru_cache(maxsize=1)
def _forms_by_language() -> dict[str, dict[str, str]]:
    """Language -> CLDR form (folded) -> unit, from the long and short unit names for counts of every plural
    category."""
    from babel.units import format_unit

    from assist.country_names import BUYER_LANGUAGES

    by_language: dict[str, dict[str, str]] = {}
    for language in (*BUYER_LANGUAGES, *MORE_LANGUAGES):  # the 8 policy languages are the main parser's own
        out = by_language.setdefault(_ALIASES.get(language, language).split("_")[0], {})
        for key, unit in _UNITS.items():
            for n in (1, 2, 5, 21, 1.5):
                for length in ("long", "short"):
                    try:
                        written = format_unit(n, key, locale=language, length=length)
                    except Exception:  # noqa: BLE001 - a locale without that unit: nothing to learn from it
                        continue
                    word = re.sub(r"[\d.,\s\u00a0\u202f]+", " ", written).strip()
                    if _ALPHABETIC.fullmatch(word) and len(word) >= 2:
                        out.setdefault(word.casefold(), unit)
    return by_language


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@lru_cache(maxsize=4096)
def unit_of_word(word: str, language: str | None = None) -> str | None:
    """The unit a word names: as CLDR writes it in any language, or inflected from one of CLDR's forms (or of the
    value parser's unit words, "dagar" -> "dagars") in ``language``, or a compound of a business-day word and a day
    ("arkipäivää", "bankdagar" -> ``business_day``); None when it names none or two."""
    folded = word.casefold()
    if folded in _forms():
        return _forms()[folded]
    units = _inflected_units(folded, language)
    if len(units) == 1:
        return units.pop()
    return _business_compound(folded, language) if not units else None


def _inflected_units(folded: str, language: str | None) -> set[str]:
    language = _ALIASES.get(language or "", language or "")
    forms = {**_forms_by_language().get(language, {}), **_EXTRA_FORMS.get(language, {})}
    units = {unit for form, unit in forms.items() if inflected_from(folded, {form})}
    if not units:  # an accent that moves as the word inflects: the Greek "ωρών" from "ώρα", "ημερών" from "ημέρα"
        bare = _bare(folded)
        units = {unit for form, unit in forms.items() if inflected_from(bare, {_bare(form)})}
    # the Germanic genitive of a short form ("fem års garanti", "två års"): the form and an "s"
    units |= {unit for form, unit in forms.items() if len(form) >= 2 and folded == f"{form}s"}
    if forms:  # the value parser's own words, kept whole with an ending: "dagars" (sv), not "and" from "anni"
        units |= {u for form, u in _parser_forms().items() if folded.startswith(form) and len(folded) - len(form) <= 3}
    return units


def _bare(word: str) -> str:
    """The word without its accents (and with the Greek final sigma as any other)."""
    decomposed = unicodedata.normalize("NFD", word.replace("ς", "σ"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Day words CLDR's duration units do not give: the Finnish 24-hour day ("seitsemän vuorokauden kuluessa"), the
# everyday Greek year ("2 χρόνια", CLDR's is "έτη").
_EXTRA_FORMS = {
    "fi": {"vuorokausi": "day", "vrk": "day"},
    "el": {"χρόνια": "year", "χρόνο": "year", "χρόνου": "year", "χρόνων": "year", "ετών": "year", "μηνών": "month"}
    | {"μέρα": "day", "μέρες": "day", "μερών": "day"},
}


@lru_cache(maxsize=1)
def _parser_forms() -> dict[str, str]:
    """The value parser's own unit words of four letters or more, alphabetic ones only, as forms to inflect."""
    from assist.quality.extract import UNITS

    out = {}
    for word, (unit, business) in UNITS.items():
        if len(word) >= 4 and _ALPHABETIC.fullmatch(word) and not business:
            out[word.casefold()] = unit
    return out


# The first part of a compound that makes its day a working day: fi arki-/työ-/pankkipäivä, sv arbets-/bank-/vardag,
# da/no arbejds-/arbeids-/virke-/hverdag, de/nl werk-/arbeits-/bank-, hu munkanap.
_BUSINESS_PARTS: tuple[str, ...] = ("arki", "työ", "pankki", "arbets", "arbejds", "arbeids", "virke", "bank", "var")
_BUSINESS_PARTS += ("hver", "werk", "arbeits", "munka", "töö", "darb")  # et tööpäev, lv darbdiena


def _business_compound(folded: str, language: str | None) -> str | None:
    for part in _BUSINESS_PARTS:
        rest = folded[len(part) :]
        if folded.startswith(part) and len(rest) >= 2:
            day = rest in _forms() and _forms()[rest] == "day" or _inflected_units(rest, language) == {"day"}
            if day or rest in ("nap", "napon", "napig", "napot"):
                return "business_day"
    return None


def inflected_from(word: str, forms: set[str]) -> bool:
    """Whether the (folded) word keeps all but the last two letters of one of ``forms`` and adds at most three
    letters of ending ("päivän" from "päivä", "viikon" from "viikko"); abbreviations ("pv", "kk") only as written."""
    for form in forms:
        if len(form) < 3:
            continue
        shared = _common_prefix(word, form)
        if shared >= max(2, len(form) - _MAX_DROPPED) and len(word) - shared <= _MAX_ENDING:
            return True
    return False


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,]){_NUMBER}")


_WORD = re.compile(rf"\s*(?P<word>[{_LETTERS}]+)(?![\w])")
_NEXT_WORD = re.compile(rf"\s+(?P<word>[{_LETTERS}]+)(?![\w])")
# Words between a number and its day word, or after it, that make the days working days ("10 εργάσιμες ημέρες",
# "3 pracovných dní", "3 radna dana", "5 zile lucrătoare", "3 darba dienas"), or calendar days; folded, unaccented
# stems. A working-day word alone after a number is a number of working days ("| 1-2 εργάσιμες |").
_BUSINESS_WORDS: tuple[str, ...] = ("εργασιμ", "pracovn", "robocz", "radn", "delovn", "работн", "рабоч", "робоч")
_BUSINESS_WORDS += ("darbo", "darba", "lucrato", "lavorativ", "habil", "ouvre", "ouvrable", "werk", "arbeits", "virk")
_BUSINESS_WORDS += ("работен",)
_CALENDAR_WORDS = ("ημερολογιακ", "kalendar", "kalendorin", "koledar", "календар", "naptari", "calendaristic", "takvim")
_CONNECTORS = ("de",)  # the Romanian "24 de luni"


def _business(word: str) -> bool:
    return _bare(word.casefold()).startswith(_BUSINESS_WORDS)


def business_after(text: str, end: int) -> int | None:
    """Where a working-day word right after ``end`` ends ("3 zile| lucrătoare"), or None."""
    m = _NEXT_WORD.match(text, end)
    return m.end() if m and _business(m.group("word")) else None


def cldr_durations(text: str, language: str | None = None) -> list[tuple[int, int, float, float | None, str]]:
    """(start, end, low, high, unit) of each number followed by a CLDR unit word or an inflected form of one, or by
    a working-day or calendar word and a day word; ``language`` is the text's (read by fastText when not given)."""
    out: list[tuple[int, int, float, float | None, str]] = []
    matches = [(m, w) for m in _pattern().finditer(text) if (w := _WORD.match(text, m.end()))]
    if not matches:
        return out
    if language is None and any(w.group("word").casefold() not in _forms() for _, w in matches):
        language = language_of(text)
    for m, first in matches:
        read = _read_unit(text, first, language)
        if read is None:
            continue
        unit, end = read
        low, high = float(m.group("low")), m.group("high")
        out.append((m.start(), end, low, float(high) if high else None, unit))
    return out


def _read_unit(text: str, first: re.Match[str], language: str | None) -> tuple[str, int] | None:
    """The unit the words after a number name, and where they end."""
    if first.group("word").casefold() in _CONNECTORS:
        first = _NEXT_WORD.match(text, first.end()) or first
    word = first.group("word")
    qualifier = _business(word) or _bare(word.casefold()).startswith(_CALENDAR_WORDS)
    if qualifier:
        following = _NEXT_WORD.match(text, first.end())
        day = following is not None and unit_of_word(following.group("word"), language) == "day"
        end = following.end() if following is not None and day else first.end()
        if _business(word):
            return "business_day", end
        return ("day", end) if day else None
    unit = unit_of_word(word, language)
    if unit is None:
        return None
    after = business_after(text, first.end()) if unit == "day" else None
    return ("business_day", after) if after is not None else (unit, first.end())
