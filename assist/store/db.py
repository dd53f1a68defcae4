"""Database engine, sessions and the declarative base. SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from assist.errors import ServiceUnavailable


class Base(DeclarativeBase):
    pass


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
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
