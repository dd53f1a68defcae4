"""Numbers in a draft against the shop's facts: which slot a duration or an amount states, and whether it agrees.

A number's role comes from its own words: the topic of its part of the clause ("30 days to return it, and 2
years of warranty"), a delivery word before it as what it measures ("should arrive in 2-4 working days" is a
transit time, never a refund time), a return parcel's trip to the shop as no policy number at all; where its own
words name nothing, the slot the buyer asked about. Amounts need a threshold word next to them ("free from €49").
"""

from __future__ import annotations

import re
from typing import Any

from assist import regions
from assist.answers import product_class, regional_fact
from assist.char_classes import LETTER
from assist.models import QAIssue
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.quality import lexicon as lx
from assist.quality.claim_frames import bounds, clause_at
from assist.quality.claim_reader import PROPOSE_AT, VETO_AT, VETO_BELOW, SlotReading
from assist.quality.claims import (
    carriers_named,
    money_returned,
    number_topics,
    parcel_takes,
    reader_cue_missing,
    return_received,
    return_trip,
)
from assist.quality.context import DraftContext
from assist.quality.extract import DAYS_PER, Duration, draft_durations, next_day
from assist.quality.shop_cues import shop_number_slot
from assist.quality.text_spans import sentence_at

# a refund promised faster than the policy is an error; a slower one still contradicts it, as a warning
REFUND_SLOTS = frozenset({"refunds.time", "cancellation.refund_time"})


def quote(fact: PolicyFact | None) -> str:
    """The policy sentence a contradiction cites, as the end of an issue message."""
    if fact is None or not fact.sentence:
        return ""
    return f' The policy says: "{fact.sentence.strip()}"'


def _days(value: float, unit: str | None) -> float:
    return value * DAYS_PER.get("day" if unit in (None, "business_day") else unit, 1.0)


# a conjunction right after a digit joins the two ends of a range ("entre 3 y 6 días", "3 e 5 giorni"), not two parts
_PART_END = re.compile(r"[,，:：]\s*|(?<!\d)\s(?:and|but|und|aber|et|mais|y|pero|e|ma|mas|而且|并且)\s")


def clause_of(text: str, start: int) -> str:
    left, right = clause_at(text, start)
    return text[left:right]


def _clause_and_part(text: str, start: int) -> tuple[str, str]:
    """The clause around ``start`` and, inside it, the part between commas and conjunctions."""
    left, right = clause_at(text, start)
    clause = text[left:right]
    part_left, part_right = bounds(clause, start - left, _PART_END)
    return clause, clause[part_left:part_right]


def _topic(part: str) -> str | None:
    slot = next((slot for slot, pattern in number_topics().items() if pattern.search(part)), None)
    if slot == "returns.window" and money_returned(part):
        return "refunds.time"  # "o valor é devolvido em 4 dias úteis": the money comes back, not the goods
    return slot


def number_slot(text: str, start: int) -> str | None:
    """The policy slot a number at ``start`` states: the first topic whose words occur in its part of the
    clause (between commas and conjunctions: "Tienes 45 días para devolverla, y tiene 2 años de garantía"),
    else in its clause."""
    clause, part = _clause_and_part(text, start)
    return _topic(part) or _topic(clause)


_REFERENCE = re.compile(
    r"\b(after|from|of|since|nach|ab|seit|dès|après|depuis|de la|desde|después de|tras|dalla|dal|dopo|da|após"
    r"|a partir d\w*|na|vanaf)\s*$",
    re.IGNORECASE,
)


def _travels(clause: str, part_left: int, at: int) -> bool:
    """Whether a delivery word before the number in its part is what the number measures ("should arrive in 2-4
    working days", "wird in 3 Tagen zugestellt"), not a reference point ("14 days after delivery", "nach Lieferung
    14 Tage"): a transit time is never another slot's number."""
    pattern = number_topics()["shipping.transit_time"]
    before = list(pattern.finditer(clause, part_left, at))
    return bool(before) and not _REFERENCE.search(clause[max(part_left, before[-1].start() - 14) : before[-1].start()])


# the slot a number answers when the buyer's ask is about this topic and the number's own words name no other
ASK_SLOTS = {
    "damage": "damage.report_window",
    "wrong_item": "damage.report_window",
    "warranty": "warranty.length",
    "refund": "refunds.time",
    "return": "returns.window",
    "shipping_time": "shipping.transit_time",
    "price_adjustment": "prices.adjustment_window",
    "discount_code": "prices.code_after_purchase",
}


