"""Each imported order is shown in the UTC offset its own times were written in (``orders.utc_offset``,
revision 0003), not the shop's most common one; orders stored before 0003 fall back to the shop's
``order_utc_offset``. Through the CLI import and the HTTP order lookup."""

from __future__ import annotations

import json

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from api.app import create_app
from assist.cli import app as cli_app
from assist.config import Settings
from assist.services import Services
from assist.store.migrate import MIGRATIONS
from retrievers.embeddings import FakeEmbedder

runner = CliRunner()


def _order(order_id: str, placed_at: str) -> dict:
    return {
        "order_id": order_id,
        "customer_id": f"c-{order_id}",
        "customer_name": "Anna Berg",
        "status": "shipped",
        "placed_at": placed_at,
        "items": [{"sku": "KET-1", "name": "Kettle", "quantity": 1, "price": 49.9}],
        "total": 49.9,
        "currency": "EUR",
    }


# Two orders from the Tokyo warehouse, one from New York: the shop's most common offset is +09:00.
TOKYO_1 = _order("NL-100001", "2026-11-03T23:30:00+09:00")
TOKYO_2 = _order("NL-100002", "2026-11-04T08:00:00+09:00")
NEW_YORK = _order("NL-100003", "2026-11-03T21:30:00-05:00")  # 02:30 UTC on the 4th


def _import(tmp_path, name: str, orders: list[dict]) -> None:
    path = tmp_path / name
    path.write_text(json.dumps(orders), encoding="utf-8")
    result = runner.invoke(cli_app, ["orders", "import", "--shop", "two-warehouses", str(path)])
    assert result.exit_code == 0, result.output


def _shown(data_dir, key: str, order_id: str) -> dict:
    services = Services(Settings(data_dir=data_dir, environment="test"), embedder=FakeEmbedder())
    try:
        with TestClient(create_app(services=services)) as client:
            answer = client.get(f"/v1/orders/{order_id}", headers={"Authorization": f"Bearer {key}"})
    finally:
        services.close()
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
def key(data_dir) -> str:
    created = runner.invoke(cli_app, ["shops", "create", "two-warehouses"])
    assert created.exit_code == 0, created.output
    return created.stdout.strip().splitlines()[-1]


def test_each_order_is_shown_in_the_offset_it_was_written_in(data_dir, key, tmp_path):
    _import(tmp_path, "orders.json", [TOKYO_1, TOKYO_2, NEW_YORK])
    new_york = _shown(data_dir, key, "NL-100003")
    assert new_york["placed_at"] == "2026-11-03T21:30:00-05:00"  # the day New York wrote, not Tokyo's 4th
    assert new_york["utc_offset"] == "-05:00"
    tokyo = _shown(data_dir, key, "NL-100001")
    assert tokyo["placed_at"] == "2026-11-03T23:30:00+09:00" and tokyo["utc_offset"] == "+09:00"

    # a later export written mostly in New York time changes nothing already stored
    later = [_order(f"NL-20000{i}", "2026-11-10T09:00:00-05:00") for i in range(3)]
    _import(tmp_path, "later.json", later)
    assert _shown(data_dir, key, "NL-100001")["placed_at"] == "2026-11-03T23:30:00+09:00"
    assert _shown(data_dir, key, "NL-200001")["placed_at"] == "2026-11-10T09:00:00-05:00"


def test_orders_stored_before_revision_0003_are_shown_in_the_shops_offset(data_dir, key, tmp_path):
    _import(tmp_path, "orders.json", [TOKYO_1, TOKYO_2, NEW_YORK])
    # back to the schema before 0003 (the column goes), then `assist db upgrade` adds it again, empty
    url = f"sqlite:///{(data_dir / 'assist.db').resolve()}"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    command.downgrade(config, "0002")
    upgraded = runner.invoke(cli_app, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM orders WHERE utc_offset IS NULL")).scalar_one() == 3
    engine.dispose()

    assert _shown(data_dir, key, "NL-100001")["placed_at"] == "2026-11-03T23:30:00+09:00"
    old_new_york = _shown(data_dir, key, "NL-100003")  # no offset of its own: the shop's, as before 0003
    assert old_new_york["placed_at"] == "2026-11-04T11:30:00+09:00" and old_new_york["utc_offset"] == "+09:00"


def test_own_offsets_round_trip_through_the_configured_database(services, client, auth, tmp_path):
    """Also collected by tests/test_scale.py, so it runs against PostgreSQL on the scale path."""
    from assist.importing import read_orders_file
    from assist.store import orders as order_rows
    from assist.store import shops

    path = tmp_path / "orders.json"
    path.write_text(json.dumps([TOKYO_1, TOKYO_2, NEW_YORK]), encoding="utf-8")
    with services.db.session() as session:
        order_rows.save_orders(session, shops.get_shop(session, "alpha").id, read_orders_file(path))
    shown = {i: client.get(f"/v1/orders/{i}", headers=auth).json() for i in ("NL-100001", "NL-100003")}
    assert shown["NL-100001"]["placed_at"] == "2026-11-03T23:30:00+09:00"
    assert shown["NL-100003"]["placed_at"] == "2026-11-03T21:30:00-05:00"
    assert shown["NL-100003"]["utc_offset"] == "-05:00"
