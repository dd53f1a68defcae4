"""The key->shop lookup is cached: no SQL for the shop on repeated calls, yet a revoked key or a changed
shop is seen at once in this process, and within the TTL in others."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, event

from api.app import create_app
from api.shop_cache import ShopCache
from assist.config import Settings
from assist.services import Services
from assist.store import shops
from retrievers.embeddings import FakeEmbedder


@pytest.fixture
def app(tmp_path):
    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False, rate_limit_per_minute=0)
    services = Services(settings, embedder=FakeEmbedder())
    with services.db.session() as session:
        _, key = shops.create_shop(session, "alpha", {"display_name": "Alpha Goods"})
    statements: list[str] = []
    event.listen(services.db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with TestClient(create_app(services=services)) as client:
        yield client, {"Authorization": f"Bearer {key}"}, services, statements
    services.close()


def test_repeated_calls_read_the_shop_once(app):
    client, auth, _, statements = app
    assert client.get("/v1/me", headers=auth).json()["display_name"] == "Alpha Goods"
    assert any("api_keys" in s for s in statements)
    statements.clear()
    for _ in range(3):
        assert client.get("/v1/me", headers=auth).status_code == 200
    assert not [s for s in statements if "api_keys" in s or "FROM shops" in s], statements


def test_a_changed_shop_is_seen_at_once(app):
    client, auth, services, _ = app
    assert client.get("/v1/me", headers=auth).json()["display_name"] == "Alpha Goods"
    with services.db.session() as session:
        shops.update_settings(session, shops.get_shop(session, "alpha"), {"display_name": "Alpha & Co"})
    assert client.get("/v1/me", headers=auth).json()["display_name"] == "Alpha & Co"


def test_a_revoked_key_stops_working_at_once_and_a_new_one_works(app):
    client, auth, services, _ = app
    assert client.get("/v1/me", headers=auth).status_code == 200
    with services.db.session() as session:
        session.execute(delete(shops.ApiKey))  # a bulk delete, not through the ORM's unit of work
    revoked = client.get("/v1/me", headers=auth)
    assert revoked.status_code == 401 and "invalid API key" in revoked.json()["detail"]
    with services.db.session() as session:
        new_key = shops.issue_key(session, shops.get_shop(session, "alpha"))
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {new_key}"}).status_code == 200


def test_a_rolled_back_change_keeps_the_cache(app):
    client, auth, services, statements = app
    assert client.get("/v1/me", headers=auth).status_code == 200
    with pytest.raises(RuntimeError), services.db.session() as session:
        shops.update_settings(session, shops.get_shop(session, "alpha"), {"display_name": "Never saved"})
        raise RuntimeError("the import failed")
    statements.clear()
    assert client.get("/v1/me", headers=auth).json()["display_name"] == "Alpha Goods"
    assert not [s for s in statements if "api_keys" in s], statements


def test_changes_from_other_processes_are_seen_after_the_ttl():
    now = [0.0]
    cache: ShopCache[str] = ShopCache(ttl_s=5, clock=lambda: now[0])
    stored = {"k": "old"}
    assert cache.get("k", lambda: stored["k"]) == "old"
    stored["k"] = "new"  # changed by another process: no hook fires here
    now[0] = 4.9
    assert cache.get("k", lambda: stored["k"]) == "old"
    now[0] = 5.1
    assert cache.get("k", lambda: stored["k"]) == "new"
    assert cache.get("unknown", lambda: None) is None and len(cache) == 1  # unknown keys are not cached
    off: ShopCache[str] = ShopCache(ttl_s=0)
    calls = []
    off.get("k", lambda: calls.append(1) or "x")  # type: ignore[func-returns-value]
    off.get("k", lambda: calls.append(1) or "x")  # type: ignore[func-returns-value]
    assert len(calls) == 2


def test_concurrent_misses_read_the_shop_once():
    import threading
    import time

    cache: ShopCache[str] = ShopCache(ttl_s=60)
    calls: list[int] = []

    def slow_load() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "shop"

    results: list[str | None] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow_load))) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["shop"] * 5 and len(calls) == 1


def test_an_expired_entry_is_re_read_by_one_request_while_the_others_keep_the_answer():
    import threading

    now = [0.0]
    cache: ShopCache[str] = ShopCache(ttl_s=5, clock=lambda: now[0])
    assert cache.get("k", lambda: "old") == "old"
    now[0] = 6.0  # its time is up
    reading, release = threading.Event(), threading.Event()

    def slow_reread() -> str:
        reading.set()
        assert release.wait(5)
        return "new"

    rereader = threading.Thread(target=lambda: cache.get("k", slow_reread))
    rereader.start()
    assert reading.wait(5)
    # meanwhile, requests neither wait nor read again: they get the answer the cache had
    assert cache.get("k", lambda: "never read") == "old"
    release.set()
    rereader.join(5)
    assert cache.get("k", lambda: "never read") == "new" and cache.loads == 2
    now[0] = 12.0  # the key was revoked by another process: after the re-read it is gone
    assert cache.get("k", lambda: None) is None
    assert cache.get("k", lambda: None) is None and len(cache) == 0
