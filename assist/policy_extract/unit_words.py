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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from assist.char_classes import character_class
from assist.language import language_of

_UNITS = {
    "duration-hour": "hour",
    "duration-day": "day",
    "duration-week": "week",
    "duration-month": "month",
    "duration-year": "year",
}
# Latin (with the IPA letters of African alphabets, "ɗ", "ɛ", the extended letters of Vietnamese and Yoruba, "ọ", "ẹ",
# and the accents combined onto them, "ọ́"; not the modifier letters, apostrophes inside a word: "soʻm"), Greek,
# Cyrillic (CJK and Hangul have parsers of their own)
_LETTERS = "A-Za-zÀ-\u02afͰ-ϿЀ-ӿ\u1e00-\u1eff\u0300-\u036f"
_ALPHABETIC = re.compile(rf"[{_LETTERS}]+")
# Scripts written with spaces between words whose unit words CLDR gives (policies only, ``wide``): Armenian, Hebrew,
# Arabic, Syriac, Thaana, the Indic scripts, Georgian, Ethiopic, with their marks (Arabic vowel signs, Indic
# vowels); Thai, Lao, Khmer, Myanmar, CJK and Hangul write no spaces or have parsers of their own.
_WIDE_SCRIPTS: tuple[tuple[int, int], ...] = (
    (0x0530, 0x058F),
    (0x0590, 0x05FF),
    (0x0600, 0x06FF),
    (0x0700, 0x07BF),
    (0x08A0, 0x08FF),
)
_WIDE_SCRIPTS += ((0x0900, 0x0DFF), (0x10A0, 0x10FF), (0x1200, 0x139F))


_WIDE_LETTERS = _LETTERS + character_class(_WIDE_SCRIPTS, "LM")
_WIDE_ALPHABETIC = re.compile(rf"[{_WIDE_LETTERS}]+")
# Scripts written without spaces between words (Thai, Lao, Tibetan, Myanmar, Khmer, Khmer symbols): a unit word there
# runs on into the next word ("7 วันทำการ"), so CLDR's form is read as the start of the run of letters after a number
# (:func:`glued_durations`), not as a whole word.
_GLUED_SCRIPTS = ((0x0E00, 0x0EFF), (0x0F00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF))
_GLUED_LETTERS = character_class(_GLUED_SCRIPTS, "LM")
_GLUED_ALPHABETIC = re.compile(rf"[{_GLUED_LETTERS}]+")
# a number (or range) and the run of glued-script letters right after it; the number may follow a letter of its own
# script with no space ("ภายใน7วัน"), but not a Latin letter or a digit ("A4", "1.5")
_GLUED_COUNT = re.compile(
    rf"(?<![A-Za-z\d.,])(?P<low>\d{{1,3}})(?:\s*[-–—]\s*(?P<high>\d{{1,3}}))?\s*(?P<run>[{_GLUED_LETTERS}]+)"
)
_NUMBER = r"(?P<low>\d{1,3})(?:\s*[-–—]\s*(?P<high>\d{1,3}))?\)?"
_MAX_DROPPED = 2  # letters of CLDR's form an inflected form may change ("viikko" -> "viikon")
_MAX_ENDING = 3  # letters an inflected form may add ("päivä" -> "päivän", "vuorokau-si" -> "vuorokau-den")


# Languages read in a text written in them only (their forms join no other language's): European languages a shop
# may write its policies in that the buyers' list leaves out. fastText reads Croatian and Bosnian often as Serbian.
MORE_LANGUAGES = ("hr", "sr", "sr_Latn", "bs", "sl", "bg", "mk", "lt", "lv", "et", "uk", "is", "sq", "ga", "mt")
# The value parsers' own languages (:mod:`assist.quality.extract`, :mod:`.values`): their words, not CLDR's inflected
# unit words nor :mod:`.world_money`'s currency names, read them.
PARSER_LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "pt", "ja", "zh"})
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
    """Language -> CLDR form (folded) -> unit, for the buyers' languages and :data:`MORE_LANGUAGES`."""
    from assist.country_names import BUYER_LANGUAGES

    by_language: dict[str, dict[str, str]] = {}
    for language in (*BUYER_LANGUAGES, *MORE_LANGUAGES):  # the 8 policy languages are the main parser's own
        out = by_language.setdefault(_ALIASES.get(language, language).split("_")[0], {})
        for form, unit in _cldr_forms(language).items():
            out.setdefault(form, unit)
    return by_language


