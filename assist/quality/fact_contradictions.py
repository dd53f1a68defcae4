"""Draft checks against the shop's policy facts and the computed answers: any shop, any of 8 languages.

A claim the draft makes (:mod:`assist.quality.claims`) or a number it states next to a topic word is
compared with what the facts and the order say:

- ``order_contradiction``: status (delivered, in transit, shipped, not shipped, cancelled) against the
  order's status; a carrier other than the order's;
- ``policy_contradiction``: "you can still return it" after the window or for an excluded item; free
  return shipping when the buyer pays (or the reverse); no duties when the buyer pays them (or the
  reverse); cancellation or address change possible when the order's status rules it out (or the
  reverse); price-difference refunds and price matching the policy does not offer (or refusing a match it
  does); "delivery is always free" below the shop's free-delivery threshold; "the return window has closed"
  while it runs; a window, refund time or transit time that differs from the fact.

Claims come from phrases (:mod:`assist.quality.claims`) and frames (:mod:`assist.quality.claim_frames`: a
topic, a value and a polarity per clause; done actions). A cost claim is held to the fact of the region its
own clause names ("bei Lieferungen in die EU"), else the order's. A draft that misstates the order's status
gets that one error: the cancellation or transit time that follows from it is not reported again.

The checks live by capability: the order's status, carrier and cancellation (:mod:`assist.quality.order_claims`),
what depends on the destination (:mod:`assist.quality.region_claims`), returns, refunds and the warranty
(:mod:`assist.quality.return_claims`, :mod:`assist.quality.conditional_returns`), numbers and amounts
(:mod:`assist.quality.fact_numbers`); this module reads the claims once and runs them, and checks prices.
Each issue quotes the draft's words (evidence) and the policy sentence (with its chunk id) or the order
field it contradicts. Claims about a damaged, defective or wrong item are left alone where the shop's
own rules for those cases differ (free return, return after the window).
"""

from __future__ import annotations

import re

from assist import regions
from assist.answers import (
    change_possible,
    describe,
    regional_fact,
    since_order,
)
from assist.models import Order, QAIssue
from assist.policy_facts import PolicyFacts
from assist.quality.claim_polarity import carrier_names, reader_claims, reader_of, reads_done
from assist.quality.claims import (
    Claim,
    damage_context,
    find_claims,
)
from assist.quality.context import DraftContext
from assist.quality.fact_amounts import amount_issues
from assist.quality.fact_issues import first_fact, policy_issue
from assist.quality.fact_numbers import (
    number_issues,
    numeric,
)
from assist.quality.order_claims import (
    STATUS_WRONG,
    cancel_claims,
    fact_order_issues,
    possible_issues,
    stated_done,
    supposed_left_issues,
)
from assist.quality.region_claims import (
    carrier_issues,
    claim_country,
    destination_issues,
    duty_issues,
    free_shipping_issues,
)
from assist.quality.return_claims import (
    refund_method_issues,
    refused_issues,
    returnable_issues,
    warranty_issues,
    window_closed_issues,
)

GRANTS = ("can_cancel", "can_change_address", "can_return")
# "only", in the languages the claim readers meet ("just" is left out: "just let me know")
LIMITED = re.compile(
    r"\b(only|nur|seulement|uniquement|s[oó]lo(?! (tienes|tiene|tenés|hay) que)|solamente|somente|apenas|alleen"
    r"|tylko|pouze|iba|csak|doar|μόνο|только|лише|тільки|sadece|yalnızca|endast|kun|vain|ainoastaan|tik|tikai|ainult"
    r"|chỉ|hanya|sahaja)\b|のみ|(?<!た)だけ|只(?:能|可)|오직|만 가능",  # not the polite いただけます
    re.IGNORECASE,
)
NEVER = re.compile(r"\b(never|nie(mals)?|jamais|nunca|mai)\b|決して|一切|从不|从来不|绝不", re.IGNORECASE)


