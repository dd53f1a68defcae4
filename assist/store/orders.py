"""Orders and their items, always scoped to one shop."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, UniqueConstraint, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, selectinload

from assist.models import Order
from assist.store.db import Base


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
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    shipped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    carrier: Mapped[str | None] = mapped_column(String(64))
    tracking_number: Mapped[str | None] = mapped_column(String(128))
    total: Mapped[float] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3))
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


def _to_model(row: OrderRow) -> Order:
    return Order.model_validate(row)


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
    session.flush()
    return len(orders)


def get_order(session: Session, shop_id: int, order_id: str) -> Order | None:
    row = session.scalar(select(OrderRow).where(OrderRow.shop_id == shop_id, OrderRow.order_id == order_id))
    return _to_model(row) if row else None


def orders_for_customer(session: Session, shop_id: int, customer_id: str, limit: int = 5) -> list[Order]:
    rows = session.scalars(
        select(OrderRow)
        .where(OrderRow.shop_id == shop_id, OrderRow.customer_id == customer_id)
        .order_by(OrderRow.placed_at.desc())
        .limit(limit)
        .options(selectinload(OrderRow.items))
    )
    return [_to_model(r) for r in rows]


def count_orders(session: Session, shop_id: int) -> int:
    from sqlalchemy import func

    return session.scalar(select(func.count()).select_from(OrderRow).where(OrderRow.shop_id == shop_id)) or 0
