"""The delivery fee (``shipping.cost``): what shipping to a region costs the buyer, read from a shipping table's
price column or from a sentence that names the fee.

A table names its columns: a column the learned reader reads as the shipping cost (``cost``), or whose header names
the fee in the words of ``resources/shipping_fees.yaml``, holds one fee per row, scoped by the row's region. A cell
may hold more than the fee: the same amount in a second currency ("5,90 € / 44,45 kn", "3,90 € (7,63 лв.)"), which
is the fee again, not another one, and a surcharge added to it ("+ 4,50 € for islands"), which is not the fee. A cell
with two fees names what each is for ("3,50 € (office), 4,90 € (address)"): that name scopes each fee
(``product_class``, the shop's words). A sentence states a fee when its words name the fee ("Shipping to Austria
costs €6.90", "Die Versandkosten betragen 4,90 €") and the amount's own clause names no other amount (a
cash-on-delivery fee, a customs charge, a return label, a surcharge). Free-shipping thresholds are read before
this (:mod:`.amounts`), so an amount here is never the order value from which shipping is free.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assist.policy_extract.columns import cell_span, column_of
from assist.policy_extract.cues import label_patterns, topic_patterns
from assist.policy_extract.framing import (
    IN_SENTENCE,
    SECTION_ONLY,
    Candidate,
    column_header,
    column_role,
    value_clause,
)
from assist.policy_extract.text import Unit
from assist.policy_extract.values import Value, money_values

SLOT = "shipping.cost"
WORDS_FILE = Path(__file__).resolve().parent.parent / "resources" / "shipping_fees.yaml"

# What stands between two amounts that are one price in two currencies: a slash, an opening parenthesis, "=", "≈".
_EQUIVALENT = re.compile(r"^\s*(?:/|\(|（|=|≈|~)\s*$")
_SURCHARGE = re.compile(r"\+\s*$")
_LABEL = re.compile(r"^[^(（\d]*[(（]\s*([^)）\d]{2,40}?)\s*[)）]")


@lru_cache(maxsize=1)
def _words() -> dict[str, re.Pattern[str]]:
    spec = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")) or {}
    return {
        group: re.compile("|".join(f"(?:{w})" for per in spec[group].values() for w in per), re.IGNORECASE)
        for group in ("fee", "other_amount", "price", "order_value")
    }


def names_fee(text: str) -> bool:
    """Whether ``text`` names the delivery fee in any language of the word list."""
    return bool(_words()["fee"].search(text))


def _cell(unit: Unit, text: str, at: int) -> tuple[int, str]:
    """(offset, text) of the table cell of a row holding offset ``at``."""
    span = cell_span(unit, at)
    return (span[0], text[span[0] : span[1]]) if span else (0, text)


def _fees_in(cell: str) -> list[Value]:
    """The amounts of a price cell that are fees: not the same price again in a second currency, not a surcharge."""
    values = money_values(cell)
    out: list[Value] = []
    for i, value in enumerate(values):
        before = cell[values[i - 1].end : value.start] if i else cell[: value.start]
        if i and _EQUIVALENT.match(before):
            continue
        if _SURCHARGE.search(before):
            continue
        if out and _in_condition(cell, value, values):
            continue
        out.append(value)
    return out


def _in_condition(cell: str, value: Value, values: list[Value]) -> bool:
    """Whether an amount stands in brackets that say, in words, when the fee before them changes ("4,99 € (free from
    150 €)", "KSh 250 (bure kwa oda ya KSh 5,000 au zaidi)"): a bound of the fee, not a second fee."""
    opened = max(cell.rfind("(", 0, value.start), cell.rfind("（", 0, value.start))
    if opened < 0 or re.search(r"[)）]", cell[opened : value.start]):
        return False
    closed = re.search(r"[)）]", cell[value.end :])
    inside = cell[opened + 1 : value.end + closed.start() if closed else len(cell)]
    offset = opened + 1
    for other in values:  # the amounts themselves (and their currency words) are not the words of a condition
        if opened < other.start and other.end <= offset + len(inside):
            inside = inside[: other.start - offset] + " " * (other.end - other.start) + inside[other.end - offset :]
    return len(re.findall(r"[^\W\d_]{2,}", inside)) >= 2


