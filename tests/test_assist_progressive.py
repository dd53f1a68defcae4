"""The progressive card over HTTP: ``POST /v1/assist`` with ``Accept: text/event-stream`` answers the
offline card at once, then the chat model's translation, suggestions and summary as they arrive.

A real server on 127.0.0.1 (uvicorn in a thread), so that events are seen as the server sends them.
The fake chat model holds every call at a gate the test opens, and at a barrier that only passes
when all three calls are in flight together: a card that waited for the model, or calls made one
after another, fail these tests instead of passing slowly.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from types import SimpleNamespace

import httpx
import pytest
from browser_helpers import served_app

from assist.config import Settings
from assist.demo import ensure_demo_shop
from assist.llm import ScriptedChatModel
from assist.services import Services
from bench.stub_llm import respond
from retrievers.embeddings import FakeEmbedder

GERMAN = {
    "id": "c-7",
    "channel": "shopify_chat",
    "customer": {"id": "C-10001", "name": "Jonas Becker"},
    "messages": [
        {"role": "customer", "text": "Hallo, wo bleibt meine Bestellung NL-106283? Es ist seit Tagen unterwegs."}
    ],
}
LLM_PARTS = {"translation", "suggestions", "summary"}


class GatedModel:
    """``respond`` from the stub LLM, but each call waits until all three parts are in flight, then
    until the test opens the gate."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.together = threading.Barrier(3, timeout=10)
        self.calls = 0

    def __call__(self, messages) -> str:  # type: ignore[no-untyped-def]
        self.calls += 1
        self.together.wait()
        assert self.gate.wait(timeout=10), "the test never opened the gate"
        return respond(messages)


@pytest.fixture(scope="module")
def shop(tmp_path_factory, demo_data) -> Iterator[SimpleNamespace]:
    data_dir = demo_data.copy_to(tmp_path_factory.mktemp("progressive") / "data")
    settings = Settings(data_dir=data_dir, environment="test", load_demo=False, rate_limit_per_minute=0)
    offline = Services(settings, embedder=FakeEmbedder())
    key = ensure_demo_shop(offline)
    yield SimpleNamespace(settings=settings, offline=offline, auth={"Authorization": f"Bearer {key}"})
    offline.close()


def _with_model(shop: SimpleNamespace, model: object) -> Services:
    return Services(
        shop.settings,
        db=shop.offline.db,
        embedder=shop.offline.embedder,
        policy_index=shop.offline.policy_index,
        order_store=shop.offline.order_store,
        chat_model=model,
    )


def _events(response: httpx.Response) -> Iterator[tuple[str, dict]]:
    event, data = "message", []
    for line in response.iter_lines():
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:"):
            data.append(line.split(":", 1)[1].strip())
        elif not line and data:
            yield event, json.loads("\n".join(data))
            event, data = "message", []


def _stream(url: str, auth: dict, body: dict):  # type: ignore[no-untyped-def]
    headers = {**auth, "Accept": "text/event-stream"}
    return httpx.stream("POST", f"{url}/v1/assist", json=body, headers=headers, timeout=60)


def test_without_a_chat_model_the_stream_is_the_offline_card_then_done(shop):
    with served_app(shop.offline) as url:
        with _stream(url, shop.auth, {"conversation": GERMAN, "agent_language": "en"}) as response:
            assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
            events = list(_events(response))
    # German has no offline translation engine: the card shows the gist, the word-by-word reading aid follows
    aid = shop.offline.translator.reading_aid_for("de", "en")  # False where the FreeDict dictionary is missing
    assert [name for name, _ in events] == ["card", *(["reading_aid"] if aid else []), "done"]
    card = events[0][1]
    assert card["pending"] == (["reading_aid"] if aid else []) and card["suggestions"]["engine"] == "template"
    assert card["translation"]["engine"] == "none" and card["translation"]["gist"]
    assert card["order"]["order_id"] == "NL-106283" and card["suggestions"]["suggestions"]
    assert events[-1][1]["engines"]["suggestions"] == "template"
    if aid:
        assert events[1][1]["engine"] == "gloss" and events[1][1]["gloss"]
        assert events[-1][1]["engines"]["translation"] == "gloss" and "reading_aid" in events[-1][1]["timings_ms"]


def test_the_offline_card_comes_first_and_the_model_parts_follow_in_parallel(shop):
    gated = GatedModel()  # (the first test to translate GERMAN: later ones find it in the cache)
    services = _with_model(shop, ScriptedChatModel(default=gated))
    with served_app(services) as url:
        with _stream(url, shop.auth, {"conversation": GERMAN, "agent_language": "en"}) as response:
            assert response.status_code == 200
            events = _events(response)
            name, card = next(events)  # arrives while every model call is still held at the gate
            assert name == "card" and not gated.gate.is_set()
            aid = {"reading_aid"} if services.translator.reading_aid_for("de", "en") else set()
            assert set(card["pending"]) == LLM_PARTS | aid
            assert card["suggestions"]["engine"] == "template" and card["suggestions"]["suggestions"]
            assert card["summary"]["engine"] == "template"
            assert card["translation"]["engine"] in ("none", "gloss"), "offline: a gist or the reading aid"
            assert card["engines"]["intent"] == "classifier", "the first card waits for no model"
            gated.gate.set()
            rest = list(events)
    names = [name for name, _ in rest]
    assert set(names[:-1]) == LLM_PARTS | aid and names[-1] == "done"
    parts = dict(rest)
    assert parts["suggestions"]["engine"] == "fake" and parts["summary"]["engine"] == "fake"
    assert all("NL-106283" in s["text"] for s in parts["suggestions"]["suggestions"])
    assert parts["translation"]["engine"] == "fake" and parts["translation"]["text"]
    assert parts["done"]["engines"]["suggestions"] == "fake" and parts["done"]["engines"]["translation"] == "fake"
    assert gated.calls == 3, "one call per part, all three in flight together"


def test_the_json_card_merges_the_model_parts(shop):
    services = _with_model(shop, ScriptedChatModel(default=respond))
    with served_app(services) as url:
        response = httpx.post(
            f"{url}/v1/assist", json={"conversation": GERMAN, "agent_language": "en"}, headers=shop.auth, timeout=60
        )
    assert response.status_code == 200, response.text
    card = response.json()
    assert card["pending"] == [], card
    assert card["suggestions"]["engine"] == "fake", card["suggestions"]
    assert card["summary"]["engine"] == "fake"
    assert card["engines"]["translation"] == "fake" and {"offline_card", "llm_suggestions", "total"} <= set(
        card["timings_ms"]
    )


def test_a_bad_request_with_the_stream_header_is_a_plain_4xx(shop):
    with served_app(shop.offline) as url:
        empty = {"conversation": {"messages": [{"role": "agent", "text": "Hello"}]}, "agent_language": "en"}
        with _stream(url, shop.auth, empty) as response:
            response.read()
    assert response.status_code == 422
    assert "no customer message" in response.json()["detail"]
