"""Duration unit words a shop's documents use in a language no word list covers ("iminsi 14", "amasaha 24"), read
with the sentence encoder rather than listed.

CLDR (:mod:`.unit_words`) writes unit names for a few hundred languages, and not for many that shops write in
(Kinyarwanda, Xhosa, Sesotho...); where the language detector does not know the language either, nothing tells which
words are units. The documents do: a unit word stands right before or right after a number, again and again. Each
word that does so at least :data:`MIN_SEEN` times in the same order, that no reader knows and that is no part of an
amount, is read by the encoder twice, by itself and after a count ("3 iminsi"), against English time units and
against the other things numbers count (metres, kilograms, per cent, pieces, money, articles...). It is taken as a
unit where both readings choose the same time unit, by :data:`MARGIN` by itself and :data:`COUNTED_MARGIN` after the
count, or by :data:`COUNTED_ALONE` after the count alone. Measured with multilingual-e5-small on unit words of
Kinyarwanda, isiZulu, Hausa, Armenian and Uzbek and on the other words numbers stand beside there (currencies,
"percent", "kg", article and section words, "pieces"): no other word passed, about two units in three did.
Texts the value parsers read in their own languages (:data:`.unit_words.PARSER_LANGUAGES`, where the detector is
sure of it) are not read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np

from assist.char_classes import LETTER
from assist.policy_extract.unit_words import PARSER_LANGUAGES, qualifies, unit_of_word

MIN_SEEN = 2
MARGIN = 0.008  # the word by itself: nearer to its unit than to any other anchor by this much
COUNTED_MARGIN = 0.003  # ... and after a count
COUNTED_ALONE = 0.012  # or after a count by this much, where the word by itself leans the same way
UNITS = {"hours": "hour", "days": "day", "weeks": "week", "months": "month", "years": "year"}
# what else a number counts in a shop's documents: the anchors a unit word must stand nearer to its unit than to
OTHERS = ("metres", "kilometres", "kilograms", "percent", "pieces", "money", "article", "times", "thousand", "people")

_WORD = rf"{LETTER}+(?:['‘’ʼ′]{LETTER}+)*"
_NUMBER = r"\d{1,3}(?:\s*[-–—]\s*\d{1,3})?"
_AFTER = re.compile(rf"(?<![\w.,]){_NUMBER}\s+(?P<word>{_WORD})(?![\w])")  # "14 iminsi"
_BEFORE = re.compile(rf"(?<![\w])(?P<word>{_WORD})\s+{_NUMBER}(?![\d]|[.,:]\d)")  # "iminsi 14"


def candidates(texts: Iterable[tuple[str, str | None]]) -> dict[tuple[str, str], int]:
    """(folded word, "before" or "after" its number) -> how often it stands so, for words no reader knows as a unit or
    a working-day word, outside amounts, in texts not written in a language the value parsers read."""
    from assist.language import language_of
    from assist.policy_extract.number_words import plain_numbers
    from assist.policy_extract.values import money_values

    seen: Counter[tuple[str, str]] = Counter()
    for text, language in texts:
        if _base(language) in PARSER_LANGUAGES and _base(language_of(text)) in PARSER_LANGUAGES:
            continue
        money = [(v.start, v.end) for v in money_values(text)]
        plain = plain_numbers(text)  # "14 (fourteen) days": the number in words blanked (same length)
        for order, pattern in (("after", _AFTER), ("before", _BEFORE)):
            for m in pattern.finditer(plain):
                word = m.group("word")
                if len(word) < 3 or any(a < m.end() and m.start() < b for a, b in money):
                    continue
                if unit_of_word(word, language, True) is not None or qualifies(word):
                    continue
                seen[(word.casefold(), order)] += 1
    return dict(seen)


def learn_units(texts: Iterable[tuple[str, str | None]], embedder: Any) -> dict[str, tuple[str, str]]:
    """Folded word -> (unit, "before" or "after" its number) for the unit words of ``texts`` ((text, language)
    pairs), as ``embedder`` reads them."""
    if embedder is None:
        return {}
    texts = list(texts)
    found = {key: n for key, n in candidates(texts).items() if n >= MIN_SEEN}
    if not found:
        return _column_units(texts, {}, embedder)
    orders: dict[str, str] = {}
    for word, order in sorted(found, key=lambda key: -found[key]):
        orders.setdefault(word, order)  # the order it stands in most
    words = list(orders)
    anchors = [*UNITS, *OTHERS]
    alone = np.asarray(embedder.embed(words)) @ np.asarray(embedder.embed(anchors)).T
    counted = (
        np.asarray(embedder.embed([f"3 {w}" for w in words]))
        @ np.asarray(embedder.embed([f"3 {a}" for a in anchors])).T
    )
    out: dict[str, tuple[str, str]] = {}
    for i, word in enumerate(words):
        first, first_margin = _nearest(alone[i])
        second, second_margin = _nearest(counted[i])
        if first != second or first >= len(UNITS):
            continue
        if (first_margin >= MARGIN and second_margin >= COUNTED_MARGIN) or second_margin >= COUNTED_ALONE:
            out[word] = (UNITS[anchors[first]], orders[word])
    return out | _column_units(texts, out, embedder)


_SEPARATOR = re.compile(r"\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+")
# "3-5 andro fiasana"; not a word between two numbers ("4 ilaa 6 maalmood": a range's "to")
_COUNTED_CELL = re.compile(rf"^\s*{_NUMBER}\s+(?P<word>{_WORD})(?![\w])(?!\s*\d)")


def _column_units(
    texts: Iterable[tuple[str, str | None]], learned: dict[str, tuple[str, str]], embedder: Any
) -> dict[str, tuple[str, str]]:
    """Folded word -> (unit, "after") for the words counted in a table column whose other cells count hours, days
    or weeks in words already read ("| 24 ora |" over "| 3-5 andro fiasana |"): a column holds one kind of value, so
    those words count time too; which unit, the encoder reads from the word by itself among the time units alone
    (the word's own reading against the other things numbers count is what failed for it)."""
    from assist.policy_extract.values import duration_values

    found: dict[str, str | None] = {}
    for text, language in texts:
        for column in _columns(text):
            counted = [(m.group("word"), cell) for cell in column if (m := _COUNTED_CELL.match(cell))]
            known = {
                word.casefold()
                for word, cell in counted
                if word.casefold() in learned or unit_of_word(word, language, True) is not None or duration_values(cell)
            }
            for word, _ in counted if known else []:
                if word.casefold() not in known and not qualifies(word):
                    found.setdefault(word.casefold(), language)
    if not found or embedder is None:
        return {}
    words = [w for w in found if len(w) >= 3]
    if not words:
        return {}
    alone = np.asarray(embedder.embed(words)) @ np.asarray(embedder.embed(list(UNITS))).T
    return {w: (list(UNITS.values())[int(np.argmax(row))], "after") for w, row in zip(words, alone, strict=True)}


def _columns(text: str) -> list[list[str]]:
    """The columns of the pipe tables in ``text`` (their cells), from the row under each header's "|---|---|" line
    on, whether its rows stand on lines of their own or run on in one line ("| a | b | | c | d |", a cleaned text)."""
    out: list[list[str]] = []
    for separator in _SEPARATOR.finditer(text):
        width = separator.group(0).count("|") - 1
        tokens = text[separator.end() :].split("|")
        rows = []
        at = 1
        while (
            at + width <= len(tokens) and not tokens[at - 1].strip() and "\n\n" not in "".join(tokens[at : at + width])
        ):
            rows.append([t.strip() for t in tokens[at : at + width]])
            at += width + 1
        if len(rows) >= 2:
            out.extend([row[i] for row in rows] for i in range(width))
    return out


def _base(language: str | None) -> str:
    return (language or "").replace("-", "_").split("_")[0]


def _nearest(row: np.ndarray) -> tuple[int, float]:
    """The nearest anchor and by how much it is nearer than the next."""
    order = np.argsort(-row)
    return int(order[0]), float(row[order[0]] - row[order[1]])
