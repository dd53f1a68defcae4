"""Tenant isolation on every route that takes a stored object's id: another shop's object answers
exactly like a missing one, and is left untouched.

``CASES`` says, per route, how shop *beta* creates an object and how shop *alpha* then tries to
reach it. ``test_every_id_route_is_covered`` fails when a route taking an id (path parameter or a
top-level ``*_id`` body field) is added without a case here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from assist.importing import parse_orders
from assist.store import orders as order_rows
from assist.store import shops


@dataclass
class Tenants:
    client: Any
    services: Any
    alpha: dict[str, str]
    beta: dict[str, str]
    beta_id: int


@dataclass(frozen=True)
class Case:
    make: Callable[[Tenants], str]  # creates an object as beta, returns its id
    call: Callable[[Any, dict[str, str], str], Any]  # (client, headers, id) -> response
    missing_id: str
    check_unchanged: Callable[[Tenants, str], None] | None = None
    probe: Callable[[Any, dict[str, str], str], Any] | None = None  # owner's check (default: call)


def _order(order_id: str) -> dict:
    return {
        "order_id": order_id,
        "customer_id": "c-9",
        "customer_name": "Bea Beta",
        "status": "shipped",
        "placed_at": "2026-11-01T10:00:00Z",
        "total": 12.5,
        "currency": "EUR",
        "items": [{"sku": "B-1", "name": "Teapot", "quantity": 1, "price": 12.5}],
    }


def make_order(t: Tenants) -> str:
    with t.services.db.session() as session:
        order_rows.save_orders(session, t.beta_id, parse_orders([_order("NL-200002")]))
    return "NL-200002"


CONVERSATION = {
    "id": "c-beta-1",
    "customer": {"name": "Bea", "language": "en"},
    "messages": [
        {"role": "customer", "text": "Hi, where is my teapot?", "sent_at": "2026-11-20T10:00:00Z", "author": None},
        {
            "role": "agent",
            "text": "Hello Bea, it ships tomorrow with DHL. Kind regards, Tom",
            "sent_at": "2026-11-20T10:30:00Z",
            "author": "tom",
        },
    ],
}
OVERRIDE = {"reviewer": "mallory", "categories": [{"name": "greeting", "score": 0}]}


def make_review(t: Tenants) -> str:
    r = t.client.post("/v1/qa/score", headers=t.beta, json={"conversation": CONVERSATION})
    assert r.status_code == 200, r.text
    return r.json()["id"]


def review_untouched(t: Tenants, review_id: str) -> None:
    review = t.client.get(f"/v1/qa/reviews/{review_id}", headers=t.beta).json()
    assert "mallory" not in str(review)


TEACH = {"intent": "complaint", "reviewer": "mallory"}


def make_taught_review(t: Tenants) -> str:
    review_id = make_review(t)
    taught = t.client.put(
        f"/v1/qa/reviews/{review_id}/intent", headers=t.beta, json={"intent": "track_order", "reviewer": "bea"}
    )
    assert taught.status_code == 200, taught.text
    return review_id


def intent_example_untouched(t: Tenants, review_id: str) -> None:
    items = t.client.get("/v1/qa/intent-examples", headers=t.beta).json()["items"]
    assert [(e["review_id"], e["intent"], e["reviewer"]) for e in items] == [(review_id, "track_order", "bea")]
    assert t.client.get("/v1/qa/intent-examples", headers=t.alpha).json()["total"] == 0


def make_suggestion(t: Tenants) -> str:
    from assist.models import Suggestion
    from assist.store import feedback

    issued = Suggestion(id="sugg-beta-0001", text="Hello Bea, your teapot ships tomorrow.", language="en")
    with t.services.db.session() as session:
        feedback.record_issued(session, t.beta_id, [issued], intent="track_order")
    return issued.id


def feedback_untouched(t: Tenants, suggestion_id: str) -> None:
    from sqlalchemy import func, select

    from assist.store.feedback import SuggestionFeedback

    with t.services.db.session() as session:
        count = session.scalar(
            select(func.count()).select_from(SuggestionFeedback).where(SuggestionFeedback.shop_id == t.beta_id)
        )
    assert count == 1  # only the owner's own feedback (sent in the test) is stored


CASES: dict[tuple[str, str], Case] = {
    ("GET", "/v1/orders/{order_id}"): Case(
        make=make_order,
        call=lambda c, h, i: c.get(f"/v1/orders/{i}", headers=h),
        missing_id="NL-999999",
    ),
    ("GET", "/v1/qa/reviews/{review_id}"): Case(
        make=make_review,
        call=lambda c, h, i: c.get(f"/v1/qa/reviews/{i}", headers=h),
        missing_id="00000000-0000-0000-0000-000000000000",
    ),
    ("PUT", "/v1/qa/reviews/{review_id}"): Case(
        make=make_review,
        call=lambda c, h, i: c.put(f"/v1/qa/reviews/{i}", headers=h, json=OVERRIDE),
        missing_id="00000000-0000-0000-0000-000000000000",
        check_unchanged=review_untouched,
        probe=lambda c, h, i: c.get(f"/v1/qa/reviews/{i}", headers=h),
    ),
    ("GET", "/v1/qa/reviews/{review_id}/intent"): Case(
        make=make_review,
        call=lambda c, h, i: c.get(f"/v1/qa/reviews/{i}/intent", headers=h),
        missing_id="00000000-0000-0000-0000-000000000000",
    ),
    ("PUT", "/v1/qa/reviews/{review_id}/intent"): Case(
        make=make_taught_review,
        call=lambda c, h, i: c.put(f"/v1/qa/reviews/{i}/intent", headers=h, json=TEACH),
        missing_id="00000000-0000-0000-0000-000000000000",
        check_unchanged=intent_example_untouched,
        probe=lambda c, h, i: c.get(f"/v1/qa/reviews/{i}/intent", headers=h),
    ),
    ("DELETE", "/v1/qa/reviews/{review_id}/intent"): Case(
        make=make_taught_review,
        call=lambda c, h, i: c.delete(f"/v1/qa/reviews/{i}/intent", headers=h),
        missing_id="00000000-0000-0000-0000-000000000000",
        check_unchanged=intent_example_untouched,
        probe=lambda c, h, i: c.get(f"/v1/qa/reviews/{i}/intent", headers=h),
    ),
    ("POST", "/v1/feedback"): Case(
        make=make_suggestion,
        call=lambda c, h, i: c.post("/v1/feedback", headers=h, json={"suggestion_id": i, "action": "sent"}),
        missing_id="sugg-missing-0001",
        check_unchanged=feedback_untouched,
    ),
}


def id_routes(app) -> set[tuple[str, str]]:
    """Operations under /v1 taking an id: a path parameter, or a top-level body field named ``*_id``
    (read from the OpenAPI schema, so every included router counts)."""
    spec = app.openapi()
    schemas = spec.get("components", {}).get("schemas", {})
    found = set()
    for path, operations in spec["paths"].items():
        if not path.startswith("/v1"):
            continue
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            if "$ref" in body:
                body = schemas.get(body["$ref"].split("/")[-1], {})
            body_ids = [name for name in body.get("properties", {}) if name.endswith("_id")]
            if "{" in path or body_ids:
                found.add((method.upper(), path))
    return found


def test_every_id_route_is_covered(app):
    missing = id_routes(app) - set(CASES)
    assert not missing, f"add tenant-isolation cases for {sorted(missing)}"


@pytest.fixture
def tenants(client, services, auth) -> Tenants:
    with services.db.session() as session:
        beta, beta_key = shops.create_shop(session, "beta")
    return Tenants(client, services, auth, {"Authorization": f"Bearer {beta_key}"}, beta.id)


def _same_answer(a, b, id_a: str, id_b: str) -> bool:
    if a.status_code != b.status_code:
        return False
    return a.json().get("detail", "").replace(id_a, "ID") == b.json().get("detail", "").replace(id_b, "ID")


@pytest.mark.parametrize("route", sorted(CASES), ids=lambda r: f"{r[0]} {r[1]}")
def test_other_shops_objects_answer_like_missing_ones(tenants, route):
    case = CASES[route]
    object_id = case.make(tenants)
    owner = (case.probe or case.call)(tenants.client, tenants.beta, object_id)
    assert owner.status_code < 400, owner.text  # the object exists for its own shop
    other = case.call(tenants.client, tenants.alpha, object_id)
    missing = case.call(tenants.client, tenants.alpha, case.missing_id)
    assert other.status_code == 404, other.text
    assert _same_answer(other, missing, object_id, case.missing_id)
    assert object_id not in other.text.replace(f"'{object_id}'", "")  # only the echoed id, no data
    if case.check_unchanged:
        case.check_unchanged(tenants, object_id)