def listed_language(language: str | None) -> bool:
    """Whether the unit words of ``language`` are read without ``wide`` (a buyers' language, one of
    :data:`MORE_LANGUAGES` or one the value parsers read)."""
    if not language:
        return False
    key = _ALIASES.get(language, language).split("_")[0]
    return key in _forms_by_language() or key in PARSER_LANGUAGES


def _language_forms(language: str, wide: bool = False) -> dict[str, str]:
    """The CLDR forms a text in ``language`` is read with: a listed language's, and with ``wide`` (policies) those
    of any language CLDR writes unit names in ("يومًا", "ימים", "दिन")."""
    listed = _forms_by_language().get(language)
    if listed is not None or not wide or not language or language in PARSER_LANGUAGES:  # "": babel's default
        return listed or {}
    return _cldr_forms(language)


_NOT_WORD = r"[\d.,\s\u00a0\u202f\u200e\u200f\u061c]+"  # digits, separators, spaces and direction marks


@lru_cache(maxsize=256)
def _cldr_forms(language: str) -> dict[str, str]:
    """CLDR form (folded) -> unit in one language, from the long and short unit names for counts of every plural
    category; {} for a language CLDR does not know."""
    out: dict[str, str] = {}
    for written, _, unit in _written_units(language):
        word = re.sub(_NOT_WORD, " ", written).strip()
        if (_WIDE_ALPHABETIC.fullmatch(word) or _GLUED_ALPHABETIC.fullmatch(word)) and len(word) >= 2:
            out.setdefault(word.casefold(), unit)
    for word, unit in {**_relative_forms(language), **_display_names(language)}.items():
        out.setdefault(word, unit)
    return out


