"""The time until an order is dispatched (``shipping.dispatch_time``): "we pack orders within 1-2 days",
"発送まで7〜10営業日", "48小时内发货", scoped to the products the sentence opens with ("Complete bikes ship
within 3 business days"). Which durations are dispatch times is decided by :func:`values.is_dispatch`."""

from __future__ import annotations

import re

from assist.policy_extract.cues import label_patterns
from assist.policy_extract.rules import Candidate, content_words
from assist.policy_extract.scope import regions_in, subject_before
from assist.policy_extract.text import Unit
from assist.policy_extract.values import Value, all_values, is_dispatch


def read_dispatch(unit: Unit) -> list[Candidate]:
    text = unit.text
    return [_dispatch(unit, text, v) for v in all_values(text) if v.kind == "duration" and is_dispatch(text, v)]


_GENERIC_ORDERS = re.compile(
    r"^(?:(?:all|most|your|our|the|les|los|tus|vos|die|alle|i|gli)\s+)*(?:orders?|commandes?|pedidos?|bestellungen|"
    r"ordini|encomendas|ご?注文(品)?|订单|商品)$"
    # "Les articles en stock", "Items in stock": every product that is not made to order, no class of its own
    r"|\b(?:in stock|en stock|auf lager|vorrätig|en existencia|disponibles?|in magazzino|disponibili|em estoque|"
    r"pronta entrega)\b|在庫|现货",
    re.IGNORECASE,
)


def _dispatch(unit: Unit, text: str, value: Value) -> Candidate:
    """The dispatch time, scoped to the products the sentence opens with ("Complete bikes ship within 3 days")."""
    subject = subject_before(text, max(0, value.start - 40) + _cue_start(text, value))
    if text[:1].islower() and unit.previous and (not subject or len(subject.split()) == 1):
        # "Les abat-jour sur mesure sont faits main : comptez 3 semaines ...": the subject is the previous part's
        subject = subject_before(unit.previous, len(unit.previous))
    if subject:
        subject = re.split(r"[,、，]\s*", subject)[-1].strip()  # "なお、名入れ万年筆" -> "名入れ万年筆"
    scope = {}
    if subject and content_words(subject) and not _GENERIC_ORDERS.search(subject) and not regions_in(subject):
        scope["product_class"] = subject
    return Candidate("shipping.dispatch_time", value.value, unit, value.max_value, value.unit, scope)


def _cue_start(text: str, value: Value) -> int:
    before = text[max(0, value.start - 40) : value.start]
    m = label_patterns("frames")["dispatch_before"].search(before)
    return m.start() if m else len(before)
