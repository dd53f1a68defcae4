"""Draft checks against the shop's policy facts and the computed answers: any shop, any of 8 languages.

A claim the draft makes (:mod:`assist.quality.claims`) or a number it states next to a topic word is
compared with what the facts and the order say:

- ``order_contradiction``: status (delivered, in transit, shipped, not shipped) against the order's
  status; a carrier other than the order's;
- ``policy_contradiction``: "you can still return it" after the window or for an excluded item; free
  return shipping when the buyer pays (or the reverse); no duties when the buyer pays them (or the
  reverse); cancellation or address change possible when the order's status rules it out (or the
  reverse); price-difference refunds and price matching the policy does not offer; a window, refund
  time or transit time that differs from the fact.

Each issue quotes the draft's words (evidence) and the policy sentence (with its chunk id) or the order
field it contradicts. Claims about a damaged, defective or wrong item are left alone where the shop's
own rules for those cases differ (free return, return after the window).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from assist import regions
from assist.answers import (
    Answer,
    change_possible,
    describe,
    excluded_items,
    product_class,
    regional_fact,
    return_deadline,
    since_order,
)
from assist.models import Order, QAIssue
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.quality import lexicon as lx
from assist.quality.claims import (
    Claim,
    carriers_named,
    damage_context,
    find_claims,
    money_topics,
    number_topics,
    return_trip,
    threshold_cue,
)
from assist.quality.context import DraftContext
from assist.quality.extract import DAYS_PER, Amount, Duration, amounts, durations

STATUS_WRONG = {
    "delivered": ("processing", "shipped", "cancelled"),
    "in_transit": ("processing", "cancelled", "delivered", "returned"),
    "shipped": ("processing", "cancelled"),
    "not_shipped": ("shipped", "delivered", "returned"),
    "cancelled": ("shipped", "delivered", "returned"),
}
CLAIM_WORDS = {
    "delivered": "has been delivered",
    "in_transit": "is on its way",
    "shipped": "has shipped",
    "not_shipped": "has not shipped yet",
    "cancelled": "has been cancelled",
}
# a refund promised faster than the policy is an error; a slower one still contradicts it, as a warning
REFUND_SLOTS = frozenset({"refunds.time", "cancellation.refund_time"})


def _quote(fact: PolicyFact | None) -> str:
    if fact is None or not fact.sentence:
        return ""
    return f' The policy says: "{fact.sentence.strip()}"'


def _first_fact(answer: Answer | None) -> PolicyFact | None:
    return answer.facts[0] if answer is not None and answer.facts else None


def fact_order_issues(draft: str, ctx: DraftContext, claims: list[Claim] | None = None) -> list[QAIssue]:
    order = ctx.order
    if order is None:
        return []
    claims = find_claims(draft) if claims is None else claims
    issues: list[QAIssue] = []
    for claim in claims:
        if claim.kind in STATUS_WRONG and order.status in STATUS_WRONG[claim.kind]:
            issues.append(
                ctx.issue(
                    "order_contradiction",
                    "error",
                    f'The draft says the order {CLAIM_WORDS[claim.kind]} ("{claim.span.text}"), but order '
                    f"{order.order_id} is '{order.status}'.",
                    claim.span,
                    order_field="status",
                )
            )
    if order.carrier:
        own = order.carrier.casefold()
        for span in carriers_named(draft):
            name = span.text.casefold()
            if name not in own and own not in name:
                issues.append(
                    ctx.issue(
                        "order_contradiction",
                        "error",
                        f"The draft names the carrier {span.text}, but order {order.order_id} ships with "
                        f"{order.carrier}.",
                        span,
                        order_field="carrier",
                    )
                )
    return issues


def fact_policy_issues(draft: str, ctx: DraftContext, claims: list[Claim] | None = None) -> list[QAIssue]:
    facts: PolicyFacts | None = ctx.facts
    if facts is None:
        return []
    claims = find_claims(draft) if claims is None else claims
    buyer = ctx.customer_text()
    own_fault = damage_context(buyer) or damage_context(draft)
    issues: list[QAIssue] = []
    kinds = {c.kind for c in claims}
    by_kind = {c.kind: c for c in claims}
    order, now = ctx.order, ctx.reference_time
    misstated = order is not None and any(
        c.kind in STATUS_WRONG and order.status in STATUS_WRONG[c.kind] and c.kind != "cancelled" for c in claims
    )
    if {"can_cancel", "cannot_cancel"} & kinds and order is not None and not misstated:
        # a cancellation wrong only because the draft misstates the status is one error: the status
        issues += _possible(
            ctx,
            by_kind,
            change_possible("cancel_possible", "cancellation.rule", order, facts, now),
            "cancel",
            "cancelled",
        )
    if {"can_change_address", "cannot_change_address"} & kinds and order is not None:
        issues += _possible(
            ctx,
            by_kind,
            change_possible("address_change_possible", "address_change.rule", order, facts, now),
            "change_address",
            "changed (delivery address)",
        )
    if "can_return" in kinds and not own_fault:
        issues += _returnable(ctx, by_kind["can_return"], facts, order)
    if "return_window_closed" in kinds and order is not None and not own_fault:
        issues += _window_closed(ctx, by_kind["return_window_closed"], facts, order)
    country = regions.order_country(order, f"{buyer}\n{draft}")
    home = regions.home_country(order.currency if order else ctx.shop_settings.get("currency"))
    code = country.country if country else None
    paid = regional_fact(
        "returns.shipping_paid_by",
        facts,
        _claim_country(draft, by_kind, "free_return", "buyer_pays_return") or code,
        home,
    )
    if paid is not None and not own_fault:
        if "free_return" in kinds and paid.value == "buyer":
            issues.append(
                _policy(
                    ctx,
                    by_kind["free_return"],
                    "offers free return shipping, but the buyer pays return shipping for a change-of-mind return",
                    paid,
                )
            )
        if "buyer_pays_return" in kinds and paid.value == "shop":
            issues.append(
                _policy(
                    ctx,
                    by_kind["buyer_pays_return"],
                    "asks the buyer to pay return shipping, but the shop pays it",
                    paid,
                )
            )
    where_code = _claim_country(draft, by_kind, "no_duties", "buyer_pays_duties") or code
    issues += _duties(draft, ctx, by_kind, facts, where_code, home)
    back = facts.get("damage.return_required")
    if back is not None and own_fault:
        if "damage_return_required" in kinds and back.value is False:
            issues.append(
                _policy(
                    ctx, by_kind["damage_return_required"], "asks for the damaged item back; the shop does not", back
                )
            )
        if "no_damage_return" in kinds and back.value is True:
            issues.append(
                _policy(ctx, by_kind["no_damage_return"], "says the damaged item stays, but it must be sent back", back)
            )
    adjust = facts.get("prices.adjustment")
    if "price_adjust" in kinds and adjust is not None and adjust.value is False:
        issues.append(
            _policy(
                ctx,
                by_kind["price_adjust"],
                "refunds a price difference, but the shop does not refund price drops",
                adjust,
            )
        )
    elif "price_adjust" in kinds and order is not None:
        window = since_order("price_adjustment_open", "prices.adjustment_window", order, facts, now)
        if window is not None and window.holds is False:
            what = (
                f"refunds a price difference, but that is only possible until {window.value} for this order "
                f"(ordered {window.inputs['order.placed_at']})"
            )
            issues.append(_policy(ctx, by_kind["price_adjust"], what, _first_fact(window)))
    match = facts.get("prices.price_match")
    if "price_match" in kinds and match is not None and match.value is False:
        issues.append(
            _policy(
                ctx,
                by_kind["price_match"],
                "offers a price match, but the shop does not match other shops' prices",
                match,
            )
        )
    if "no_price_match" in kinds and match is not None and match.value is True:
        issues.append(
            _policy(ctx, by_kind["no_price_match"], "refuses a price match, but the shop matches prices", match)
        )
    if "free_shipping" in kinds:
        issues += _free_shipping(draft, ctx, by_kind["free_shipping"], facts, code, home)
    if "no_code_after" in kinds:
        issues += _code_after(ctx, by_kind["no_code_after"], facts, order)
    issues += _numbers(draft, ctx, facts, code, home, skip_transit=misstated)
    issues += _amounts(draft, ctx, facts, code, home)
    return issues


def _claim_country(draft: str, by_kind: dict[str, Claim], *kinds: str) -> str | None:
    """The country a cost claim's own clause names ("bij levering in Nederland betaalt u invoerrechten")."""
    from assist.quality.claim_frames import clause_at

    for kind in kinds:
        if kind in by_kind:
            lo, hi = clause_at(draft, by_kind[kind].span.start)
            named = regions.country_in_text(draft[lo:hi])
            if named:
                return named
    return None