def _display_names(language: str) -> dict[str, str]:
    """Folded word -> unit from CLDR's names of the duration units themselves in ``language`` (the Yoruba "ọjọ́", days,
    where its count patterns write "ọj {0}"), of one word and three letters or more; a name CLDR only has in English
    (its fallback: "day", "hr") is left out."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(language)._data["unit_display_names"]
        english = {**Locale.parse("root")._data["unit_display_names"], **Locale.parse("en")._data["unit_display_names"]}
    except (ValueError, UnknownLocaleError, KeyError):
        return {}
    out: dict[str, str] = {}
    for key, unit in _UNITS.items():
        fallback = {str(v).casefold() for v in dict(english.get(key, {})).values()} if language != "en" else set()
        fallback |= {
            str(v).casefold() for v in dict(Locale.parse("root")._data["unit_display_names"].get(key, {})).values()
        }
        for name in dict(names.get(key, {})).values():
            word = str(name).strip().casefold()
            if (
                len(word) >= 3
                and word not in fallback
                and (_WIDE_ALPHABETIC.fullmatch(word) or _GLUED_ALPHABETIC.fullmatch(word))
            ):
                out.setdefault(word, unit)
    return out


_FIELDS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year"}


def _relative_forms(language: str) -> dict[str, str]:
    """Folded word -> unit from CLDR's relative-time patterns in ``language`` ("in {0} days", "{0} days ago"): the
    words right beside the count that name one unit only (the Hausa "cikin awa {0}", "a cikin kwanaki {0}", where the
    unit names give "sa′o′i", "ranaku"), on the side the unit names put the unit, of three letters or more, in the
    patterns of both the future and the past; a word beside two units ("cikin", in) or one way only is left out."""
    from babel import Locale, UnknownLocaleError

    try:
        fields = Locale.parse(language)._data["date_fields"]
    except (ValueError, UnknownLocaleError, KeyError):
        return {}
    beside: dict[str, set[tuple[str, str]]] = {}
    first = unit_first(language)
    for field, unit in _FIELDS.items():
        for way in ("future", "past"):
            try:
                patterns = dict(fields[field][way]).values()
            except (KeyError, TypeError, AttributeError):
                continue
            for pattern in patterns:
                before, count, after = str(pattern).partition("{0}")
                # the word on the side CLDR's unit names put the unit ("kwana {0}", "{0} diwrnod yn ôl")
                words = before.split()[-1:] if first else after.split()[:1]
                for word in (w.strip(".,").casefold() for w in words if count):
                    if (_WIDE_ALPHABETIC.fullmatch(word) or _GLUED_ALPHABETIC.fullmatch(word)) and len(word) >= 3:
                        beside.setdefault(word, set()).add((unit, way))
    # the unit names' own words: a relative-time word that is one of them inflected ("сарын" of "сар", read as such
    # already where it counts) or a part of a name of two words ("долоо" of "долоо хоног", a week: seven) is no unit
    named = [
        w.casefold() for written, _, _ in _written_units(language) for w in re.sub(_NOT_WORD, " ", written).split()
    ]
    out: dict[str, str] = {}
    for word, seen in beside.items():
        units = {unit for unit, _ in seen}
        if len(units) != 1 or len(seen) != 2:  # one unit, "in {0}" and "{0} ago" alike: no word for past or future
            continue
        if any(word != name and _common_prefix(word, name) >= 3 or word == name for name in named):
            continue
        out[word] = units.pop()
    return out


def glued_unit(run: str, language: str | None) -> tuple[str, int] | None:
    """(unit, length) of the longest CLDR unit form of ``language`` that opens ``run``, a run of letters in a script
    written without spaces ("วันทำการ" opens with the Thai day "วัน"); None when none does. Where the language is
    not known, or CLDR gives it no form in that script, the forms of every language CLDR writes in the script."""
    forms = [(f, u) for f, u in _cldr_forms(_ALIASES.get(language or "", language or "")).items() if _glued(f)]
    forms = forms or [(f, u) for f, u in _glued_forms().items() if _same_script(f, run)]
    found = [(len(f), u) for f, u in forms if run.casefold().startswith(f)]
    if not found:
        return None
    length, unit = max(found)
    return unit, length


def _glued(word: str) -> bool:
    return bool(_GLUED_ALPHABETIC.fullmatch(word))


def _same_script(a: str, b: str) -> bool:
    return any(low <= ord(a[0]) <= high and low <= ord(b[0]) <= high for low, high in _GLUED_SCRIPTS)


@lru_cache(maxsize=1)
def _glued_forms() -> dict[str, str]:
    """CLDR form -> unit in the glued scripts, from every locale babel knows (a form two languages give two units is
    left out)."""
    from babel.localedata import locale_identifiers

    out: dict[str, str] = {}
    clash: set[str] = set()
    for language in sorted({i.split("_")[0] for i in locale_identifiers()}):
        for form, unit in _cldr_forms(language).items():
            if not _glued(form):
                continue
            if out.setdefault(form, unit) != unit:
                clash.add(form)
    return {f: u for f, u in out.items() if f not in clash}


def glued_durations(text: str, language: str | None) -> list[tuple[int, int, float, float | None, str]]:
    """(start, end, low, high, unit) of each number followed by a CLDR unit form that opens the run of letters after
    it, in a script written without spaces (:func:`glued_unit`): "7 ມື້", "๗วันทำการ" (digits read as ASCII first),
    "3 ရက်အတွင်း"."""
    out: list[tuple[int, int, float, float | None, str]] = []
    for m in _GLUED_COUNT.finditer(text):
        read = glued_unit(m.group("run"), language)
        if read is None:
            continue
        unit, length = read
        high = m.group("high")
        out.append((m.start(), m.start("run") + length, float(m.group("low")), float(high) if high else None, unit))
    return out


def cldr_unit_forms(language: str) -> dict[str, str]:
    """CLDR form (folded) -> unit in ``language`` (long and short unit names after a count); {} where CLDR has none."""
    return dict(_cldr_forms(_ALIASES.get(language, language)))


def _written_units(language: str) -> list[tuple[str, float, str]]:
    """(written, count, unit): each duration unit as CLDR writes it after a count, long and short."""
    from babel.units import format_unit

    out = []
    for key, unit in _UNITS.items():
        for n in (1, 2, 5, 21, 1.5):
            for length in ("long", "short"):
                try:
                    out.append((format_unit(n, key, locale=language, length=length), n, unit))
                except Exception:  # noqa: BLE001, S112 - a locale without that unit: nothing to learn from it
                    continue
    return out


@lru_cache(maxsize=256)
def _counted_forms(language: str) -> dict[str, tuple[int, str]]:
    """Word (folded) -> (count, unit) where CLDR writes a count of two or more as one word with no number: the dual
    of Arabic and Hebrew ("يومان" two days, "שבועיים" two weeks)."""
    out: dict[str, tuple[int, str]] = {}
    for written, n, unit in _written_units(language):
        word = re.sub(_NOT_WORD, " ", written).strip()
        if n >= 2 and float(n).is_integer() and word == written.strip() and _WIDE_ALPHABETIC.fullmatch(word):
            out.setdefault(word.casefold(), (int(n), unit))
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def unit_of_word(word: str, language: str | None = None, wide: bool = False) -> str | None:
    """The unit a word names: one the shop's documents were read to use (:func:`own_unit_words`), as CLDR writes it
    in any language, or inflected from one of CLDR's forms (or of the value parser's unit words, "dagar" -> "dagars")
    in ``language``, or a compound of a business-day word and a day ("arkipäivää", "bankdagar" -> ``business_day``);
    None when it names none or two. ``wide``: ``language`` may be any language CLDR writes unit names in
    (:func:`_language_forms`)."""
    own = _OWN_UNITS.get().get(word.casefold())
    return own[0] if own is not None else _unit_of_word(word, language, wide)


@lru_cache(maxsize=4096)
def _unit_of_word(word: str, language: str | None, wide: bool) -> str | None:
    folded = word.casefold()
    if folded in _forms():
        return _forms()[folded]
    units = _inflected_units(folded, language, wide)
    if len(units) == 1:
        return units.pop()
    return _business_compound(folded, language) if not units else None


def _inflected_units(folded: str, language: str | None, wide: bool = False) -> set[str]:
    language = _ALIASES.get(language or "", language or "")
    forms = {**_language_forms(language, wide), **_EXTRA_FORMS.get(language, {})}
    if len(folded) < 3:  # a word of two letters only as written ("il", "دن"; the Hausa "na" is no Hungarian "nap")
        return {forms[folded]} if folded in forms else set()
    units = {unit for form, unit in forms.items() if inflected_from(folded, {form})}
    if folded in forms:  # a form too short to inflect, as CLDR writes it (the Kazakh month "ай")
        units = {forms[folded]}
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
    return _day_compound(folded, language)


_COMPOUND_HEAD = 3  # letters of the first part of a compound day word at least ("lan-egun")


def _day_compound(folded: str, language: str | None) -> str | None:
    """``business_day`` for a compound of a first word and the language's CLDR day word, inflected ("lanegunetan",
    "lan" + "egun" + "etan", the Basque working day), in a language the value parsers do not read: counted after a
    number, a kind of day named by a word of its own is a working day, unless that word is a calendar word
    (:data:`_CALENDAR_WORDS`, learned ones) or the compound is a weekday's name (CLDR's)."""
    key = _ALIASES.get(language or "", language or "")
    if not key or key in PARSER_LANGUAGES:
        return None
    days = [form for form, unit in _language_forms(key, True).items() if unit == "day" and len(form) >= 3]
    for cut in range(_COMPOUND_HEAD, len(folded) - 2):
        head, rest = folded[:cut], folded[cut:]
        if any(rest.startswith(day) and len(rest) - len(day) <= _MAX_ENDING + 1 for day in days):
            if _calendar(head) or _weekday(folded, key):
                return None
            return "business_day"
    return None


@lru_cache(maxsize=64)
def _weekdays(language: str) -> frozenset[str]:
    from babel import Locale, UnknownLocaleError

    try:
        days = Locale.parse(language).days
    except (ValueError, UnknownLocaleError):
        return frozenset()
    return frozenset(
        str(name).casefold() for context in days.values() for names in context.values() for name in names.values()
    )


def _weekday(folded: str, language: str) -> bool:
    return any(
        len(day) >= 3 and folded.startswith(day[: max(3, len(day) - _MAX_DROPPED)]) for day in _weekdays(language)
    )


def inflected_from(word: str, forms: set[str]) -> bool:
    """Whether the (folded) word keeps all but the last two letters of one of ``forms`` and adds at most three
    letters of ending ("päivän" from "päivä", "viikon" from "viikko"); abbreviations ("pv", "kk") only as written."""
    for form in forms:
        if len(form) < 3:
            continue
        shared = _common_prefix(word, form)
        if shared < max(2, len(form) - _MAX_DROPPED):
            continue
        ending = word[shared:]
        # where the word keeps every letter of the form (only a vowel sign or virama of it changed), its ending is
        # counted in letters, its marks left out: a Tamil or Devanagari case ending ("நாட்கள்" -> "நாட்களுக்குள்"
        # within days, "दिन" -> "दिनभित्र") is three letters written with four marks
        if (_letters(ending) if _letters(form[shared:]) == 0 else len(ending)) <= _MAX_ENDING:
            return True
    return False


def _letters(text: str) -> int:
    """The letters of ``text``, its combining marks (vowel signs, viramas) left out."""
    return sum(1 for c in text if not unicodedata.category(c).startswith("M"))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,]){_NUMBER}")


# a word ends where no letter follows, nor an apostrophe that writes a letter inside it (the Uzbek "so‘m" is no "so")
_WORD_END = r"(?![\w]|['‘’ʼ`]\w)"
_WORD = re.compile(rf"\s*(?P<word>[{_LETTERS}]+){_WORD_END}")
_NEXT_WORD = re.compile(rf"\s+(?P<word>[{_LETTERS}]+){_WORD_END}")
_WIDE_WORD = re.compile(rf"\s*(?P<word>[{_WIDE_LETTERS}]+){_WORD_END}")
_WIDE_NEXT_WORD = re.compile(rf"\s+(?P<word>[{_WIDE_LETTERS}]+){_WORD_END}")
_ELIDED_NEXT_WORD = re.compile(rf"\s+(?P<word>[{_WIDE_LETTERS}]+['‘’ʼ][{_WIDE_LETTERS}]+)(?![\w])")
_ANY_WORD = re.compile(rf"(?<![{_WIDE_LETTERS}\w])(?P<word>[{_WIDE_LETTERS}]+)(?![\w])")
# Words between a number and its day word, or after it, that make the days working days ("10 εργάσιμες ημέρες",
# "3 pracovných dní", "3 radna dana", "5 zile lucrătoare", "3 darba dienas", "3 hari bekerja"), or calendar days;
# folded, unaccented stems. A working-day word alone after a number is a number of working days ("| 1-2 εργάσιμες |").
_BUSINESS_WORDS: tuple[str, ...] = ("εργασιμ", "pracovn", "robocz", "radn", "delovn", "работн", "рабоч", "робоч")
_BUSINESS_WORDS += ("darbo", "darba", "lucrato", "lavorativ", "habil", "ouvre", "ouvrable", "werk", "arbeits", "virk")
_BUSINESS_WORDS += ("работен", "радн", "bekerja", "kerja")  # sr in Cyrillic; ms/id "3 hari bekerja", "hari kerja"
_BUSINESS_WORDS += ("feiner",)  # ca "3 dies feiners" (the encoders read the phrase no nearer to working days)
# ... and after the day word in Arabic ("أيام عمل", "أيام العمل"), Hebrew ("ימי עסקים", "ימי עבודה"), Persian ("روز
# کاری"): the word for work or business that makes a day a working day there.
_BUSINESS_WORDS += ("عمل", "العمل", "עסק", "עבוד", "کاری")
_CALENDAR_WORDS = ("ημερολογιακ", "kalendar", "kalendorin", "koledar", "календар", "naptari", "calendaristic", "takvim")
_CONNECTORS = ("de",)  # the Romanian "24 de luni"
# ... and those of one language only: the Tagalog linker "6 na buwan" (elsewhere "na" is a preposition: "2 na tydzień")
_OWN_CONNECTORS = {"na": frozenset({"tl", "fil"})}


# Working-day and calendar-day words a shop's own documents were read to use (:mod:`.working_days`), folded and
# unaccented.
_LEARNED: ContextVar[tuple[frozenset[str], frozenset[str]]] = ContextVar(
    "learned_day_words", default=(frozenset(), frozenset())
)


# Unit words a shop's own documents were read to use (:mod:`.own_units`): folded word -> (unit, "before" or "after"
# the number it counts).
_OWN_UNITS: ContextVar[dict[str, tuple[str, str]]] = ContextVar("own_unit_words", default={})  # noqa: B039


def writes_units_first() -> bool:
    """Whether the shop's own unit words (:func:`own_unit_words`) stand before their numbers ("iminsi 14")."""
    return any(order == "before" for _, order in _OWN_UNITS.get().values())


