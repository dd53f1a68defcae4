"""Property-based fuzzing of every documented operation from the OpenAPI schema (schemathesis):
valid and invalid bodies, paths and query strings, sent with a real shop key. No input may cause a
5xx: every bad input is a clear 4xx with a ``detail`` that says what to fix.

``-s`` prints how many requests each operation got and which status codes came back.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from assist.config import Settings
from assist.importing import parse_orders
from assist.store import orders as order_rows
from assist.store import shops

MAX_EXAMPLES = 20
SEEN: dict[str, Counter[int]] = defaultdict(Counter)


def _order(order_id: str) -> dict:
    return {
        "order_id": order_id,
        "customer_id": "c-1",
        "customer_name": "Anna Berg",
        "status": "delivered",
        "placed_at": "2026-11-01T10:00:00Z",
        "delivered_at": "2026-11-04T10:00:00Z",
        "total": 49.9,
        "currency": "EUR",
        "items": [{"sku": "KET-1", "name": "Kettle", "quantity": 1, "price": 49.9}],
    }


@pytest.fixture
def seeded_app(app, services, auth):
    """The app's own schema, against a shop that has an order and a policy to find."""
    from policy_files import RETURNS_EN, write

    with services.db.session() as session:
        shop = shops.get_shop(session, "alpha")
        order_rows.save_orders(session, shop.id, parse_orders([_order("NL-100001")]))
        shop_id = shop.id
    policy = write(services.settings.data_dir / "policies", "returns.md", RETURNS_EN)
    services.policy_index.ingest_file(shop_id, policy, source="returns.md")
    return app


# The schema of the app as built (every router); requests go to the fixture's app (tmp data dir).
# (schemathesis.pytest.from_fixture would be the lazy way, but it breaks on pytest 9: node._nodeid.)
schema = schemathesis.openapi.from_dict(create_app(Settings(environment="test", load_demo=False)).openapi())


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print("\nfuzzing: requests per operation and status codes")
    for operation, codes in sorted(SEEN.items()):
        print(f"  {operation:45} {sum(codes.values()):4}  {dict(sorted(codes.items()))}")


@schema.parametrize()
@hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_input_causes_a_server_error(case, seeded_app, auth):
    response = case.call(app=seeded_app, headers=auth)
    SEEN[case.operation.label][response.status_code] += 1
    case.validate_response(response, checks=[not_a_server_error], headers=auth)
    if 400 <= response.status_code < 500:
        detail = response.json().get("detail")
        assert isinstance(detail, str) and detail, f"{case.method} {case.path}: 4xx without a detail message"
