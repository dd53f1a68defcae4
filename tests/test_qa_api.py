"""QA over HTTP: /v1/qa/check, /v1/qa/score, reviews (filters, pagination, overrides), agreement."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.models import Order
from assist.store import shops

CONV = {
    "id": "conv-1",
    "channel": "amazon",
    "customer": {"language": "en"},
    "order_ids": ["NL-100001"],
    "messages": [
        {"role": "customer", "text": "Hi, can I return order NL-100001?", "sent_at": "2026-05-05T09:00:00Z"},
        {
            "role": "agent",
            "author": "bob",
            "text": "Hi! You can return it within 60 days. Email me at bob@gmail.com.",
            "sent_at": "2026-05-05T09:20:00Z",
        },
    ],
}
GOOD = {
    "id": "conv-2",
    "channel": "email",
    "customer": {"language": "en"},
    "messages": [
        {"role": "customer", "text": "Where is my parcel?", "sent_at": "2026-05-02T09:00:00Z"},
        {
            "role": "agent",
            "author": "amy",
            "text": "Hi Sam, sorry for the wait! It arrives tomorrow. Let me know if you need anything else.",
            "sent_at": "2026-05-02T09:10:00Z",
        },
    ],
}


@pytest.fixture
def qa_shop(services, auth):  # type: ignore[no-untyped-def]
    with services.db.session() as session:
        shop = shops.get_shop(session, "alpha")
        shops.update_settings(session, shop, {"return_window_days": 30, "return_shipping_paid_by": "buyer"})
        shop_id = shop.id
    order = Order.model_validate(
        {
            "order_id": "NL-100001",
            "customer_id": "c1",
            "customer_name": "Sam",
            "status": "processing",
            "placed_at": datetime(2026, 5, 1, tzinfo=UTC),
            "items": [{"sku": "A", "name": "Lamp", "quantity": 1, "price": 49.9}],
            "total": 49.9,
            "currency": "EUR",
        }
    )
    with services.db.session() as session:
        from assist.store import orders

        orders.save_orders(session, shop_id, [order])
    return auth


def test_check_uses_shop_settings_and_order(client, qa_shop) -> None:  # type: ignore[no-untyped-def]
    draft = "Hi Sam, your order has shipped! You can return it within 60 days and we'll cover return shipping."
    r = client.post("/v1/qa/check", json={"conversation": CONV, "draft": draft}, headers=qa_shop)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["order_id"] == "NL-100001"
    checks = {(i["check"], i["evidence"]["text"]) for i in body["issues"]}
    assert ("order_contradiction", "has shipped") in checks
    assert ("policy_contradiction", "60 days") in checks
    assert ("policy_contradiction", "we'll cover return shipping") in checks
    assert body["issues"][0]["severity"] == "error"
    only = client.post(
        "/v1/qa/check", json={"conversation": CONV, "draft": draft, "checks": ["tone"]}, headers=qa_shop
    ).json()
    assert only["issues"] == [] and only["checks"] == ["tone"]


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"conversation": CONV, "draft": ""}, "draft"),
        ({"conversation": CONV, "draft": "hi", "checks": ["grammar"]}, "unknown check(s) grammar"),
        ({"draft": "hi"}, "conversation"),
    ],
)
def test_check_bad_input(client, qa_shop, body: dict, detail: str) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/v1/qa/check", json=body, headers=qa_shop)
    assert r.status_code == 422 and detail in r.json()["detail"]


def test_check_needs_a_key(client) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/v1/qa/check", json={"conversation": CONV, "draft": "hi"}).status_code == 401


def test_score_store_list_get_override_agreement(client, qa_shop) -> None:  # type: ignore[no-untyped-def]
    bad = client.post("/v1/qa/score", json={"conversation": CONV}, headers=qa_shop).json()
    good = client.post("/v1/qa/score", json={"conversation": GOOD}, headers=qa_shop).json()
    assert bad["total"] < good["total"] and not bad["passed"] and good["passed"]
    cats = {c["name"]: c for c in bad["categories"]}
    assert not cats["accuracy"]["passed"] and not cats["compliance"]["passed"]

    listed = client.get("/v1/qa/reviews", headers=qa_shop).json()
    assert listed["total"] == 2 and [i["id"] for i in listed["items"]] == [bad["id"], good["id"]]  # newest first
    page = client.get("/v1/qa/reviews", params={"limit": 1, "offset": 1}, headers=qa_shop).json()
    assert page["total"] == 2 and [i["id"] for i in page["items"]] == [good["id"]]
    assert [
        i["id"] for i in client.get("/v1/qa/reviews", params={"agent": "amy"}, headers=qa_shop).json()["items"]
    ] == [good["id"]]
    assert [
        i["id"] for i in client.get("/v1/qa/reviews", params={"failed": "true"}, headers=qa_shop).json()["items"]
    ] == [bad["id"]]
    failed_compliance = client.get(
        "/v1/qa/reviews", params={"category": "compliance", "failed": "true"}, headers=qa_shop
    ).json()
    assert [i["id"] for i in failed_compliance["items"]] == [bad["id"]]
    dated = client.get("/v1/qa/reviews", params={"date_from": "2026-05-04T00:00:00Z"}, headers=qa_shop).json()
    assert [i["id"] for i in dated["items"]] == [bad["id"]]

    detail = client.get(f"/v1/qa/reviews/{bad['id']}", headers=qa_shop).json()
    assert detail["conversation"]["messages"][1]["author"] == "bob"

    r = client.put(
        f"/v1/qa/reviews/{bad['id']}",
        headers=qa_shop,
        json={
            "reviewer": "eve",
            "categories": [
                {"name": "compliance", "score": 10, "comment": "support email is ok"},
                {"name": "accuracy", "score": 0, "passed": False},
            ],
        },
    )
    assert r.status_code == 200, r.text
    reviewed = r.json()
    cats = {c["name"]: c for c in reviewed["categories"]}
    assert cats["compliance"]["override"]["passed"] is True and cats["compliance"]["passed"] is False  # original kept
    assert "compliance" not in reviewed["failed_categories"] and reviewed["reviewed"]
    assert (
        client.get("/v1/qa/reviews", params={"category": "compliance", "failed": "true"}, headers=qa_shop).json()[
            "total"
        ]
        == 0
    )

    agreement = client.get("/v1/qa/agreement", headers=qa_shop).json()
    assert agreement["categories"]["compliance"]["percent_agreement"] == 0.0
    assert agreement["categories"]["accuracy"]["percent_agreement"] == 100.0
    assert agreement["reviewed_items"] == 2


def test_review_errors_and_tenancy(client, qa_shop, services) -> None:  # type: ignore[no-untyped-def]
    review = client.post("/v1/qa/score", json={"conversation": GOOD}, headers=qa_shop).json()
    r = client.put(
        f"/v1/qa/reviews/{review['id']}",
        headers=qa_shop,
        json={"reviewer": "eve", "categories": [{"name": "speed", "score": 1}]},
    )
    assert r.status_code == 422 and "unknown category 'speed'" in r.json()["detail"]
    r = client.put(
        f"/v1/qa/reviews/{review['id']}",
        headers=qa_shop,
        json={"reviewer": "eve", "categories": [{"name": "tone", "score": 99}]},
    )
    assert r.status_code == 422 and "out of range" in r.json()["detail"]
    assert client.get("/v1/qa/reviews", params={"category": "speed"}, headers=qa_shop).status_code == 422
    with services.db.session() as session:
        _, other_key = shops.create_shop(session, "beta")
    other = {"Authorization": f"Bearer {other_key}"}
    missing = client.get("/v1/qa/reviews/nope", headers=qa_shop)
    foreign = client.get(f"/v1/qa/reviews/{review['id']}", headers=other)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json()["detail"].replace(review["id"], "X") == missing.json()["detail"].replace("nope", "X")
    assert (
        client.put(
            f"/v1/qa/reviews/{review['id']}",
            headers=other,
            json={"reviewer": "x", "categories": [{"name": "tone", "score": 1}]},
        ).status_code
        == 404
    )
    assert client.get("/v1/qa/reviews", headers=other).json()["total"] == 0
    # nothing stored is lost on errors: the original review is unchanged
    assert client.get(f"/v1/qa/reviews/{review['id']}", headers=qa_shop).json()["reviewed"] is False