def _label_after(cell: str, value: Value, fees: list[Value]) -> str | None:
    """What a fee is for when a cell holds several: the words in parentheses after it (past any second-currency
    amount), before the next fee."""
    nxt = min((f.start for f in fees if f.start > value.start), default=len(cell))
    found = _LABEL.search(re.sub(r"[(（]\s*[\d.,\s]+\D{0,4}[)）]", "", cell[value.end : nxt]).lstrip(" /"))
    if found is None:
        tail = re.sub(r"^\s*/\s*[\d.,\s]+\S*", "", cell[value.end : nxt])
        found = _LABEL.search(tail)
    return found.group(1).strip() if found else None


def price_column(unit: Unit, text: str, at: int, topics: set[str]) -> bool:
    """Whether the table column holding ``at`` holds delivery fees: the learned reader reads its header as the
    shipping cost, or the header names the fee, or it names a price in a table about shipping."""
    header = column_header(unit, text, at)
    if header is None or _words()["other_amount"].search(header):
        return False
    priced = "shipping" in topics and bool(_words()["price"].search(header.strip(" *")))
    return column_role(unit, at) == "cost" or names_fee(header) or priced


def table_fee(unit: Unit, text: str, value: Value, region: dict[str, str], topics: set[str]) -> list[Candidate]:
    """The fee of a shipping table's price cell holding ``value``, scoped by the row's region (and by what the fee
    is for, where the cell holds several)."""
    if not region or not price_column(unit, text, value.start, topics):
        return []
    start, cell = _cell(unit, text, value.start)
    fees = _fees_in(cell)
    own = next((f for f in fees if f.start + start == value.start), None)
    if own is None:
        return []
    scope = dict(region)
    column = column_of(unit, value.start)
    if column in unit.price_classes:  # "| Parcel | Greenhouse |": one fee per kind of goods (columns.fees_by_class)
        scope["product_class"] = unit.price_classes[column]
    if _region_repeats(unit) and len(unit.cells) > 2 and not money_values(unit.cells[1]):
        scope["product_class"] = unit.cells[1].strip(" *")  # a region priced per carrier or method, row by row
    if len(fees) > 1:
        label = _label_after(cell, own, fees)
        if label is None:
            return []  # several fees in one cell and nothing says which is which
        scope["product_class"] = label
    return [Candidate(SLOT, value.value, unit, None, value.unit, scope)]


FREE_FROM_RATIO = 5  # a bracketed order value this many times the fee at least is where the fee stops


def free_from_in_cell(unit: Unit, text: str, value: Value, region: dict[str, str], topics: set[str]) -> list[Candidate]:
    """The free-shipping threshold a price cell states in brackets after its fee ("4,99 € (free from 150 €)",
    "KSh 250 (bure kwa oda ya KSh 5,000 au zaidi)"): the bracket says in words when the fee changes, and its amount
    is an order value many times the fee (:data:`FREE_FROM_RATIO`), which is where shipping turns free; a bracket
    that names free shipping in a listed word is surer. A surcharge ("+ 4,50 € for islands") is no such bracket."""
    if not region or not price_column(unit, text, value.start, topics):
        return []
    start, cell = _cell(unit, text, value.start)
    values = money_values(cell)
    own = next((v for v in values if v.start + start == value.start), None)
    fees = _fees_in(cell)
    if own is None or not fees or own in fees or not _in_condition(cell, own, values) or "+" in cell:
        return []
    fee = fees[0]
    if fee.unit != own.unit or float(own.value) < FREE_FROM_RATIO * float(fee.value):
        return []
    named = label_patterns("frames")["free_word"].search(cell[fee.end :]) is not None
    confidence = IN_SENTENCE if named else SECTION_ONLY
    return [Candidate("shipping.free_threshold", own.value, unit, None, own.unit, dict(region), confidence=confidence)]


# the topics of returns and claims: an amount a sentence or section on them states is never the delivery fee
_CLAIM_TOPICS = frozenset({"returns", "refunds", "damage", "warranty", "wrong_item", "lost", "not_received"})


