"""Amounts in a draft against the shop's facts: a free-shipping or customs threshold, a return label's price, the
delivery fee.

An amount needs a threshold word next to it ("free from €49") or the claim reader's reading; it is held to the
facts of its region and product class (:mod:`assist.quality.fact_scopes`); an amount stated for a parcel class
or a place none of the slot's facts covers is flagged; a bare "$" is the shop's own dollar.
"""

from __future__ import annotations

from assist import regions
from assist.models import QAIssue
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.quality.claim_reader import VETO_AT, VETO_BELOW
from assist.quality.claims import money_topics, threshold_cue
from assist.quality.context import DraftContext
from assist.quality.fact_numbers import (
    _clause_and_part,
    _scoped_fact,
    clause_of,
    numeric,
    place_named,
    quote,
    readings,
    regional,
    reread,
)
from assist.quality.money_mentions import Amount, draft_amounts, in_currency_dollars

POLICY_AMOUNTS = frozenset({"shipping.free_threshold", "customs.threshold", "returns.shipping_cost", "shipping.cost"})


def policy_amount(draft: str, ctx: DraftContext, start: int, end: int) -> bool:
    """Whether the reader is sure an amount is a policy amount (a free-shipping threshold, a customs threshold,
    a return label's price) and not the order's: the order checks then leave it alone."""
    reading = readings(draft, ctx, [(start, end)], "money")[0]
    if reading is None or reading.slot not in POLICY_AMOUNTS or reading.probability < VETO_AT:
        return False
    return reading.of("order.total") + reading.of("order.amount") < VETO_BELOW


def money_slot(text: str, start: int) -> str | None:
    """The policy slot a money amount at ``start`` states (see :func:`number_slot`)."""
    clause, part = _clause_and_part(text, start)
    for where in (part, clause):
        slot = next((s for s, pattern in money_topics().items() if pattern.search(where)), None)
        if slot is not None:
            return slot
    return None


def amount_issues(
    draft: str, ctx: DraftContext, facts: PolicyFacts, country: str | None, home: str | None
) -> list[QAIssue]:
    """A fee or threshold in the draft ("free shipping from €50", "the label costs 3 €") that differs from the
    shop's amount for that slot (same currency) is a policy contradiction."""
    issues: list[QAIssue] = []
    shop_currency = ctx.order.currency if ctx.order is not None else ctx.shop_settings.get("currency")
    found = draft_amounts(draft, shop_currency)
    read = readings(draft, ctx, [(a.span.start, a.span.end) for a in found], "money")
    for amount, reading in zip(found, read, strict=True):
        slot = money_slot(draft, amount.span.start)
        uncued = None  # a threshold's topic without its cue ("a surcharge of €7.50" beside "free from €49")
        if slot is not None and not threshold_cue(slot, draft[: amount.span.start], draft[amount.span.end :]):
            slot, uncued = None, slot
        slot = reread(slot, reading, POLICY_AMOUNTS)
        if slot is None or slot == uncued:
            continue  # the reader does not bring back a threshold the words around the amount deny
        if not threshold_cue(slot, draft[: amount.span.start], draft[amount.span.end :]):
            continue  # a fee is not a threshold: "a label for £3.50" states no "free from" amount
        clause = clause_of(draft, amount.span.start)
        named = place_named(clause, home)
        stated = [f for f in facts.all(slot) if numeric(f) and (f.unit or "").upper() == amount.currency]
        other = _other_class(ctx, amount, slot, clause, stated, facts) or _other_region(
            ctx, amount, slot, named, stated, home
        )
        if other is not None:
            issues.append(other)
            continue
        fact = regional(slot, facts, named or country, home) or _scoped_fact(slot, facts, ctx, clause)
        if fact is None and named is None and country is None and stated and all(f.scope.region for f in stated):
            # stated per region only, and nothing tells the place: an amount no region has contradicts them all
            fact = None if any(_same_amount(amount, f) for f in stated) else stated[0]
        if fact is None or not numeric(fact):
            continue
        if (fact.unit or "").upper() != amount.currency or _same_amount(amount, fact):
            continue
        if len(stated) > 1:
            from assist.quality.fact_scopes import possible_facts

            part = _clause_and_part(draft, amount.span.start)[1]
            possible = possible_facts(slot, stated, facts, ctx, clause, named or country, home, part)
            if any(_same_amount(amount, other) for other in possible):
                continue
        issues.append(
            ctx.issue(
                "policy_contradiction",
                "error",
                f"The draft states {amount.span.text} for {slot}, but the policy says {fact.value:g} {fact.unit}."
                f"{quote(fact)}",
                amount.span,
                policy_id=fact.chunk_id,
            )
        )
    return issues


def _other_region(
    ctx: DraftContext, amount: Amount, slot: str, place: str | None, stated: list[PolicyFact], home: str | None
) -> QAIssue | None:
    """An amount stated for a place none of the slot's regions holds, where the shop states the slot only per region
    ("free shipping to the UK from €149" where free shipping holds for Italy and the EU): every region named by
    the gazetteer, the place named in the clause itself."""
    from assist.quality.fact_scopes import regions_holding

    if place is None or not stated or any(not f.scope.region for f in stated):
        return None
    labels = list(dict.fromkeys(str(f.scope.region) for f in stated))
    if regions_holding(labels, place, home) != set():
        return None
    where = regions.country_name(regions.country_of(place), "en")
    fact = stated[0]
    what = (
        f"The draft states {amount.span.text} for {slot} to {where}, but the policy states it only for "
        f"{', '.join(labels)}.{quote(fact)}"
    )
    return ctx.issue("policy_contradiction", "error", what, amount.span, policy_id=fact.chunk_id)


def in_shop_dollars(amount: Amount, shop_currency: str | None) -> Amount:
    """A bare "$" amount in the shop's own dollar-sign currency (:func:`.extract.in_currency_dollars`)."""
    return in_currency_dollars(amount, shop_currency)


def _other_class(
    ctx: DraftContext, amount: Amount, slot: str, clause: str, stated: list[PolicyFact], facts: PolicyFacts
) -> QAIssue | None:
    """An amount stated for a product class the shop's facts of the slot do not cover ("free delivery on all our
    furniture from $150" where the threshold holds only for small items)."""
    from assist.quality.fact_scopes import embed_of, other_class_named

    found = other_class_named(embed_of(ctx), clause, stated, facts)
    if found is None:
        return None
    named, own = found
    fact = own[0]
    what = (
        f"The draft states {amount.span.text} for {slot} of {named}, but the policy states it only for "
        f"{', '.join(dict.fromkeys(str(f.scope.product_class) for f in own))}.{quote(fact)}"
    )
    return ctx.issue("policy_contradiction", "error", what, amount.span, policy_id=fact.chunk_id)


def _same_amount(amount: Amount, fact: PolicyFact) -> bool:
    assert isinstance(fact.value, int | float)
    high = float(fact.max_value) if fact.max_value is not None else float(fact.value)
    return float(fact.value) - 0.01 <= amount.value <= high + 0.01


__all__ = ["POLICY_AMOUNTS", "amount_issues", "in_shop_dollars", "money_slot", "policy_amount"]
