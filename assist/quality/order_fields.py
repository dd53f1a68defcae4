"""A draft's words against the order's fields: status phrases, tracking number, total and refund amounts,
refund percentages, shipping and delivery dates (of statuses read in any wording), another order's id.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from assist.models import Order, QAIssue
from assist.quality import lexicon as lx
from assist.quality.context import DraftContext
from assist.quality.date_mentions import dates
from assist.quality.money_mentions import draft_amounts
from assist.quality.text_spans import Span, sentence_at, tracking_numbers


def order_field_issues(draft: str, ctx: DraftContext, order: Order) -> list[QAIssue]:
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
    """A tracking-number-shaped token in a sentence that gives a tracking number (its words, or the claim reader's
    reading in any language) that is not this order's."""
    from assist.quality.claim_polarity import tracking_stated

    issues: list[QAIssue] = []
    for token in tracking_numbers(draft):
        sent = sentence_at(draft, token.start)
        if token.text.upper() == (order.order_id or "").upper():
            continue
        own = (order.tracking_number or "").replace(" ", "")
        if own and token.text.replace(" ", "") == own:
            continue
        # a mistyped copy of the order's own number gives it, in any words; another number needs words that give it
        if not mistyped(token.text.replace(" ", ""), own) and not (
            lx.TRACKING_WORDS.search(sent.text) or tracking_stated(ctx, sent.text)
        ):
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
    from assist.quality.fact_amounts import policy_amount

    issues: list[QAIssue] = []
    for amount in draft_amounts(draft, order.currency):  # "$100" for a CAD order: CAD; "2 500 Kč"
        if policy_amount(draft, ctx, amount.span.start, amount.span.end):
            continue  # a free-shipping or customs threshold, a return label's price: not the order's amount
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
            (lx.TOTAL_WORDS.search(sent) or mistyped(_digits(amount.value), _digits(order.total)))
            and abs(amount.value - order.total) > 0.01
            and not any(abs(amount.value - i.price * i.quantity) <= 0.01 for i in order.items)
        ):
            copied = "" if lx.TOTAL_WORDS.search(sent) else " (a mistyped copy of it?)"
            issues.append(
                ctx.issue(
                    "order_contradiction",
                    "error",
                    f"The draft states {'a total of ' if not copied else ''}{amount.span.text}, but the order total "
                    f"is {order.total:.2f} {order.currency}{copied}.",
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


def mistyped(said: str, own: str) -> bool:
    """Whether ``said`` is ``own`` with one character changed or two neighbours swapped: a copy of the order's own
    number or amount made by hand ("PE893078165RS" for "PE893078156RS", "1,548" for "1,458"), whatever words
    surround it; in a long number two characters a few places apart swapped too ("VX495147115" for "VX495147511").
    Numbers of four characters or more only: shorter ones differ by one digit too often by chance."""
    if len(said) != len(own) or len(own) < 4 or said == own:
        return False
    diff = [i for i, (a, b) in enumerate(zip(said, own, strict=True)) if a != b]
    if len(diff) == 1:
        return True
    apart = 1 if len(own) < _LONG else _SWAPPED_APART
    swapped = said[diff[0]] == own[diff[1]] and said[diff[1]] == own[diff[0]]
    return len(diff) == 2 and diff[1] - diff[0] <= apart and swapped


_LONG = 8  # a number this long (a tracking number) is copied by hand in pieces: a swap within a piece is a typo
_SWAPPED_APART = 3


def _digits(value: float) -> str:
    """An amount's digits, cents kept only where it has some ("1458", "1458.5" -> "145850")."""
    return f"{value:.2f}".replace(".", "") if round(value, 2) != round(value) else str(round(value))


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
