"""The answers an ask calls for, from the shop's policy facts and the order, each carrying its inputs.

An answer is what a reply states and a draft check compares against: "the return window ended on
9 November" is the delivery date plus the window, so the answer keeps both, and the fact it read
(with the policy sentence). Computed (the dates and verdicts in :mod:`assist.computed_answers`):

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

import re
from collections import Counter
from datetime import datetime
from functools import partial
from typing import Any

from assist import regions, scoped_facts
from assist.answer_model import DAYS, Answer, add_duration, as_utc, describe, fact_answer
from assist.computed_answers import (
    change_possible,
    doubted,
    refund_expected,
    return_deadline,
    running,
    since_order,
)
from assist.item_classes import _SEALED, _cjk_ends, _matches_class, cjk_terms, product_class
from assist.models import Order
from assist.order_regions import _country, fact_regions, order_region, regional_fact, reply_region

# names other modules import from here since before the split (answer_model, item_classes, order_regions,
# computed_answers)
__all__ = [
    "DAYS",
    "TOPIC_SLOTS",
    "Answer",
    "add_duration",
    "answers_for",
    "as_utc",
    "cjk_terms",
    "describe",
    "doubted",
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
from assist.return_conditions import Condition, buyer_condition, policy_condition, without_condition

# topic -> the slots that answer it as they stand (computed answers come on top, see answers_for)
TOPIC_SLOTS: dict[str, tuple[str, ...]] = {
    "order_status": ("shipping.transit_time", "shipping.carrier"),
    "shipping_time": (
        "shipping.transit_time",
        "shipping.carrier",
        "shipping.dispatch_cutoff",
        "shipping.dispatch_time",
    ),
    "shipping_cost": ("shipping.cost", "shipping.free_threshold"),
    "customs": ("customs.paid_by", "customs.threshold"),
    "return": ("returns.window", "returns.window_starts", "returns.conditions", "returns.shipping_paid_by"),
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
PER_CLASS_SLOTS = frozenset({"shipping.transit_time", "shipping.cost", "shipping.dispatch_time"})
REGION_TOPICS = frozenset({"order_status", "shipping_time", "shipping_cost", "customs"})


# --- computed answers ---------------------------------------------------------------------


def _apart(slot: str, facts: PolicyFacts, order: Order | None, skus: list[str] | None, text: str) -> list[str]:
    """The product classes of ``slot`` an ask is about: the classes its words name beyond the order's items (a
    part: "the battery", "the gasket"), after the items' own class where they tell it (the item's class comes
    first: "my camera" named beside a telescope is not the part that failed, but the reply states both)."""
    items = [i for i in order.items if not skus or i.sku in skus] if order else []
    apart = scoped_facts.classes_named_apart(facts.all(slot), facts, text, [i.name for i in items])
    own = product_class(slot, facts, order, skus) if apart else None
    return list(dict.fromkeys([own, *apart])) if own else apart  # type: ignore[list-item]


def _per_payment(facts: PolicyFacts, payment_method: str | None, chosen: list[PolicyFact], text: str) -> Answer | None:
    """The refund time of each payment method the shop states one for, with its general time first where it states
    one, when the buyer's method is not known (the order does not say it, the buyer names none or several): "5
    business days and 24 hours (Idram)" answers "how long for each?", and a shop that states the time only per method
    answers at all. None when the method is known, when the buyer names a method of none of the scopes where the
    shop states a general time (that time is theirs), or when the shop states no time per method."""
    from assist.asks import payment_kinds

    if payment_method is not None:
        return None
    scoped = _one_language([f for f in facts.all("refunds.time") if f.scope.payment_method])
    folded = text.casefold()
    if not scoped or (
        chosen
        and payment_kinds(text)
        and not any(len(n) >= 3 and n.casefold() in folded for f in scoped for n in [f.scope.payment_method or ""])
    ):
        return None
    listed = [*chosen[:1], *scoped]
    return Answer(
        key="by_payment",
        slot="refunds.time",
        value=[describe(f) for f in listed],
        facts=listed,
        inputs={f.scope.payment_method or "": describe(f) for f in listed},
        note="refunds.time per payment method (the buyer's method is not known): "
        + "; ".join(f"{f.scope.payment_method or 'general'} {describe(f)}" for f in listed),
    )


def _one_language(scoped: list[PolicyFact]) -> list[PolicyFact]:
    """The payment-scoped facts of one policy language: a shop whose policy is written in several languages states
    each method's time once in each ("PayPal, Apple Pay und Google Pay", "PayPal, Apple Pay and Google Pay"); the
    language that names the most methods (the first of them on a tie) is listed, not every copy."""
    count = Counter(f.language for f in scoped)
    best = max(count, key=lambda language: count[language], default=None)
    return [f for f in scoped if f.language == best]


# where an order goes, told only by weak evidence (the shop's currency, carrier or tracking format)
_WEAK_PLACE = frozenset({"currency", "carrier", "tracking", "shop"})


def _same_everywhere(
    slot: str, facts: PolicyFacts, guess: regions.CountryGuess | None, home: str | None = None, placed: bool = False
) -> list[PolicyFact]:
    """The fact of ``slot`` when every region the shop states it for says the same (customs: "paid by the buyer"
    everywhere it ships abroad) and the buyer's place is not known (a city the gazetteer cannot read), or is known
    to lie abroad (not ``home``) but in no region the policy's names are read as (``placed`` False): the answer
    holds wherever the parcel goes. Empty when the regions differ, when only one region states it (duties
    "outside the EU" say nothing of a parcel that may stay inside) or the place is known at home or in a region."""
    stated = facts.all(slot)
    abroad = guess is not None and home is not None and guess.country.split("-")[0] != home.split("-")[0]
    abroad = abroad and not placed
    if guess is not None and guess.source not in _WEAK_PLACE and not abroad:
        return []
    if not stated or not all(f.scope.region for f in stated):
        return []
    if len({str(f.scope.region).casefold() for f in stated}) < 2:  # one region ("outside the EU") is not everywhere
        return []
    return stated[:1] if len({str(f.value) for f in stated}) == 1 else []


def _bare_region(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[(（\[].*?[)）\]]", " ", name)).strip().casefold()


def _region_by_name(slot: str, facts: PolicyFacts, region: str) -> list[PolicyFact]:
    """The fact of ``slot`` for the order's region named without its member list: one table names the region
    with the countries it holds ("International (Singapore, Malaysia, ...)"), another sentence of the same policy
    by its bare name ("international orders: duties are paid by the buyer"). Empty when no region of the slot
    has that bare name."""
    bare = _bare_region(region)
    if not bare:
        return []
    same = [f for f in facts.all(slot) if f.scope.region and _bare_region(f.scope.region) == bare]
    # or a region named with others in one line ("Nijar da Kamaru": Niger and Cameroon), the order's among them
    words = re.compile(rf"(?<!\w){re.escape(bare)}(?!\w)")
    among = [f for f in facts.all(slot) if f.scope.region and words.search(_bare_region(f.scope.region))]
    return (same or among)[:1]


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


def excluded_named(facts: PolicyFacts, text: str) -> Answer | None:
    """With no order, the classes ``returns.excluded`` lists that the ask's own words name ("if I order a tile
    with our house's name, can I return it?" ~ "personalised tiles"): the policy's exclusion, stated as the
    policy's, never as a verdict on an item. None when the words name none."""
    stated = [f for f in facts.all("returns.excluded") if f.scope.is_general()]
    if not stated or not text:
        return None
    source: dict[str, PolicyFact] = {}
    for each in stated:
        for value in each.value if isinstance(each.value, list) else [str(each.value)]:
            source.setdefault(str(value), each)
    # the class's own words, not its condition: "items I opened" names no "opened software"
    named = {p: p for p in source if (bare := without_condition(p)) and _matches_class(text, "", bare)}
    if not named:
        return None
    return Answer(
        key="fact",
        slot="returns.excluded",
        value=list(named),
        inputs={"ask": text, "returns.excluded": "; ".join(source)},
        facts=_cited(source, named),
        note="the ask names classes the policy excludes from returns: " + "; ".join(named),
    )


