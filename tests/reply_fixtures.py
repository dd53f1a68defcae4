"""Shared inputs for the reply tests: the demo shop's settings and policy sections, an order, a context."""

from __future__ import annotations

from datetime import datetime

from assist.config import DEMO_SHOP_DIR
from assist.models import Conversation, IntentPrediction, Order, PolicyPassage
from assist.replies import supported_languages
from assist.shop_facts import folder_settings
from assist.suggest import ReplyContext
from retrievers.chunking import chunk_document, load_document

# The demo shop's settings as readers see them: shop.yaml plus the numbers read from its policies.
SHOP = {"name": "demo", **folder_settings(DEMO_SHOP_DIR)}


def demo_passages(language: str = "en") -> list[PolicyPassage]:
    """Every chunk of the demo shop's policies, cut by the real chunker (``retrievers.chunking``) and
    shaped as the retriever returns them; ids read ``<file stem>#<anchor>`` so tests can name them."""
    out = []
    for path in sorted((DEMO_SHOP_DIR / "policies" / language).glob("*.md")):
        document = load_document(path)
        for chunk in chunk_document(document):
            name = chunk.anchor or chunk.section
            suffix = f"-{chunk.index}" if chunk.index else ""
            out.append(
                PolicyPassage(
                    id=f"{path.stem}#{name}{suffix}",
                    text=chunk.body,
                    source=path.name,
                    section=chunk.section,
                    language=document.language or language,
                    score=1.0,
                    intents=list(document.intents),
                    anchor=chunk.anchor,
                )
            )
    return out


PASSAGES = demo_passages()


def make_order(status: str) -> Order:
    dates = {
        "processing": {},
        "cancelled": {},
        "shipped": {"shipped_at": datetime(2026, 11, 3, 15)},
        "delivered": {"shipped_at": datetime(2026, 11, 3, 15), "delivered_at": datetime(2026, 11, 5, 11)},
        "returned": {"shipped_at": datetime(2026, 11, 3, 15), "delivered_at": datetime(2026, 11, 5, 11)},
    }
    carrier = {"carrier": "DHL", "tracking_number": "JJD000390007"} if dates[status] else {}
    return Order(
        order_id="NL-104233",
        customer_id="C-1",
        customer_name="Anna Müller",
        status=status,
        placed_at=datetime(2026, 11, 1, 9),
        total=54.8,
        currency="EUR",
        items=[{"sku": "PAN-28", "name": "Pan 28 cm", "quantity": 1, "price": 54.8}],
        **dates[status],
        **carrier,
    )


def context(
    language: str,
    intent: str,
    order: Order | None,
    *,
    agent: str = "en",
    settings: dict | None = None,
    policies: list[PolicyPassage] | None = None,
    name: str | None = "Anna Müller",
    text: str = "Hallo?",
    channel: str | None = None,
) -> ReplyContext:
    conversation = Conversation(customer={"name": name}, channel=channel, messages=[{"role": "customer", "text": text}])
    return ReplyContext(
        conversation=conversation,
        buyer_language=language,
        agent_language=agent,
        # the placeholder text says nothing of the language: the fixture's language is the reply's where it has
        # templates (a language without them: English and the note, as assist/reply_language.py picks)
        reply_language=language if language in supported_languages() else "",
        intent=IntentPrediction(intent=intent, confidence=0.9),
        order=order,
        policies=PASSAGES if policies is None else policies,
        shop_settings=SHOP if settings is None else settings,
    )
