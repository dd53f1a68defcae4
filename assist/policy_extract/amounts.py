"""Amounts read as slot values: free-shipping thresholds, return-label costs, customs thresholds."""

from __future__ import annotations

import re

from assist.policy_extract.cues import label_patterns, labels_in, topic_patterns
from assist.policy_extract.durations import express
from assist.policy_extract.framing import Candidate, column_header, column_role, has, scope_at, value_clause
from assist.policy_extract.text import Unit
from assist.policy_extract.values import Value, money_values

_BELOW = re.compile(r"未满|不满|未満|\bunder\b|\bbelow\b|\bunter\b|\bbajo\b|\bsous\b|\bsotto\b|abaixo|por debajo", re.I)


_DUTY_FREE_BELOW = re.compile(
    r"\b(?:under|below|up to|less than|unter|bis zu|moins de|jusqu.à|menos de|inferior a|hasta|sotto|fino a|abaixo de|"
    r"até)\b|未満|以下|不超过|以内|以下の",
    re.IGNORECASE,
)


# "Parcels declared above CAD 20 may be taxed", "申报价值超过20加币时": the value from which duties are due.
_DUTY_ABOVE = re.compile(
    r"\b(?:over|above|exceeding|more than|über|au-delà de|plus de|más de|por encima de|oltre|più di|acima de|"
    r"mais de)\s*$|(?:超过|超過|高于|を超える)\s*$",
    re.IGNORECASE,
)


def free_threshold(text: str, value: Value, topics: set[str]) -> bool:
    """Whether the amount ``value`` is a free-shipping threshold, read from the clause that holds it: the clause
    names free shipping (or says "free" under a shipping topic) and the amount is the one nearest that word; or
    it names only an order value ("from €49", "以上") while the free-shipping clause holds no amount. An amount
    in a clause of its own ("below that it costs €4.90", "Spedizione 7 €") is a fee."""
    start, clause = value_clause(text, value.start, value.end)
    free = topic_patterns()["free_shipping"].search(clause)
    if free is None and ({"shipping", "free_shipping"} & topics):
        free = label_patterns("frames")["free_word"].search(clause)
    if free is not None:
        amounts = money_values(clause)
        cue_at = (free.start() + free.end()) / 2
        nearest = min(amounts, key=lambda v: abs((v.start + v.end) / 2 - cue_at), default=None)
        return nearest is not None and nearest.start + start == value.start
    if "free_shipping" not in topics or not has("order_value_from", clause):
        return False
    cue = topic_patterns()["free_shipping"].search(text)
    if cue is None:
        return False
    _, cue_clause = value_clause(text, cue.start(), cue.end())
    return not money_values(cue_clause)


def _money(unit: Unit, text: str, value: Value, in_sentence: set[str], sections: list[str]) -> list[Candidate]:
    scope = scope_at(unit, text, value.start)
    region = {"region": scope["region"]} if "region" in scope else {}
    header = column_header(unit, text, value.start)
    if header is not None:
        # A table names its columns: the free-shipping column holds thresholds, a price column holds fees.
        free = topic_patterns()["free_shipping"].search(header) and not _BELOW.search(header)
        # ... or as the reader reads the header, in any language (a fee "below" the threshold is no threshold)
        free = free or (column_role(unit, value.start) == "free_threshold" and not _BELOW.search(header))
        return [Candidate("shipping.free_threshold", value.value, unit, None, value.unit, region)] if free else []
    if (
        ("customs" in in_sentence or "customs" in sections)
        and "free_shipping" not in in_sentence
        and (
            _DUTY_FREE_BELOW.search(text[max(0, value.start - 25) : value.end + 12])
            or _DUTY_ABOVE.search(text[max(0, value.start - 20) : value.start])
        )
    ):
        # "Orders valued under CAD $150 enter without duties", "1万円以下は関税がかかりません"
        return [Candidate("customs.threshold", value.value, unit, None, value.unit, region)]
    if free_threshold(text, value, in_sentence | set(sections)) and not (unit.kind == "sentence" and express(text)):
        return [Candidate("shipping.free_threshold", value.value, unit, None, value.unit, region)]
    if ("returns" in in_sentence or "returns" in sections) and has("return_shipping", text):
        context = "refunds" not in in_sentence or has("return_shipping", text)
        if context and not labels_in("shop_pays_cases", text):
            return [Candidate("returns.shipping_cost", value.value, unit, None, value.unit, region)]
    return []