def _duties(
    draft: str, ctx: DraftContext, by_kind: dict[str, Claim], facts: PolicyFacts, country: str | None, home: str | None
) -> list[QAIssue]:
    """Who pays import duties, against the region's fact and, where the shop pays below an order value
    (``customs.threshold``), against that value: the order's total, else an amount in the buyer's words."""
    said = by_kind.get("no_duties") or by_kind.get("buyer_pays_duties")
    clause = _clause(draft, said.span.start) if said is not None else ""
    duties = _region_fact("customs.paid_by", facts, clause, home) or regional_fact(
        "customs.paid_by", facts, country, home
    )
    if duties is None:
        return []
    where = f" for {duties.scope.region}" if duties.scope.region else ""
    threshold = _region_fact("customs.threshold", facts, clause, home) or regional_fact(
        "customs.threshold", facts, country, home
    )
    limit = float(threshold.value) if threshold is not None and _numeric(threshold) else None  # type: ignore[arg-type]
    value = _order_value(ctx, threshold.unit if threshold is not None else None)
    issues = []
    no, yes = by_kind.get("no_duties"), by_kind.get("buyer_pays_duties")
    if no is not None and duties.value == "buyer" and not (limit and value is not None and value < limit):
        below = f" (from {describe(threshold)})" if limit and threshold is not None else ""
        what = f"says there is nothing to pay on delivery, but{where} the buyer pays import duties and taxes{below}"
        issues.append(_policy(ctx, no, what, duties))
    if yes is not None and duties.value in ("none", "shop"):
        issues.append(_policy(ctx, yes, f"says the buyer pays duties, but{where} there are none to pay", duties))
    elif yes is not None and duties.value == "buyer" and limit and threshold is not None:
        from assist.quality.claim_frames import universal

        if universal(draft, yes) or (value is not None and value < limit):
            what = f"says the buyer pays duties, but{where} the shop pays them for orders under {describe(threshold)}"
            issues.append(_policy(ctx, yes, what, threshold))
    return issues


