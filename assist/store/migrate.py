"""Schema upgrades. Until the Alembic history is generated this creates missing tables."""

from __future__ import annotations

from sqlalchemy import Engine


def upgrade(engine: Engine) -> None:
    from assist.store import tables  # noqa: F401  (registers every table on Base.metadata)
    from assist.store.db import Base

    Base.metadata.create_all(engine)
