"""HTTP limits: body size (413), conversation size (422 naming the field), rate per key (429)."""

from __future__ import annotations

import pytest

from api.limits import RateLimiter
from assist.config import Settings
from assist.errors import InvalidInput, RateLimited
from assist.limits import check_conversation, check_text
from assist.models import Conversation


@pytest.fixture
def settings(tmp_path):
    return Settings(
        data_dir=tmp_path / "data",
        environment="test",
        load_demo=False,
        max_body_bytes=4000,
        max_messages=5,
        max_message_chars=100,
        rate_limit_per_minute=3,
    )


def _conversation(messages: int, chars: int = 10) -> dict:
    return {"messages": [{"role": "customer", "text": "x" * chars} for _ in range(messages)]}


# --- body size --------------------------------------------------------------------------


def test_body_over_the_limit_is_413_by_content_length(client, auth):
    r = client.post("/v1/policies/search", headers=auth, json={"query": "q" * 5000})
    assert r.status_code == 413
    assert r.json()["detail"].startswith("request body too large")
    assert "4000 bytes" in r.json()["detail"]


def test_chunked_body_over_the_limit_is_413(client, auth):
    def chunks():
        yield b'{"query": "'
        for _ in range(10):
            yield b"q" * 1000
        yield b'"}'

    r = client.post("/v1/policies/search", headers={**auth, "Content-Type": "application/json"}, content=chunks())
    assert r.status_code == 413
    assert "limit is 4000 bytes" in r.json()["detail"]


def test_413_happens_before_authentication(client):
    r = client.post("/v1/policies/search", json={"query": "q" * 5000})
    assert r.status_code == 413


def test_body_under_the_limit_passes_the_middleware(client, auth):
    r = client.post("/v1/policies/search", headers=auth, json={"query": "", "k": 0})
    assert r.status_code == 422  # validated by the route, not refused by size
    assert "query" in r.json()["detail"] and "k" in r.json()["detail"]


# --- conversation size ------------------------------------------------------------------


def test_check_conversation_accepts_conversations_within_limits(settings):
    check_conversation(Conversation.model_validate(_conversation(5, 100)), settings)


def test_too_many_messages_names_the_field_and_the_limit(settings):
    with pytest.raises(InvalidInput) as err:
        check_conversation(Conversation.model_validate(_conversation(6)), settings)
    assert str(err.value).startswith("conversation.messages: 6 messages, the limit is 5")
    assert "ASSIST_MAX_MESSAGES" in str(err.value)


def test_too_long_message_names_its_index(settings):
    data = _conversation(3)
    data["messages"][2]["text"] = "y" * 101
    with pytest.raises(InvalidInput) as err:
        check_conversation(Conversation.model_validate(data), settings)
    assert str(err.value).startswith("conversation.messages[2].text: 101 characters, the limit is 100")


def test_check_text_names_the_field(settings):
    check_text("z" * 100, "draft", settings)
    with pytest.raises(InvalidInput, match=r"^draft: 101 characters, the limit is 100"):
        check_text("z" * 101, "draft", settings)


# --- rate limit -------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_refills_over_time_and_says_when_to_retry():
    clock = FakeClock()
    limiter = RateLimiter(per_minute=2, clock=clock)
    limiter.check("ak_a")
    limiter.check("ak_a")
    with pytest.raises(RateLimited) as err:
        limiter.check("ak_a")
    assert err.value.retry_after_s == 30  # one token every 30 s
    clock.now += 29
    with pytest.raises(RateLimited):
        limiter.check("ak_a")
    clock.now += 1.5
    limiter.check("ak_a")


def test_rate_limiter_counts_each_key_separately_and_forgets_old_keys():
    limiter = RateLimiter(per_minute=1, clock=FakeClock(), max_keys=2)
    limiter.check("ak_a")
    limiter.check("ak_b")
    with pytest.raises(RateLimited):
        limiter.check("ak_b")
    limiter.check("ak_c")  # evicts the least recently seen bucket (ak_a)
    limiter.check("ak_a")
    assert len(limiter._buckets) == 2


def test_rate_limiter_keeps_no_clear_text_keys():
    limiter = RateLimiter(per_minute=5)
    limiter.check("ak_secret-key-value")
    assert all("secret" not in ident for ident in limiter._buckets)


def test_api_answers_429_with_retry_after_per_key(client, auth, services):
    from assist.store import shops

    with services.db.session() as session:
        _, other_key = shops.create_shop(session, "beta")
    codes = [client.get("/v1/orders/NL-000001", headers=auth).status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]
    r = client.get("/v1/orders/NL-000001", headers=auth)
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) == 20
    assert "rate limit of 3 requests per minute" in r.json()["detail"]
    other = client.get("/v1/orders/NL-000001", headers={"Authorization": f"Bearer {other_key}"})
    assert other.status_code == 404


def test_rate_limit_zero_switches_the_limiter_off(tmp_path):
    from api.app import create_app

    app = create_app(Settings(data_dir=tmp_path, environment="test", rate_limit_per_minute=0))
    assert app.state.rate_limiter is None


# --- every route taking a conversation enforces the same limits -----------------------------


def conversation_routes(app) -> list[str]:
    """POST operations whose JSON body has a top-level ``conversation`` field (from the OpenAPI schema)."""
    spec = app.openapi()
    schemas = spec.get("components", {}).get("schemas", {})
    found = []
    for path, operations in spec["paths"].items():
        body = operations.get("post", {}).get("requestBody", {}).get("content", {}).get("application/json", {})
        schema = body.get("schema", {})
        if "$ref" in schema:
            schema = schemas.get(schema["$ref"].split("/")[-1], {})
        if "conversation" in schema.get("properties", {}):
            found.append(path)
    return sorted(found)


@pytest.fixture
def unlimited_rate_client(tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from assist.services import Services
    from assist.store import shops
    from retrievers.embeddings import FakeEmbedder

    settings = Settings(
        data_dir=tmp_path / "d",
        environment="test",
        load_demo=False,
        max_messages=5,
        max_message_chars=100,
        rate_limit_per_minute=0,
    )
    services = Services(settings, embedder=FakeEmbedder())
    with services.db.session() as session:
        _, key = shops.create_shop(session, "alpha")
    app = create_app(services=services)
    with TestClient(app) as client:
        yield app, client, {"Authorization": f"Bearer {key}"}
    services.close()


def test_every_conversation_route_enforces_the_size_limits(unlimited_rate_client):
    app, client, auth = unlimited_rate_client
    routes = conversation_routes(app)
    assert "/v1/assist" in routes and "/v1/qa/check" in routes
    for path in routes:
        base = {"agent_language": "en", "draft": "Hello, thank you."}
        r = client.post(path, headers=auth, json={**base, "conversation": _conversation(6)})
        assert r.status_code == 422, (path, r.text)
        assert r.json()["detail"].startswith("conversation.messages: 6 messages, the limit is 5"), path
        long = _conversation(2)
        long["messages"][1]["text"] = "y" * 101
        r = client.post(path, headers=auth, json={**base, "conversation": long})
        assert r.status_code == 422, (path, r.text)
        assert r.json()["detail"].startswith("conversation.messages[1].text: 101 characters"), path