def _region_fact(slot: str, facts: PolicyFacts, clause: str, home: str | None) -> PolicyFact | None:
    """The fact for the region a claim's own clause names: the fact's region label itself ("in die EU"), or an
    abbreviation naming the same countries ("EU" for "Unione Europea")."""
    scoped = [f for f in facts.all(slot) if f.scope.region]
    folded = clause.casefold()
    for fact in scoped:
        if re.search(r"(?<!\w)" + re.escape(str(fact.scope.region).casefold()) + r"(?!\w)", folded):
            return fact
    for token in re.findall(r"\b[A-Z]{2,3}\b", clause):
        countries = regions.region_countries(token, home)
        if countries:
            same = [f for f in scoped if regions.region_countries(str(f.scope.region), home) == countries]
            if same:
                return same[0]
    return None


def _order_value(ctx: DraftContext, currency: str | None) -> float | None:
    """The order's total, else the one amount the buyer's latest words name, in ``currency``."""
    if ctx.order is not None:
        return ctx.order.total if (currency or "").upper() in ("", ctx.order.currency.upper()) else None
    said = [a.value for a in amounts(_latest_buyer_text(ctx)) if a.currency == (currency or "").upper()]
    return said[0] if len(said) == 1 else None


def _window_closed(ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order) -> list[QAIssue]:
    """ "The return window has closed" while this order's window still runs."""
    deadline = return_deadline(order, facts, ctx.reference_time)
    if deadline is None or deadline.holds is not True:
        return []
    fact = _first_fact(deadline)
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f'The draft says the return window is over ("{claim.span.text}"), but it runs until {deadline.value} '
            f"({', '.join(f'{k} {v}' for k, v in deadline.inputs.items())}).{_quote(fact)}",
            claim.span,
            policy_id=fact.chunk_id if fact else None,
            order_field="delivered_at",
        )
    ]


