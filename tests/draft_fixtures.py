"""Shared inputs for the draft-check tests: an order built from a few fields and the draft checks run as the API
runs them (``check_draft`` with the shop's facts, the order and the buyer's message)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.models import Conversation, Order, QAIssue
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
POLICY = "policy_contradiction"
ORDER = "order_contradiction"


def make_order(
    status: str,
    *,
    items: list[tuple[str, str, float]],
    order_id: str = "A-1",
    placed: datetime = datetime(2026, 10, 1, tzinfo=UTC),
    shipped: datetime | None = None,
    delivered: datetime | None = None,
    carrier: str | None = None,
    tracking: str | None = None,
    currency: str = "EUR",
) -> Order:
    """An order of ``items`` (sku, name, price; one of each), its total their sum. Carrier and tracking number only
    once it has left (an order still processing has neither)."""
    left = status != "processing"
    return Order.model_validate(
        {
            "order_id": order_id,
            "customer_id": "C1",
            "customer_name": "Ann",
            "status": status,
            "placed_at": placed,
            "shipped_at": shipped if left else None,
            "delivered_at": delivered,
            "carrier": carrier if left else None,
            "tracking_number": tracking if left else None,
            "items": [{"sku": sku, "name": name, "quantity": 1, "price": price} for sku, name, price in items],
            "total": sum(price for _, _, price in items),
            "currency": currency,
        }
    )


def draft_issues(
    draft: str,
    facts: PolicyFacts,
    order: Order | None,
    buyer: str = "Hello",
    checks: list[str] | None = None,
    **settings: Any,
) -> list[QAIssue]:
    """The policy and order checks on ``draft`` after the buyer's one message; ``settings`` are the shop's."""
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": buyer, "sent_at": NOW}]})
    return check_draft(
        draft,
        conversation=conversation,
        order=order,
        checks=checks or [POLICY, ORDER],
        facts=facts,
        now=NOW,
        shop_settings=settings,
    )


def fired(issues: list[QAIssue]) -> list[str]:
    """The checks that fired, once each, sorted."""
    return sorted({i.check for i in issues})