# the learned ask-topic reader's probability at which its topic is the buyer's ask where no cue word names one
ASKED_AT = 0.9


def asked_slot(buyer: str, facts: PolicyFacts, embed: Any = None) -> str | None:
    """The one duration slot the buyer's latest words ask about (their asks' topics, the same reader the
    replies use), when the shop states it; None when they ask about several or none. ``embed``: the encoder that
    reads the buyer's language where the first does not (the draft check's ``reading_encoder``); where no cue word
    names a topic ("किती दिवसांत परत करता येईल?"), the learned ask-topic reader over it gives the topic it is sure of."""
    from assist.asks import topics_of

    topics = topics_of(buyer) or learned_topics(buyer, embed)
    slots = {ASK_SLOTS[t] for t in topics if t in ASK_SLOTS}
    slots = {s for s in slots if any(numeric(f) for f in facts.all(s))}
    return next(iter(slots)) if len(slots) == 1 else None


def learned_topics(buyer: str, embed: Any) -> list[str]:
    """The topic the learned ask-topic reader over ``embed`` reads in the buyer's words at :data:`ASKED_AT` or more
    (the reader the second encoder's claim heads are built with, :mod:`assist.quality.claim_encoders`); [] without
    an encoder or words."""
    from assist.ask_topics import topic_model

    if embed is None or not buyer.strip():
        return []
    model = topic_model(embed, cache_dir=_cache_dir())
    reading = model.read([buyer])[0] if model is not None else None
    return [reading.topic] if reading is not None and reading.probability >= ASKED_AT else []


def asks_to_cancel(buyer: str) -> bool:
    """Whether the buyer's latest words ask about cancelling the order, in any language the ask reader reads
    ("Můžu zrušit?", "Kan jeg avbestille?"): a refund the draft then promises is the cancelled order's."""
    from assist.asks import topics_of

    return "cancel" in topics_of(buyer)


# after a duration: the point it is measured from ("48 hours of delivery", "14 Tage nach Erhalt", "48 heures suivant
# la livraison"): a window that starts at delivery, never the delivery's own time
_FROM_AFTER = re.compile(
    r"^\W{0,3}(?:of|after|from|following|since|nach|ab|seit|suivant|après|dès|depuis|de|a partir de|desde|tras"
    r"|siguientes? a|posteriores? a|dalla|dal|dopo|da|successiv[ie] a|após|a contar d[aoe]|na|vanaf)\s",
    re.IGNORECASE,
)


def _measured_from(draft: str, end: int) -> bool:
    """Whether the words right after a duration name the point it is measured from, followed by a delivery word."""
    after = draft[end : end + 40]
    m = _FROM_AFTER.match(after)
    return m is not None and bool(number_topics()["shipping.transit_time"].search(after, m.end(), m.end() + 25))