def _free_shipping(
    draft: str, ctx: DraftContext, claim: Claim, facts: PolicyFacts, country: str | None, home: str | None
) -> list[QAIssue]:
    """ "Shipping is always free" where the shop ships free only from an order value (an amount in the clause is
    compared by :func:`_amounts`)."""
    from assist.quality.claim_frames import clause_at, universal

    lo, hi = clause_at(draft, claim.span.start)
    if amounts(draft[lo:hi]):
        return []
    named = regions.country_in_text(draft[lo:hi])
    fact = regional_fact("shipping.free_threshold", facts, named or country, home)
    if fact is None or not _numeric(fact) or not float(fact.value):  # type: ignore[arg-type]
        return []
    order = ctx.order
    below = (
        order is not None and (fact.unit or "").upper() == order.currency.upper() and order.total < float(fact.value)  # type: ignore[arg-type]
    )
    if not (universal(draft, claim) or below):
        return []
    what = f"says delivery is free, but it is free only from {describe(fact)}"
    return [_policy(ctx, claim, what, fact)]


def _code_after(ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order | None) -> list[QAIssue]:
    """ "A code cannot be applied after ordering" where the shop applies codes for some days after purchase."""
    window = facts.get("prices.code_after_purchase")
    if window is None or not _numeric(window) or not float(window.value):  # type: ignore[arg-type]
        return []
    still = since_order("code_window_open", "prices.code_after_purchase", order, facts, ctx.reference_time)
    if still is not None and still.holds is False:
        return []  # this order's window is over: "no longer" is right
    until = f" (for this order until {still.value})" if still is not None else ""
    what = f"says a code cannot be applied after ordering, but the shop applies it within {describe(window)}{until}"
    return [_policy(ctx, claim, what, window)]


def _policy(ctx: DraftContext, claim: Claim, what: str, fact: PolicyFact | None) -> QAIssue:
    return ctx.issue(
        "policy_contradiction",
        "error",
        f'The draft {what} ("{claim.span.text}").{_quote(fact)}',
        claim.span,
        policy_id=fact.chunk_id if fact else None,
    )


def _possible(
    ctx: DraftContext, by_kind: dict[str, Claim], answer: Answer | None, what: str, verb: str
) -> list[QAIssue]:
    if answer is None:
        return []
    yes, no = by_kind.get(f"can_{what}"), by_kind.get(f"cannot_{what}")
    fact = _first_fact(answer)
    if yes is not None and answer.holds is False:
        reason = answer.note.split("(", 1)[-1].rstrip(")")
        return [
            ctx.issue(
                "policy_contradiction",
                "error",
                f'The draft says the order can still be {verb} ("{yes.span.text}"), but it cannot: {reason}.'
                f"{_quote(fact)}",
                yes.span,
                policy_id=fact.chunk_id if fact else None,
                order_field="status",
            )
        ]
    if no is not None and answer.holds is True:
        return [
            ctx.issue(
                "policy_contradiction",
                "warning",
                f'The draft says the order can no longer be {verb} ("{no.span.text}"), but it has not shipped, '
                f"so it still can.{_quote(fact)}",
                no.span,
                policy_id=fact.chunk_id if fact else None,
                order_field="status",
            )
        ]
    return []


def _returnable(ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order | None) -> list[QAIssue]:
    if order is None:
        return []
    deadline = return_deadline(order, facts, ctx.reference_time)
    if deadline is not None and deadline.holds is False:
        fact = _first_fact(deadline)
        return [
            ctx.issue(
                "policy_contradiction",
                "error",
                f'The draft says the item can be returned ("{claim.span.text}"), but the return window ended on '
                f"{deadline.value} ({', '.join(f'{k} {v}' for k, v in deadline.inputs.items())}).{_quote(fact)}",
                claim.span,
                policy_id=fact.chunk_id if fact else None,
                order_field="delivered_at",
            )
        ]
    excluded = next((a for a in excluded_items(order, facts) if a.key == "excluded_items" and a.holds), None)
    if excluded is None:
        return []
    in_sentence = [i for i in order.items if _names(claim.sentence.text, i.name)]
    where = claim.sentence.text if in_sentence else claim.sentence.text + " " + ctx.customer_text()
    named = [i for i in order.items if i.sku in excluded.value and _names(where, i.name)]
    whole = len(excluded.value) == len(order.items)
    if not named and (not whole or in_sentence):
        return []
    items = named or [i for i in order.items if i.sku in excluded.value]
    fact = _first_fact(excluded)
    phrases = ", ".join(dict.fromkeys(excluded.value[i.sku] for i in items))
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f'The draft accepts a return ("{claim.span.text}") of {", ".join(i.name for i in items)}, but the policy '
            f"excludes {phrases} from returns.{_quote(fact)}",
            claim.span,
            policy_id=fact.chunk_id if fact else None,
            order_field="items",
        )
    ]


