"""Lists whose intro or heading the learned reader (:mod:`.reader`) classifies, in any language.

The cue words of :func:`.words.read_list` read exclusion lists they were written for; here a list's intro (or,
for a list straight under a heading, the heading) is read by the classifier instead, so "Artykuły wyłączone ze
zwrotu" or "Ce que nous ne reprenons pas" introduce exclusions too. A list of products each with its own warranty
period ("Lenses: 5 years") gives one ``warranty.length`` per product and the ``warranty.products`` list.

A reading at or above :data:`LIST_FLOOR` is a fact; between :data:`REVIEW_FLOOR` and it, the fact goes to review.

An intro is read without its numbering ("6.4. The warranty does not cover:" as "The warranty does not cover:"): the
reader was trained on intros as written, without section numbers. A list inside a sentence (:func:`inline`) opens
after a colon of any script (the Unicode characters named COLON, and Khmer's camnuc pii kuuh "៖") and its items are
parted at commas and semicolons of any script (Unicode's COMMA and SEMICOLON characters: "،", "、", "፣") and at the
"and" and "or" words of the document's language, as CLDR's list patterns write them (babel: "eta"/"edo" in Basque,
"និង"/"ឬ" in Khmer), not from word lists written per language.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from typing import Any

from assist.policy_extract.cues import topic_hits
from assist.policy_extract.rules import Candidate
from assist.policy_extract.text import Unit
from assist.policy_extract.values import duration_values
from assist.policy_extract.words import short_phrase

LIST_FLOOR = 0.8  # chosen on the TUNE and HELD-OUT shops (bench/policy_facts.py), checked on FRESH-A..E
REVIEW_FLOOR = 0.6
CONFIDENCE = 0.8  # a reader's fact: above the review line, below a rule that read its cue words
REVIEW_CONFIDENCE = 0.45
PHRASE_SLOTS = ("returns.excluded", "warranty.excludes")
MAX_ITEM = 160  # a list of things, not of paragraphs
# "Binoculars: 10 years", "Objektive – 5 Jahre", "推车车架：3年": the label before a colon or dash.
_LABELLED = re.compile(r"^(?P<label>[^:：–—\d]{2,60}?)\s*(?:[:：]|\s[–—-]\s)\s*(?P<rest>.+)$")


def heading(unit: Unit) -> str | None:
    """The unit's own section heading (the last part of its path), when it has words."""
    named = [part for part in unit.section.split(" > ") if re.search(r"\w", part)] if unit.section else []
    return named[-1].strip() if named else None


_NUMBERED = re.compile(r"^\s*(?:[(\[]?\w{1,3}[.)\]]\s*)*(?:\d+[.)]?\s+)?")  # "6.4. ", "a) ", "៣.៤ ", "(ii) "


def unnumbered(intro: str) -> str:
    """``intro`` without its section or item number; unchanged where nothing but the number is left."""
    rest = _NUMBERED.sub("", intro, count=1)
    return rest if re.search(r"[^\W\d_]", rest) else intro


def read(reader: Any, intro: str, intro_raw: str | None, items: list[Unit]) -> list[Candidate]:
    """Facts from a list of ``items`` under ``intro`` (a sentence or a heading), as the reader classifies it."""
    if reader is None or not items or any(len(i.text) > MAX_ITEM for i in items):
        return []
    kind, probability = reader.list_intro(unnumbered(intro))
    if probability < REVIEW_FLOOR or kind == "other":
        return []
    confidence = CONFIDENCE if probability >= LIST_FLOOR else REVIEW_CONFIDENCE
    cited = intro_raw or intro
    if kind in PHRASE_SLOTS:
        phrases = [p for p in (short_phrase(i.text) for i in items) if 2 <= len(p) <= 80]
        return [Candidate(kind, phrases, items[0], confidence=confidence, sentence=cited)] if phrases else []
    if kind == "warranty.length":
        return periods(items, confidence, cited)
    return []


def periods(items: list[Unit], confidence: float, cited: str) -> list[Candidate]:
    """Each item "product: period" as the product's warranty length, and the products as ``warranty.products``;
    nothing unless every item has that shape (a list of conditions is no list of periods)."""
    read: list[tuple[Unit, str, Any]] = []
    for item in items:
        m = _LABELLED.match(item.text)
        found = duration_values(m.group("rest")) if m else []
        if m is None or len(found) != 1 or topic_hits(m.group("label")):
            return []
        read.append((item, m.group("label").strip(" *"), found[0]))
    out = [
        Candidate("warranty.length", d.value, item, d.max_value, d.unit, {"product_class": label}, confidence)
        for item, label, d in read
    ]
    out.append(Candidate("warranty.products", [label for _, label, _ in read], items[0], confidence=confidence))
    out[-1].sentence = cited
    return out


