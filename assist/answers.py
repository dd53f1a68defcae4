"""Answers computed from the shop's policy facts and the order, each carrying its inputs.

An answer is what a reply states and a draft check compares against: "the return window ended on
9 November" is the delivery date plus the window, so the answer keeps both, and the fact it read
(with the policy sentence). Computed here:

- ``return_deadline``: delivery (or order) date + ``returns.window``, and whether it has passed;
- ``excluded_items``: order lines whose name matches an item class in ``returns.excluded``;
- ``warranty_until`` / ``damage_report_until``: whether the warranty or the damage-report window runs;
- ``cancel_possible`` / ``address_change_possible``: given the rule and the order status;
- ``order_region``: the shop region of the order (address, else the country the buyer names, else
  currency, carrier or tracking format; the answer says which), used to pick shipping and customs facts;
- ``refund_expected``: when a returned or cancelled order's refund is due;
- ``price_adjustment_open`` / ``code_window_open``: whether a price-drop refund or a forgotten code
  is still possible.

Every other fact an ask needs is answered as it stands (``fact``), scoped to the order's region,
product class or payment method where the shop's facts are scoped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from assist import regions, scoped_facts
from assist.answer_model import DAYS, Answer, _fact_answer, add_duration, as_utc, describe
from assist.item_classes import _SEALED, _matches_class, cjk_terms, product_class
from assist.models import Order
from assist.order_regions import _country, fact_regions, order_region, regional_fact, reply_region

# names other modules import from here since before the split (answer_model, item_classes, order_regions)
__all__ = [
    "DAYS",
    "TOPIC_SLOTS",
    "Answer",
    "add_duration",
    "answers_for",
    "as_utc",
    "cjk_terms",
    "describe",
    "effective_topics",
    "excluded_items",
    "fact_regions",
    "order_region",
    "product_class",
    "regional_fact",
    "reply_region",
    "return_deadline",
]
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.return_conditions import Condition, buyer_condition, policy_condition

# topic -> the slots that answer it as they stand (computed answers come on top, see answers_for)
TOPIC_SLOTS: dict[str, tuple[str, ...]] = {
    "order_status": ("shipping.transit_time", "shipping.carrier"),
    "shipping_time": (
        "shipping.transit_time",
        "shipping.carrier",
        "shipping.dispatch_cutoff",
        "shipping.dispatch_time",
    ),
    "shipping_cost": ("shipping.free_threshold",),
    "customs": ("customs.paid_by", "customs.threshold"),
    "return": ("returns.window", "returns.window_starts", "returns.shipping_paid_by"),
    "return_cost": ("returns.shipping_paid_by", "returns.shipping_cost", "returns.shop_pays_when"),
    "refund": ("refunds.time", "refunds.method"),
    "damage": ("damage.report_window", "damage.evidence", "damage.return_required", "damage.remedy"),
    "wrong_item": ("wrong_item.report_window", "damage.report_window", "damage.evidence", "returns.shop_pays_when"),
    "warranty": ("warranty.length", "warranty.excludes"),
    "cancel": ("cancellation.rule", "cancellation.window", "cancellation.refund_time"),
    "address_change": ("address_change.rule",),
    "lost": ("lost.report_after", "lost.trace_time", "lost.not_received_wait", "lost.outcome"),
    "price_adjustment": ("prices.adjustment", "prices.adjustment_window"),
    "discount_code": ("prices.code_after_purchase",),
    "price_match": ("prices.price_match",),
}
# slots a reply states per product class when no item decides the class (reply_topics: "2–4 days (small items)
# and 5–10 days (furniture)"); any other slot is stated for a named class only
PER_CLASS_SLOTS = frozenset({"shipping.transit_time"})
REGION_TOPICS = frozenset({"order_status", "shipping_time", "shipping_cost", "customs"})


# --- computed answers ---------------------------------------------------------------------


def return_deadline(
    order: Order | None, facts: PolicyFacts, now: datetime, product_class: str | None = None
) -> Answer | None:
    window = facts.get("returns.window", product_class=product_class)
    if window is None or order is None or not isinstance(window.value, int | float) or isinstance(window.value, bool):
        return None
    starts = facts.get("returns.window_starts")
    counts_from = str(starts.value) if starts else "delivery"
    start = order.placed_at if counts_from == "order" else order.delivered_at
    used = [window] + ([starts] if starts else [])
    if start is None:
        return Answer(
            key="return_deadline",
            slot="returns.window",
            value=None,
            holds=True,
            inputs={"returns.window": describe(window), "counts from": counts_from, "order.status": order.status},
            facts=used,
            note=f"the {describe(window)} return window starts at {counts_from}, which has not happened yet",
        )
    deadline = add_duration(as_utc(start).date(), window.value, window.unit)
    holds = as_utc(now).date() <= deadline
    field = "order.placed_at" if counts_from == "order" else "order.delivered_at"
    return Answer(
        key="return_deadline",
        slot="returns.window",
        value=deadline.isoformat(),
        holds=holds,
        inputs={field: as_utc(start).date().isoformat(), "returns.window": describe(window)},
        facts=used,
        note=f"return window {'open until' if holds else 'ended on'} {deadline.isoformat()} "
        f"({field[6:]} {as_utc(start).date().isoformat()} + {describe(window)})",
    )


def _apart(slot: str, facts: PolicyFacts, order: Order | None, skus: list[str] | None, text: str) -> list[str]:
    """The product classes of ``slot`` an ask is about: the classes its words name beyond the order's items (a
    part: "the battery", "the gasket"), after the items' own class where they tell it (the item's class comes
    first: "my camera" named beside a telescope is not the part that failed, but the reply states both)."""
    items = [i for i in order.items if not skus or i.sku in skus] if order else []
    apart = scoped_facts.classes_named_apart(facts.all(slot), facts, text, [i.name for i in items])
    own = product_class(slot, facts, order, skus) if apart else None
    return list(dict.fromkeys([own, *apart])) if own else apart  # type: ignore[list-item]


# where an order goes, told only by weak evidence (the shop's currency, carrier or tracking format)
_WEAK_PLACE = frozenset({"currency", "carrier", "tracking", "shop"})


def _same_everywhere(slot: str, facts: PolicyFacts, guess: regions.CountryGuess | None) -> list[PolicyFact]:
    """The fact of ``slot`` when every region the shop states it for says the same (customs: "paid by the buyer"
    everywhere it ships abroad) and the buyer's place is not known (a city the gazetteer cannot read): the
    answer holds wherever the parcel goes. Empty when the regions differ or the place is known."""
    stated = facts.all(slot)
    if guess is not None and guess.source not in _WEAK_PLACE:
        return []
    if not stated or not all(f.scope.region for f in stated):
        return []
    return stated[:1] if len({str(f.value) for f in stated}) == 1 else []


def _cited(source: dict[str, PolicyFact], matched: dict[str, str]) -> list[PolicyFact]:
    """The statements behind the matched phrases, once each, in the order they matched."""
    out: list[PolicyFact] = []
    for phrase in matched.values():
        if source[phrase] not in out:
            out.append(source[phrase])
    return out


def excluded_items(
    order: Order | None, facts: PolicyFacts, skus: list[str] | None = None, text: str = ""
) -> list[Answer]:
    """Order lines whose name matches an item class in ``returns.excluded`` (a shared word, a shared CJK
    term, or the same category such as engraved ~ personalised). A class that is excluded only once
    opened or used ("entsiegelte Software", "已拆封的茶叶", "sharpened knives", "sem o lacre") gives
    ``excluded_if_opened`` instead, and an item whose name says it is sealed does not match it; its inputs
    say the condition and what the buyer's words (``text``) say about it (assist/return_conditions.py)."""
    # A policy may list its exclusions in several sentences ("- Mystery Boxes are non-returnable." / "- Gift cards
    # can't be returned."): every general statement counts, each phrase citing its own.
    stated = [f for f in facts.all("returns.excluded") if f.scope.is_general()]
    if not stated or order is None:
        return []
    source: dict[str, PolicyFact] = {}
    for each in stated:
        for value in each.value if isinstance(each.value, list) else [str(each.value)]:
            source.setdefault(str(value), each)
    phrases = list(source)
    always: dict[str, str] = {}
    if_opened: dict[str, str] = {}
    for item in order.items:
        if skus and item.sku not in skus:
            continue
        for phrase in phrases:
            if not _matches_class(item.name, item.sku, phrase):
                continue
            if policy_condition(phrase) is not None:
                if not _SEALED.search(item.name):
                    if_opened[item.sku] = phrase
            else:
                always[item.sku] = phrase
                break
    inputs = {"order.items": ", ".join(i.name for i in order.items), "returns.excluded": "; ".join(phrases)}
    out = [
        Answer(
            key="excluded_items",
            slot="returns.excluded",
            value=always,
            holds=bool(always),
            inputs=inputs,
            facts=_cited(source, always) or stated[:1],
            note=("excluded from returns: " + ", ".join(f"{s} ({p})" for s, p in always.items()))
            if always
            else "no order item matches an excluded class",
        )
    ]
    opened = {s: p for s, p in if_opened.items() if s not in always}
    if opened:
        condition: Condition = "opened" if any(policy_condition(p) == "opened" for p in opened.values()) else "used"
        says = buyer_condition(text, condition) if text else None
        unless = "unopened" if condition == "opened" else "unused"
        note = f"returnable only {unless}: " + ", ".join(f"{s} ({p})" for s, p in opened.items())
        if says:
            note += f"; the buyer's words say {'it is ' + unless if says == 'intact' else says}"
        out.append(
            Answer(
                key="excluded_if_opened",
                slot="returns.excluded",
                value=opened,
                holds=True,
                inputs=inputs | {"condition": condition, "buyer_says": says or "nothing"},
                facts=_cited(source, opened),
                note=note,
            )
        )
    return out