def fact_policy_issues(draft: str, ctx: DraftContext, claims: list[Claim] | None = None) -> list[QAIssue]:
    facts: PolicyFacts | None = ctx.facts
    if facts is None:
        return []
    reader = reader_of(ctx)
    if claims is None:
        claims = reader_claims(draft, find_claims(draft), reader, carrier_names(ctx, draft), facts)
    # "we can only cancel within an hour of ordering": a possibility limited in its own words states the rule, it
    # grants this order nothing (the rule's window is checked from the order's dates elsewhere)
    claims = [c for c in claims if not (c.kind in GRANTS and LIMITED.search(c.span.text))]
    buyer = ctx.customer_text()
    own_fault = damage_context(buyer) or damage_context(draft)
    issues: list[QAIssue] = []
    kinds = {c.kind for c in claims}
    by_kind = {c.kind: c for c in claims}
    order, now = ctx.order, ctx.reference_time
    # a cancellation stated as done ("I've cancelled it") of a shipped order misstates its status: one error, the
    # order's; a cancellation promised ("we cancel it right away") is held to the cancel rule. Done or promised: the
    # claim reader's reading, else the verb's form (the rules alone agree)
    misstated = order is not None and any(
        c.kind in STATUS_WRONG
        and order.status in STATUS_WRONG[c.kind]
        and (c.kind != "cancelled" or (reads_done(draft, c, reader) if reader is not None else stated_done(c)))
        for c in claims
    )
    cancels = cancel_claims(draft, by_kind, order)
    if {"can_cancel", "cannot_cancel"} & set(cancels) and order is not None and not misstated:
        # a cancellation wrong only because the draft misstates the status is one error: the status
        issues += possible_issues(
            ctx,
            cancels,
            change_possible("cancel_possible", "cancellation.rule", order, facts, now),
            "cancel",
            "cancelled",
        )
    if order is None:  # "you can cancel even if it has already shipped": the draft's supposition against the rule
        issues += supposed_left_issues(draft, ctx, claims)
    if {"can_change_address", "cannot_change_address"} & kinds and order is not None and not misstated:
        # likewise: an address change refused "because it is on its way" of an order still in the warehouse
        issues += possible_issues(
            ctx,
            by_kind,
            change_possible("address_change_possible", "address_change.rule", order, facts, now),
            "change_address",
            "changed (delivery address)",
        )
    if "can_return" in kinds and not own_fault:
        refusals = [c for c in claims if c.kind == "cannot_return"]
        issues += returnable_issues(ctx, by_kind["can_return"], facts, order, refusals)
    if "cannot_return" in kinds and not own_fault:
        issues += refused_issues(ctx, by_kind["cannot_return"], facts, order)
    if "refund_as_credit" in kinds:
        issues += refund_method_issues(ctx, by_kind["refund_as_credit"], facts, f"{buyer}\n{draft}")
    if {"warranty_running", "warranty_expired"} & kinds and order is not None:
        issues += warranty_issues(ctx, by_kind, facts, order)
    if "return_window_closed" in kinds and order is not None and not own_fault:
        issues += window_closed_issues(ctx, by_kind["return_window_closed"], facts, order)
    if not own_fault:  # "you're still within the return period" after it ended (the order check reports it too)
        from assist.quality.window_claims import window_issues

        issues += window_issues(draft, ctx, claims, "policy_contradiction", only_runs=True)
    # where the order goes: its address and the buyer's words; a place the draft names is a claim, held to the
    # facts of that place clause by clause, and stands for the order's region only where nothing else tells it
    country = regions.order_country(order, buyer) or regions.order_country(None, draft)
    home = regions.shop_home_country(
        order.currency if order else ctx.shop_settings.get("currency"), ctx.shop_settings, ctx.facts
    )
    code = country.country if country else None
    paid = regional_fact(
        "returns.shipping_paid_by",
        facts,
        claim_country(draft, by_kind, "free_return", "buyer_pays_return") or code,
        home,
    )
    if paid is not None and not own_fault:
        if "free_return" in kinds and paid.value == "buyer":
            issues.append(
                policy_issue(
                    ctx,
                    by_kind["free_return"],
                    "offers free return shipping, but the buyer pays return shipping for a change-of-mind return",
                    paid,
                )
            )
        if "buyer_pays_return" in kinds and paid.value == "shop":
            issues.append(
                policy_issue(
                    ctx,
                    by_kind["buyer_pays_return"],
                    "asks the buyer to pay return shipping, but the shop pays it",
                    paid,
                )
            )
    from assist.quality.fact_cutoff import cutoff_issues

    issues += cutoff_issues(draft, ctx, facts)
    where_code = claim_country(draft, by_kind, "no_duties", "buyer_pays_duties") or code
    issues += duty_issues(draft, ctx, by_kind, facts, where_code, home)
    back = facts.get("damage.return_required")
    if back is not None and own_fault:
        if "damage_return_required" in kinds and back.value is False:
            issues.append(
                policy_issue(
                    ctx, by_kind["damage_return_required"], "asks for the damaged item back; the shop does not", back
                )
            )
        if "no_damage_return" in kinds and back.value is True:
            issues.append(
                policy_issue(
                    ctx, by_kind["no_damage_return"], "says the damaged item stays, but it must be sent back", back
                )
            )
    adjust = facts.get("prices.adjustment")
    if "price_adjust" in kinds and adjust is not None and adjust.value is False:
        issues.append(
            policy_issue(
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
            issues.append(policy_issue(ctx, by_kind["price_adjust"], what, first_fact(window)))
    if "no_price_adjust" in kinds and adjust is not None and adjust.value is True:
        issues += _refuses_adjustment(draft, ctx, by_kind["no_price_adjust"], facts, order)
    match = facts.get("prices.price_match")
    if "price_match" in kinds and match is not None and match.value is False:
        issues.append(
            policy_issue(
                ctx,
                by_kind["price_match"],
                "offers a price match, but the shop does not match other shops' prices",
                match,
            )
        )
    if "no_price_match" in kinds and match is not None and match.value is True:
        issues.append(
            policy_issue(ctx, by_kind["no_price_match"], "refuses a price match, but the shop matches prices", match)
        )
    if "free_shipping" in kinds:
        issues += free_shipping_issues(draft, ctx, by_kind["free_shipping"], facts, code, home)
    if "no_code_after" in kinds:
        issues += _code_after(ctx, by_kind["no_code_after"], facts, order)
    issues += destination_issues(draft, ctx, facts, home)
    if order is None or not order.carrier:
        issues += carrier_issues(draft, ctx, facts, code, home)
    issues += number_issues(draft, ctx, facts, code, home, skip_transit=misstated)
    issues += amount_issues(draft, ctx, facts, code, home)
    return issues


def _refuses_adjustment(
    draft: str, ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order | None
) -> list[QAIssue]:
    """ "We never refund price differences" where the shop refunds a price drop (within a window after ordering):
    right for an order past that window, unless the draft says it never does."""
    from assist.quality.claim_frames import clause_at, universal

    window = since_order("price_adjustment_open", "prices.adjustment_window", order, facts, ctx.reference_time)
    lo, hi = clause_at(draft, claim.span.start)
    always = universal(draft, claim) or bool(NEVER.search(draft, lo, hi))
    if window is not None and window.holds is False and not always:
        return []
    fact = first_fact(window) if window is not None else facts.get("prices.adjustment")
    until = f" (for this order until {window.value})" if window is not None and window.holds else ""
    return [
        policy_issue(ctx, claim, f"refuses to refund a price difference, but the shop refunds price drops{until}", fact)
    ]


def _code_after(ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order | None) -> list[QAIssue]:
    """ "A code cannot be applied after ordering" where the shop applies codes for some days after purchase."""
    window = facts.get("prices.code_after_purchase")
    if window is None or not numeric(window) or not float(window.value):  # type: ignore[arg-type]
        return []
    still = since_order("code_window_open", "prices.code_after_purchase", order, facts, ctx.reference_time)
    if still is not None and still.holds is False:
        return []  # this order's window is over: "no longer" is right
    until = f" (for this order until {still.value})" if still is not None else ""
    what = f"says a code cannot be applied after ordering, but the shop applies it within {describe(window)}{until}"
    return [policy_issue(ctx, claim, what, window)]


__all__ = ["fact_order_issues", "fact_policy_issues"]