def _items_asked(facts: PolicyFacts, order: Order | None, skus: list[str] | None, text: str) -> list[str]:
    """The warranty classes of the order's items that the ask's words name ("the rims ... and the battery from the
    same order"), in the facts' order; empty when the ask names none (or there is no order)."""
    if order is None or not text:
        return []
    slot_facts = facts.all("warranty.length")
    of_order = scoped_facts.classes_meant(slot_facts, facts, [i.name for i in order.items if not skus or i.sku in skus])
    return [c for c in scoped_facts.classes_meant(slot_facts, facts, [text]) if c in of_order]


def _order_classes(facts: PolicyFacts, order: Order | None, skus: list[str] | None) -> list[str]:
    """The warranty classes of the order's items (or the named ones), when they are in more than one: no item
    decides which one an ask means."""
    if order is None:
        return []
    names = [i.name for i in order.items if not skus or i.sku in skus]
    slot_facts = facts.all("warranty.length")
    found = [c for c in scoped_facts.classes_meant(slot_facts, facts, names) if any(_names_class(c, n) for n in names)]
    return found if len(found) > 1 else []


def _names_class(class_name: str, item_name: str) -> bool:
    """Whether an item's name holds a word of the class's name, or its plural or singular ("Dumbbell" ~
    "dumbbells"): stricter than a shared beginning, which takes "koffiebonen" for one of the "koffiemolens"."""
    words = {w.casefold() for w in re.findall(r"[^\W\d_]{4,}", class_name)}
    for word in (w.casefold() for w in re.findall(r"[^\W\d_]{4,}", item_name)):
        if any(word == w or (w.startswith(word) or word.startswith(w)) and abs(len(w) - len(word)) <= 2 for w in words):
            return True
    return _cjk_ends(class_name, item_name)


