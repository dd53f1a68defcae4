"""The orders a conversation names are fetched in one query, whatever their number or case."""

from __future__ import annotations

import pytest
from reply_fixtures import make_order
from sqlalchemy import event

from assist.models import Conversation
from assist.store import Database, shops
from assist.store import orders as order_rows
from retrievers.orders import InMemoryOrderStore, SqlOrderStore, find_orders


@pytest.fixture
def store(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'orders.db'}")
    db.create_schema()
    base = make_order("shipped")
    orders = [base.model_copy(update={"order_id": f"NL-10{i}000", "customer_id": f"C-{i}"}) for i in range(5)]
    orders.append(base.model_copy(update={"order_id": "ord-lower-1", "customer_id": "C-9"}))
    with db.session() as session:
        shop, _ = shops.create_shop(session, "alpha")
        other, _ = shops.create_shop(session, "beta")
        order_rows.save_orders(session, shop.id, orders)
        order_rows.save_orders(session, other.id, [base.model_copy(update={"order_id": "NL-999999"})])
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    yield SqlOrderStore(db), shop.id, statements
    db.dispose()


def test_many_ids_one_query_in_the_order_asked(store):
    sql, shop_id, statements = store
    found = sql.get_many(shop_id, ["NL-103000", "nl-101000", "NL-404404", "ord-lower-1", "NL-999999", "NL-103000"])
    assert [o.order_id for o in found] == ["NL-103000", "NL-101000", "ord-lower-1"]
    assert len([s for s in statements if "FROM orders" in s]) == 1, statements
    assert sql.get_many(shop_id, []) == []


def test_find_orders_uses_one_query_and_matches_the_in_memory_store(store):
    sql, shop_id, statements = store
    conversation = Conversation(
        order_ids=["NL-102000"],
        messages=[
            {"role": "customer", "text": "Orders NL-100000 and nl-104000, also NL-999999 (not ours)."},
            {"role": "customer", "text": "And NL-100000 again."},
        ],
    )
    found = find_orders(sql, shop_id, conversation)
    assert [o.order_id for o in found] == ["NL-102000", "NL-100000", "NL-104000"]
    assert len([s for s in statements if "FROM orders" in s]) == 1
    memory = InMemoryOrderStore({shop_id: sql.get_many(shop_id, ["NL-100000", "NL-102000", "NL-104000"])})
    assert [o.order_id for o in find_orders(memory, shop_id, conversation)] == [o.order_id for o in found]