def _running(
    key: str, slot: str, order: Order | None, facts: PolicyFacts, now: datetime, product_class: str | None = None
) -> Answer | None:
    fact = facts.get(slot, product_class=product_class)
    if fact is None or order is None or not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
        return None
    start = order.delivered_at or (order.placed_at if slot == "warranty.length" else None)
    if start is None:
        return None
    until = add_duration(as_utc(start).date(), fact.value, fact.unit)
    holds = as_utc(now).date() <= until
    field = "order.delivered_at" if order.delivered_at else "order.placed_at"
    return Answer(
        key=key,
        slot=slot,
        value=until.isoformat(),
        holds=holds,
        inputs={field: as_utc(start).date().isoformat(), slot: describe(fact)},
        facts=[fact],
        note=f"{slot} {'runs until' if holds else 'ended on'} {until.isoformat()}",
    )


def _items_asked(facts: PolicyFacts, order: Order | None, skus: list[str] | None, text: str) -> list[str]:
    """The warranty classes of the order's items that the ask's words name ("the rims ... and the battery from the
    same order"), in the facts' order; empty when the ask names none (or there is no order)."""
    if order is None or not text:
        return []
    slot_facts = facts.all("warranty.length")
    of_order = scoped_facts.classes_meant(slot_facts, facts, [i.name for i in order.items if not skus or i.sku in skus])
    return [c for c in scoped_facts.classes_meant(slot_facts, facts, [text]) if c in of_order]


