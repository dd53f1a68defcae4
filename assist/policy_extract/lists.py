"""Lists whose intro or heading the learned reader (:mod:`.reader`) classifies, in any language.

The cue words of :func:`.words.read_list` read exclusion lists they were written for; here a list's intro (or,
for a list straight under a heading, the heading) is read by the classifier instead, so "Artykuły wyłączone ze
zwrotu" or "Ce que nous ne reprenons pas" introduce exclusions too. A list of products each with its own warranty
period ("Lenses: 5 years") gives one ``warranty.length`` per product and the ``warranty.products`` list.

A reading at or above :data:`LIST_FLOOR` is a fact; between :data:`REVIEW_FLOOR` and it, the fact goes to review.
"""

from __future__ import annotations

import re
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


def read(reader: Any, intro: str, intro_raw: str | None, items: list[Unit]) -> list[Candidate]:
    """Facts from a list of ``items`` under ``intro`` (a sentence or a heading), as the reader classifies it."""
    if reader is None or not items or any(len(i.text) > MAX_ITEM for i in items):
        return []
    kind, probability = reader.list_intro(intro)
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


_COLON = re.compile(r"[:：]\s*")


def inline(reader: Any, unit: Unit) -> list[Candidate]:
    """A sentence that holds its own list after a colon ("The warranty does not cover: drops, water, wear."), its
    part before the colon read as the list's intro; for languages the cue words of :func:`.words.read_list` do not
    cover."""
    parts = _COLON.split(unit.text, maxsplit=1)
    if reader is None or unit.kind != "sentence" or len(parts) != 2 or len(parts[0]) > MAX_ITEM:
        return []
    from assist.policy_extract.words import split_phrases

    phrases = split_phrases(parts[1])
    if len(phrases) < 2:
        return []
    kind, probability = reader.list_intro(parts[0] + ":", wide=True)
    if kind not in PHRASE_SLOTS or probability < REVIEW_FLOOR:
        return []
    confidence = CONFIDENCE if probability >= LIST_FLOOR else REVIEW_CONFIDENCE
    return [Candidate(kind, phrases, unit, confidence=confidence)]
