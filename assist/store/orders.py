"""Orders and their items, always scoped to one shop."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from sqlalchemy import Float, ForeignKey, Integer, String, UniqueConstraint, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, selectinload

from assist.models import Order
from assist.store.db import Base, UTCDateTime


class OrderRow(Base):
    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("shop_id", "order_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[str] = mapped_column(String(128), index=True)
    customer_name: Mapped[str] = mapped_column(String(256))
    customer_email: Mapped[str | None] = mapped_column(String(256))
    status: Mapped[str] = mapped_column(String(16))
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    carrier: Mapped[str | None] = mapped_column(String(64))
    tracking_number: Mapped[str | None] = mapped_column(String(128))
    total: Mapped[float] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3))
    utc_offset: Mapped[str | None] = mapped_column(String(6))  # '+09:00': the order's own; NULL before 0003
    # where the order ships (revision 0004; NULL for orders imported before it or without an address)
    shipping_country: Mapped[str | None] = mapped_column(String(2))
    shipping_state: Mapped[str | None] = mapped_column(String(128))
    shipping_city: Mapped[str | None] = mapped_column(String(128))
    shipping_postcode: Mapped[str | None] = mapped_column(String(16))
    items: Mapped[list[OrderItemRow]] = relationship(
        cascade="all, delete-orphan", order_by="OrderItemRow.position", lazy="selectin"
    )


class OrderItemRow(Base):
    __tablename__ = "order_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_pk: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(256))
    quantity: Mapped[int] = mapped_column(Integer)
    price: Mapped[float] = mapped_column(Float)


# Times are stored in UTC and shown in the offset they were written in, so a date is the day the shop
# wrote, not the UTC day. Each order keeps its own offset (``orders.utc_offset``); an order without one
# (imported before revision 0003, or with times that had no offset) is shown in the shop's setting: the
# most common offset of its exports.
OFFSET_SETTING = "order_utc_offset"
TIME_FIELDS = ("placed_at", "shipped_at", "delivered_at")


def _shop_offset(session: Session, shop_id: int) -> str | None:
    from assist.store.shops import Shop

    shop = session.get(Shop, shop_id)
    value = (shop.settings or {}).get(OFFSET_SETTING) if shop is not None else None
    return value if isinstance(value, str) else None


def _to_model(row: OrderRow, shop_offset: str | None = None) -> Order:
    """The stored order with its times in its own offset, else in ``shop_offset``, else in UTC."""
    order = Order.model_validate(row)
    offset = row.utc_offset or shop_offset
    if not offset:
        return order
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = (int(part) for part in offset[1:].split(":"))
    zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
    times = {f: t.astimezone(zone) for f in TIME_FIELDS if (t := getattr(order, f)) is not None}
    return order.model_copy(update={**times, "utc_offset": offset})


def _remember_offset(session: Session, shop_id: int, orders: list[Order]) -> None:
    from assist.store.shops import Shop

    counts = Counter(o.utc_offset for o in orders if o.utc_offset)
    shop = session.get(Shop, shop_id)
    if counts and shop is not None:
        shop.settings = {**(shop.settings or {}), OFFSET_SETTING: counts.most_common(1)[0][0]}


def save_orders(session: Session, shop_id: int, orders: list[Order]) -> int:
    """Insert or replace orders by ``order_id`` within the shop. Caller's transaction: all or nothing."""
    ids = [o.order_id for o in orders]
    if ids:
        session.execute(delete(OrderRow).where(OrderRow.shop_id == shop_id, OrderRow.order_id.in_(ids)))
        session.flush()
    for order in orders:
        data = order.model_dump(exclude={"items"})
        row = OrderRow(shop_id=shop_id, **data)
        row.items = [OrderItemRow(position=i, **item.model_dump()) for i, item in enumerate(order.items)]
        session.add(row)
    _remember_offset(session, shop_id, orders)
    session.flush()
    return len(orders)


def get_order(session: Session, shop_id: int, order_id: str) -> Order | None:
    row = session.scalar(select(OrderRow).where(OrderRow.shop_id == shop_id, OrderRow.order_id == order_id))
    return _to_model(row, _shop_offset(session, shop_id)) if row else None


def get_orders(session: Session, shop_id: int, order_ids: list[str]) -> list[Order]:
    """The shop's orders with these ids, in the order asked, in one query (an id matches as written or
    upper-cased, like :func:`get_order` tried one after the other); unknown ids are left out."""
    wanted = list(dict.fromkeys(order_ids))
    if not wanted:
        return []
    candidates = list(dict.fromkeys([*wanted, *(i.upper() for i in wanted)]))
    rows = session.scalars(
        select(OrderRow)
        .where(OrderRow.shop_id == shop_id, OrderRow.order_id.in_(candidates))
        .options(selectinload(OrderRow.items))
    )
    by_id = {row.order_id: row for row in rows}
    offset = _shop_offset(session, shop_id) if by_id else None
    found = [by_id.get(i) or by_id.get(i.upper()) for i in wanted]
    unique = list({id(r): r for r in found if r is not None}.values())
    return [_to_model(r, offset) for r in unique]


def orders_for_customer(session: Session, shop_id: int, customer_id: str, limit: int = 5) -> list[Order]:
    rows = session.scalars(
        select(OrderRow)
        .where(OrderRow.shop_id == shop_id, OrderRow.customer_id == customer_id)
        .order_by(OrderRow.placed_at.desc())
        .limit(limit)
        .options(selectinload(OrderRow.items))
    )
    offset = _shop_offset(session, shop_id)
    return [_to_model(r, offset) for r in rows]


def count_orders(session: Session, shop_id: int) -> int:
    from sqlalchemy import func

    return session.scalar(select(func.count()).select_from(OrderRow).where(OrderRow.shop_id == shop_id)) or 0