@contextmanager
def own_unit_words(words: dict[str, tuple[str, str]]) -> Iterator[None]:
    """Read ``words`` (folded word -> (unit, "before" or "after" its number)) as unit words inside the block."""
    token = _OWN_UNITS.set(dict(words))
    try:
        yield
    finally:
        _OWN_UNITS.reset(token)


@contextmanager
def working_day_words(words: Iterable[str], calendar: Iterable[str] = ()) -> Iterator[None]:
    """Read ``words`` as working-day words and ``calendar`` as calendar-day words inside the block (a shop's own,
    learned from its documents)."""
    token = _LEARNED.set(
        (frozenset(_bare(w.casefold()) for w in words), frozenset(_bare(w.casefold()) for w in calendar))
    )
    try:
        yield
    finally:
        _LEARNED.reset(token)


def _business(word: str) -> bool:
    folded = _bare(word.casefold())
    return folded.startswith(_BUSINESS_WORDS) or folded in _LEARNED.get()[0]


def _calendar(word: str) -> bool:
    folded = _bare(word.casefold())
    return folded.startswith(_CALENDAR_WORDS) or folded in _LEARNED.get()[1]


def qualifies(word: str) -> bool:
    """Whether a word already makes days working or calendar days (a listed or learned word)."""
    return _business(word) or _calendar(word)


