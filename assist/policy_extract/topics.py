"""Topics read by the learned reader where no cue word names one: a policy in a language the cue lists of
``resources/policy_slots.yaml`` do not cover ("■ 환불 안내", "Levering", "Доставка").

The reader's ``topic`` head (:mod:`.reader`) reads what a unit's heading, table header, list intro, label or key
cell is about; the topics it reads stand in for the cue words of the unit's context (:func:`.framing.section_topics`),
so the value parsers and the slot rules read the unit as they read one under a heading in a cue-list language.
A fact read that way is held to the reader's probability: a sure reading makes a fact at most as sure as one read
from a heading; an unsure one goes to review.
"""

from __future__ import annotations

import re
from typing import Any

from assist.policy_extract.coverage import covered
from assist.policy_extract.cues import word_start_hits
from assist.policy_extract.framing import SECTION_ONLY, section_topics
from assist.policy_extract.text import Unit
from assist.policy_facts import SLOTS

TOPIC_FLOOR = 0.4  # the reader's probability from which a topic it read makes facts (below: for review)
TOPIC_SEEN = 0.3  # below this the reading is ignored
REVIEW = 0.45  # the confidence of a fact whose topic the reader read unsure (below the review line)
_VALUE_KINDS = frozenset({"duration", "money", "number", "time"})  # values the topic assigns to a slot
_DURATION_UNITS = frozenset({"minute", "hour", "day", "business_day", "week", "month", "year"})
_KEY_CELL = 40  # the longest first cell that is read as a row's key ("Delivery time | 2-3 days")


def _headings(unit: Unit) -> list[str]:
    named = [part.strip() for part in unit.section.split(" > ") if re.search(r"\w", part)] if unit.section else []
    return named[::-1][:2]  # the unit's own heading, then the one above it


def _contexts(unit: Unit) -> list[str]:
    """The texts that say what a unit is about: its key cell, header, label, list intro, headings and own words."""
    out = []
    key = unit.cells[0] if unit.kind == "row" and len(unit.cells) == 2 else unit.text.split(" | ")[0]
    if key != unit.text and 0 < len(key) <= _KEY_CELL:
        out.append(key)
    if unit.header:
        out.append(" / ".join(h for h in unit.header if h.strip()))
    out.extend(t for t in (unit.label, unit.intro, unit.asked) if t)  # and the question or key cell it answers
    out.extend(_headings(unit))
    out.append(unit.text)  # and the unit itself ("If the parcel arrives broken, write to us within 3 days")
    return [t for t in dict.fromkeys(out) if t.strip()]


def read_topics(reader: Any, unit_list: list[Unit]) -> None:
    """Fill ``read_topics`` of each unit in a chunk written in a language the cue lists do not cover (in a covered
    language the cue words' silence is meaningful). Where no cue word names a topic in the unit or its context
    (``unnamed``), the read topics stand in for the cue words; elsewhere (a cue word of another language that
    happens to match, "retour") they only confirm readings (:func:`agrees`), and where the context names none, the
    context's own reading (``context_topics``) stands in for the heading's cue words: the heading frames the unit's
    word-list rules (evidence, refund method, who pays); numbers keep the reading they had without it
    (:func:`.framing.section_topics`: served, such numbers cost precision on TUNE read with each language left out
    and on FRESH-H)."""
    open_units = [u for u in unit_list if not covered(u.chunk)]
    named_context = {id(u) for u in open_units if section_topics(u)}
    for unit in open_units:
        unit.unnamed = not word_start_hits(unit.text) and id(unit) not in named_context
    contexts = {id(u): _contexts(u) for u in open_units}
    texts = list(dict.fromkeys(t for found in contexts.values() for t in found))
    if not texts:
        return
    reading = dict(zip(texts, reader.topics(texts), strict=True))
    for unit in open_units:
        found: dict[str, float] = {}
        around: dict[str, float] = {}  # the context alone: what its heading, header or key cell is about
        for text in contexts[id(unit)]:
            topic, probability = reading[text]
            if topic == "other" or probability < TOPIC_SEEN:
                continue
            found[topic] = max(probability, found.get(topic, 0.0))
            if text != unit.text:
                around[topic] = max(probability, around.get(topic, 0.0))
        unit.read_topics = _surest_first(found)
        unit.own_topic = reading[unit.text]
        # A unit whose own words hold a cue (another language's word by chance: "retour", "envío") under a heading
        # no cue names ("Vrácení peněz"): the heading's reading stands in for the heading's cue words.
        if not unit.unnamed and id(unit) not in named_context:
            unit.context_topics = _surest_first(around)


def _surest_first(found: dict[str, float]) -> dict[str, float]:
    return dict(sorted(found.items(), key=lambda kv: -kv[1]))


def held_to_reading(candidates: list[Any]) -> None:
    """A fact whose topic only the reader read is no surer than the reading: at most a heading's confidence when
    the reader is sure, for review when it is not."""
    for c in candidates:
        probability = c.unit_.read_topics.get(c.slot.split(".")[0]) if c.unit_.unnamed else None
        if probability is None or c.slot not in SLOTS or SLOTS[c.slot].kind not in _VALUE_KINDS:
            continue  # a carrier or a place is read by its own words, whatever the topic
        if _table_says(c.unit_, c.slot):
            continue  # the table's header says what the cell holds, whatever its heading is read as
        c.confidence = min(c.confidence, SECTION_ONLY if probability >= TOPIC_FLOOR else REVIEW)


# the column a slot's value is read in (a free-from amount in brackets in the fee's cell: :mod:`.shipping_fees`)
_COLUMN_OF_SLOT = {"shipping.transit_time": "transit_time", "shipping.cost": "cost", "shipping.free_threshold": "cost"}


def _table_says(unit: Unit, slot: str) -> bool:
    """Whether a table row's columns, read by the learned reader or by what their cells hold, are a destination
    and the slot's value (``| Destination | Delivery time |``): the table's layout names the topic."""
    role = _COLUMN_OF_SLOT.get(slot)
    return unit.kind == "row" and role is not None and role in unit.roles and "region" in unit.roles


OWN_OVER_HEADING = 0.6  # the reader's probability for a sentence's own words that outweighs its heading's cue words


def heading_only(candidates: list[Any]) -> None:
    """A duration whose slot only the heading's cue words gave ("Withdrawal from the contract" over "we refund the
    money within 14 days"), in a language the cue lists do not cover, where the reader surely reads the sentence's
    own words as another area: the heading's reading goes to review, and the sentence stays open to the reader's
    slot (:func:`.extractor._proposals`)."""
    for c in candidates:
        unit = c.unit_
        own = unit.own_topic
        if own is None or unit.kind != "sentence" or c.unit not in _DURATION_UNITS or covered(unit.chunk):
            continue
        topic, probability = own
        area = c.slot.split(".")[0]
        if topic in ("other", area) or probability < OWN_OVER_HEADING or word_start_hits(unit.text):
            continue
        c.confidence = min(c.confidence, REVIEW)


def agrees(unit: Unit, slot: str) -> bool:
    """Whether the reader read the unit's context as the area of ``slot``, surely."""
    return unit.read_topics.get(slot.split(".")[0], 0.0) >= TOPIC_FLOOR