def _more_dates(
    first: str | None, others: list[str], order: Order | None, facts: PolicyFacts, now: datetime
) -> list[Answer]:
    """The warranty dates of the other items an ask names, each of its own class beside ``first``'s (a class no
    item of the order is in gets none: this order's delivery dates nothing of it)."""
    out: list[Answer] = []
    for other in dict.fromkeys(c for c in others if c != first):
        extra = _running("warranty_until", "warranty.length", order, facts, now, product_class=other)
        if extra is not None and extra.facts[0].scope.product_class == other:
            out.append(extra)
    return out[: scoped_facts.MAX_CLASSES - 1] if first else []


def change_possible(key: str, slot: str, order: Order | None, facts: PolicyFacts, now: datetime) -> Answer | None:
    """Cancellation or address change: the rule against the order's status (and the window, if any)."""
    rule = facts.get(slot)
    if rule is None or order is None:
        return None
    used = [rule]
    inputs = {slot: str(rule.value), "order.status": order.status}
    holds = order.status == "processing"
    why = "the order has not shipped" if holds else f"the order is {order.status}"
    if str(rule.value) == "not_allowed":
        holds, why = False, "the policy does not allow it"
    elif str(rule.value) == "within_window":
        window = facts.get("cancellation.window")
        if window is not None and isinstance(window.value, int | float):
            used.append(window)
            ends = as_utc(order.placed_at) + timedelta(days=float(window.value) * DAYS.get(window.unit or "day", 1))
            inputs |= {"order.placed_at": as_utc(order.placed_at).isoformat(), "cancellation.window": describe(window)}
            if as_utc(now) > ends:
                holds, why = False, f"the {describe(window)} window ended at {ends.isoformat()}"
    if order.status == "cancelled":
        holds, why = False, "the order is already cancelled"
    return Answer(
        key=key,
        slot=slot,
        value=holds,
        holds=holds,
        inputs=inputs,
        facts=used,
        note=f"{key.replace('_', ' ')}: {'yes' if holds else 'no'} ({why})",
    )