def business_after(text: str, end: int, wide: bool = False) -> int | None:
    """Where a working-day word right after ``end`` ends ("3 zile| lucrătoare"), or None."""
    m = (_WIDE_NEXT_WORD if wide else _NEXT_WORD).match(text, end)
    return m.end() if m and _business(m.group("word")) else None


def cldr_durations(
    text: str, language: str | None = None, wide: bool = False
) -> list[tuple[int, int, float, float | None, str]]:
    """(start, end, low, high, unit) of each number followed by a CLDR unit word or an inflected form of one, or by
    a working-day or calendar word and a day word; ``language`` is the text's (read by fastText when not given).
    ``wide`` (policies): also unit words in the other scripts written with spaces (:data:`_WIDE_SCRIPTS`), in any
    language CLDR writes unit names in, and the count a word holds by itself (:func:`counted_durations`)."""
    out: list[tuple[int, int, float, float | None, str]] = []
    word = _WIDE_WORD if wide else _WORD
    matches = [(m, w) for m in _pattern().finditer(text) if (w := word.match(text, m.end()))]
    counted = wide and not text.isascii() and _ANY_WORD.search(text) is not None
    # a text declared in a language that writes the unit first ("ndani ya siku 14"): read in that order only, for
    # such a text writes no unit after a number ("0712 345 678 saa 3" is no 678 hours)
    if language is not None and unit_first(_ALIASES.get(language, language)):
        out += _units_before(text, language, wide)
        matches = []
    elif _OWN_UNITS.get():  # the shop's own words written before their number ("iminsi 14")
        out += _units_before(text, language or "", wide, own_only=True)
    elif language is not None and wide and language not in PARSER_LANGUAGES:
        # a document in a language CLDR writes number first may still write its unit word first ("izinsuku 14",
        # "izinsuku zokusebenza 1-2" in isiZulu): read so where no unit word follows the number
        before = _units_before(text, language, wide, whole_number=True)
        after = {m.start() for m, w in matches if _read_unit(text, w, language, wide) is not None}
        out += [d for d in before if not any(d[0] <= a < d[1] for a in after)]
    if wide and _GLUED_ALPHABETIC.search(text):  # a script written without spaces: the unit opens the next run
        out += [d for d in glued_durations(text, language) if not any(d[0] < b and a < d[1] for a, b, *_ in out)]
    if not matches and not counted:
        return sorted(out)
    if language is None and (counted or any(w.group("word").casefold() not in _forms() for _, w in matches)):
        language = language_of(text)
    for m, first in matches:
        read = _read_unit(text, first, language, wide)
        if read is None:
            continue
        unit, end = read
        low, high = float(m.group("low")), m.group("high")
        out.append((m.start(), end, low, float(high) if high else None, unit))
    if counted and language:
        taken = [(start, end) for start, end, *_ in out]
        found = counted_durations(text, language)
        out += [d for d in found if not any(a < d[1] and d[0] < b for a, b in taken)]
    return sorted(out)


