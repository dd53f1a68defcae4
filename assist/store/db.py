"""Database engine, sessions and the declarative base. SQLite by default, PostgreSQL by URL.

Every stored time is timezone-aware UTC (:class:`UTCDateTime`): aware input is converted to UTC, naive
input is read as UTC, and what comes back is always aware UTC, on SQLite (which keeps no offset) as on
PostgreSQL. Text longer than its column is refused before it reaches the database (a clear
:class:`InvalidInput` naming the field and the limit, not a driver error). A new SQLite file is created
readable by its owner only (mode 0600).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Dialect, Engine, String, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from assist.errors import InvalidInput, ServiceUnavailable


class Base(DeclarativeBase):
    pass


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_utc(value: datetime) -> datetime:
    """``value`` as aware UTC; a naive time is read as UTC (documented for every API field)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that stores UTC and always returns aware UTC (naive read as UTC).

    Same column type as before, so no schema migration: only the values going in and out change.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = to_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else to_utc(value)


def _check_lengths(session: Session, _context: Any, _instances: Any) -> None:
    """Refuse text longer than its column (PostgreSQL would fail the whole request with a driver error)."""
    for row in list(session.new) + list(session.dirty):
        table = getattr(row, "__table__", None)
        if table is None:
            continue
        for column in table.columns:
            limit = getattr(column.type, "length", None)
            if not isinstance(column.type, String) or not limit:
                continue
            value = getattr(row, column.key, None)
            if isinstance(value, str) and len(value) > limit:
                raise InvalidInput(
                    f"{column.key}: {len(value)} characters, the limit is {limit}; shorten it "
                    f"(stored in {table.name}.{column.key})"
                )


def _create_private_file(path: Path) -> None:
    """An empty SQLite file readable and writable by its owner only (SQLite gives -wal/-shm the same mode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        _create_private_file(Path(url.removeprefix("sqlite:///")))
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def init_db(engine: Engine) -> None:
    """Bring the schema to the newest version (Alembic migrations)."""
    from assist.store.migrate import upgrade

    upgrade(engine)


class Database:
    """Owns the engine and hands out sessions; one per process, built in the app's lifespan."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _check_lengths)

    def create_schema(self) -> None:
        try:
            init_db(self.engine)
        except OperationalError as exc:
            raise ServiceUnavailable(f"cannot reach the database: {exc.orig}") from exc

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back everything on error."""
        try:
            session = self._sessions()
        except OperationalError as exc:  # pragma: no cover - connection is lazy
            raise ServiceUnavailable("the database is unavailable; try again shortly") from exc
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            raise ServiceUnavailable("the database is unavailable; nothing was saved, try again") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