@lru_cache(maxsize=1)
def _marks() -> tuple[str, str, str]:
    """(colons, commas and semicolons, full stops) of every script, from the Unicode character names."""
    colons, commas = {"\u17d6"}, set()  # KHMER SIGN CAMNUC PII KUUH: Khmer's colon, not named one
    stops = {"\u17d4", "\u0964"}  # KHMER SIGN KHAN, DEVANAGARI DANDA: full stops not named so
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) != "Po":
            continue
        name = unicodedata.name(char, "")
        if name.endswith(" COLON") or name == "COLON":
            colons.add(char)
        elif name.endswith((" COMMA", " SEMICOLON")) or name in ("COMMA", "SEMICOLON"):
            commas.add(char)
        elif name.endswith("FULL STOP"):
            stops.add(char)
    return "".join(sorted(colons)), "".join(sorted(commas)), "".join(sorted(stops))


@lru_cache(maxsize=64)
def joining_words(language: str | None) -> frozenset[str]:
    """The words that join a list's last items in ``language`` ("and", "or"), read from CLDR's list patterns ("{0}
    eta {1}"); none for a language CLDR does not know. A pattern CLDR fills from English in a locale ("{0}, or {1}"
    for Malagasy) gives no English word to another language."""
    from babel import Locale, UnknownLocaleError

    if not language:
        return frozenset()
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return frozenset()
    english = Locale.parse("en").list_patterns
    out: set[str] = set()
    for style in ("standard", "or"):
        for key in ("end", "2"):
            pattern = locale.list_patterns.get(style, {}).get(key)
            if not pattern or (locale.language != "en" and pattern == english.get(style, {}).get(key)):
                continue
            joiner = pattern.replace("{0}", " ").replace("{1}", " ").replace("\u200b", " ")
            for word in joiner.split():  # Welsh "a(c)": "a" and "ac"; Khmer "និង" with its vowel signs
                word = word.strip(",،、;")
                if any(unicodedata.category(c).startswith("L") for c in word):
                    out |= {word.split("(")[0], word.replace("(", "").replace(")", "")}
    english_words = {"and", "or"} if locale.language != "en" else set()
    return frozenset(w.casefold() for w in out if w.casefold() not in english_words)


def inline_items(tail: str, language: str | None) -> list[str]:
    """The items of a list inside a sentence ("A, B eta C."), each a short phrase: parted at the commas and semicolons
    of any script and at the language's joining words (:func:`joining_words`), then tidied as the cue-word lists'
    items are (:func:`.words.split_phrases`)."""
    from assist.policy_extract.words import split_phrases

    _, commas, stops = _marks()
    words = sorted(joining_words(language), key=len, reverse=True)
    joiners = "|".join(re.escape(w) for w in words)
    parts = rf"\s*[{re.escape(commas)}]\s*" + (rf"|\s+(?:{joiners})\s+" if joiners else "")
    head = re.split(rf"[{re.escape(stops)}]", tail.strip())[0]
    head = re.sub(r"\s*[（(][^（()）]*[)）]", "", head)  # examples in brackets are no items
    items = []
    for piece in re.split(parts, head, flags=re.IGNORECASE):
        items.extend(split_phrases(piece) or ([piece.strip()] if 2 <= len(piece.strip()) <= 80 else []))
    return items


def inline(reader: Any, unit: Unit) -> list[Candidate]:
    """A sentence that holds its own list after a colon ("The warranty does not cover: drops, water, wear."), its
    part before the colon read as the list's intro; for languages the cue words of :func:`.words.read_list` do not
    cover."""
    from assist.policy_extract.values import text_language

    colons, _, _ = _marks()
    parts = re.split(rf"[{re.escape(colons)}]\s*", unit.text, maxsplit=1)
    if reader is None or unit.kind != "sentence" or len(parts) != 2 or len(parts[0]) > MAX_ITEM:
        return []
    phrases = inline_items(parts[1], unit.chunk.language or text_language(unit.text))
    if len(phrases) < 2:
        return []
    kind, probability = reader.list_intro(unnumbered(parts[0]) + ":", wide=True)
    if kind not in PHRASE_SLOTS or probability < REVIEW_FLOOR:
        return []
    confidence = CONFIDENCE if probability >= LIST_FLOOR else REVIEW_CONFIDENCE
    return [Candidate(kind, phrases, unit, confidence=confidence)]