def refund_expected(
    order: Order | None, facts: PolicyFacts, now: datetime, payment_method: str | None = None
) -> Answer | None:
    """For a returned or cancelled order: the refund time from the policy, counted from today at the latest."""
    if order is None or order.status not in ("returned", "cancelled"):
        return None
    slot = "cancellation.refund_time" if order.status == "cancelled" else "refunds.time"
    fact = facts.get(slot, payment_method=payment_method) or facts.get("refunds.time", payment_method=payment_method)
    if fact is None or not isinstance(fact.value, int | float):
        return None
    high = fact.max_value if fact.max_value is not None else fact.value
    due = add_duration(as_utc(now).date(), high, fact.unit)
    return Answer(
        key="refund_expected",
        slot=fact.slot,
        value=due.isoformat(),
        holds=True,
        inputs={
            "order.status": order.status,
            fact.slot: describe(fact),
            "counted from": as_utc(now).date().isoformat(),
        },
        facts=[fact],
        note=f"refund due by {due.isoformat()} at the latest ({describe(fact)} from today, order {order.status})",
    )


def since_order(key: str, slot: str, order: Order | None, facts: PolicyFacts, now: datetime) -> Answer | None:
    fact = facts.get(slot)
    if fact is None or order is None or not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
        return None
    until = add_duration(as_utc(order.placed_at).date(), fact.value, fact.unit)
    holds = as_utc(now).date() <= until
    return Answer(
        key=key,
        slot=slot,
        value=until.isoformat(),
        holds=holds,
        inputs={"order.placed_at": as_utc(order.placed_at).date().isoformat(), slot: describe(fact)},
        facts=[fact],
        note=f"{slot}: {'open until' if holds else 'ended on'} {until.isoformat()}",
    )


def _could_apply(rival: PolicyFact, used: PolicyFact) -> bool:
    """Whether ``rival`` may hold for the order ``used`` was chosen for: its scope is the same (none where ``used``
    has none). A less specific one is overridden by ``used`` (a class's own window beats the general one), and a
    more specific one would have been chosen had the order been in its scope."""
    for key in ("region", "product_class", "payment_method", "customer_group"):
        have, want = getattr(rival.scope, key), getattr(used.scope, key)
        if (have or "").casefold() != (want or "").casefold():
            return False
    return True


def _with_only(facts: PolicyFacts, rival: PolicyFact) -> PolicyFacts:
    """``facts`` with ``rival`` as the one fact of its slot (trusted, so the computation reads it)."""
    kept = [f for f in facts.facts if f.slot != rival.slot]
    return facts.model_copy(update={"facts": [*kept, rival.model_copy(update={"source": "manual"})]})


def doubted(compute: Callable[[PolicyFacts], Answer | None], facts: PolicyFacts) -> Answer | None:
    """``compute(facts)``, with no verdict (``holds`` None) when a rival fact of a slot it read would give the other
    one: a fact of the same slot whose scope may hold for this order (the same or none), also one held for review
    ("14 days" beside a "30 days" whose condition, say unopened goods, the extractor did not read). The note names
    the rival for the agent; the reply then states the rule, not whether it still holds
    (:mod:`assist.reply_topics`). ``compute`` is run again with each rival as its slot's only fact."""
    answer = compute(facts)
    if answer is None or answer.holds is None:
        return answer
    rivals: list[PolicyFact] = []
    for used in answer.facts:
        for rival in facts.all(used.slot, include_review=True):
            if rival in answer.facts or rival.value == used.value and rival.unit == used.unit:
                continue
            if not _could_apply(rival, used):
                continue
            other = compute(_with_only(facts, rival))
            if other is not None and other.holds is not None and other.holds != answer.holds:
                rivals.append(rival)
    if not rivals:
        return answer
    said = "; ".join(f"{r.slot} {describe(r)}" + (f' ("{r.sentence}")' if r.sentence else "") for r in rivals[:2])
    return answer.model_copy(
        update={
            "holds": None,
            "inputs": answer.inputs | {"rival": said},
            "note": f"{answer.note}; NOT stated as a verdict: the policy also says {said}, which would give the "
            "other answer (its condition may apply to this order: check before promising either way)",
        }
    )


def effective_topics(topics: list[str], order: Order | None) -> list[str]:
    """The topics to answer: a return ask about an order already returned is about its refund."""
    if order is not None and order.status in ("returned", "cancelled"):
        topics = ["refund" if t == "return" else t for t in topics]  # what is left to answer is the refund
    return list(dict.fromkeys(topics))


