"""Faults in backing services: the LLM endpoint (deadline + circuit breaker) and the database (503,
nothing half-written). The /v1/assist fallbacks are in test_faults_assist.py."""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient
from langchain_openai import ChatOpenAI
from pydantic import BaseModel
from sqlalchemy import event, select
from stub_llm_faults import StubLLM, closed_port_url

from assist.config import Settings
from assist.errors import ModelError, ServiceUnavailable
from assist.llm import build_chat_model, engine_name
from assist.llm.breaker import CircuitBreaker, Guard, GuardedChatModel, guard_chat_model

TIMEOUT = 0.6


class Reply(BaseModel):
    text: str
    confidence: float


@pytest.fixture(scope="module")
def stub():
    with StubLLM(delay_s=3.0) as server:
        yield server


@pytest.fixture
def fresh(stub):
    stub.mode, stub.content = "ok", None
    return stub


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _guarded(
    url: str, name: str, threshold: int = 3, cooldown_s: float = 30.0, clock: Clock | None = None
) -> GuardedChatModel:
    inner = ChatOpenAI(base_url=url, api_key="x", model="m", timeout=TIMEOUT, max_retries=0)
    if clock is not None:  # a breaker on an injected clock: cooldowns pass without waiting
        breaker = CircuitBreaker(f"{url}#{name}", failure_threshold=threshold, cooldown_s=cooldown_s, clock=clock)
        return GuardedChatModel(inner=inner, guard=Guard(breaker, TIMEOUT))
    return guard_chat_model(
        inner,
        endpoint=f"{url}#{name}-{time.monotonic_ns()}",
        timeout_s=TIMEOUT,
        failure_threshold=threshold,
        cooldown_s=cooldown_s,
    )


# --- circuit breaker --------------------------------------------------------------------


def test_breaker_opens_after_consecutive_failures_and_recovers_after_cooldown():
    clock = Clock()
    breaker = CircuitBreaker("http://llm", failure_threshold=2, cooldown_s=10, clock=clock)
    breaker.before_call()
    breaker.record_failure("HTTP 500")
    breaker.record_success()  # a success in between resets the count
    breaker.record_failure("HTTP 500")
    assert breaker.state == "closed"
    breaker.record_failure("HTTP 500")
    assert breaker.state == "open"
    with pytest.raises(ModelError, match=r"skipped for 10 s more after 2 consecutive failures.*HTTP 500"):
        breaker.before_call()
    clock.now = 10
    assert breaker.state == "half-open"
    breaker.before_call()  # the one trial call
    with pytest.raises(ModelError):
        breaker.before_call()  # others still skip while the trial runs
    breaker.record_failure("timed out")  # trial failed: open again for a full cooldown
    assert breaker.state == "open"
    clock.now = 20
    breaker.before_call()
    breaker.record_success()
    assert breaker.state == "closed"
    breaker.before_call()


# --- the guarded model against a misbehaving endpoint -----------------------------------


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("slow", f"LLM endpoint timed out after {TIMEOUT:g} s"),
        ("500", "LLM endpoint answered HTTP 500"),
        ("malformed", "LLM endpoint returned an unusable answer (JSONDecodeError)"),
        ("reset", "LLM endpoint unreachable (RemoteProtocolError"),
    ],
)
def test_faults_become_model_errors_within_the_deadline(fresh, mode, reason):
    """The stub's slow mode answers fine after 3 s: only the 0.6 s deadline can turn it into an error."""
    fresh.mode = mode
    model = _guarded(fresh.base_url, mode)
    for call in (lambda: model.invoke("hi"), lambda: model.with_structured_output(Reply).invoke("hi")):
        seen = len(fresh.requests)
        with pytest.raises(ModelError) as err:
            call()
        assert str(err.value).startswith(reason)
        assert len(fresh.requests) == seen + 1, "one request per call: no hidden retry"


def test_refused_connection_is_a_model_error():
    model = _guarded(closed_port_url(), "refuse")
    with pytest.raises(ModelError, match="LLM endpoint refused the connection"):
        model.invoke("hi")


def test_invalid_structured_output_passes_through_without_tripping_the_breaker(fresh):
    from pydantic import ValidationError

    fresh.mode = "invalid_schema"
    model = _guarded(fresh.base_url, "invalid", threshold=1)
    with pytest.raises(ValidationError):
        model.with_structured_output(Reply).invoke("hi")
    assert model.breaker.state == "closed"
    fresh.mode = "ok"
    assert model.with_structured_output(Reply).invoke("hi") == Reply(text="ok", confidence=0.5)


def test_open_circuit_skips_a_dead_endpoint_without_calling_it(fresh):
    fresh.mode = "500"
    model = _guarded(fresh.base_url, "dead", threshold=2)
    for _ in range(2):
        with pytest.raises(ModelError, match="HTTP 500"):
            model.invoke("hi")
    seen = len(fresh.requests)
    with pytest.raises(ModelError, match="circuit open; last error: LLM endpoint answered HTTP 500"):
        model.invoke("hi")
    assert len(fresh.requests) == seen


def test_half_open_trial_closes_the_circuit_when_the_endpoint_is_back(fresh):
    clock = Clock()
    fresh.mode = "slow"
    model = _guarded(fresh.base_url, "flaky", threshold=1, cooldown_s=30, clock=clock)
    with pytest.raises(ModelError, match="timed out"):
        model.invoke("hi")
    assert model.breaker.state == "open"
    fresh.mode = "ok"
    clock.now = 29.9
    seen = len(fresh.requests)
    with pytest.raises(ModelError, match="circuit open"):
        model.invoke("hi")
    assert len(fresh.requests) == seen
    clock.now = 30
    assert model.invoke("hi").content.startswith("Thank you")
    assert model.breaker.state == "closed" and len(fresh.requests) == seen + 1


