"""Finding the order a buyer talks about: order-id extraction from text, and shop-scoped lookup."""

from __future__ import annotations

import re
from typing import Protocol

from assist.errors import InvalidInput
from assist.models import Conversation, Order
from assist.store import Database
from assist.store import orders as order_rows

# Default: ids such as "NL-104233", "#1042", "112-1234567-1234567" (Amazon), "ORD123456".
DEFAULT_ORDER_ID_PATTERN = (
    r"\b\d{3}-\d{7}-\d{7}\b"  # Amazon
    r"|\b[A-Z]{2,5}-?\d{4,12}\b"  # PREFIX-123456 / ORD123456
    r"|(?<![\w#])#\d{4,10}\b"  # Shopify "#1042"
)


def compile_pattern(pattern: str | None) -> re.Pattern[str]:
    try:
        return re.compile(pattern or DEFAULT_ORDER_ID_PATTERN, re.IGNORECASE)
    except re.error as exc:
        raise InvalidInput(f"order_id_pattern {pattern!r} is not a valid regular expression: {exc}") from exc


def find_order_ids(text: str, pattern: str | None = None) -> list[str]:
    """Order ids mentioned in ``text``, in order of appearance, without duplicates."""
    seen: list[str] = []
    for match in compile_pattern(pattern).finditer(text):
        value = match.group(0).lstrip("#").upper()
        if value not in seen:
            seen.append(value)
    return seen


class OrderStore(Protocol):
    def get(self, shop_id: int, order_id: str) -> Order | None: ...

    def get_many(self, shop_id: int, order_ids: list[str]) -> list[Order]:
        """The orders with these ids that exist, in the order asked (one round trip where possible)."""
        ...

    def for_customer(self, shop_id: int, customer_id: str, limit: int = 5) -> list[Order]: ...


class SqlOrderStore:
    """Orders in the service database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, shop_id: int, order_id: str) -> Order | None:
        with self.db.session() as session:
            order = order_rows.get_order(session, shop_id, order_id)
            if order is None and order_id != order_id.upper():
                order = order_rows.get_order(session, shop_id, order_id.upper())
            return order

    def get_many(self, shop_id: int, order_ids: list[str]) -> list[Order]:
        with self.db.session() as session:
            return order_rows.get_orders(session, shop_id, order_ids)

    def for_customer(self, shop_id: int, customer_id: str, limit: int = 5) -> list[Order]:
        with self.db.session() as session:
            return order_rows.orders_for_customer(session, shop_id, customer_id, limit)


class InMemoryOrderStore:
    """A dict-backed store for tests and evals."""

    def __init__(self, orders: dict[int, list[Order]] | None = None) -> None:
        self.orders = orders or {}

    def get(self, shop_id: int, order_id: str) -> Order | None:
        for order in self.orders.get(shop_id, []):
            if order.order_id.upper() == order_id.upper():
                return order
        return None

    def get_many(self, shop_id: int, order_ids: list[str]) -> list[Order]:
        found = [o for o in (self.get(shop_id, i) for i in dict.fromkeys(order_ids)) if o is not None]
        return list({o.order_id: o for o in found}.values())

    def for_customer(self, shop_id: int, customer_id: str, limit: int = 5) -> list[Order]:
        mine = [o for o in self.orders.get(shop_id, []) if o.customer_id == customer_id]
        return sorted(mine, key=lambda o: o.placed_at, reverse=True)[:limit]


def find_orders(store: OrderStore, shop_id: int, conversation: Conversation, pattern: str | None = None) -> list[Order]:
    """The orders a conversation is about: explicit ids, ids in the text, else the buyer's latest order."""
    ids = list(conversation.order_ids)
    for message in conversation.messages:
        for found in find_order_ids(message.text, pattern):
            if found not in ids:
                ids.append(found)
    get_many = getattr(store, "get_many", None)  # stores written before get_many: one get per id
    if get_many is not None:
        orders = get_many(shop_id, ids) if ids else []
    else:
        orders = [o for o in (store.get(shop_id, oid) for oid in ids) if o is not None]
    if not orders and conversation.customer.id:
        orders = store.for_customer(shop_id, conversation.customer.id, limit=1)
    return orders