def sentence_fee(unit: Unit, text: str, value: Value, topics: set[str], region: dict[str, str]) -> list[Candidate]:
    """The fee a sentence (or list item) states: its words, or else its heading's, name the fee, and the amount's
    own clause names no other amount nor an order value the amount is a bound of ("orders over €50")."""
    if unit.kind == "row" or topics & _CLAIM_TOPICS:
        return []  # postage refunded for a return or a claim ("we reimburse postage up to €25") is no delivery fee
    start, clause = value_clause(text, value.start, value.end)
    if _words()["other_amount"].search(clause):
        return []
    near = clause[max(0, value.start - start - 20) : value.end - start + 20]
    bound = label_patterns("frames")["order_value_from"].search(text, max(start, value.start - 16), value.start)
    if bound or _words()["order_value"].search(near):
        return []  # "orders over €50", "750 TL altındaki siparişlerde": the amount is an order value
    context = " ".join([unit.section.split(" > ")[-1] if unit.section else "", unit.asked or "", unit.intro or ""])
    if names_fee(text) or _below_free(text, clause, topics):
        confidence = IN_SENTENCE
    elif names_fee(context) and "shipping" in topics:
        confidence = SECTION_ONLY
    else:
        return []
    scope = dict(region)
    if band := weight_band(clause, value.start - start):
        scope["product_class"] = band
    return [Candidate(SLOT, value.value, unit, None, value.unit, scope, confidence=confidence)]


def _below_free(text: str, clause: str, topics: set[str]) -> bool:
    """Whether the clause of an amount is what shipping costs where the sentence's free shipping does not apply:
    the sentence names free shipping (or, on shipping, says "free") in another clause ("free from €49; below that it
    costs €4.90", "ab 50 € versandkostenfrei, sonst 3,90 €"). The threshold was read before (:mod:`.amounts`): what
    is left is the fee."""
    free = [topic_patterns()["free_shipping"]]
    if "shipping" in topics:  # a bare "free" counts on a shipping text only
        free.append(label_patterns("frames")["free_word"])
    return any(words.search(text) and not words.search(clause) for words in free)


# A parcel's weight: a number with a unit of mass ("20 kg", "5-15 kg", "10 кг", "2 lbs", "5公斤").
_WEIGHT = re.compile(r"\d[\d.,]*\s*(?:[-–]\s*\d[\d.,]*\s*)?(?:kg|kilo\w*|lbs?|кг|公斤|千克|キロ)(?!\w)", re.IGNORECASE)


def weight_band(clause: str, at: int) -> str | None:
    """The weight band a fee in ``clause`` (at offset ``at``) is for, in the shop's words: the words before the
    amount when they hold a weight ("up to 20 kg €9", "20–50 kg 299 kr"), else those after it ("650 грн за посилку до
    10 кг")."""
    head = clause[:at]
    earlier = money_values(head)  # "up to 20 kg €9, 20-50 kg €15 and over 50 kg €25": from the fee before
    before = re.split(r"[:：]", head[earlier[-1].end :] if earlier else head)[-1].strip(" ,(")
    if _WEIGHT.search(before):
        return before
    after = money_values(clause[at:])
    tail = clause[at + after[0].end :] if after else ""
    tail = tail.strip(" .,;)")
    return tail if _WEIGHT.search(tail) and len(tail) <= 40 else None


def keyed_fee(unit: Unit, value: Value, region: dict[str, str]) -> list[Candidate]:
    """A fee in a table whose header names places across: the row's key cell names the fee ("| Shipping | €4.90 |
    €9.90 |" under "| | Germany | Austria |"), or the table's intro or heading does and the key cell names what the
    row prices (a weight band: "| up to 5 kg | €4.90 | €12 |" under "Delivery costs by weight:")."""
    if not region or not unit.cells or _words()["other_amount"].search(unit.cells[0]):
        return []
    if names_fee(unit.cells[0]):
        return [Candidate(SLOT, value.value, unit, None, value.unit, dict(region))]
    context = " ".join([unit.section.split(" > ")[-1] if unit.section else "", unit.intro or "", _line_above(unit)])
    if names_fee(context) and not _words()["other_amount"].search(context):
        key = unit.cells[0].strip(" *")
        return [Candidate(SLOT, value.value, unit, None, value.unit, {**region, "product_class": key})]
    return []


def _line_above(unit: Unit) -> str:
    """The line written just above a row's table (a numbered point introducing it: "6. Delivery costs by weight:")."""
    if not unit.header:
        return ""
    lines = unit.chunk.text.splitlines()
    first = unit.header[0].strip()
    for i, line in enumerate(lines):
        if first and first in line and "|" in line:
            above = [x for x in lines[:i] if x.strip()]
            return above[-1] if above else ""
    return ""


def _region_repeats(unit: Unit) -> bool:
    """Whether the row's first cell (its region) heads another row of the same table as well."""
    key = unit.cells[0].strip() if unit.cells else ""
    if not key:
        return False
    rows = [line.strip(" |\t") for line in unit.chunk.text.splitlines() if "|" in line]
    return sum(1 for line in rows if line.split("|")[0].strip() == key) > 1