@pytest.mark.asyncio
async def test_async_calls_are_guarded_too(fresh):
    fresh.mode = "slow"  # answers after 3 s: only the deadline makes this an error
    model = _guarded(fresh.base_url, "async")
    with pytest.raises(ModelError, match=f"timed out after {TIMEOUT:g} s"):
        await model.ainvoke("hi")
    fresh.mode = "ok"
    assert (await model.ainvoke("hi")).content.startswith("Thank you")


def test_streaming_is_guarded_and_passes_chunks(fresh):
    fresh.content = "streamed answer"
    model = _guarded(fresh.base_url, "stream")
    assert "".join(str(c.content) for c in model.stream("hi")) == "streamed answer"
    fresh.mode = "500"
    with pytest.raises(ModelError, match="HTTP 500"):
        list(model.stream("hi"))


def test_build_chat_model_guards_the_configured_endpoint(tmp_path, fresh):
    settings = Settings(
        data_dir=tmp_path,
        environment="test",
        llm_base_url=fresh.base_url,
        llm_model="stub-model",
        llm_timeout_s=TIMEOUT,
    )
    model = build_chat_model(settings)
    assert isinstance(model, GuardedChatModel)
    assert engine_name(model) == "openai"
    assert model.guard.timeout_s == TIMEOUT
    assert model.invoke("hi").content.startswith("Thank you")
    assert fresh.requests[-1]["model"] == "stub-model"


# --- database unavailable -----------------------------------------------------------------


def _dead_postgres_url() -> str:
    return closed_port_url().replace("http://", "postgresql+psycopg://assist:pw@").replace("/v1", "/assist")


def test_database_down_answers_503_with_a_clear_message(services, shop_key, auth):
    from api.app import create_app
    from assist.store import Database

    app = create_app(services=services)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        services.__dict__["db"] = Database(_dead_postgres_url())  # the server goes away mid-run
        for path in ("/healthz", "/v1/orders/NL-100001"):
            r = client.get(path, headers=auth)
            assert r.status_code == 503, r.text
            assert r.json()["detail"] == "the database is unavailable; nothing was saved, try again"


def test_database_down_at_startup_says_so(tmp_path):
    from assist.services import Services

    settings = Settings(data_dir=tmp_path, environment="test", database_url=_dead_postgres_url())
    with pytest.raises(ServiceUnavailable, match="cannot reach the database"):
        Services(settings).db  # noqa: B018


def test_corrupt_sqlite_file_answers_503(tmp_path):
    from api.app import create_app
    from assist.services import Services
    from retrievers.embeddings import FakeEmbedder

    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False)
    services = Services(settings, embedder=FakeEmbedder())
    with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
        assert client.get("/healthz").status_code == 200
        services.db.dispose()
        for suffix in ("", "-wal", "-shm"):
            path = tmp_path / f"assist.db{suffix}"
            if path.exists():
                path.write_bytes(b"this is not a database" * 200)
        r = client.get("/healthz")
        assert r.status_code == 503, r.text
        assert "database" in r.json()["detail"]


def test_order_import_failing_halfway_leaves_nothing(services, shop_key, tmp_path, monkeypatch):
    """The database fails on the 3rd order insert: the earlier inserts and the replaced orders'
    deletion are rolled back, the CLI says so, and the shop's orders are exactly as before."""
    from sqlalchemy.exc import OperationalError
    from typer.testing import CliRunner

    from assist.cli import app as cli
    from assist.store.orders import OrderRow

    def order(order_id: str, total: float) -> dict:
        return {
            "order_id": order_id,
            "customer_id": "c-1",
            "customer_name": "Anna Berg",
            "status": "shipped",
            "placed_at": "2026-11-01T10:00:00Z",
            "total": total,
            "currency": "EUR",
            "items": [{"sku": "K-1", "name": "Kettle", "quantity": 1, "price": total}],
        }

    first = tmp_path / "first.json"
    first.write_text(json.dumps([order("NL-100001", 10.0)]))
    monkeypatch.setattr("assist.cli.common.get_settings", lambda: services.settings)
    runner = CliRunner()
    assert runner.invoke(cli, ["orders", "import", "--shop", "alpha", str(first)]).exit_code == 0

    inserts = {"n": 0}

    def fail_third_insert(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO ORDERS"):
            inserts["n"] += 1
            if inserts["n"] == 3:
                raise OperationalError(statement, parameters, Exception("server closed the connection"))

    second = tmp_path / "second.json"
    second.write_text(json.dumps([order("NL-100001", 99.0), order("NL-100002", 20.0), order("NL-100003", 30.0)]))
    from assist.store import Database

    real_init = Database.__init__

    def init_with_fault(self, url):
        real_init(self, url)
        event.listen(self.engine, "before_cursor_execute", fail_third_insert)

    monkeypatch.setattr(Database, "__init__", init_with_fault)
    result = runner.invoke(cli, ["orders", "import", "--shop", "alpha", str(second)])
    assert inserts["n"] == 3
    assert result.exit_code == 2
    assert "the database is unavailable; nothing was saved" in result.output
    with services.db.session() as session:
        rows = session.scalars(select(OrderRow).order_by(OrderRow.order_id)).all()
        assert [(r.order_id, r.total) for r in rows] == [("NL-100001", 10.0)]
