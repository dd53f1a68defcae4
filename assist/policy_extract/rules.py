"""Rules that read slot values out of one unit (sentence, table row or list item).

A value (duration, money, clock time) belongs to the topic whose cue stands nearest before it in the
sentence (else nearest after it, else the section's topic); the topic and the value's kind name the
slot. Enum, boolean and phrase slots are read from word lists. Scope comes from the clause the value
is in: a region or payment method there, or the row's first cell, or the list item's label.

The capabilities live in their own modules (:mod:`.framing`: topic and scope of a value; :mod:`.durations`;
:mod:`.amounts`); this module reads a unit with them and keeps their public names importable.
"""

from __future__ import annotations

from assist.policy_extract.amounts import _money, free_threshold
from assist.policy_extract.coverage import covered
from assist.policy_extract.cues import topic_hits, word_start_hits
from assist.policy_extract.durations import _duration, conjunct_subject, content_words, express
from assist.policy_extract.framing import (
    CARRIER_COLUMN,
    DURATION_SLOTS,
    IN_SENTENCE,
    ORIGIN,
    SECTION_ONLY,
    Candidate,
    column_header,
    exchange_only,
    group_region,
    has,
    heading_region,
    own_clause_end,
    paid_with_spans,
    payment_near,
    question_topics,
    region_near,
    scope_at,
    section_topics,
    value_clause,
)
from assist.policy_extract.text import Unit
from assist.policy_extract.values import all_values, is_dispatch

# The names the readers import from here; the code lives in framing (topic and scope), durations and amounts.
__all__ = [
    "CARRIER_COLUMN",
    "DURATION_SLOTS",
    "IN_SENTENCE",
    "ORIGIN",
    "SECTION_ONLY",
    "Candidate",
    "column_header",
    "conjunct_subject",
    "content_words",
    "exchange_only",
    "express",
    "free_threshold",
    "group_region",
    "has",
    "heading_region",
    "own_clause_end",
    "paid_with_spans",
    "payment_near",
    "question_topics",
    "read_values",
    "region_near",
    "scope_at",
    "section_topics",
    "value_clause",
]


def read_values(unit: Unit) -> list[Candidate]:
    """Slots whose value is a duration, an amount or a clock time."""
    text = unit.text
    hits = topic_hits(text) if covered(unit.chunk) else word_start_hits(text)
    in_sentence = {t for _, _, t in hits}
    sections = section_topics(unit, numbers=True)
    out: list[Candidate] = []
    for value in all_values(text):
        if value.kind == "duration" and not is_dispatch(text, value):  # dispatch times: assist.policy_extract.dispatch
            out.extend(_duration(unit, text, value, hits, in_sentence, sections))
        elif value.kind == "money":
            out.extend(_money(unit, text, value, in_sentence, sections))
        elif value.kind == "time" and ("dispatch_same_day" in in_sentence):
            out.append(Candidate("shipping.dispatch_cutoff", value.value, unit))
    return out
