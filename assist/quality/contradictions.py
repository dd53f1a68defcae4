"""Rule checks for what a draft states against the shop's policy and the order data.

``policy_contradiction``: return/refund/cancellation/damage-report windows and warranty length,
who pays return shipping, refund method, non-returnable items, price-difference refunds, and
"you can still return it" after the window ended for this order. ``order_contradiction``:
status, tracking number, total and refund amounts, shipping/delivery dates, order id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from assist.models import Order, PolicyPassage, QAIssue
from assist.quality import lexicon as lx
from assist.quality.context import DraftContext
from assist.quality.extract import DAYS_PER, Duration, Span, amounts, dates, durations, sentence_at, tracking_numbers

# topic -> (shop setting, its unit, human name)
POLICY_NUMBERS = {
    "return_window": ("return_window_days", "day", "return window"),
    "refund_days": ("refund_days", "day", "refund time"),
    "warranty_months": ("warranty_months", "month", "warranty"),
    "cancellation_window_hours": ("cancellation_window_hours", "hour", "free-cancellation window"),
    "damaged_report_days": ("damaged_report_days", "day", "deadline to report damage"),
}
UNIT_WORD = {"day": "days", "hour": "hours", "month": "months"}
BUYER_PAYS_POLICY = re.compile(
    r"paid by you|paid by the buyer|at your (own )?(cost|expense)|zahlen Sie|tragen Sie|お客様(の)?(ご)?負担|由您承担|"
    r"由买家承担|a su cargo|corren por su cuenta|à votre charge|à vos frais|por sua conta|a suo carico",
    re.I,
)


def topic_of(text: str, span: Span) -> str | None:
    """The policy topic a number belongs to: the nearest topic keyword in the same sentence."""
    sent = sentence_at(text, span.start)
    best: tuple[int, str] | None = None
    for topic, pattern in lx.TOPICS.items():
        for m in pattern.finditer(text, sent.start, sent.end):
            distance = min(abs(m.start() - span.end), abs(span.start - m.end()))
            if best is None or distance < best[0]:
                best = (distance, topic)
    return best[1] if best else None


def _in_unit(duration: Duration, unit: str) -> float:
    return duration.high * DAYS_PER[duration.unit] / DAYS_PER[unit]


def policy_value(topic: str, ctx: DraftContext) -> tuple[float, str | None] | None:
    """The shop's number for ``topic`` (in the setting's unit) and the passage that states it."""
    setting, unit, _ = POLICY_NUMBERS[topic]
    passage = _passage_for(topic, ctx.policies)
    if ctx.shop_settings.get(setting) is not None:
        return float(ctx.shop_settings[setting]), passage.id if passage else None
    if passage is None:
        return None
    for duration in durations(passage.text):
        if topic_of(passage.text, duration.span) == topic:
            return _in_unit(duration, unit), passage.id
    return None


def _passage_for(topic: str, policies: tuple[PolicyPassage, ...]) -> PolicyPassage | None:
    anchors = lx.TOPIC_ANCHORS[topic]
    for passage in policies:
        if passage.anchor in anchors:
            return passage
    for passage in policies:
        if any(topic_of(passage.text, d.span) == topic for d in durations(passage.text)):
            return passage
    return None


POLICY_SIGNALS = (
    lx.SHOP_PAYS_RETURN,
    lx.BUYER_PAYS_RETURN,
    lx.STORE_CREDIT,
    lx.CASH_OR_BANK,
    lx.CAN_RETURN,
    lx.PRICE_DIFFERENCE,
    lx.EXCLUSION_TERMS,
    *lx.TOPICS.values(),
)


def mentions_policy(draft: str) -> bool:
    """Whether the draft says anything a policy rule looks at (cheap: decides if policies are searched)."""
    return any(p.search(draft) for p in POLICY_SIGNALS)


def _in_draft_words(
    check: Callable[[str, DraftContext], list[QAIssue]],
) -> Callable[[str, DraftContext], list[QAIssue]]:
    """Run ``check`` on the draft with traditional Chinese written as simplified (same offsets), and quote the
    draft's own words in each issue's evidence."""

    def run(draft: str, ctx: DraftContext) -> list[QAIssue]:
        from assist.quality.hanzi import simplified

        probe = simplified(draft)
        issues: list[QAIssue] = check(probe, ctx)
        if probe == draft:
            return issues
        for issue in issues:
            ev = issue.evidence
            if ev is not None and ev.start is not None and ev.end is not None:
                ev.text = draft[ev.start : ev.end]
                issue.message = issue.message.replace(probe[ev.start : ev.end], ev.text)
        return issues

    return run


@_in_draft_words
def policy_contradiction(draft: str, ctx: DraftContext) -> list[QAIssue]:
    if ctx.facts is not None:  # the shop's policy facts: claims and numbers against them (any shop)
        from assist.quality.fact_contradictions import fact_policy_issues

        return _distinct(fact_policy_issues(draft, ctx) + _legacy_policy(draft, ctx))
    return _legacy_policy(draft, ctx)


def _distinct(issues: list[QAIssue]) -> list[QAIssue]:
    """One issue per check and evidence span (the fact-based and the settings-based rules may both fire)."""
    kept: list[QAIssue] = []
    for issue in issues:
        ev = issue.evidence
        if ev is not None and any(
            k.check == issue.check
            and k.evidence is not None
            and k.evidence.start is not None
            and ev.start is not None
            and k.evidence.start < (ev.end or ev.start) + 1
            and ev.start < (k.evidence.end or k.evidence.start) + 1
            for k in kept
        ):
            continue
        kept.append(issue)
    return kept


def _legacy_policy(draft: str, ctx: DraftContext) -> list[QAIssue]:
    issues = _window_numbers(draft, ctx)
    issues += _return_shipping(draft, ctx)
    issues += _refund_method(draft, ctx)
    issues += _exclusions(draft, ctx)
    issues += _window_passed(draft, ctx)
    issues += _price_difference(draft, ctx)
    return issues


def _window_numbers(draft: str, ctx: DraftContext) -> list[QAIssue]:
    issues = []
    for duration in durations(draft):
        topic = topic_of(draft, duration.span)
        if topic is None:
            continue
        known = policy_value(topic, ctx)
        if known is None:
            continue
        value, passage_id = known
        setting, unit, name = POLICY_NUMBERS[topic]
        stated = _in_unit(duration, unit)
        if abs(stated - value) <= 0.05 * value:
            continue
        if topic == "refund_days":
            if stated >= value:
                continue  # promising a slower refund than policy is cautious, not wrong
            message = (
                f"The draft promises a refund within {duration.span.text}, but the policy allows up to "
                f"{value:g} {UNIT_WORD[unit]}; promise what the policy says."
            )
            issues.append(ctx.issue("policy_contradiction", "warning", message, duration.span, policy_id=passage_id))
            continue
        longer = stated > value
        message = (
            f"The draft states a {name} of {duration.span.text}, but the shop's policy says {value:g} "
            f"{UNIT_WORD[unit]} ({setting}); correct the number."
        )
        issues.append(
            ctx.issue(
                "policy_contradiction", "error" if longer else "warning", message, duration.span, policy_id=passage_id
            )
        )
    return issues


def _damage_context(draft: str, ctx: DraftContext) -> bool:
    return bool(lx.DAMAGE_CONTEXT.search(draft) or lx.DAMAGE_CONTEXT.search(ctx.customer_text()))


def _first_passage(ctx: DraftContext, pattern: re.Pattern[str]) -> PolicyPassage | None:
    return next((p for p in ctx.policies if pattern.search(p.text)), None)


def _return_shipping(draft: str, ctx: DraftContext) -> list[QAIssue]:
    payer = str(ctx.shop_settings.get("return_shipping_paid_by") or "").lower()
    buyer_pays = payer in ("buyer", "customer", "you") or (not payer and _first_passage(ctx, BUYER_PAYS_POLICY))
    passage = _first_passage(ctx, BUYER_PAYS_POLICY)
    issues = []
    if buyer_pays and not _damage_context(draft, ctx):
        for m in lx.SHOP_PAYS_RETURN.finditer(draft):
            issues.append(
                ctx.issue(
                    "policy_contradiction",
                    "error",
                    "The draft offers free return shipping, but the policy says the buyer pays return shipping for "
                    "change-of-mind returns (the shop pays only for damaged, defective or wrong items).",
                    Span(m.group(0), m.start(), m.end()),
                    policy_id=passage.id if passage else None,
                )
            )
    elif payer in ("shop", "seller", "merchant", "us", "free"):
        for m in lx.BUYER_PAYS_RETURN.finditer(draft):
            issues.append(
                ctx.issue(
                    "policy_contradiction",
                    "warning",
                    "The draft asks the buyer to pay return shipping, but this shop pays for return shipping.",
                    Span(m.group(0), m.start(), m.end()),
                )
            )
    return issues


def _refund_method(draft: str, ctx: DraftContext) -> list[QAIssue]:
    method = str(ctx.shop_settings.get("refund_method") or "").lower()
    passage = next((p for p in ctx.policies if p.anchor == "refund-method"), None)
    if "original" not in method and passage is None:
        return []
    if lx.STORE_CREDIT.search(ctx.customer_text()):
        return []  # the buyer asked for store credit themselves
    issues = []
    for pattern, what in ((lx.STORE_CREDIT, "store credit"), (lx.CASH_OR_BANK, "cash or a bank transfer")):
        for m in pattern.finditer(draft):
            sent = sentence_at(draft, m.start())
            if not lx.TOPICS["refund_days"].search(sent.text):
                continue
            issues.append(
                ctx.issue(
                    "policy_contradiction",
                    "warning",
                    f"The draft offers the refund as {what}, but refunds go back to the original payment method.",
                    Span(m.group(0), m.start(), m.end()),
                    policy_id=passage.id if passage else None,
                )
            )
    return issues


def _exclusions(draft: str, ctx: DraftContext) -> list[QAIssue]:
    can_return = lx.CAN_RETURN.search(draft)
    if not can_return or _damage_context(draft, ctx):
        return []
    items = " ".join(i.name for i in ctx.order.items) if ctx.order else ""
    about = lx.EXCLUSION_TERMS.search(" ".join((draft, ctx.customer_text(), items)))
    excluded_by = _first_passage(ctx, lx.EXCLUSION_TERMS)
    listed = [str(x).lower() for x in ctx.shop_settings.get("non_returnable", [])]
    if about is None or (excluded_by is None and not listed):
        return []
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f"The draft accepts a return of a '{about.group(0)}' item, but the policy excludes such items from "
            "returns unless they arrived damaged, defective or wrong.",
            Span(can_return.group(0), can_return.start(), can_return.end()),
            policy_id=excluded_by.id if excluded_by else None,
        )
    ]


def _window_passed(draft: str, ctx: DraftContext) -> list[QAIssue]:
    can_return = lx.CAN_RETURN.search(draft)
    order, window = ctx.order, ctx.shop_settings.get("return_window_days")
    if not can_return or order is None or order.delivered_at is None or window is None or _damage_context(draft, ctx):
        return []
    delivered = (
        order.delivered_at
        if order.delivered_at.tzinfo
        else order.delivered_at.replace(tzinfo=ctx.reference_time.tzinfo)
    )
    ends = delivered + timedelta(days=float(window))
    if ctx.reference_time <= ends:
        return []
    passage = _passage_for("return_window", ctx.policies)
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f"The draft says the item can still be returned, but it was delivered on {delivered:%Y-%m-%d} and the "
            f"{window}-day return window ended on {ends:%Y-%m-%d}.",
            Span(can_return.group(0), can_return.start(), can_return.end()),
            policy_id=passage.id if passage else None,
            order_field="delivered_at",
        )
    ]


def _price_difference(draft: str, ctx: DraftContext) -> list[QAIssue]:
    m = lx.PRICE_DIFFERENCE.search(draft)
    if m is None:
        return []
    span = Span(m.group(0), m.start(), m.end())
    if "match" in m.group(0).lower() and ctx.shop_settings.get("price_match") is False:
        return [
            ctx.issue(
                "policy_contradiction",
                "error",
                "The draft offers a price match, but this shop does not match other sellers' prices.",
                span,
            )
        ]
    days, order = ctx.shop_settings.get("price_drop_days"), ctx.order
    if days is None or order is None:
        return []
    placed = order.placed_at if order.placed_at.tzinfo else order.placed_at.replace(tzinfo=ctx.reference_time.tzinfo)
    if ctx.reference_time <= placed + timedelta(days=float(days)):
        return []
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f"The draft refunds a price difference, but that is only possible within {days} days of ordering and "
            f"this order was placed on {placed:%Y-%m-%d}.",
            span,
            order_field="placed_at",
        )
    ]


# --- order ----------------------------------------------------------------------------------


@_in_draft_words
def order_contradiction(draft: str, ctx: DraftContext) -> list[QAIssue]:
    order = ctx.order
    if order is None:
        return []
    from assist.quality.fact_contradictions import fact_order_issues

    return _distinct(fact_order_issues(draft, ctx) + _legacy_order(draft, ctx, order))


def _legacy_order(draft: str, ctx: DraftContext, order: Order) -> list[QAIssue]:
    return (
        _status(draft, ctx, order)
        + _tracking(draft, ctx, order)
        + _amounts(draft, ctx, order)
        + _refund_percentages(draft, ctx, order)
        + _dates(draft, ctx, order)
        + _order_ids(draft, ctx, order)
    )


def _status(draft: str, ctx: DraftContext, order: Order) -> list[QAIssue]:
    status = order.status
    wrong = {
        "shipped": ("processing", "cancelled"),
        "delivered": ("processing", "shipped", "cancelled"),
        "not_shipped": ("shipped", "delivered", "returned"),
    }
    issues = []
    denied = [(m.start(), m.end()) for m in lx.STATUS_CLAIMS["not_shipped"].finditer(draft)]
    for claim, pattern in lx.STATUS_CLAIMS.items():
        if status not in wrong[claim]:
            continue
        for m in pattern.finditer(draft):
            if claim != "not_shipped" and (_negated(draft, m.start()) or any(s <= m.start() < e for s, e in denied)):
                continue
            issues.append(
                ctx.issue(
                    "order_contradiction",
                    "error",
                    f"The draft says the order {claim.replace('_', ' ')}, but order {order.order_id} is "
                    f"'{status}'; check the order before sending.",
                    Span(m.group(0), m.start(), m.end()),
                    order_field="status",
                )
            )
    return issues


NEGATION = re.compile(
    r"(?:\bnot|n't|\bnever|nicht|\bnoch kein\w*|\bno|\bpas|\bnão|\bnon|未|没|尚未|还没)\W{0,3}(?:\w+\W+){0,2}$", re.I
)


def _negated(text: str, start: int) -> bool:
    """A negation word shortly before ``start`` ("has not yet been shipped", "aún no ha sido enviado")."""
    return bool(NEGATION.search(text[max(0, start - 25) : start]))


def _tracking(draft: str, ctx: DraftContext, order: Order) -> list[QAIssue]:
    issues: list[QAIssue] = []
    for token in tracking_numbers(draft):
        sent = sentence_at(draft, token.start)
        if not lx.TRACKING_WORDS.search(sent.text) or token.text.upper() == (order.order_id or "").upper():
            continue
        if order.tracking_number and token.text.replace(" ", "") == order.tracking_number.replace(" ", ""):
            continue
        expected = order.tracking_number or "none yet"
        issues.append(
            ctx.issue(
                "order_contradiction",
                "error",
                f"The tracking number {token.text} is not this order's (order data: {expected}).",
                token,
                order_field="tracking_number",
            )
        )
    return issues


def _amounts(draft: str, ctx: DraftContext, order: Order) -> list[QAIssue]:
    issues: list[QAIssue] = []
    for amount in amounts(draft):
        sent = sentence_at(draft, amount.span.start).text
        if amount.currency != order.currency and (lx.TOTAL_WORDS.search(sent) or lx.REFUND_AMOUNT_WORDS.search(sent)):
            issues.append(
                ctx.issue(
                    "order_contradiction",
                    "warning",
                    f"The draft states {amount.span.text}, but the order was paid in {order.currency}.",
                    amount.span,
                    order_field="currency",
                )
            )
        elif (
            lx.TOTAL_WORDS.search(sent)
            and abs(amount.value - order.total) > 0.01
            and not any(abs(amount.value - i.price * i.quantity) <= 0.01 for i in order.items)
        ):
            issues.append(
                ctx.issue(
                    "order_contradiction",
                    "error",
                    f"The draft states a total of {amount.span.text}, but the order total is "
                    f"{order.total:.2f} {order.currency}.",
                    amount.span,
                    order_field="total",
                )
            )
        elif lx.REFUND_AMOUNT_WORDS.search(sent) and amount.value > order.total + 0.01:
            issues.append(
                ctx.issue(
                    "order_contradiction",
                    "error",
                    f"The draft refunds {amount.span.text}, more than the order total of "
                    f"{order.total:.2f} {order.currency}.",
                    amount.span,
                    order_field="total",
                )
            )
    return issues


PERCENT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s?(?:%|％|\b(?:percent|per cent|prozent|pour cent|por ciento|por cento"
    r"|per cento)\b)",
    re.I,
)


def _refund_percentages(draft: str, ctx: DraftContext, order: Order) -> list[QAIssue]:
    """A refund promised as a percentage ("we will refund 100%") is an amount too: over 100% is more
    than the order total; any other is flagged for checking, since no order or policy data states it."""
    issues: list[QAIssue] = []
    for m in PERCENT.finditer(draft):
        sent = sentence_at(draft, m.start()).text
        if not lx.REFUND_AMOUNT_WORDS.search(sent) or _negated(draft, m.start()):
            continue
        share = float(m.group(1).replace(",", "."))
        amount = order.total * share / 100
        over = share > 100
        issues.append(
            ctx.issue(
                "order_contradiction",
                "error" if over else "warning",
                f"The draft promises a {m.group(0).strip()} refund ({amount:.2f} {order.currency} of the order "
                f"total of {order.total:.2f} {order.currency})"
                + (
                    "; that is more than the order total."
                    if over
                    else "; promise only what the policy and the order support, and check it before sending."
                ),
                Span(m.group(0), m.start(), m.end()),
                order_field="total",
            )
        )
    return issues


def _status_spans(draft: str, claim: str) -> list[Span]:
    """Where the draft states ``claim`` and the words a date for it stands in: the sentence of a lexicon phrase, the
    part of the clause of a claim read in other words ("se entregó el 18 de noviembre")."""
    from assist.quality.claim_frames import part_at
    from assist.quality.claims import find_claims

    spans = [sentence_at(draft, m.start()) for m in lx.STATUS_CLAIMS[claim].finditer(draft)]
    for found in find_claims(draft):
        if found.kind == claim and not any(s.start <= found.span.start < s.end for s in spans):
            lo, hi = part_at(draft, found.span.start)
            spans.append(Span(draft[lo:hi], lo, hi))
    return spans


def _dates(draft: str, ctx: DraftContext, order: Order) -> list[QAIssue]:
    issues: list[QAIssue] = []
    for claim, field in (("shipped", "shipped_at"), ("delivered", "delivered_at")):
        actual: datetime | None = getattr(order, field)
        if actual is None:
            continue
        for sent in _status_spans(draft, claim):
            for mention in dates(sent.text):
                same = (
                    (mention.weekday == actual.weekday())
                    if mention.weekday is not None
                    else (mention.month, mention.day) == (actual.month, actual.day)
                )
                if not same:
                    span = Span(mention.span.text, sent.start + mention.span.start, sent.start + mention.span.end)
                    issues.append(
                        ctx.issue(
                            "order_contradiction",
                            "error",
                            f"The draft says the order {claim} on {mention.span.text}, but the order data says "
                            f"{actual:%A %Y-%m-%d}.",
                            span,
                            order_field=field,
                        )
                    )
    return issues


def _order_ids(draft: str, ctx: DraftContext, order: Order) -> list[QAIssue]:
    """Another order's id in the draft. A number's role comes from its own token: an id pattern that matches inside
    a longer token (the tracking number "TW111216864GB" holds "TW111216") or inside a tracking number is no
    order id."""
    from retrievers.orders import compile_pattern

    pattern: Any = ctx.shop_settings.get("order_id_pattern")
    if not pattern:
        return []
    known = {order.order_id.upper(), *(o.upper() for o in (ctx.conversation.order_ids if ctx.conversation else []))}
    tracking = [(t.start, t.end) for t in tracking_numbers(draft)]
    issues, seen = [], set()
    for m in compile_pattern(pattern).finditer(draft):
        start, end = m.start(), m.end()
        oid = m.group(0).lstrip("#").upper()
        inside = (start > 0 and draft[start - 1].isalnum()) or (end < len(draft) and draft[end].isalnum())
        if inside or any(s <= start and end <= e and (s, e) != (start, end) for s, e in tracking):
            continue
        if oid in known or oid in seen or oid == (order.tracking_number or "").upper():
            continue
        seen.add(oid)
        issues.append(
            ctx.issue(
                "order_contradiction",
                "warning",
                f"The draft mentions order {oid}, but this conversation is about order {order.order_id}.",
                Span(draft[start:end], start, end),
                order_field="order_id",
            )
        )
    return issues
