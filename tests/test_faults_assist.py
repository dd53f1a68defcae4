"""/v1/assist when the LLM endpoint misbehaves: the card still arrives, from the template engine, after
a bounded number of LLM calls (each bounded by the deadline, see test_faults.py), says which engine
served and why (``degraded``); a dead endpoint is skipped (circuit open) instead of being retried on
every request. (A refused connection is the same path: see test_faults.py for the model-level test
and ``bench/faults.py`` for the /v1/assist row.)"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from stub_llm_faults import StubLLM, task_responder

from api.app import create_app
from assist.config import DEMO_SHOP_DIR, Settings
from assist.llm.breaker import reset_breakers
from assist.services import Services
from assist.store import shops
from retrievers.embeddings import FakeEmbedder

TIMEOUT_S = 0.5

FAULTS = {
    "slow": f"LLM endpoint timed out after {TIMEOUT_S:g} s",
    "500": "LLM endpoint answered HTTP 500",
    "malformed": "LLM endpoint returned an unusable answer (JSONDecodeError)",
    "reset": "LLM endpoint unreachable (RemoteProtocolError",
}


def _conversation() -> dict:
    first = json.loads((DEMO_SHOP_DIR / "conversations.jsonl").read_text(encoding="utf-8").splitlines()[0])
    return {k: first[k] for k in ("id", "channel", "customer", "order_ids", "messages")}


@pytest.fixture(scope="module")
def stub():
    with StubLLM(delay_s=5.0) as server:
        server.responder = task_responder
        yield server


def _client(tmp_path_factory, base_url: str):
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("faults"),
        environment="test",
        load_demo=False,
        rate_limit_per_minute=0,
        llm_base_url=base_url,
        llm_model="stub",
        llm_timeout_s=TIMEOUT_S,
        llm_max_retries=0,
    )  # retries back off ~0.5 s: the reason would read "timed out"
    services = Services(settings, embedder=FakeEmbedder())
    with services.db.session() as session:
        _, key = shops.create_shop(session, "alpha", {"order_id_pattern": r"NL-\d{6}"})
    return services, {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def card(stub, tmp_path_factory):
    """POST /v1/assist against the stub; warmed up once (models load) with a healthy endpoint."""
    services, auth = _client(tmp_path_factory, stub.base_url)
    body = {"conversation": _conversation(), "agent_language": "en"}
    with TestClient(create_app(services=services)) as client:

        def post() -> tuple[dict, int]:
            """The card, and how many requests the LLM endpoint received for it."""
            before = len(stub.requests)
            response = client.post("/v1/assist", headers=auth, json=body)
            assert response.status_code == 200, response.text
            return response.json(), len(stub.requests) - before

        stub.mode = "ok"
        post()  # loads the models
        post.healthy_calls = post()[1]  # type: ignore[attr-defined]  # LLM calls of one healthy card
        yield post
    services.close()


def test_healthy_llm_serves_and_says_so(stub, card):
    reset_breakers()
    stub.mode = "ok"
    result, calls = card()
    assert calls == card.healthy_calls >= 1
    assert result["suggestions"]["engine"] == "openai", result["suggestions"]
    assert result["suggestions"]["degraded"] is None
    assert result["engines"]["suggestions"] == result["engines"]["summary"] == "openai"


@pytest.mark.parametrize("fault", ["slow", "500", "malformed", "reset"])
def test_faulty_llm_falls_back_to_templates_after_bounded_calls_then_is_skipped(stub, card, fault):
    reset_breakers()
    stub.mode = fault
    first, first_calls = card()
    assert first["suggestions"]["engine"] == "template"
    assert first["engines"]["suggestions"] == first["engines"]["summary"] == "template"
    assert FAULTS[fault] in first["suggestions"]["degraded"]
    assert first["suggestions"]["suggestions"], "template replies are still there"
    assert first_calls <= card.healthy_calls, "a failing endpoint is not called more than a healthy one"
    # The card's chat-model calls run in parallel (2-3 per card): at most one more card opens the circuit.
    for _ in range(2):
        if "circuit open" in card()[0]["suggestions"]["degraded"]:
            break
    second, second_calls = card()
    assert "circuit open" in second["suggestions"]["degraded"]
    assert second_calls == 0, "an open circuit does not call the endpoint"
    assert "127.0.0.1" not in json.dumps(second), "the endpoint address is not shown to agents"


def test_invalid_structured_output_falls_back_without_opening_the_circuit(stub, card):
    reset_breakers()
    stub.mode = "invalid_schema"
    result, calls = card()
    assert result["suggestions"]["engine"] == "template"
    assert "did not validate after a retry" in result["suggestions"]["degraded"]
    assert calls <= 2 * card.healthy_calls, "one repair retry per structured call, no more"
    again, _ = card()
    assert "circuit open" not in again["suggestions"]["degraded"]