def _names(text: str, item_name: str) -> bool:
    from assist.asks import items_named
    from assist.models import OrderItem

    probe = Order(
        order_id="-",
        customer_id="-",
        customer_name="-",
        status="processing",
        placed_at=datetime(2000, 1, 1, tzinfo=UTC),
        items=[OrderItem(sku="-", name=item_name, quantity=1, price=0)],
        total=0,
        currency="EUR",
    )
    return bool(items_named(text, probe))


def _days(value: float, unit: str | None) -> float:
    return value * DAYS_PER.get("day" if unit in (None, "business_day") else unit, 1.0)


_CLAUSE_END = re.compile(r"[.;!?。；！？\n]|\s[–—]\s|\s-\s")
_PART_END = re.compile(r"[,，:：]\s*|\s(?:and|but|und|aber|et|mais|y|pero|e|ma|mas|而且|并且)\s")


def _bounds(text: str, start: int, pattern: re.Pattern[str]) -> tuple[int, int]:
    left = max((m.end() for m in pattern.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in pattern.finditer(text, start)), len(text))
    return left, right


def _clause(text: str, start: int) -> str:
    left, right = _bounds(text, start, _CLAUSE_END)
    return text[left:right]


def _topic(part: str) -> str | None:
    return next((slot for slot, pattern in number_topics().items() if pattern.search(part)), None)


def number_slot(text: str, start: int) -> str | None:
    """The policy slot a number at ``start`` states: the first topic whose words occur in its part of the
    clause (between commas and conjunctions: "Tienes 45 días para devolverla, y tiene 2 años de garantía"),
    else in its clause."""
    left, right = _bounds(text, start, _CLAUSE_END)
    clause = text[left:right]
    part_left, part_right = _bounds(clause, start - left, _PART_END)
    return _topic(clause[part_left:part_right]) or _topic(clause)


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


def asked_slot(buyer: str, facts: PolicyFacts) -> str | None:
    """The one duration slot the buyer's latest words ask about (their asks' topics, the same reader the
    replies use), when the shop states it; None when they ask about several or none."""
    from assist.asks import topics_of

    slots = {ASK_SLOTS[t] for t in topics_of(buyer) if t in ASK_SLOTS}
    slots = {s for s in slots if any(_numeric(f) for f in facts.all(s))}
    return next(iter(slots)) if len(slots) == 1 else None


def draft_slot(draft: str, start: int, asked: str | None) -> str | None:
    """The slot a number in a draft states: its own part of the clause first; where that names nothing (or only
    delivery, which every sentence about a parcel mentions), the slot the buyer asked about; then its clause.
    A draft answers the buyer: "请在收货后7天内联系我们…我们会为您退款" to "it arrived broken" is the damage window."""
    left, right = _bounds(draft, start, _CLAUSE_END)
    clause = draft[left:right]
    part_left, part_right = _bounds(clause, start - left, _PART_END)
    if return_trip(clause[part_left:part_right]):
        return None  # the return parcel's trip to the shop states no policy number
    own = _topic(clause[part_left:part_right])
    if own is not None and (
        own != "shipping.transit_time" or asked is None or _travels(clause, part_left, start - left)
    ):
        return own
    return asked or _topic(clause)


def _numbers(
    draft: str, ctx: DraftContext, facts: PolicyFacts, country: str | None, home: str | None, skip_transit: bool = False
) -> list[QAIssue]:
    """Durations against the slot they state. ``skip_transit``: the draft misstates the order's status, so its
    transit time describes a journey that is not happening; the status is the one error to report."""
    issues: list[QAIssue] = []
    buyer = _latest_buyer_text(ctx)
    asked = asked_slot(buyer, facts)
    cancelled = ctx.order is not None and ctx.order.status == "cancelled"
    about_cancel = cancelled or bool(lx.TOPICS["cancellation_window_hours"].search(buyer))
    for duration in durations(draft):
        slot = draft_slot(draft, duration.span.start, asked)
        if slot is None or (skip_transit and slot == "shipping.transit_time"):
            continue
        clause = _clause(draft, duration.span.start)
        if slot == "refunds.time" and (
            lx.TOPICS["cancellation_window_hours"].search(clause)
            or (about_cancel and facts.get("cancellation.refund_time"))
        ):
            slot = "cancellation.refund_time"  # the refund of a cancelled order has its own time
        fact = regional_fact(slot, facts, country, home) or _scoped_fact(slot, facts, ctx, clause)
        if fact is None or not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
            continue
        known = bool(fact.scope.product_class) and _class_known(slot, facts, ctx.order, clause)
        if (
            fact.scope.product_class
            and not known  # the order's items tell the class: the number is held to that class's fact
            and any(_compare(ctx, duration, other, slot) is None for other in facts.all(slot) if _numeric(other))
        ):
            continue  # the number is right for another product class: not a claim
        issue = _compare(ctx, duration, fact, slot)
        if issue is not None:
            issues.append(issue)
    return issues


