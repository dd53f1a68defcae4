"""Amounts read as slot values: free-shipping thresholds, return-label costs, customs thresholds; delivery fees
in :mod:`.shipping_fees`."""

from __future__ import annotations

import re

from assist.policy_extract.cues import label_patterns, labels_in, topic_patterns
from assist.policy_extract.durations import express
from assist.policy_extract.framing import (
    Candidate,
    column_header,
    column_role,
    has,
    region_column,
    region_near,
    scope_at,
    value_clause,
)
from assist.policy_extract.pairing import alone_with_place, same_level
from assist.policy_extract.shipping_fees import free_from_in_cell, keyed_fee, sentence_fee, table_fee
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
        cue_at = (free.start() + free.end()) / 2
        # "50,000원 이상 무료배송 (제주 100,000원)": an amount in a parenthesis of its own is not the cue's
        amounts = [v for v in money_values(clause) if same_level(clause, v.start, free.start())]
        nearest = min(amounts, key=lambda v: abs((v.start + v.end) / 2 - cue_at), default=None)
        if nearest is not None and nearest.start + start != value.start:
            return _coordinated(text, value, nearest.start + start)
        return nearest is not None
    if "free_shipping" not in topics or not has("order_value_from", clause):
        return False
    cue = topic_patterns()["free_shipping"].search(text)
    if cue is None:
        return False
    cue_start, cue_clause = value_clause(text, cue.start(), cue.end())
    stated = money_values(cue_clause)  # "to A free from €50, to B from €80": the first clause's threshold, for B
    return not stated or (len(stated) == 1 and _coordinated(text, value, cue_start + stated[0].start))


def _coordinated(text: str, value: Value, threshold_at: int) -> bool:
    """Whether ``value`` is a threshold like the one at ``threshold_at``, for another place: "free over €50 to
    Germany and over €80 to Austria", "5,000円以上で送料無料（北海道は10,000円以上）" (each paired with its own
    place, the same order-value words beside it, or alone with its place in a parenthesis)."""
    own = region_near(text, value.start)
    if own is None or own == region_near(text, threshold_at):
        return False
    near = text[max(0, value.start - 12) : value.end + 6]
    return has("order_value_from", near) or alone_with_place(text, value.start)


def _money(unit: Unit, text: str, value: Value, in_sentence: set[str], sections: list[str]) -> list[Candidate]:
    scope = scope_at(unit, text, value.start)
    region = {"region": scope["region"]} if "region" in scope else {}
    header = column_header(unit, text, value.start)
    if header is not None and region_column(unit, text, value.start):
        # "| | Germany | Austria |" over "| Free shipping from | €50 | €80 |": the row's key names what is priced,
        # read as the sentence it makes ("Return label | €4.90 | €9.90" is a return-label cost)
        key = unit.cells[0]
        free = topic_patterns()["free_shipping"].search(key) and not _BELOW.search(key)
        if free:
            return [Candidate("shipping.free_threshold", value.value, unit, None, value.unit, region)]
        if fee := keyed_fee(unit, value, region):
            return fee
        header = None
    if header is not None:
        # A table names its columns: the free-shipping column holds thresholds, a price column holds fees.
        free = topic_patterns()["free_shipping"].search(header) and not _BELOW.search(header)
        # ... or as the reader reads the header, in any language (a fee "below" the threshold is no threshold)
        free = free or (column_role(unit, value.start) == "free_threshold" and not _BELOW.search(header))
        if free:
            return [Candidate("shipping.free_threshold", value.value, unit, None, value.unit, region)]
        topics = in_sentence | set(sections)
        return table_fee(unit, text, value, region, topics) or free_from_in_cell(unit, text, value, region, topics)
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
        if context and not labels_in("shop_pays_cases", text) and not _not_a_return_price(text, value):
            return [Candidate("returns.shipping_cost", value.value, unit, None, value.unit, region)]
    return sentence_fee(unit, text, value, in_sentence | set(sections), region)


def _not_a_return_price(text: str, value: Value) -> bool:
    """Whether an amount in a return-shipping sentence is something other than what sending a return costs: the most
    the shop pays back ("we reimburse your receipted postage up to €25", "送料を25ユーロまで払い戻します"), or an
    order value or discount in a clause (or the brackets) that names no return shipping ("(10 € off from 80 €)")."""
    clause = _bracketed(text, value) or value_clause(text, value.start, value.end)[1]
    capped = has("up_to_before", text[max(0, value.start - 24) : value.start]) or has(
        "up_to_after", text[value.end : value.end + 12]
    )
    if capped and has("reimburse", text):
        return True
    return not has("return_shipping", clause) and has("order_value_from", clause)


def _bracketed(text: str, value: Value) -> str | None:
    """The bracketed aside that holds ``value`` ("(say 10 € off from 80 €)"), or None."""
    opened = max(text.rfind("(", 0, value.start), text.rfind("（", 0, value.start))
    if opened < 0 or max(text.rfind(")", opened, value.start), text.rfind("）", opened, value.start)) >= 0:
        return None
    closes = [i for i in (text.find(")", value.end), text.find("）", value.end)) if i >= 0]
    return text[opened : min(closes) + 1] if closes else None
