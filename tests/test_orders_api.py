import json

import pytest

from assist.store import orders as order_rows
from assist.store import shops


def _order(order_id: str, customer: str = "c-1") -> dict:
    return {
        "order_id": order_id,
        "customer_id": customer,
        "customer_name": "Anna Berg",
        "customer_email": "anna@example.org",
        "status": "shipped",
        "placed_at": "2026-11-01T10:00:00Z",
        "shipped_at": "2026-11-02T10:00:00Z",
        "carrier": "DHL",
        "tracking_number": "JJD000390007777777",
        "items": [{"sku": "KET-1", "name": "Kettle", "quantity": 1, "price": 49.9}],
        "total": 49.9,
        "currency": "EUR",
    }


@pytest.fixture
def two_shops(services, shop_key):
    from assist.importing import parse_orders

    with services.db.session() as session:
        alpha = shops.get_shop(session, "alpha")
        beta, beta_key = shops.create_shop(session, "beta")
        order_rows.save_orders(session, alpha.id, parse_orders([_order("NL-100001")]))
        order_rows.save_orders(session, beta.id, parse_orders([_order("NL-200002")]))
    return shop_key, beta_key


def test_missing_key_is_401(client):
    r = client.get("/v1/orders/NL-100001")
    assert r.status_code == 401
    assert "missing API key" in r.json()["detail"]


def test_invalid_key_is_401(client, two_shops):
    r = client.get("/v1/orders/NL-100001", headers={"Authorization": "Bearer ak_nottherightkeyatall123"})
    assert r.status_code == 401
    assert r.json()["detail"].startswith("invalid API key")


def test_own_order_is_returned(client, two_shops):
    alpha_key, _ = two_shops
    r = client.get("/v1/orders/NL-100001", headers={"Authorization": f"Bearer {alpha_key}"})
    assert r.status_code == 200
    body = r.json()
    assert body["tracking_number"] == "JJD000390007777777"
    assert body["items"][0]["name"] == "Kettle"


def test_other_shops_order_answers_exactly_like_a_missing_one(client, two_shops):
    alpha_key, _ = two_shops
    headers = {"Authorization": f"Bearer {alpha_key}"}
    other = client.get("/v1/orders/NL-200002", headers=headers)
    missing = client.get("/v1/orders/NL-999999", headers=headers)
    assert other.status_code == missing.status_code == 404
    assert other.json()["detail"].replace("NL-200002", "X") == missing.json()["detail"].replace("NL-999999", "X")


def test_import_rejects_whole_file_and_names_row_and_field(tmp_path):
    from assist.errors import InvalidInput
    from assist.importing import read_orders_file

    bad = _order("NL-100003")
    bad["status"] = "lost"
    path = tmp_path / "orders.json"
    path.write_text(json.dumps([_order("NL-100002"), bad]))
    with pytest.raises(InvalidInput) as err:
        read_orders_file(path)
    assert "record 2, field 'status'" in str(err.value)
    assert "nothing imported" in str(err.value)