def _more_dates(
    first: str | None, others: list[str], order: Order | None, facts: PolicyFacts, now: datetime
) -> list[Answer]:
    """The warranty dates of the other items an ask names, each of its own class beside ``first``'s (a class no
    item of the order is in gets none: this order's delivery dates nothing of it)."""
    out: list[Answer] = []
    for other in dict.fromkeys(c for c in others if c != first):
        extra = running("warranty_until", "warranty.length", order, facts, now, product_class=other)
        if extra is not None and extra.facts[0].scope.product_class == other:
            out.append(extra)
    return out[: scoped_facts.MAX_LISTED - 1] if first else []


SPOKEN_AT_LEAST = 5.0  # a language this share of a country's people speak (CLDR) is one its buyers write in


def writes_from_abroad(language: str | None, home: str | None) -> bool:
    """Whether a buyer who writes in ``language`` is, by that alone, no buyer in the shop's own country ``home``: a
    language few there speak (CLDR's population share, or not official there): a Serbian buyer of a Bulgarian shop.
    False where either is unknown, where the language is one the country's people write, and for English, which
    buyers write from anywhere (measured: an English buyer of an Indonesian shop asking about Medan)."""
    from babel.languages import get_official_languages, get_territory_language_info

    if not language or not home:
        return False
    base = language.replace("-", "_").split("_")[0].casefold()
    if base == "en":
        return False
    country = regions.country_of(home)
    shares = get_territory_language_info(country).items()
    spoken = {k for k, v in shares if float(v.get("population_percent") or 0) >= SPOKEN_AT_LEAST}
    spoken |= set(get_official_languages(country, regional=True, de_facto=True))
    return bool(spoken) and base not in {s.split("_")[0] for s in spoken}


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
    shop_settings: dict[str, Any] | None = None,
    buyer_language: str | None = None,
) -> list[Answer]:
    """Every answer the topics of one ask call for: computed answers first, then the facts as they stand
    (``shop_settings``: where the shop's own country is set or its policy language told). With no order and no
    place named, the shop's own country stands in for the buyer's place, unless the buyer writes in a language few
    there speak (``buyer_language``)."""
    out: list[Answer] = []
    # a payment method the buyer writes out by the shop's own name ("Swish", "Mercado Pago") decides its scope
    payment_method = scoped_facts.payment_named(text, facts) or payment_method
    home = regions.shop_home_country(currency or (order.currency if order else None), shop_settings, facts)
    guess = _country(order, text, facts, home)  # shipping, customs and even return rules may differ by region
    if (
        guess is None
        and order is None
        and home is not None
        and regions.stated_home_country(currency, shop_settings)
        and not writes_from_abroad(buyer_language, home)
    ):
        guess = regions.CountryGuess(home, "shop", "no order and no country named: the shop's own country")
    where = order_region(guess, facts, home) if guess is not None else None
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
                place = guess.country if guess else None
                add(
                    doubted(
                        partial(return_deadline, order, now=now, product_class=pclass, place=place, home=home), facts
                    )
                )
            for answer in excluded_items(order, facts, text=text) if topic == "return" else []:
                add(answer)
            if topic == "return" and order is None:
                add(excluded_named(facts, text))
        if topic == "wrong_item":  # a shop may give wrong or missing items their own window
            add(doubted(lambda x: running("wrong_item_report_until", "wrong_item.report_window", order, x, now), facts))
        if topic in ("damage", "wrong_item"):
            add(doubted(lambda x: running("damage_report_until", "damage.report_window", order, x, now), facts))
        if topic in ("warranty", "damage"):  # a defect found after the damage-report window is a warranty case
            apart = _apart("warranty.length", facts, order, skus, text)
            asked = _items_asked(facts, order, skus, text)  # the order's items the ask names, by class
            if not apart and not asked:  # the ask names none: each class the order's items are in, when several
                asked = _order_classes(facts, order, skus)
            named: list[str | None] = [*apart, *asked] or [product_class("warranty.length", facts, order, skus)]
            pclass = named[0]
            add(
                doubted(
                    partial(running, "warranty_until", "warranty.length", order, now=now, product_class=pclass), facts
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
        elif topic == "order_status" and order is not None and order.status == "processing":
            slots = (*slots, "shipping.dispatch_time")  # not shipped yet: when it will be (of its items' class)
        elif topic == "order_status" and order is not None and order.status == "cancelled":
            slots = (*slots, "cancellation.refund_time")  # cancelled: when the money comes back
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
            if slot == "refunds.time" and (per := _per_payment(facts, payment_method, chosen, text)):
                add(per)
            if not chosen and slot == "customs.paid_by":
                chosen = _same_everywhere(slot, facts, guess, home, placed=where is not None and bool(where.value))
            if not chosen and where is not None and where.value:
                chosen = _region_by_name(slot, facts, str(where.value))
            if chosen:
                seen.add(("fact", slot))
                out.append(fact_answer(chosen[0]))
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
