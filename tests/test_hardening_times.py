"""Issue 14, finding 3 and 5: times are aware UTC everywhere; bounded parameters; over-long text is a 422."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime

import pytest


def _conversation(first: str, second: str, cid: str = "c-mixed") -> dict:
    return {
        "id": cid,
        "messages": [
            {"role": "customer", "text": "Hello, where is my order NL-100001?", "sent_at": first},
            {"role": "agent", "text": "Hello! It ships tomorrow. Best regards", "sent_at": second, "author": "ana"},
        ],
    }


def test_qa_score_with_naive_and_aware_times_in_one_conversation(client, auth):
    r = client.post(
        "/v1/qa/score",
        json={"conversation": _conversation("2026-11-03T10:00:00+01:00", "2026-11-03T09:30:00")},
        headers=auth,
    )
    assert r.status_code == 200, r.text
    # 10:00+01:00 is 09:00 UTC; the naive 09:30 is read as UTC: a 30-minute first reply
    reviews = client.get("/v1/qa/reviews", headers=auth).json()
    assert reviews["total"] == 1


def test_reviews_with_mixed_timezone_date_filters(client, auth):
    client.post(
        "/v1/qa/score",
        json={"conversation": _conversation("2026-11-03T10:00:00Z", "2026-11-03T10:05:00Z")},
        headers=auth,
    )
    r = client.get(
        "/v1/qa/reviews",
        params={"date_from": "2026-11-03T00:00:00+09:00", "date_to": "2026-11-04T00:00:00"},
        headers=auth,
    )
    assert r.status_code == 200, r.text
    assert r.json()["total"] == 1
    swapped = client.get(
        "/v1/qa/reviews",
        params={"date_from": "2026-11-05T00:00:00", "date_to": "2026-11-04T00:00:00+09:00"},
        headers=auth,
    )
    assert swapped.status_code == 422 and "swap" in swapped.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [{"offset": str(2**63)}, {"offset": str(2**64 + 5)}, {"agent": "a" * 500}, {"category": "c" * 500}],
)
def test_review_query_parameters_are_bounded(client, auth, params):
    r = client.get("/v1/qa/reviews", params=params, headers=auth)
    assert r.status_code == 422, r.text
    assert next(iter(params)) in r.json()["detail"]


def test_over_long_ids_are_422_not_a_database_error(client, auth):
    long_id = "c" * 300
    r = client.post(
        "/v1/qa/score",
        json={"conversation": _conversation("2026-11-03T10:00:00Z", "2026-11-03T10:05:00Z", long_id)},
        headers=auth,
    )
    assert r.status_code == 422, r.text
    assert "the limit is" in r.json()["detail"]
    assert client.get("/v1/orders/" + "N" * 300, headers=auth).status_code == 422
    assert client.get("/v1/qa/reviews/" + "r" * 300, headers=auth).status_code == 422


def test_stored_times_come_back_aware_utc_from_sqlite(services):
    from assist.store import shops
    from assist.store.db import UTCDateTime
    from assist.store.orders import OrderRow

    assert isinstance(OrderRow.__table__.c.placed_at.type, UTCDateTime)
    with services.db.session() as session:
        shop, _ = shops.create_shop(session, "tz", {})
        shop_id = shop.id
    with services.db.session() as session:
        row = session.get(shops.Shop, shop_id)
        assert row.created_at.tzinfo is not None and row.created_at.utcoffset().total_seconds() == 0


def test_the_database_file_is_private(tmp_path):
    from assist.config import Settings
    from assist.services import Services

    services = Services(Settings(data_dir=tmp_path / "d", environment="test", load_demo=False, database_url=None))
    services.db  # noqa: B018
    mode = stat.S_IMODE(os.stat(tmp_path / "d" / "assist.db").st_mode)
    services.close()
    assert mode == 0o600, oct(mode)


def test_to_utc_reads_naive_as_utc():
    from assist.store.db import to_utc

    assert to_utc(datetime(2026, 11, 3, 23, 30)) == datetime(2026, 11, 3, 23, 30, tzinfo=UTC)
    assert to_utc(datetime.fromisoformat("2026-11-03T23:30:00+09:00")).hour == 14