def _by_carrier(draft: str, duration: Duration, ctx: DraftContext) -> bool:
    """Whether a number whose own words name no slot sits in a part that names a carrier (the shop's, the order's,
    a well-known one): it is the parcel's journey, never the slot the buyer asked about."""
    from assist.quality.claim_polarity import carrier_names

    part = _clause_and_part(draft, duration.span.start)[1]
    if _topic(part) is not None:
        return False
    names = [*carrier_names(ctx, draft), *(s.text for s in carriers_named(part))]
    names += [n.split()[0] for n in names if len(n.split()) > 1 and len(n.split()[0]) >= 3]  # "ACS" of "ACS Courier"
    return any(re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", part, re.IGNORECASE) for name in names if name)


def _return_trip(draft: str, start: int) -> bool:
    left, right = clause_at(draft, start)
    clause = draft[left:right]
    part_left, part_right = bounds(clause, start - left, _PART_END)
    return return_trip(clause[part_left:part_right])


def draft_slot(draft: str, start: int, asked: str | None) -> str | None:
    """The slot a number in a draft states: its own part of the clause first; where that names nothing (or only
    delivery, which every sentence about a parcel mentions), the slot the buyer asked about; then its clause.
    A draft answers the buyer: "请在收货后7天内联系我们…我们会为您退款" to "it arrived broken" is the damage window."""
    left, right = clause_at(draft, start)
    clause = draft[left:right]
    part_left, part_right = bounds(clause, start - left, _PART_END)
    if return_trip(clause[part_left:part_right]):
        return None  # the return parcel's trip to the shop states no policy number
    own = _topic(clause[part_left:part_right])
    if own == "returns.window" and return_received(clause[part_left:part_right]):
        return None  # counted from the return's arrival at the shop: no return window
    if own is None and parcel_takes(clause[part_left:part_right], clause):
        return "shipping.transit_time"  # "DPD braucht 4 bis 7 Werktage": the parcel's own time, whatever was asked
    if own is not None and (
        own != "shipping.transit_time" or asked is None or _travels(clause, part_left, start - left)
    ):
        return own
    return asked or _topic(clause)


# slots the reader may read for one another without vetoing the rules (a refund's time is the same kind of
# number for a return and a cancellation; a wrong item is reported like a damaged one)
SAME_KIND = {"cancellation.refund_time": "refunds.time", "wrong_item.report_window": "damage.report_window"}


def readings(draft: str, ctx: DraftContext, spans: list[tuple[int, int]], kind: str) -> list[SlotReading | None]:
    """The claim reader's slot for each number (None everywhere without a reader)."""
    reader = ctx.claim_reader
    if reader is not None and ctx.reading_encoder is not None:  # a language the first encoder does not read
        from assist.quality.claim_reader import claim_reader

        reader = claim_reader(ctx.reading_encoder, _cache_dir())
    if reader is None or not spans:
        return [None] * len(spans)
    return list(reader.read(draft, [(start, end, kind) for start, end in spans]))


def _cache_dir() -> Any:
    try:
        from assist.config import get_settings

        return get_settings().cache_dir
    except Exception:  # no settings (a library caller): memory only
        return None


def _kind(slot: str) -> str:
    return SAME_KIND.get(slot, slot)


def reread(rules: str | None, reading: SlotReading | None, proposable: frozenset[str] | None = None) -> str | None:
    """The slot a number is checked against: the rules' slot, unless the reader is sure the number speaks of
    another fact (VETO_AT) and gives the rules' slot almost no chance (VETO_BELOW): then the rules' alarm is
    vetoed and the number is held to the reader's slot instead (none: no alarm); where the rules find no role,
    the reader's slot when it is sure enough (PROPOSE_AT)."""
    if reading is None:
        return rules
    wanted = reading.slot != "none" and (proposable is None or reading.slot in proposable)
    if rules is not None:
        same = sum(p for slot, p in reading.probabilities.items() if _kind(slot) == _kind(rules))
        vetoed = _kind(reading.slot) != _kind(rules) and reading.probability >= VETO_AT and same < VETO_BELOW
        if not vetoed:
            return rules
        return reading.slot if wanted else None
    return reading.slot if wanted and reading.probability >= PROPOSE_AT else None


def number_issues(
    draft: str, ctx: DraftContext, facts: PolicyFacts, country: str | None, home: str | None, skip_transit: bool = False
) -> list[QAIssue]:
    """Durations against the slot they state. ``skip_transit``: the draft misstates the order's status, so its
    transit time describes a journey that is not happening; the status is the one error to report."""
    issues: list[QAIssue] = []
    buyer = latest_buyer_text(ctx)
    asked = asked_slot(buyer, facts, ctx.reading_encoder)
    cancelled = ctx.order is not None and ctx.order.status == "cancelled"
    about_cancel = cancelled or bool(lx.TOPICS["cancellation_window_hours"].search(buyer)) or asks_to_cancel(buyer)
    found = draft_durations(draft)
    found += [
        d for d in next_day(draft) if not any(o.span.start < d.span.end and d.span.start < o.span.end for o in found)
    ]
    read = readings(draft, ctx, [(d.span.start, d.span.end) for d in found], "duration")
    for duration, reading in zip(found, read, strict=True):
        if _return_trip(draft, duration.span.start):
            continue  # the return parcel's trip to the shop states no policy number
        rules = draft_slot(draft, duration.span.start, asked)
        if rules is not None and rules == asked != "shipping.transit_time" and _by_carrier(draft, duration, ctx):
            rules = None  # "we send to the Netherlands with <the shop's carrier> in 5-8 days": not the asked slot
        if rules == "shipping.transit_time" and _measured_from(draft, duration.span.end):
            rules = asked if asked != "shipping.transit_time" else None  # "within 48 hours of delivery"
        slot = reread(rules, reading)
        if slot is None and rules is None:  # "वारेन्टी ६ महिना": the shop's own word for one topic names its slot
            slot = shop_number_slot(clause_of(draft, duration.span.start), duration.span.text, facts)
        if slot is None or (skip_transit and slot == "shipping.transit_time"):
            continue
        if slot == "returns.window" and _cancelled_money(draft, ctx, duration, facts):
            slot = "cancellation.refund_time"  # "povrat za otkazanu narudžbu traje tri tjedna": the money comes back
        own = _topic(_clause_and_part(draft, duration.span.start)[1])
        if slot != rules and own == rules and _agrees(ctx, duration, rules, facts):
            continue  # the number is the very number of the slot its own words name: the reader's veto stays silent
        if slot == "returns.window" and own != slot and _return_refused(draft, duration.span.start):
            continue  # "X cannot be returned, but alterations are free for 12 months": a refused return has no window
        clause = clause_of(draft, duration.span.start)
        if slot == "refunds.time":
            cancels = _cancels(draft, ctx, duration.span.start)  # the draft cancels the order or offers to
            if lx.TOPICS["cancellation_window_hours"].search(clause) or (
                (about_cancel or cancels) and facts.get("cancellation.refund_time")
            ):
                if not about_cancel and _method_refund(ctx, duration, facts):
                    continue  # "for instalments the bank refunds in 10 days and cancels the remaining payments"
                slot = "cancellation.refund_time"  # the refund of a cancelled order has its own time
            elif cancels:
                continue  # the money of an order the draft cancels: a returned item's refund time is not its time
        place = regions.country_in_text(clause) or country
        stated = [f for f in facts.all(slot) if numeric(f)]
        fact = regional_fact(slot, facts, place, home) or _scoped_fact(slot, facts, ctx, clause)
        if fact is None and stated and all(f.scope.region for f in stated):
            fact = stated[0]  # stated per region only: held to the regions that may hold the place
        if fact is None and stated:
            fact = _method_named(ctx, duration, slot, stated, clause)
        if fact is None:
            issues += _denied(ctx, duration, slot, facts)
            continue
        if not numeric(fact):
            continue
        part = _clause_and_part(draft, duration.span.start)[1]
        issue = _held_to_scope(ctx, duration, slot, fact, facts, (clause, part), place, home)
        if issue is not None:
            issues.append(issue)
    return issues


def _held_to_scope(
    ctx: DraftContext,
    duration: Duration,
    slot: str,
    fact: PolicyFact,
    facts: PolicyFacts,
    words: tuple[str, str],
    place: str | None,
    home: str | None,
) -> QAIssue | None:
    """The issue for a number held to the facts of its slot whose scope fits its clause
    (:func:`assist.quality.fact_scopes.possible_facts`): none when it agrees with any of them."""
    from assist.quality.fact_scopes import possible_facts

    stated = [f for f in facts.all(slot) if numeric(f)]
    clause, part = words
    possible = possible_facts(slot, stated, facts, ctx, clause, place, home, part) if len(stated) > 1 else [fact]
    if not possible or any(_compare(ctx, duration, other, slot) is None for other in possible):
        return None
    if len(stated) > 1 and not _buyer_names_same(ctx, clause, slot, stated, facts, possible, place, home):
        # a scope read by meaning alone is a guess: a value another fitting scope states is no error
        firm = possible_facts(slot, stated, facts, ctx, clause, place, home, part, by_meaning=False)
        if any(_compare(ctx, duration, other, slot) is None for other in firm):
            return None
    return _compare(ctx, duration, fact if fact in possible else possible[0], slot)


def _buyer_names_same(
    ctx: DraftContext,
    clause: str,
    slot: str,
    stated: list[PolicyFact],
    facts: PolicyFacts,
    possible: list[PolicyFact],
    place: str | None,
    home: str | None,
) -> bool:
    """Whether the buyer's latest turn, read on its own, names the one scope the draft's words were read to name
    ("Wie lange Garantie hat das Netzteil?" answered with "auf das Netzteil ..."): two readings by meaning of two
    texts that agree are no guess."""
    from assist.quality.fact_scopes import possible_facts

    asked = latest_buyer_text(ctx)
    if not asked or len(possible) != 1 or len(possible) == len(stated):
        return False
    if _other_scope_written(f"{asked} {clause}", possible[0], stated):
        return False  # "हेडल्याम्पको ... वारेन्टी" read as another component's by meaning: the label's own word wins
    return possible_facts(slot, stated, facts, ctx, asked, place, home) == possible


_LABEL_WORD = re.compile(rf"{LETTER}{{4,}}")


def _other_scope_written(text: str, chosen: PolicyFact, stated: list[PolicyFact]) -> bool:
    """Whether ``text`` writes a word of a scope label of ``stated`` other than ``chosen``'s (as written or with an
    ending: "हेडल्याम्पको" for "हेडल्याम्प") that ``chosen``'s label does not have."""
    said = [w.casefold() for w in _LABEL_WORD.findall(text)]

    def words(fact: PolicyFact) -> set[str]:
        labels = [str(v) for v in fact.scope.model_dump().values() if isinstance(v, str)]
        return {w.casefold() for label in labels for w in _LABEL_WORD.findall(label)}

    own = words(chosen)
    others = {w for f in stated if f is not chosen for w in words(f)} - own
    return any(w.startswith(o) for w in said for o in others)


def _cancelled_money(draft: str, ctx: DraftContext, duration: Duration, facts: PolicyFacts) -> bool:
    """Whether a number read as a return window speaks of a cancelled order's money ("any advance is returned within
    24 hours", "povrat za otkazanu narudžbu"): its sentence speaks of cancelling (in any language the cancel cue
    words read), the order was never delivered (there is no item to send back) and the shop states a cancelled
    order's refund time."""
    if facts.get("cancellation.refund_time") is None or _measured_from(draft, duration.span.end):
        return False
    if ctx.order is not None and ctx.order.status in ("delivered", "returned"):
        return False
    return not reader_cue_missing("cancel", sentence_at(draft, duration.span.start).text)


def _return_refused(draft: str, start: int) -> bool:
    """Whether the number's sentence refuses a return ("ne peuvent pas être retournés")."""
    from assist.quality.claims import find_claims

    sentence = sentence_at(draft, start)
    return any(c.kind == "cannot_return" and c.sentence.start == sentence.start for c in find_claims(draft))


def _agrees(ctx: DraftContext, duration: Duration, slot: str | None, facts: PolicyFacts) -> bool:
    """Whether the duration is the shop's number for ``slot`` (any of its facts)."""
    stated = [f for f in facts.all(slot) if numeric(f)] if slot else []
    return any(_compare(ctx, duration, f, slot) is None for f in stated if slot)


def _cancels(draft: str, ctx: DraftContext, start: int) -> bool:
    """Whether the draft cancels the order or says it can be cancelled (in any language the claim readers read), or
    the number's own sentence speaks of cancelling ("я его отменю, и деньги вернутся через 3 дня")."""
    from assist.quality.claim_polarity import draft_claims

    sentence = sentence_at(draft, start).text
    if number_topics()["cancellation.window"].search(sentence) or not reader_cue_missing("cancel", sentence):
        return True  # the cancel words of any language the cue words read ("za otkazanu narudžbu")
    return any(c.kind in ("can_cancel", "cancelled") for c in draft_claims(draft, ctx))


def _method_refund(ctx: DraftContext, duration: Duration, facts: PolicyFacts) -> bool:
    """Whether the number is the refund time the shop states for one payment method: where neither the buyer nor the
    order speaks of cancelling, the draft's cancelling words then speak of what that method's refund cancels (the
    instalments left), not of the order."""
    stated = [f for f in facts.all("refunds.time") if numeric(f) and f.scope.payment_method]
    return any(_compare(ctx, duration, f, "refunds.time") is None for f in stated)


def _method_named(
    ctx: DraftContext, duration: Duration, slot: str, stated: list[PolicyFact], clause: str
) -> PolicyFact | None:
    """Where the shop states ``slot`` only per payment method or customer group (a refund time per method): the fact
    whose scope the clause names by meaning ("card refunds take..."), and only when the number agrees with none of
    the stated facts (a method the shop does not list may take any time)."""
    from assist.quality.fact_scopes import embed_of, label_meant, labels_written

    for dimension in ("payment_method", "customer_group"):
        labels = [str(getattr(f.scope, dimension) or "") for f in stated]
        if not all(labels):
            continue
        written = labels_written(clause, labels) or set()
        if len(written) == 1:  # the method's own name ("Multibanco", "PayPal"), the same in any language
            return next(f for f in stated if getattr(f.scope, dimension) in written)
        named = label_meant(embed_of(ctx), clause, labels)
        if named is None or any(_compare(ctx, duration, f, slot) is None for f in stated):
            return None
        return next(f for f in stated if getattr(f.scope, dimension) == named)
    return None


# a window whose very rule the shop denies: a number stated for it promises what the shop does not offer
DENIED_BY = {"prices.adjustment_window": "prices.adjustment"}


def _denied(ctx: DraftContext, duration: Duration, slot: str, facts: PolicyFacts) -> list[QAIssue]:
    """A window stated for a rule the shop says it does not have ("price protection for 14 days" where the shop
    refunds no price drops)."""
    rule = facts.get(DENIED_BY[slot]) if slot in DENIED_BY else None
    if rule is None or rule.value is not False:
        return []
    what = f"The draft states {duration.span.text} for {slot}, but the shop does not offer it ({rule.slot}: no)."
    return [ctx.issue("policy_contradiction", "error", what + quote(rule), duration.span, policy_id=rule.chunk_id)]


def latest_buyer_text(ctx: DraftContext) -> str:
    from assist.asks import latest_turn

    return latest_turn(ctx.conversation) if ctx.conversation is not None else ""


def numeric(fact: PolicyFact) -> bool:
    return isinstance(fact.value, int | float) and not isinstance(fact.value, bool)


def _scoped_fact(slot: str, facts: PolicyFacts, ctx: DraftContext, clause: str) -> PolicyFact | None:
    """Where the shop states ``slot`` only per product class: the class of the items the draft (or the order)
    names, else the first such fact (a number no class has still contradicts the policy)."""
    scoped = [f for f in facts.all(slot) if f.scope.product_class and numeric(f)]
    if not scoped:
        return None
    order = ctx.order
    skus = None
    if order is not None:
        from assist.asks import items_named

        skus = items_named(clause, order) or None
    named = product_class(slot, facts, order, skus) if order is not None else None
    return next((f for f in scoped if f.scope.product_class == named), scoped[0])


DOMESTIC = re.compile(
    r"国内|境内|本島|本岛|\b(domestic(ally)?|inland|nationwide|innerhalb des Landes|Inland\w*|national(e|es)?"
    r"|nacional(es)?|nazional[ei]|(en|dans tout le) (pays|territoire))\b",
    re.IGNORECASE,
)


def place_named(text: str, home: str | None) -> str | None:
    """The place the words name: a country, area or city, else the shop's own country for "domestic" words (国内,
    "inland", "nacional")."""
    named = regions.country_in_text(text)
    if named is None and home and DOMESTIC.search(text):
        return home
    return named


def regional(slot: str, facts: PolicyFacts, country: str | None, home: str | None) -> PolicyFact | None:
    """The fact for ``slot`` in ``country``'s region; for the shop's own country, the one region inside it when no
    region holds the whole country ("本島": Taiwan's main island, for "대만 본섬" or "domestic")."""
    fact = regional_fact(slot, facts, country, home)
    if country is None or country != home or (fact is not None and fact.scope.region):
        return fact
    inside = [f for f in facts.all(slot) if f.scope.region and _inside(str(f.scope.region), home)]
    return inside[0] if len(inside) == 1 else fact


def _inside(region: str, home: str) -> bool:
    """Whether the region is the home country or an area of it (``regions.region_countries``: "TW:main_island")."""
    return any(
        c == home or c.startswith((f"{home}:", f"{home}-")) for c in regions.region_countries(region, home) or ()
    )


def _compare(ctx: DraftContext, duration: Duration, fact: PolicyFact, slot: str) -> QAIssue | None:
    assert isinstance(fact.value, int | float)
    low = float(fact.value)
    high = float(fact.max_value) if fact.max_value is not None else low
    unit = fact.unit or "day"
    stated_low = _days(duration.low, "business_day" if duration.business else duration.unit)
    stated_high = _days(duration.high, "business_day" if duration.business else duration.unit)
    have_low, have_high = _days(low, unit), _days(high, unit)
    tolerance = 0.05 * max(have_high, 1.0)
    wrong = abs(stated_high - have_high) > tolerance and abs(stated_low - have_low) > tolerance
    if not wrong:
        return None
    said = f"{fact.value:g}" if fact.max_value is None else f"{fact.value:g}-{fact.max_value:g}"
    worse = stated_low < have_low if slot in REFUND_SLOTS else stated_high > have_high
    return ctx.issue(
        "policy_contradiction",
        "error" if worse else "warning",
        f"The draft states {duration.span.text} for {slot}, but the policy says {said} {unit.replace('_', ' ')}."
        f"{quote(fact)}",
        duration.span,
        policy_id=fact.chunk_id,
    )


__all__ = [
    "asked_slot",
    "clause_of",
    "draft_slot",
    "latest_buyer_text",
    "number_issues",
    "number_slot",
    "numeric",
    "quote",
    "readings",
    "reread",
]