@lru_cache(maxsize=256)
def unit_first(language: str) -> bool:
    """Whether CLDR writes a count of days in ``language`` with the unit word before the number (Swahili "siku 5",
    Hausa "ranaku 5"): a text in it names the unit first ("ndani ya siku 14")."""
    from babel.units import format_unit

    try:
        written = format_unit(5, "duration-day", locale=language, length="long").strip()
    except Exception:  # noqa: BLE001 - a locale babel does not know: the order is not known either
        return False
    return written.endswith("5") and not written.startswith("5")


@lru_cache(maxsize=2)
def _unit_before(wide: bool) -> re.Pattern[str]:
    """A word and the number (or range) right after it: "siku 14", "siku 2-3"."""
    letters = _WIDE_LETTERS if wide else _LETTERS
    # the count may be written in words first, its digits in brackets after them ("siku saba (7)")
    spelled = rf"(?P<spelled>[{letters}]+\s*\()?"
    return re.compile(
        rf"(?<![{letters}\w])(?P<word>[{letters}]+)\s+{spelled}(?P<low>\d{{1,3}})(?:\s*[-–—]\s*(?P<high>\d{{1,3}}))?"
        rf"(?(spelled)\))(?![\d]|[.,:]\d)"
    )


def _units_before(
    text: str, language: str, wide: bool, own_only: bool = False, whole_number: bool = False
) -> list[tuple[int, int, float, float | None, str]]:
    """(start, end, low, high, unit) of each unit word written before its number, in a language CLDR writes so
    (``own_only``: the shop's own unit words learned before their number, in any language), and of a day word with a
    working-day word between it and its number ("izinsuku zokusebenza 1-2"). ``whole_number``: not a number with
    letters written onto it ("maalinta 3aad", the third day)."""
    out: list[tuple[int, int, float, float | None, str]] = []
    for m in _unit_before(wide).finditer(text):
        if own_only and not _own_before(m.group("word")):
            continue
        # ... and the unit word as CLDR writes it, no inflected form ("दिवा ३": a lamp, not "दिवस")
        if whole_number and (_WORD_AFTER.match(text, m.end()) or not _cldr_form(m.group("word"), language, wide)):
            continue
        unit = unit_of_word(m.group("word"), language, wide)
        if unit is None:
            continue
        high, end = m.group("high"), m.end()
        if unit == "day" and (after := _learned_after(text, end, wide)) is not None:  # "siku 3 za kazi"
            unit, end = "business_day", after
        out.append((m.start(), end, float(m.group("low")), float(high) if high else None, unit))
    for m in _qualified_before(wide).finditer(text):
        if own_only and not _own_before(m.group("word")):
            continue
        if _business(m.group("qualifier")) and unit_of_word(m.group("word"), language, wide) == "day":
            if not _WORD_AFTER.match(text, m.end()) and not any(a <= m.start("low") < b for a, b, *_ in out):
                high = m.group("high")
                out.append((m.start(), m.end(), float(m.group("low")), float(high) if high else None, "business_day"))
    return sorted(out)


