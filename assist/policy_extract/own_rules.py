"""The shop's own rules (slot ``other``): an amount, a duration or a percentage a policy sentence states that no
slot's reader took ("a €300 deposit", "storage costs €3 a day", "helmets: 30% off a new one within 2 years").

Nothing here is written per language. A value is a rule's when the value readers (:mod:`.values`) find it in a
sentence or list item, no candidate of another slot read the same value there (read for review too: a doubtful slot
reading is no rule). Two shapes are left to the slot readers, since every slot is written so: a duration that is the
unit's only value (a return window, a warranty's length, a time to report damage the readers missed is no shop rule),
or one the learned reader (:meth:`.reader.PolicyReader.duration_slot`) reads as a slot's; and an amount under a
shipping heading (a delivery fee or a free-delivery threshold), or beside a span of days (a delivery line: "5-8 days,
12 €"). A learned head for which slot an amount states, trained like the duration head on frames in 8 languages and
the reply templates, read nearly every amount of the tuning shops' languages as a rule's: it was left out. A
percentage is a number beside a percent sign of any script, on either side ("30 %", "%30"); two joined by a short
word ("%30 eta %60") are one range.

Its topic label (``scope.product_class``, which the replies quote and match asks by) comes from the document's
structure, in the shop's own words: the bullet's label, else the words before a colon that opens the sentence
("Rental of e-bikes: 35 € a day"), else the clause that holds the value, without the value. A rule of a payment method
("Klarna on orders between £30 and £1,000") is that method's (``scope.payment_method``) instead, and one of a customer
group ("clubs get 10 % off") is also that group's, as the scope readers (:func:`.framing.scope_at`) read them.

A value another slot's fact states anywhere in the shop's documents (a delivery fee of the table repeated in a FAQ
answer) is that fact restated, not a rule: :func:`restated` leaves it out.
"""

from __future__ import annotations

import re
from typing import Any

from assist.policy_extract.coverage import covered
from assist.policy_extract.framing import Candidate, scope_at, section_topics, value_clause
from assist.policy_extract.text import Unit
from assist.policy_extract.values import Value, all_values
from assist.policy_facts import PolicyFact

OWN_RULE_CONFIDENCE = 0.65  # above the review line, below every slot reader's reading
SLOT_DURATION = 0.5  # the learned reader's probability that makes a sentence's duration a slot's, not a rule's
LABEL_WORDS = 8  # the longest topic label in words (a label names a thing, it is no sentence)
LABEL_CHARS = 80

_PERCENT = re.compile(r"(?:[%٪％﹪]\s?(\d+(?:[.,]\d+)?)|(\d+(?:[.,]\d+)?)\s?[%٪％﹪])")
_NUMBERING = re.compile(r"^\s*(?:[(\[]?(?:\d+[.)]?)+\]?\s*|[(\[]?[^\W\d_][.)]\s+|[-*•–]\s*)+")
_COLON = re.compile(r"[:：]")
_JOINED = re.compile(r"\s*[^\W\d_]{1,6}\s*")  # "30 % and 60 %", "%30 eta %60": a range
_GLUED = re.compile(r"^-[^\W\d_]+")  # a case ending written onto the value ("300 €-ko fidantza")
SHIPPING_TOPICS = frozenset({"shipping", "free_shipping"})
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _percentages(text: str) -> list[tuple[int, int, float, float | None]]:
    """(start, end, percentage, top of a range) of each percentage in ``text``."""
    out: list[tuple[int, int, float, float | None]] = []
    for m in _PERCENT.finditer(text):
        number = float((m.group(1) or m.group(2)).replace(",", "."))
        if out and out[-1][3] is None and _JOINED.fullmatch(text[out[-1][1] : m.start()]) and number > out[-1][2]:
            out[-1] = (out[-1][0], m.end(), out[-1][2], number)
            continue
        out.append((m.start(), m.end(), number, None))
    return out


def _same(a: object, b: object) -> bool:
    try:
        return abs(float(a) - float(b)) < 0.005  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _taken(value: object, read: list[Candidate]) -> bool:
    """Whether a candidate of another slot read this number from the unit (any unit word: "30 days" read as a
    return window takes a "30" read again as a count)."""
    return any(_same(value, c.value) or _same(value, c.max_value) for c in read)


