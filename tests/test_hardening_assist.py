"""Issue 14, finding 3: a store or index failure inside /v1/assist gives a partial card, not a 500."""

from __future__ import annotations

import pytest
from chromadb.errors import InternalError
from fastapi.testclient import TestClient
from sqlalchemy.exc import DataError

from api.app import create_app
from assist.config import Settings
from assist.services import Services
from assist.store import shops
from retrievers.embeddings import FakeEmbedder

BODY = {
    "conversation": {
        "messages": [{"role": "customer", "text": "Where is my order NL-100001? It has not arrived."}],
        "customer": {"id": "c-1"},
    },
    "agent_language": "en",
}


class BrokenIndex:
    def search(self, *args, **kwargs):
        raise InternalError("Error executing plan: Internal error: error returned from database")


class BrokenOrders:
    def get(self, shop_id, order_id):
        raise DataError("SELECT ...", {}, Exception("value too long"))

    def for_customer(self, shop_id, customer_id, limit=5):
        raise DataError("SELECT ...", {}, Exception("value too long"))

    def find(self, *args, **kwargs):
        raise DataError("SELECT ...", {}, Exception("value too long"))


@pytest.fixture
def broken(tmp_path):
    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False, rate_limit_per_minute=0)
    services = Services(settings, embedder=FakeEmbedder(), policy_index=BrokenIndex(), order_store=BrokenOrders())
    with services.db.session() as session:
        _, key = shops.create_shop(session, "alpha", {})
    with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
        yield client, {"Authorization": f"Bearer {key}"}


def test_index_and_store_failures_give_a_partial_card_naming_the_steps(broken):
    client, auth = broken
    r = client.post("/v1/assist", json=BODY, headers=auth)
    assert r.status_code == 200, r.text
    card = r.json()
    assert card["policies"] == [] and card["order"] is None
    assert card["suggestions"]["suggestions"]  # the rest of the card is there
    failed = [n for n in card["notes"] if "the card is partial" in n]
    assert any(n.startswith("policies: failed (InternalError") for n in failed), card["notes"]
    assert any(n.startswith("order_lookup: failed (DataError") for n in failed), card["notes"]
    assert card["degraded"] == "failed: order_lookup, policies"


def test_the_progressive_card_is_partial_too(broken):
    client, auth = broken
    r = client.post("/v1/assist", json=BODY, headers={**auth, "Accept": "text/event-stream"})
    assert r.status_code == 200
    assert "event: card" in r.text and "the card is partial" in r.text
