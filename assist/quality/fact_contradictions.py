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
    add_duration,
    as_utc,
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
from assist.quality.claims import (
    Claim,
    carriers_named,
    damage_context,
    find_claims,
)
from assist.quality.context import DraftContext
from assist.quality.extract import Span, amounts
from assist.quality.fact_numbers import (
    amount_issues,
    clause_of,
    latest_buyer_text,
    number_issues,
    numeric,
    quote,
    regional,
)

STATUS_WRONG = {
    "delivered": ("processing", "shipped", "cancelled"),
    "in_transit": ("processing", "cancelled", "delivered", "returned"),
    "shipped": ("processing", "cancelled"),
    "not_shipped": ("shipped", "delivered", "returned"),
    "cancelled": ("shipped", "delivered", "returned"),
}
NEVER = re.compile(r"\b(never|nie(mals)?|jamais|nunca|mai)\b|決して|一切|从不|从来不|绝不", re.IGNORECASE)
CLAIM_WORDS = {
    "delivered": "has been delivered",
    "in_transit": "is on its way",
    "shipped": "has shipped",
    "not_shipped": "has not shipped yet",
    "cancelled": "has been cancelled",
}


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
    issues += _cancel_too_late(ctx, _cancel_claims(draft, {c.kind: c for c in claims}, order), order)
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


# the shop cancels: a first-person subject before the verb in its part, or a verb form that is the shop's own
SHOP_CANCELS = re.compile(  # "I" in capitals only: Italian "i" is an article
    r"\bI\b|(?i:\b(we|ich|wir|habe|haben|je|j'ai|nous|avons|yo|nosotros|hemos|io|noi|abbiamo|ho|eu|nós|temos)\b)"
    r"|私|我们|我|弊社|当店"
)
SHOP_CANCEL_FORM = re.compile(
    r"annulliamo|annullo|annule\b|annulons|cancelamos|cancelo|anulamos|cancelei|cancelámos|anulei|anulé|cancelé"
    r"|stornieren|storniere|いたしました|させていただきました|承りました|受け付けました|処理いたしました|手続き|为您|帮您",
    re.IGNORECASE,
)
# the draft says the order is still within a time limit ("sei nei tempi", "you're still in time")
IN_TIME = re.compile(
    r"\b(in time|within the (time|window|deadline)|still time|nei tempi|in tempo|dans les temps|à temps|a tiempo"
    r"|dentro del plazo|a tempo|dentro do prazo|rechtzeitig|noch Zeit)\b|間に合|来得及",
    re.IGNORECASE,
)


def _cancel_claims(draft: str, by_kind: dict[str, Claim], order: Order | None) -> dict[str, Claim]:
    """The claims about cancelling: a cancellation the shop says it does or did ("cancelamos tu pedido", "I've
    cancelled it") says cancelling is possible for an order not cancelled yet; "your order is cancelled" states
    the status only."""
    done = by_kind.get("cancelled")
    if done is None or "can_cancel" in by_kind or order is None or order.status == "cancelled":
        return by_kind
    from assist.quality.claim_frames import part_at

    lo = max(part_at(draft, done.span.start)[0], done.span.start - 40)
    if SHOP_CANCEL_FORM.search(done.span.text) or SHOP_CANCELS.search(draft, lo, done.span.start):
        return {**by_kind, "can_cancel": done}
    return by_kind


