"""The sidebar pipeline as a library call: steps, timings, and soft failures."""

from __future__ import annotations

import pytest
from reply_fixtures import make_order

from assist.errors import ServiceUnavailable
from assist.language import FakeDetector
from assist.models import Conversation, Translation
from assist.pipeline import Shop, build_assist_card
from assist.services import Services
from retrievers.embeddings import FakeEmbedder
from retrievers.orders import InMemoryOrderStore


class DownIndex:
    def search(self, *args, **kwargs):
        raise ServiceUnavailable("the policy index is unreachable; try again shortly")


class EchoTranslator:
    def translate(self, text, target_language, source_language=None, **kwargs):
        return Translation(
            text=f"({target_language}) {text}",
            source_language=source_language or "und",
            target_language=target_language,
            engine="fake",
        )


@pytest.fixture
def services(settings):
    order = make_order("shipped")
    svc = Services(
        settings,
        embedder=FakeEmbedder(),
        language_detector=FakeDetector(default="fr"),
        translator=EchoTranslator(),
        policy_index=DownIndex(),
        chat_model=None,
        order_store=InMemoryOrderStore({1: [order]}),
    )
    yield svc
    svc.close()


def test_card_arrives_when_a_step_fails(services, shop_key):
    conversation = Conversation(
        customer={"name": "Anna Müller"}, messages=[{"role": "customer", "text": "Où est ma commande NL-104233 ?"}]
    )
    card = build_assist_card(services, Shop(id=1, settings={}), conversation, "en")
    assert card.policies == [] and any("policy index is unreachable" in n for n in card.notes)
    assert card.order is not None and card.order.order_id == "NL-104233"
    assert card.translation.text.startswith("(en) Où est") and card.engines["translation"] == "fake"
    assert card.suggestions.suggestions and all(s.language == "fr" for s in card.suggestions.suggestions)
    assert any("NL-104233" in s.text for s in card.suggestions.suggestions)
    assert card.summary.customer_ask.startswith("(en) Où est")
    assert all(ms >= 0 for ms in card.timings_ms.values()) and card.timings_ms["total"] >= card.timings_ms["intent"]


def test_unknown_order_is_explained(services, shop_key):
    conversation = Conversation(messages=[{"role": "customer", "text": "Commande NL-999999, où est-elle ?"}])
    card = build_assist_card(services, Shop(id=1, settings={}), conversation, "en")
    assert card.order is None and "NL-999999" in card.order_lookup
    assert all("NL-999999" not in s.text for s in card.suggestions.suggestions)
