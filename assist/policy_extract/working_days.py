"""Working-day and calendar-day words a shop's documents use in a language no word list covers ("1 სამუშაო დღე",
"3 жұмыс күні", "14 კალენდარული დღე"), read with the sentence encoder rather than listed.

A word written between a count and a day word, or right after the day word, that is no unit, number or known
qualifier may make the days working days. The encoder reads the count, the day word and that word together: where
they stand nearer to "3 working days" than "3 days" does, and nearer than to "3 calendar days", by :data:`MARGIN`
at least, the word is a working-day word for this shop's documents (:func:`.unit_words.working_day_words`); one
nearer to "3 calendar days" the same way is a calendar-day word (:func:`learn_day_words`). Measured with
multilingual-e5-small: working-day phrases in Georgian, Kazakh, Ukrainian, Vietnamese, Icelandic and Swahili stand
0.014-0.028 nearer; "within", "after", "from" and "calendar" phrases 0.007 or more farther. Languages the value
parsers were written for keep their own words (:data:`.unit_words.PARSER_LANGUAGES`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np

from assist.char_classes import LETTER
from assist.policy_extract.unit_words import PARSER_LANGUAGES, qualifies, unit_first, unit_of_word, writes_units_first

MARGIN = 0.01
# The second reading: how far the word moves its own phrase, against the same phrase without it ("3 ddiwrnod gwaith"
# against "3 ddiwrnod"), toward "3 working days" more than toward "3 calendar days" (and the phrase stands nearer the
# first by MARGIN). A small encoder reads a phrase of a language it knows little as far from every English anchor,
# but the word's own pull shows: measured with multilingual-e5-small, working-day words of Welsh, Yoruba, Punjabi,
# Marathi and Polish move it 0.024-0.036, "within", "after", "trial", "of" 0.014 or less, calendar words -0.023 or
# less (the way to calendar days, read the same way).
SHIFT = 0.02
# What the phrase is compared with: the same count in English, as working days, plain days and calendar days.
WORKING = ("3 working days", "3 business days")
PLAIN = "3 days"
CALENDAR = "3 calendar days"

_LETTERS = rf"{LETTER}+"  # letters and the marks that belong to them
# a count, the number again in words in brackets ("14 (თოთხმეტი)"), then two words
_PHRASE = re.compile(
    rf"(?<![\w.,])\d{{1,3}}(?:\s*[-–—]\s*\d{{1,3}})?(?:\s*\([^()\d]{{1,30}}\))?"
    rf"\s+(?P<one>{_LETTERS})(?:\s+(?P<two>{_LETTERS}))?"
)


def candidates(text: str, language: str) -> dict[str, str]:
    """Word (as written) -> the phrase read to decide it: the word between a count and a day word ("3 жұмыс күні"),
    or right after a day word ("3 dagar virka"), where it is no unit and no known qualifier; in a language that
    writes the unit before the count (:func:`.unit_words.unit_first`), the two words after the count ("siku 3 za
    kazi": "za kazi", a joining word and the qualifier, read as one)."""
    from assist.policy_extract.number_words import plain_numbers

    out: dict[str, str] = {}
    if unit_first(language) or writes_units_first():  # CLDR's order, or the shop's own unit words' (:mod:`.own_units`)
        for m in _AFTER_COUNT.finditer(text):
            one, two = m.group("one"), m.group("two")
            if unit_of_word(m.group("day"), language, True) == "day" and not any(map(unit_of_word, (one, two))):
                out.setdefault(f"{one} {two}", f"{m.group('day')} 3 {one} {two}")
        # the joining word elided onto the qualifier ("iminsi 2-4 y'akazi", Kinyarwanda): one word with its apostrophe
        for m in _ELIDED_AFTER_COUNT.finditer(text):
            if unit_of_word(m.group("day"), language, True) == "day":
                out.setdefault(m.group("one"), f"{m.group('day')} 3 {m.group('one')}")
        if unit_first(language):
            return out
    # a day word and a second word before the count ("izinsuku zokusebenza 1-2", in a language CLDR writes number
    # first): the second word, read with the day word before the count
    for m in _BEFORE_COUNT.finditer(text):
        day, one = m.group("day"), m.group("one")
        if unit_of_word(day, language, True) == "day" and unit_of_word(one, language, True) is None:
            if not qualifies(one) and not qualifies(day):
                out.setdefault(one, f"{day} {one} 3")
    # two words between the count and the day word ("3 ਕੰਮ ਵਾਲੇ ਦਿਨ", work-having days): the two, read as one
    for m in _TWO_BEFORE_DAY.finditer(plain_numbers(text)):
        one, two, day = m.group("one"), m.group("two"), m.group("day")
        if unit_of_word(day, language, True) == "day" and not any(unit_of_word(w, language, True) for w in (one, two)):
            if not qualifies(one) and not qualifies(two):
                out.setdefault(f"{one} {two}", f"3 {one} {two} {day}")
    # "он төрт (14) күнтізбелік күн": the digits beside the words after them (same length)
    for m in _PHRASE.finditer(plain_numbers(text)):
        one, two = m.group("one"), m.group("two")
        if two is None:
            continue
        first, second = unit_of_word(one, language, True), unit_of_word(two, language, True)
        if first is None and second == "day" and not qualifies(one) and not qualifies(two):
            out.setdefault(one, f"3 {one} {two}")
        elif first == "day" and second is None and not qualifies(two) and not qualifies(one):
            out.setdefault(two, f"3 {one} {two}")
    return out


# a day word, its count (or the count in words and its digits in brackets: "siku saba (7)"), then two words ("siku 3
# za kazi")
_AFTER_COUNT = re.compile(
    rf"(?<![\w])(?P<day>{_LETTERS})\s+(?:{_LETTERS}\s*\(\d{{1,3}}\)|\d{{1,3}}(?:\s*[-–—]\s*\d{{1,3}})?)"
    rf"\s+(?P<one>{_LETTERS})\s+(?P<two>{_LETTERS})"
)


_TWO_BEFORE_DAY = re.compile(
    rf"(?<![\w.,])\d{{1,3}}(?:\s*[-–—]\s*\d{{1,3}})?\s+(?P<one>{_LETTERS})\s+(?P<two>{_LETTERS})\s+(?P<day>{_LETTERS})"
)


_BEFORE_COUNT = re.compile(
    rf"(?<![\w])(?P<day>{_LETTERS})\s+(?P<one>{_LETTERS})\s+\d{{1,3}}(?:\s*[-–—]\s*\d{{1,3}})?(?![\d]|[.,:]\d)"
)


_ELIDED_AFTER_COUNT = re.compile(
    rf"(?<![\w])(?P<day>{_LETTERS})\s+\d{{1,3}}(?:\s*[-–—]\s*\d{{1,3}})?"
    rf"\s+(?P<one>{_LETTERS}['‘’ʼ]{_LETTERS})(?![\w])"
)


def learn(texts: Iterable[tuple[str, str | None]], embedder: Any) -> set[str]:
    """The working-day words of ``texts`` ((text, language) pairs), as ``embedder`` reads them."""
    return learn_day_words(texts, embedder)[0]


def learn_day_words(texts: Iterable[tuple[str, str | None]], embedder: Any) -> tuple[set[str], set[str]]:
    """(working-day words, calendar-day words) of ``texts``: a calendar word's phrase stands nearer to "3 calendar
    days" than to "3 days" and to "3 working days" by :data:`MARGIN` ("14 კალენდარული დღე": +0.012 and +0.037;
    "3 sunny days" +0.004)."""
    if embedder is None:
        return set(), set()
    phrases: dict[str, str] = {}
    for text, language in texts:
        if language and language.split("_")[0].split("-")[0] not in PARSER_LANGUAGES:
            for word, phrase in candidates(text, language).items():
                phrases.setdefault(word, phrase)
    if not phrases:
        return set(), set()
    words = list(phrases)
    vectors = np.asarray(embedder.embed([phrases[w] for w in words]))
    bare = np.asarray(embedder.embed([without(phrases[w], w) for w in words]))  # the phrase without the word
    anchors = np.asarray(embedder.embed([*WORKING, PLAIN, CALENDAR]))
    sims, bare_sims = vectors @ anchors.T, bare @ anchors.T
    working = sims[:, : len(WORKING)].max(axis=1)
    plain, calendar = sims[:, len(WORKING)], sims[:, len(WORKING) + 1]
    # the word's own pull: toward working days, less toward calendar days, than its phrase without it
    pull = (working - bare_sims[:, : len(WORKING)].max(axis=1)) - (calendar - bare_sims[:, len(WORKING) + 1])
    rows = list(zip(words, working, plain, calendar, pull, strict=True))
    return (
        {w for w, a, b, c, p in rows if a - c >= MARGIN and (a - b >= MARGIN or p >= SHIFT)},
        {w for w, a, b, c, p in rows if c - a >= MARGIN and (c - b >= MARGIN or -p >= SHIFT)},
    )


def without(phrase: str, word: str) -> str:
    """``phrase`` with the words of ``word`` left out ("3 ddiwrnod gwaith" -> "3 ddiwrnod")."""
    left = word.split()
    return " ".join(w for w in phrase.split() if w not in left)