def _cancel_too_late(ctx: DraftContext, by_kind: dict[str, Claim], order: Order) -> list[QAIssue]:
    """A cancellation offered "in time" for an unshipped order placed before the shop's cancellation window: the
    order's own date says otherwise (the policy check reports the rule)."""
    said = by_kind.get("can_cancel")
    if said is None or ctx.facts is None or order.status != "processing" or not IN_TIME.search(said.sentence.text):
        return []
    answer = change_possible("cancel_possible", "cancellation.rule", order, ctx.facts, ctx.reference_time)
    if answer is None or answer.holds is not False or "cancellation.window" not in answer.inputs:
        return []
    return [
        ctx.issue(
            "order_contradiction",
            "error",
            f'The draft cancels order {order.order_id} ("{said.span.text}"), but it was placed on '
            f"{answer.inputs['order.placed_at']}: {answer.note.split('(', 1)[-1].rstrip(')')}.",
            said.span,
            order_field="placed_at",
        )
    ]


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
    cancels = _cancel_claims(draft, by_kind, order)
    if {"can_cancel", "cannot_cancel"} & set(cancels) and order is not None and not misstated:
        # a cancellation wrong only because the draft misstates the status is one error: the status
        issues += _possible(
            ctx,
            cancels,
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
    if "refund_as_credit" in kinds:
        issues += _refund_method(ctx, by_kind["refund_as_credit"], facts, f"{buyer}\n{draft}")
    if {"warranty_running", "warranty_expired"} & kinds and order is not None:
        issues += _warranty(ctx, by_kind, facts, order)
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
    if "no_price_adjust" in kinds and adjust is not None and adjust.value is True:
        issues += _refuses_adjustment(draft, ctx, by_kind["no_price_adjust"], facts, order)
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
    issues += _destinations(draft, ctx, facts, home)
    if order is None or not order.carrier:
        issues += _carriers(draft, ctx, facts, code, home)
    issues += number_issues(draft, ctx, facts, code, home, skip_transit=misstated)
    issues += amount_issues(draft, ctx, facts, code, home)
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
    clause = clause_of(draft, said.span.start) if said is not None else ""
    duties = _region_fact("customs.paid_by", facts, clause, home) or regional_fact(
        "customs.paid_by", facts, country, home
    )
    if duties is None:
        return []
    where = f" for {duties.scope.region}" if duties.scope.region else ""
    threshold = _region_fact("customs.threshold", facts, clause, home) or regional_fact(
        "customs.threshold", facts, country, home
    )
    limit = float(threshold.value) if threshold is not None and numeric(threshold) else None  # type: ignore[arg-type]
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
    said = [a.value for a in amounts(latest_buyer_text(ctx)) if a.currency == (currency or "").upper()]
    return said[0] if len(said) == 1 else None


SCOPED_BY_REGION = ("shipping.transit_time", "shipping.carrier", "shipping.free_threshold", "customs.paid_by")


def _destinations(draft: str, ctx: DraftContext, facts: PolicyFacts, home: str | None) -> list[QAIssue]:
    """ "We ship to X" where the shop's destinations (``shipping.regions``, and the regions its shipping facts are
    scoped to) do not hold X; "we do not ship to X" where they do. Only for shops that list their destinations."""
    from assist.quality.claim_frames import destination_claims

    listed = facts.get("shipping.regions")
    if listed is None:
        return []
    names = [str(v) for v in (listed.value if isinstance(listed.value, list) else [listed.value])]
    names += [str(f.scope.region) for slot in SCOPED_BY_REGION for f in facts.all(slot) if f.scope.region]
    issues = []
    for claim, country in destination_claims(draft):
        covered = (
            country == home or (home and country.startswith(f"{home}-")) or regions.match_region(country, names, home)
        )
        where = regions.country_name(regions.country_of(country), "en")
        if claim.kind == "ships_to" and not covered:
            what = f"says the shop ships to {where}, but it ships only to {', '.join(dict.fromkeys(names))}"
            issues.append(_policy(ctx, claim, what, listed))
        elif claim.kind == "no_ship_to" and covered:
            what = f"says the shop does not ship to {where}, but it does"
            issues.append(_policy(ctx, claim, what, listed))
    return issues


def _carriers(
    draft: str, ctx: DraftContext, facts: PolicyFacts, country: str | None, home: str | None
) -> list[QAIssue]:
    """A carrier the draft says the shop ships with ("we send it with UPS") that is none of the shop's carriers for
    the region its clause names, else the order's region (orders with a carrier are checked against the order)."""
    from assist.policy_extract.scope import carrier_pattern
    from assist.quality.claim_frames import SHIP_VERB

    carriers = facts.all("shipping.carrier")
    if not carriers:
        return []
    issues = []
    spans = [Span(m.group(0), m.start(), m.end()) for m in carrier_pattern().finditer(draft)]
    for span in spans + [s for s in carriers_named(draft) if not any(s.start == t.start for t in spans)]:
        clause = clause_of(draft, span.start)
        if not SHIP_VERB.search(clause):
            continue
        named = _region_fact("shipping.carrier", facts, clause, home)
        where = regions.country_in_text(clause) or country
        chosen = [named] if named else [f for f in carriers if _serves(f, where, home)]
        if not chosen:
            continue
        name = span.text.casefold()
        if any(name in str(f.value).casefold() or str(f.value).casefold() in name for f in chosen):
            continue
        fact = chosen[0]
        what = f"names {span.text} as the carrier, but the shop ships{_region_words(fact)} with {fact.value}"
        issues.append(_policy(ctx, Claim("carrier", span, span), what, fact))
    return issues


def _serves(fact: PolicyFact, country: str | None, home: str | None) -> bool:
    if not fact.scope.region:
        return True
    return country is not None and regions.match_region(country, [fact.scope.region], home) is not None


def _region_words(fact: PolicyFact) -> str:
    return f" to {fact.scope.region}" if fact.scope.region else ""


def _refund_method(ctx: DraftContext, claim: Claim, facts: PolicyFacts, text: str) -> list[QAIssue]:
    """A refund as store credit where the shop refunds to the original payment method; not where the buyer asks for
    credit, or names a payment method the shop refunds as credit (points, gift cards)."""
    from assist.quality.claim_frames import credit_asked

    method = facts.get("refunds.method")
    if method is None or method.scope.payment_method or str(method.value) != "original_payment_method":
        return []
    for scoped in facts.all("refunds.method"):
        named = scoped.scope.payment_method
        if scoped.value == "store_credit" and named and named.casefold() in text.casefold():
            return []
    if credit_asked(ctx.customer_text()):
        return []
    return [_policy(ctx, claim, "refunds as store credit, but refunds go back to the original payment method", method)]


def _warranty(ctx: DraftContext, by_kind: dict[str, Claim], facts: PolicyFacts, order: Order) -> list[QAIssue]:
    """ "Still under warranty" after it ended, or "the warranty has expired" while it runs (from delivery, else the
    order date, for the order's product class where the shop scopes its warranty)."""
    fact = facts.get("warranty.length", product_class=product_class("warranty.length", facts, order))
    start = order.delivered_at or order.placed_at
    if fact is None or not numeric(fact):
        return []
    until = add_duration(as_utc(start).date(), float(fact.value), fact.unit)  # type: ignore[arg-type]
    runs = as_utc(ctx.reference_time).date() <= until
    since = f"{'delivered' if order.delivered_at else 'ordered'} {as_utc(start).date().isoformat()}"
    said, wrong = (by_kind.get("warranty_running"), not runs) if "warranty_running" in by_kind else (None, False)
    if said is not None and wrong:
        what = f"says the warranty still covers it, but the {describe(fact)} warranty ended on {until} ({since})"
        return [_policy(ctx, said, what, fact)]
    ended = by_kind.get("warranty_expired")
    if ended is not None and runs:
        what = f"says the warranty has ended, but the {describe(fact)} warranty runs until {until} ({since})"
        return [_policy(ctx, ended, what, fact)]
    return []


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
            f"({', '.join(f'{k} {v}' for k, v in deadline.inputs.items())}).{quote(fact)}",
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
    fact = regional("shipping.free_threshold", facts, named or country, home)
    if fact is None or not numeric(fact) or not float(fact.value):  # type: ignore[arg-type]
        return []
    order = ctx.order
    below = (
        order is not None and (fact.unit or "").upper() == order.currency.upper() and order.total < float(fact.value)  # type: ignore[arg-type]
    )
    if not (universal(draft, claim) or below):
        return []
    what = f"says delivery is free, but it is free only from {describe(fact)}"
    return [_policy(ctx, claim, what, fact)]


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
    fact = _first_fact(window) if window is not None else facts.get("prices.adjustment")
    until = f" (for this order until {window.value})" if window is not None and window.holds else ""
    return [_policy(ctx, claim, f"refuses to refund a price difference, but the shop refunds price drops{until}", fact)]


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
    return [_policy(ctx, claim, what, window)]


def _policy(ctx: DraftContext, claim: Claim, what: str, fact: PolicyFact | None) -> QAIssue:
    return ctx.issue(
        "policy_contradiction",
        "error",
        f'The draft {what} ("{claim.span.text}").{quote(fact)}',
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
                f"{quote(fact)}",
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
                f"so it still can.{quote(fact)}",
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
                f"{deadline.value} ({', '.join(f'{k} {v}' for k, v in deadline.inputs.items())}).{quote(fact)}",
                claim.span,
                policy_id=fact.chunk_id if fact else None,
                order_field="delivered_at",
            )
        ]
    from assist.quality.conditional_returns import conditional_exclusion

    excluded = next((a for a in excluded_items(order, facts) if a.key == "excluded_items" and a.holds), None)
    in_sentence = [i for i in order.items if _names(claim.sentence.text, i.name)]
    where = claim.sentence.text if in_sentence else claim.sentence.text + " " + ctx.customer_text()
    concerned = [i.sku for i in order.items if _names(where, i.name)]
    if excluded is None:
        return conditional_exclusion(ctx, claim, facts, order, concerned)
    named = [i for i in order.items if i.sku in excluded.value and _names(where, i.name)]
    whole = len(excluded.value) == len(order.items)
    if not named and (not whole or in_sentence):
        return conditional_exclusion(ctx, claim, facts, order, concerned)
    items = named or [i for i in order.items if i.sku in excluded.value]
    fact = _first_fact(excluded)
    phrases = ", ".join(dict.fromkeys(excluded.value[i.sku] for i in items))
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f'The draft accepts a return ("{claim.span.text}") of {", ".join(i.name for i in items)}, but the policy '
            f"excludes {phrases} from returns.{quote(fact)}",
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


__all__ = ["fact_order_issues", "fact_policy_issues"]
