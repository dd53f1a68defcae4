"""A shop's policy facts are parsed once and re-read only when its stored facts or overrides change:
the request path re-reads the shop every few seconds, a re-ingest or an override is still seen at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.config import Settings
from assist.services import Services
from assist.shop_facts import apply_settings, ingest_policies, shop_facts
from assist.store import policy_facts as fact_rows
from assist.store import shops as shop_rows
from retrievers.embeddings import FakeEmbedder


def write_policy(path: Path, days: int) -> Path:
    path.write_text(f"# Returns\n\nYou can return items within {days} days of delivery.\n", encoding="utf-8")
    return path


def window(facts) -> object:  # type: ignore[no-untyped-def]
    fact = facts.get("returns.window")
    return fact.value if fact is not None else None


def test_an_unchanged_shop_is_not_reparsed_and_a_change_is_seen(services, shop_key, tmp_path):
    policy = write_policy(tmp_path / "returns.md", 30)
    with services.db.session() as session:
        ingest_policies(services, session, shop_rows.get_shop(session, "alpha"), [policy])
    with services.db.session() as session:
        first = shop_facts(session, shop_rows.get_shop(session, "alpha"))
    with services.db.session() as session:
        again = shop_facts(session, shop_rows.get_shop(session, "alpha"))
    assert window(first) == 30 and again is first  # same answer object: nothing parsed again

    write_policy(policy, 14)
    with services.db.session() as session:
        ingest_policies(services, session, shop_rows.get_shop(session, "alpha"), [policy])
    with services.db.session() as session:
        reingested = shop_facts(session, shop_rows.get_shop(session, "alpha"))
    assert reingested is not first and window(reingested) == 14

    with services.db.session() as session:
        shop = shop_rows.get_shop(session, "alpha")
        apply_settings(shop, {"returns.window": "21 days"})
    with services.db.session() as session:
        overridden = shop_facts(session, shop_rows.get_shop(session, "alpha"))
    assert window(overridden) == 21


def test_a_source_replaced_by_as_many_facts_is_seen(services, shop_key, tmp_path):
    """Replacing the newest source's facts can reuse their row ids (SQLite): its insert time still changes."""
    first_policy = write_policy(tmp_path / "a.md", 30)
    with services.db.session() as session:
        ingest_policies(services, session, shop_rows.get_shop(session, "alpha"), [first_policy])
        before = fact_rows.revision(session, shop_rows.get_shop(session, "alpha").id)
        first = shop_facts(session, shop_rows.get_shop(session, "alpha"))
    with services.db.session() as session:
        shop = shop_rows.get_shop(session, "alpha")
        (source,) = fact_rows.sources(session, shop.id)
        fact_rows.replace_source_facts(
            session, shop.id, source, [f.model_copy(update={"value": 45}) for f in first.facts]
        )
    with services.db.session() as session:
        shop = shop_rows.get_shop(session, "alpha")
        assert fact_rows.revision(session, shop.id) != before
        assert window(shop_facts(session, shop)) == 45


@pytest.fixture
def uncached(tmp_path: Path):
    """Services whose key->shop cache is off: every request re-reads its shop, as each does when the cache's
    time is up."""
    settings = Settings(
        data_dir=tmp_path / "uncached", environment="test", load_demo=False, rate_limit_per_minute=0, shop_cache_ttl_s=0
    )
    svc = Services(settings, embedder=FakeEmbedder())
    yield svc
    svc.close()


def test_requests_reread_the_shop_without_reparsing_its_facts(uncached, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from api.app import create_app

    with uncached.db.session() as session:
        _, key = shop_rows.create_shop(session, "beta", {})
    policy = write_policy(tmp_path / "returns.md", 30)
    with uncached.db.session() as session:
        ingest_policies(uncached, session, shop_rows.get_shop(session, "beta"), [policy])
    parsed: list[int] = []
    load = fact_rows.load_facts

    def counted(session, shop_id):  # type: ignore[no-untyped-def]
        parsed.append(shop_id)
        return load(session, shop_id)

    monkeypatch.setattr(fact_rows, "load_facts", counted)
    auth = {"Authorization": f"Bearer {key}"}

    def windows(client: TestClient) -> list[object]:
        response = client.get("/v1/policies/facts", headers=auth)
        assert response.status_code == 200, response.text
        return [f["value"] for f in response.json()["facts"] if f["slot"] == "returns.window"]

    with TestClient(create_app(services=uncached)) as client:
        assert [windows(client) for _ in range(3)] == [[30]] * 3
        assert len(parsed) <= 1  # three requests, each re-reading its shop: the facts parsed at most once
        write_policy(policy, 14)
        with uncached.db.session() as session:
            ingest_policies(uncached, session, shop_rows.get_shop(session, "beta"), [policy])
        assert windows(client) == [14]
