"""Policy rules from the shop's settings and retrieved passages, for shops without typed policy facts (and as a
second reading beside them): windows and numbers by topic word, who pays return shipping, the refund method,
non-returnable items, "you can still return it" after the window, price-difference refunds.
"""

from __future__ import annotations

import re
from datetime import timedelta

from assist.models import PolicyPassage, QAIssue
from assist.quality import lexicon as lx
from assist.quality.context import DraftContext
from assist.quality.extract import DAYS_PER, Duration, draft_durations, durations
from assist.quality.text_spans import Span, sentence_at

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


def settings_policy_issues(draft: str, ctx: DraftContext) -> list[QAIssue]:
    issues = _window_numbers(draft, ctx)
    issues += _return_shipping(draft, ctx)
    issues += _refund_method(draft, ctx)
    issues += _exclusions(draft, ctx)
    issues += _window_passed(draft, ctx)
    issues += _price_difference(draft, ctx)
    return issues


def _window_numbers(draft: str, ctx: DraftContext) -> list[QAIssue]:
    issues = []
    for duration in draft_durations(draft):  # any language's units and number words ("две години")
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
