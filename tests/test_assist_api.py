"""The sidebar's calls over HTTP: /v1/assist, /v1/suggestions (JSON and SSE), /v1/summary, feedback, stats."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_services
from assist.config import Settings
from assist.demo import ensure_demo_shop
from assist.facts import Grounding, unsupported
from assist.llm import ScriptedChatModel
from assist.models import Order, PolicyPassage
from assist.services import Services
from assist.store import shops
from bench.stub_llm import respond
from retrievers.embeddings import FakeEmbedder

GERMAN = {
    "id": "c-1",
    "channel": "shopify_chat",
    "customer": {"id": "C-10001", "name": "Jonas Becker"},
    "messages": [
        {
            "role": "customer",
            "text": "Hallo, wo bleibt meine Bestellung NL-106283? Das Paket hängt seit Tagen im Paketzentrum fest.",
        }
    ],
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_data):
    data_dir = demo_data.copy_to(tmp_path_factory.mktemp("assist") / "data")
    settings = Settings(data_dir=data_dir, environment="test", load_demo=False, rate_limit_per_minute=0)
    services = Services(settings, embedder=FakeEmbedder())
    key = ensure_demo_shop(services)
    with services.db.session() as session:
        _, other = shops.create_shop(session, "beta", {"agent_language": "de"})
    app = create_app(services=services)
    with TestClient(app) as client:
        yield client, {"Authorization": f"Bearer {key}"}, {"Authorization": f"Bearer {other}"}, services, app
    services.close()


def grounded(card: dict, shop_settings: dict) -> None:
    order = Order.model_validate(card["order"]) if card["order"] else None
    policies = [PolicyPassage.model_validate(p) for p in card["policies"]]
    for s in card["suggestions"]["suggestions"]:
        cited = [p for p in policies if p.id in s["citations"]]
        assert len(cited) == len(s["citations"])
        assert unsupported(s["text"], Grounding.build(order, cited, shop_settings)) == [], s["text"]


def test_assist_card(demo):
    client, auth, _, services, _ = demo
    r = client.post("/v1/assist", json={"conversation": GERMAN, "agent_language": "en"}, headers=auth)
    assert r.status_code == 200, r.text
    card = r.json()
    assert card["language"]["language"] == "de" and card["agent_language"] == "en"
    assert card["order"]["order_id"] == "NL-106283" and "mentioned" in card["order_lookup"]
    assert card["policies"] and card["intent"]["intent"]
    assert card["suggestions"]["engine"] == "template" and card["suggestions"]["suggestions"]
    assert all(s["language"] == "de" for s in card["suggestions"]["suggestions"])
    assert all(s["text"].startswith("Guten Tag Jonas Becker") for s in card["suggestions"]["suggestions"])
    assert card["summary"]["language"] == "en" and "Jonas Becker" in card["summary"]["overview"]
    assert card["summary"]["summary"] and card["summary"]["key_points"]
    assert set(card["timings_ms"]) >= {
        "language",
        "order_lookup",
        "translation",
        "intent",
        "policies",
        "suggestions",
        "summary",
        "total",
    }
    assert card["engines"]["suggestions"] == "template" and card["engines"]["summary"] == "template"
    with services.db.session() as session:
        settings = shops.get_shop(session, "demo").settings
    grounded(card, settings)


def test_another_shops_order_is_not_found(demo):
    client, _, other, _, _ = demo
    card = client.post("/v1/assist", json={"conversation": GERMAN, "agent_language": "de"}, headers=other).json()
    assert card["order"] is None and "not found in this shop" in card["order_lookup"]
    assert any("Bestellnummer" in s["text"] for s in card["suggestions"]["suggestions"])
    # The reply may repeat the number the buyer typed ("keine Bestellung mit der Nummer ... gefunden"), but tells
    # nothing of the other shop's order: it is the reply a number no shop has gets.
    made_up = json.loads(json.dumps(GERMAN).replace("NL-106283", "NL-999999"))
    unknown = client.post("/v1/assist", json={"conversation": made_up, "agent_language": "de"}, headers=other).json()
    assert [s["text"].replace("NL-106283", "NL-999999") for s in card["suggestions"]["suggestions"]] == [
        s["text"] for s in unknown["suggestions"]["suggestions"]
    ]


def test_suggestions_json_feedback_and_stats(demo):
    client, auth, other, _, _ = demo
    r = client.post("/v1/suggestions", json={"conversation": GERMAN, "agent_language": "en", "n": 2}, headers=auth)
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["engine"] == "template" and len(result["suggestions"]) == 2
    first, second = (s["id"] for s in result["suggestions"])
    ok = client.post(
        "/v1/feedback",
        json={"suggestion_id": first, "action": "edited", "final_text": result["suggestions"][0]["text"] + " Danke!"},
        headers=auth,
    )
    assert ok.status_code == 200 and 0 < ok.json()["edit_ratio"] < 0.2
    sent = client.post("/v1/feedback", json={"suggestion_id": second, "action": "sent"}, headers=auth)
    assert sent.status_code == 200
    foreign = client.post("/v1/feedback", json={"suggestion_id": first, "action": "sent"}, headers=other)
    assert foreign.status_code == 404 and "not issued to this shop" in foreign.json()["detail"]
    bad = client.post("/v1/feedback", json={"suggestion_id": first, "action": "liked"}, headers=auth)
    assert bad.status_code == 422 and "action" in bad.json()["detail"]
    stats = client.get("/v1/stats/suggestions", headers=auth).json()
    assert stats["overall"]["issued"] >= 2 and stats["by_engine"]["template"]["sent"] >= 1
    assert client.get("/v1/stats/suggestions", headers=other).json()["overall"]["sent"] == 0


def test_suggestions_stream_as_server_sent_events(demo):
    client, auth, _, _, _ = demo
    with client.stream(
        "POST",
        "/v1/suggestions",
        json={"conversation": GERMAN, "agent_language": "en"},
        headers={**auth, "Accept": "text/event-stream"},
    ) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in fields:
            events.append((fields["event"], json.loads(fields["data"])))
    names = [name for name, _ in events]
    assert names[-1] == "done" and names[:-1] == ["suggestion"] * (len(names) - 1) and len(names) >= 3
    assert events[-1][1]["engine"] == "template" and events[-1][1]["count"] == len(names) - 1
    assert events[0][1]["language"] == "de" and events[0][1]["id"]


def test_summary_uses_the_shops_agent_language(demo):
    client, _, other, _, _ = demo
    r = client.post("/v1/summary", json={"conversation": GERMAN}, headers=other)
    assert r.status_code == 200 and r.json()["language"] == "de" and r.json()["engine"] == "template"


@pytest.mark.parametrize(
    "body, detail",
    [
        ({"conversation": GERMAN}, "agent_language"),
        ({"conversation": GERMAN, "agent_language": "en", "n": 9}, "n"),
        (
            {"conversation": {"messages": [{"role": "agent", "text": "Hi"}]}, "agent_language": "en"},
            "no customer message",
        ),
        ({"conversation": {"messages": []}, "agent_language": "en"}, "messages"),
        ({"conversation": GERMAN, "agent_language": "english please"}, "agent_language"),
    ],
)
def test_bad_requests_say_what_to_fix(demo, body, detail):
    client, auth, _, _, _ = demo
    r = client.post("/v1/assist", json=body, headers=auth)
    assert r.status_code == 422 and detail in r.json()["detail"]


def test_requires_a_key(demo):
    client = demo[0]
    assert client.post("/v1/assist", json={"conversation": GERMAN, "agent_language": "en"}).status_code == 401


def test_with_a_chat_model_every_engine_is_reported(demo):
    client, auth, _, services, app = demo
    llm = Services(
        services.settings,
        db=services.db,
        embedder=services.embedder,
        policy_index=services.policy_index,
        order_store=services.order_store,
        chat_model=ScriptedChatModel(default=respond),
    )
    app.dependency_overrides[get_services] = lambda: llm
    try:
        card = client.post("/v1/assist", json={"conversation": GERMAN, "agent_language": "en"}, headers=auth).json()
    finally:
        app.dependency_overrides.clear()
    assert card["suggestions"]["engine"] == "fake" and card["summary"]["engine"] == "fake"
    assert card["translation"]["engine"] not in {"none", "identity"}
    assert all("NL-106283" in s["text"] for s in card["suggestions"]["suggestions"])


def test_a_return_label_price_is_the_policys_label_price_per_region_not_a_reimbursement_cap(demo):
    # The demo's return label costs one amount from the EU and another from the UK; the most it pays back for a
    # damaged item's postage is a third amount, which a buyer asking what sending a return costs must not be quoted.
    client, auth, _, _, _ = demo
    facts = client.get("/v1/policies/facts", headers=auth).json()["facts"]
    label = [f for f in facts if f["slot"] == "returns.shipping_cost" and not f["needs_review"]]
    assert sorted(f["scope"]["region"] for f in label) == ["EU", "UK"]
    text = "Hola, ¿cuánto cuesta la etiqueta de devolución?"
    chat = {"id": "c-es", "customer": {"name": "Ana"}, "messages": [{"role": "customer", "text": text}]}
    r = client.post("/v1/assist", json={"conversation": chat, "agent_language": "en"}, headers=auth)
    assert r.status_code == 200, r.text
    top = r.json()["suggestions"]["suggestions"][0]
    stated = {f["value"] for f in top["facts"] if f["field"] == "policy_fact.returns.shipping_cost"}
    assert stated == {str(f["value"]) for f in label}
    assert "25" not in top["text"]