def label(unit: Unit, at: int, until: int) -> str | None:
    """The rule's topic in the shop's words: the bullet's label, the words before an opening colon, else the clause
    holding ``unit.text[at:until]`` without the value (None where no words are left)."""
    if unit.label:
        return _tidy(unit.label)
    text = unit.text
    colon = _COLON.search(text)
    # a FAQ answer's one-word marker ("A: Yes, ...", "Jibu: ...") names no topic
    marker = colon is not None and unit.asked is not None and len(text[: colon.start()].split()) == 1
    if colon and colon.start() < at and not marker:
        head = _tidy(_NUMBERING.sub("", text[: colon.start()]))
        if head and len(head.split()) <= LABEL_WORDS and len(head) <= LABEL_CHARS:
            return head
    start, clause = value_clause(text, at, until)
    after = _GLUED.sub("", clause[until - start :])
    words = (clause[: at - start] + " " + after).split()
    return _tidy(" ".join(words[:LABEL_WORDS])) or None


def _tidy(text: str) -> str:
    text = _EDGES.sub("", _NUMBERING.sub("", text.strip()))
    return text if re.search(r"[^\W\d_]{2}", text) else ""


def read_own_rules(unit_list: list[Unit], found: list[Candidate], reader: Any = None) -> list[Candidate]:
    """The rules of ``unit_list`` that no slot of ``found`` holds, each with its topic label, cited."""
    by_unit: dict[int, list[Candidate]] = {}
    for c in found:
        by_unit.setdefault(id(c.unit_), []).append(c)
    out = []
    for unit in unit_list:
        if unit.question or unit.kind not in ("sentence", "item"):
            continue
        read = by_unit.get(id(unit), [])
        values = [v for v in all_values(unit.text) if v.kind != "time"]
        values += [Value("percent", n, top, "percent", s, e) for s, e, n, top in _percentages(unit.text)]
        if _delivery_line(values):
            continue
        lone = len(values) == 1
        values = [v for v in values if not _taken(v.value, read)]
        if any(v.kind == "duration" for v in values) and (lone or _slot_duration(reader, unit)):
            values = [v for v in values if v.kind != "duration"]
        if any(v.kind == "money" for v in values) and SHIPPING_TOPICS & set(section_topics(unit)):
            values = [v for v in values if v.kind != "money"]
        scopes = [{k: s for k, s in scope_at(unit, unit.text, v.start).items() if k != "region"} for v in values]
        # a sentence about a payment method states its rules in every clause ("COD: 3 € extra, up to 500 €")
        method = next((s["payment_method"] for s in scopes if "payment_method" in s), None)
        for v, scope in zip(values, scopes, strict=True):
            if method:
                scope["payment_method"] = method
            topic = label(unit, v.start, v.end)
            if topic and "payment_method" not in scope:
                scope["product_class"] = topic
            if scope:
                out.append(Candidate("other", v.value, unit, v.max_value, v.unit, scope, OWN_RULE_CONFIDENCE))
    return out


_TRANSIT_UNITS = frozenset({"hour", "day", "business_day", "week"})


def _delivery_line(values: list[Value]) -> bool:
    """A span of days and an amount together ("to the islands, 5-8 working days, 12 €"): how long and how much a
    delivery takes, a delivery table's row written as a sentence, no shop rule."""
    spans = any(v.kind == "duration" and v.max_value is not None and v.unit in _TRANSIT_UNITS for v in values)
    return spans and any(v.kind == "money" for v in values)


def _slot_duration(reader: Any, unit: Unit) -> bool:
    """Whether the learned reader reads the unit's duration as a slot's (a window, a delivery time)."""
    if reader is None:
        return False
    slot, probability = reader.duration_slot([unit.text], not covered(unit.chunk))[0]
    return slot != "other" and probability >= SLOT_DURATION


def restated(facts: list[PolicyFact]) -> list[PolicyFact]:
    """``facts`` without the rules whose amount (number and currency) a fact of another slot states: the same fee
    said again elsewhere (a FAQ answer, a summary), which that slot already holds. Durations are left alone: "30 days"
    is as often a rule's own as a return window's."""
    slots = [f for f in facts if f.slot != "other" and _money(f.unit)]
    stated = {(_number(v), f.unit) for f in slots for v in (f.value, f.max_value) if _number(v) is not None}
    return [f for f in facts if f.slot != "other" or not _money(f.unit) or (_number(f.value), f.unit) not in stated]


def _money(unit: str | None) -> bool:
    return bool(unit and len(unit) == 3 and unit.isupper())  # an ISO currency code


def _number(value: object) -> float | None:
    return round(float(value), 2) if isinstance(value, int | float) and not isinstance(value, bool) else None
