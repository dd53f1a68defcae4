"""Extracted policy facts per shop and policy source. Re-ingesting a source replaces its facts.

Manual overrides are not stored here: they live in the shop's settings (``fact_overrides``), next to
the other things a shop sets by hand, and :mod:`assist.shop_facts` merges the two.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, delete, func, select

__all__ = [
    "PolicyFactRow",
    "load_facts",
    "load_facts_by_source",
    "replace_source_facts",
    "revision",
    "select",
    "sources",
]
from sqlalchemy.orm import Mapped, Session, mapped_column

from assist.policy_facts import PolicyFact
from assist.store.db import Base, UTCDateTime, utcnow


class PolicyFactRow(Base):
    __tablename__ = "policy_facts"
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(512))
    slot: Mapped[str] = mapped_column(String(64))
    fact: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def replace_source_facts(session: Session, shop_id: int, source: str, facts: list[PolicyFact]) -> int:
    """Store ``facts`` as everything ``source`` says; returns how many facts the source had before."""
    where = (PolicyFactRow.shop_id == shop_id, PolicyFactRow.source == source)
    old = len(session.scalars(select(PolicyFactRow.id).where(*where)).all())
    session.execute(delete(PolicyFactRow).where(*where))
    session.add_all(
        PolicyFactRow(shop_id=shop_id, source=source, slot=f.slot, fact=f.model_dump(mode="json")) for f in facts
    )
    session.flush()
    return int(old or 0)


def load_facts(session: Session, shop_id: int) -> list[PolicyFact]:
    return [fact for _, fact in load_facts_by_source(session, shop_id)]


def load_facts_by_source(session: Session, shop_id: int) -> list[tuple[str, PolicyFact]]:
    """Every stored fact of the shop with the policy source it was read from, in storing order."""
    rows = session.scalars(select(PolicyFactRow).where(PolicyFactRow.shop_id == shop_id).order_by(PolicyFactRow.id))
    return [(row.source, PolicyFact.model_validate(row.fact)) for row in rows]


def revision(session: Session, shop_id: int) -> tuple[Any, ...]:
    """A cheap stamp of the shop's stored facts (one indexed aggregate, no fact parsed): rows are only ever
    deleted and inserted (:func:`replace_source_facts`), never updated, so every write changes their
    count, their ids or their newest insert time."""
    row = PolicyFactRow
    query = select(func.count(row.id), func.max(row.id), func.sum(row.id), func.max(row.created_at))
    return tuple(session.execute(query.where(row.shop_id == shop_id)).one())


def sources(session: Session, shop_id: int) -> list[str]:
    rows = session.scalars(select(PolicyFactRow.source).where(PolicyFactRow.shop_id == shop_id).distinct())
    return sorted(rows)