def _own_before(word: str) -> bool:
    """Whether ``word`` is one of the shop's own unit words, learned written before its number."""
    own = _OWN_UNITS.get().get(word.casefold())
    return own is not None and own[1] == "before"


def _cldr_form(word: str, language: str, wide: bool) -> bool:
    return word.casefold() in _language_forms(_ALIASES.get(language, language), wide)


_WORD_AFTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=2)
def _qualified_before(wide: bool) -> re.Pattern[str]:
    """A word, a second word, then the number (or range): "izinsuku zokusebenza 1-2"."""
    letters = _WIDE_LETTERS if wide else _LETTERS
    return re.compile(
        rf"(?<![{letters}\w])(?P<word>[{letters}]+)\s+(?P<qualifier>[{letters}]+)\s+(?P<low>\d{{1,3}})"
        rf"(?:\s*[-–—]\s*(?P<high>\d{{1,3}}))?(?![\d]|[.,:]\d)"
    )


def _learned_after(text: str, end: int, wide: bool) -> int | None:
    """Where a working-day word, or two words read together as one (:mod:`.working_days`: "za kazi"), right after
    ``end`` ends; None where none follows."""
    following = _WIDE_NEXT_WORD if wide else _NEXT_WORD
    elided = _ELIDED_NEXT_WORD.match(text, end)  # "iminsi 2-4 y'akazi": a joining word elided onto the qualifier
    if elided is not None and _business(elided.group("word")):
        return elided.end()
    first = following.match(text, end)
    if first is None:
        return None
    if _business(first.group("word")):
        return first.end()
    second = following.match(text, first.end())
    if second is not None and _business(f"{first.group('word')} {second.group('word')}"):
        return second.end()
    return None