def _class_known(slot: str, facts: PolicyFacts, order: Order | None, clause: str) -> bool:
    """Whether the order tells which product class a number is about: the clause names an item of a known class,
    or every item of the order is of one class."""
    from assist.asks import items_named

    if order is None:
        return False
    named = items_named(clause, order)
    if named:
        return product_class(slot, facts, order, named) is not None
    classes = {product_class(slot, facts, order, [item.sku]) for item in order.items}
    return len(classes) == 1 and None not in classes


def _latest_buyer_text(ctx: DraftContext) -> str:
    from assist.asks import latest_turn

    return latest_turn(ctx.conversation) if ctx.conversation is not None else ""


def _numeric(fact: PolicyFact) -> bool:
    return isinstance(fact.value, int | float) and not isinstance(fact.value, bool)


def _scoped_fact(slot: str, facts: PolicyFacts, ctx: DraftContext, clause: str) -> PolicyFact | None:
    """Where the shop states ``slot`` only per product class: the class of the items the draft (or the order)
    names, else the first such fact (a number no class has still contradicts the policy)."""
    from assist.answers import product_class

    scoped = [f for f in facts.all(slot) if f.scope.product_class and _numeric(f)]
    if not scoped:
        return None
    order = ctx.order
    skus = None
    if order is not None:
        from assist.asks import items_named

        skus = items_named(clause, order) or None
    named = product_class(slot, facts, order, skus) if order is not None else None
    return next((f for f in scoped if f.scope.product_class == named), scoped[0])


def money_slot(text: str, start: int) -> str | None:
    """The policy slot a money amount at ``start`` states (see :func:`number_slot`)."""
    left, right = _bounds(text, start, _CLAUSE_END)
    clause = text[left:right]
    part_left, part_right = _bounds(clause, start - left, _PART_END)
    part = clause[part_left:part_right]
    for where in (part, clause):
        slot = next((s for s, pattern in money_topics().items() if pattern.search(where)), None)
        if slot is not None:
            return slot
    return None


def _amounts(draft: str, ctx: DraftContext, facts: PolicyFacts, country: str | None, home: str | None) -> list[QAIssue]:
    """A fee or threshold in the draft ("free shipping from €50", "the label costs 3 €") that differs from the
    shop's amount for that slot (same currency) is a policy contradiction."""
    issues: list[QAIssue] = []
    for amount in amounts(draft):
        slot = money_slot(draft, amount.span.start)
        if slot is None or not threshold_cue(slot, draft[: amount.span.start], draft[amount.span.end :]):
            continue
        named = regions.country_in_text(_clause(draft, amount.span.start))
        fact = regional_fact(slot, facts, named or country, home)
        if fact is None or not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
            continue
        if (fact.unit or "").upper() != amount.currency or _same_amount(amount, fact):
            continue
        issues.append(
            ctx.issue(
                "policy_contradiction",
                "error",
                f"The draft states {amount.span.text} for {slot}, but the policy says {fact.value:g} {fact.unit}."
                f"{_quote(fact)}",
                amount.span,
                policy_id=fact.chunk_id,
            )
        )
    return issues


def _same_amount(amount: Amount, fact: PolicyFact) -> bool:
    assert isinstance(fact.value, int | float)
    high = float(fact.max_value) if fact.max_value is not None else float(fact.value)
    return float(fact.value) - 0.01 <= amount.value <= high + 0.01


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
        f"{_quote(fact)}",
        duration.span,
        policy_id=fact.chunk_id,
    )


__all__ = ["fact_order_issues", "fact_policy_issues"]
