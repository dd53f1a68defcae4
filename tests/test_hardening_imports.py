"""Issue 14, finding 5: order imports never change data silently."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from assist.cli import app
from assist.config import get_settings
from assist.errors import InvalidInput
from assist.importing import read_orders_file
from assist.store import orders as order_rows
from assist.store import shops
from retrievers.embeddings import FakeEmbedder
from retrievers.orders import SqlOrderStore, find_order_ids

ORDER = {
    "order_id": "NL-100001",
    "customer_id": "c-1",
    "customer_name": "Anna Berg",
    "status": "delivered",
    "placed_at": "2026-11-03T23:30:00+09:00",
    "delivered_at": "2026-11-05T00:30:00+09:00",
    "items": [{"sku": "KET-1", "name": "Kettle", "quantity": 1, "price": 49.9}],
    "total": 49.9,
    "currency": "EUR",
}
CSV_HEADER = "order_id,customer_id,customer_name,status,placed_at,sku,name,quantity,price,total,currency\n"


def _write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def test_offsets_are_stored_as_utc_and_shown_in_the_shops_offset(services, tmp_path):
    orders = read_orders_file(_write(tmp_path, "o.json", json.dumps([ORDER])))
    assert orders[0].placed_at.isoformat() == "2026-11-03T14:30:00+00:00" and orders[0].utc_offset == "+09:00"
    with services.db.session() as session:
        shop, _ = shops.create_shop(session, "tokyo", {})
        order_rows.save_orders(session, shop.id, orders)
        shop_id = shop.id
    with services.db.session() as session:
        stored = session.execute(text("SELECT placed_at FROM orders")).scalar_one()
        assert str(stored).startswith("2026-11-03 14:30:00")  # UTC in the database
    order = SqlOrderStore(services.db).get(shop_id, "NL-100001")
    assert order.placed_at.isoformat() == "2026-11-03T23:30:00+09:00"  # the day the shop wrote
    assert order.placed_at.date().isoformat() == "2026-11-03" and order.delivered_at.date().day == 5
    assert order.utc_offset == "+09:00"


def test_a_time_without_offset_is_read_as_utc(tmp_path):
    naive = dict(ORDER, placed_at="2026-11-03T23:30:00", delivered_at=None)
    [order] = read_orders_file(_write(tmp_path, "o.json", json.dumps([naive])))
    assert order.placed_at.isoformat() == "2026-11-03T23:30:00+00:00" and order.utc_offset is None


def test_conflicting_csv_rows_of_one_order_are_rejected_naming_both_rows(tmp_path):
    rows = (
        CSV_HEADER
        + "NL-100001,c-1,Anna Berg,shipped,2026-11-01T10:00:00Z,KET-1,Kettle,1,49.9,59.8,EUR\n"
        + "NL-100002,c-2,Ben Kurz,shipped,2026-11-01T10:00:00Z,MUG-1,Mug,1,9.9,9.9,EUR\n"
        + "NL-100001,c-1,Anna Berg,delivered,2026-11-01T10:00:00Z,MUG-1,Mug,1,9.9,59.8,EUR\n"
    )
    with pytest.raises(InvalidInput) as caught:
        read_orders_file(_write(tmp_path, "o.csv", rows))
    message = str(caught.value)
    assert "lines 2 and 4" in message and "'status'" in message and "'shipped' vs 'delivered'" in message


def test_csv_rows_that_agree_still_merge_into_one_order(tmp_path):
    rows = (
        CSV_HEADER
        + "NL-100001,c-1,Anna Berg,shipped,2026-11-01T10:00:00Z,KET-1,Kettle,1,49.9,59.8,EUR\n"
        + "NL-100001,c-1,Anna Berg,shipped,2026-11-01T10:00:00Z,MUG-1,Mug,1,9.9,59.8,EUR\n"
    )
    [order] = read_orders_file(_write(tmp_path, "o.csv", rows))
    assert [i.sku for i in order.items] == ["KET-1", "MUG-1"]


def test_ids_are_normalised_the_way_chat_lookup_reads_them(tmp_path):
    [order] = read_orders_file(_write(tmp_path, "o.json", json.dumps([dict(ORDER, order_id="  nl-104233 ")])))
    assert order.order_id == "NL-104233"
    assert find_order_ids("where is my order nl-104233?") == [order.order_id]
    [shopify] = read_orders_file(_write(tmp_path, "s.json", json.dumps([dict(ORDER, order_id="#1042")])))
    assert find_order_ids("Order #1042 is late") == [shopify.order_id]


def test_ids_that_chat_can_never_match_are_rejected_with_a_message(tmp_path):
    with pytest.raises(InvalidInput, match="contains spaces"):
        read_orders_file(_write(tmp_path, "o.json", json.dumps([dict(ORDER, order_id="NL 104233")])))


def test_a_non_utf8_file_names_the_encoding_to_use(tmp_path, monkeypatch):
    rows = CSV_HEADER + "NL-100001,c-1,Zoë Müller,shipped,2026-11-01T10:00:00Z,KET-1,Kessel,1,49.9,49.9,EUR\n"
    path = _write(tmp_path, "o.csv", rows, encoding="cp1252")
    with pytest.raises(InvalidInput, match="not UTF-8.*line 2.*CSV UTF-8"):
        read_orders_file(path)
    monkeypatch.setenv("ASSIST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("retrievers.embeddings.default_embedder", FakeEmbedder)
    get_settings.cache_clear()
    runner = CliRunner()
    runner.invoke(app, ["shops", "create", "nordlicht"])
    result = runner.invoke(app, ["orders", "import", "--shop", "nordlicht", str(path)])
    get_settings.cache_clear()
    assert result.exit_code == 2 and "UTF-8" in result.stderr and "Traceback" not in result.output