def counted_durations(text: str, language: str) -> list[tuple[int, int, float, float | None, str]]:
    """A duration written as one word that holds its count, as CLDR writes it in ``language`` (:func:`_counted_forms`:
    "خلال يومين" within two days, "תוך שבועיים" within two weeks), in the form CLDR gives or another case of it of the
    same length or one letter shorter ("يومين" beside "يومان")."""
    forms = _counted_forms(_ALIASES.get(language, language))
    out: list[tuple[int, int, float, float | None, str]] = []
    if not forms:
        return out
    for m in _ANY_WORD.finditer(text):
        folded = _bare(m.group("word").casefold())
        read = {
            reading
            for form, reading in forms.items()
            if folded == _bare(form)
            or (len(_bare(form)) - 1 <= len(folded) <= len(_bare(form)) and inflected_from(folded, {_bare(form)}))
        }
        if len(read) != 1:
            continue
        count, unit = read.pop()
        end = m.end()
        if unit == "day" and (after := business_after(text, end, wide=True)) is not None:
            unit, end = "business_day", after
        out.append((m.start(), end, float(count), None, unit))
    return out


def _read_unit(text: str, first: re.Match[str], language: str | None, wide: bool = False) -> tuple[str, int] | None:
    """The unit the words after a number name, and where they end."""
    following_word = _WIDE_NEXT_WORD if wide else _NEXT_WORD
    connector = first.group("word").casefold()
    if connector in _CONNECTORS or language in _OWN_CONNECTORS.get(connector, ()):
        first = following_word.match(text, first.end()) or first
    word = first.group("word")
    two = following_word.match(text, first.end())  # a qualifier of two words ("3 ਕੰਮ ਵਾਲੇ ਦਿਨ"), read as one
    if two is not None and not (_business(word) or _calendar(word)) and qualifies(f"{word} {two.group('word')}"):
        first, word = two, f"{word} {two.group('word')}"
    qualifier = _business(word) or _calendar(word)
    if qualifier:
        following = following_word.match(text, first.end())
        day = following is not None and unit_of_word(following.group("word"), language, wide) == "day"
        end = following.end() if following is not None and day else first.end()
        if _business(word):
            return "business_day", end
        return ("day", end) if day else None
    unit = unit_of_word(word, language, wide)
    if unit is None:
        return None
    after = business_after(text, first.end(), wide) if unit == "day" else None
    return ("business_day", after) if after is not None else (unit, first.end())