def answers_for(
    topics: list[str],
    facts: PolicyFacts,
    order: Order | None,
    now: datetime,
    *,
    text: str = "",
    skus: list[str] | None = None,
    payment_method: str | None = None,
    currency: str | None = None,
) -> list[Answer]:
    """Every answer the topics of one ask call for: computed answers first, then the facts as they stand."""
    out: list[Answer] = []
    # a payment method the buyer writes out by the shop's own name ("Swish", "Mercado Pago") decides its scope
    payment_method = scoped_facts.payment_named(text, facts) or payment_method
    guess = _country(order, text, facts)  # shipping, customs and even return rules may differ by region
    home = regions.home_country(currency or (order.currency if order else None))
    if guess is None and order is None and home is not None:
        guess = regions.CountryGuess(home, "shop", "no order and no country named: the shop's own country")
    if guess is not None:
        where = order_region(guess, facts, home)
        if where is not None:
            out.append(where)
    seen: set[tuple[str, str]] = set()

    def add(answer: Answer | None) -> None:
        if answer is not None and (answer.key, answer.slot or "") not in seen:
            seen.add((answer.key, answer.slot or ""))
            out.append(answer)

    topics = effective_topics(topics, order)
    for topic in topics:
        if topic in ("return", "return_cost", "cancel"):
            pclass = product_class("returns.window", facts, order, skus)
            if topic == "return":
                add(doubted(partial(return_deadline, order, now=now, product_class=pclass), facts))
            for answer in excluded_items(order, facts, text=text) if topic == "return" else []:
                add(answer)
        if topic == "wrong_item":  # a shop may give wrong or missing items their own window
            add(
                doubted(lambda x: _running("wrong_item_report_until", "wrong_item.report_window", order, x, now), facts)
            )
        if topic in ("damage", "wrong_item"):
            add(doubted(lambda x: _running("damage_report_until", "damage.report_window", order, x, now), facts))
        if topic in ("warranty", "damage"):  # a defect found after the damage-report window is a warranty case
            apart = _apart("warranty.length", facts, order, skus, text)
            asked = _items_asked(facts, order, skus, text)  # the order's items the ask names, by class
            named: list[str | None] = [*apart, *asked] or [product_class("warranty.length", facts, order, skus)]
            pclass = named[0]
            add(
                doubted(
                    partial(_running, "warranty_until", "warranty.length", order, now=now, product_class=pclass), facts
                )
            )
            for extra in _more_dates(pclass, asked, order, facts, now):
                if ("class", str(extra.facts[0].scope.product_class)) not in seen:
                    seen.add(("class", str(extra.facts[0].scope.product_class)))
                    out.append(extra)
        if topic == "cancel":
            add(doubted(lambda x: change_possible("cancel_possible", "cancellation.rule", order, x, now), facts))
        if topic == "address_change":
            add(
                doubted(
                    lambda x: change_possible("address_change_possible", "address_change.rule", order, x, now), facts
                )
            )
        if topic in ("refund", "cancel"):
            add(refund_expected(order, facts, now, payment_method))
        if topic == "price_adjustment":
            add(
                doubted(
                    lambda x: since_order("price_adjustment_open", "prices.adjustment_window", order, x, now), facts
                )
            )
        if topic == "discount_code":
            add(doubted(lambda x: since_order("code_window_open", "prices.code_after_purchase", order, x, now), facts))
        slots = TOPIC_SLOTS.get(topic, ())
        if topic == "order_status" and order is None:  # no order yet: "when does it ship?" asks the dispatch too
            slots = TOPIC_SLOTS["shipping_time"]
        if topic == "refund" and order is not None and order.status in ("processing", "cancelled"):
            slots = ("cancellation.refund_time", "refunds.method")  # the refund of a cancellation
        for slot in slots:
            if ("fact", slot) in seen:
                continue
            place = guess.country if guess else None
            hint = product_class(slot, facts, order, skus)
            chosen = scoped_facts.choose(
                slot,
                facts,
                place,
                home,
                order=order,
                skus=skus,
                text=text,
                payment_method=payment_method,
                hint=hint,
                every_class=slot in PER_CLASS_SLOTS,
                apart=_apart(slot, facts, order, skus, text),
            )
            if not chosen and slot == "customs.paid_by":
                chosen = _same_everywhere(slot, facts, guess)
            if chosen:
                seen.add(("fact", slot))
                out.append(_fact_answer(chosen[0]))
            if len(chosen) > 1:  # the product class stays open, or the order holds several: each class's fact
                out.append(
                    Answer(
                        key="by_class",
                        slot=slot,
                        value=[describe(f) for f in chosen],
                        facts=chosen,
                        inputs={f.scope.product_class or f.scope.region or "": describe(f) for f in chosen},
                        note=f"{slot} per scope (no item or place decides one): "
                        + "; ".join(f"{f.scope.product_class or f.scope.region} {describe(f)}" for f in chosen),
                    )
                )
    return out
