"""API key -> shop lookups, cached: every request needs its shop (settings, policy facts), and
reading them from SQL on every call cost a round trip or three per request.

* A write to a shop, its keys or its policy facts made in this process (a route, an ingest, a
  review) empties every cache when its transaction commits: a SQLAlchemy session hook watches the
  tables, so no write path has to remember to call it.
* Writes made by another process (the CLI, another worker) are seen within ``ttl_s``
  (``ASSIST_SHOP_CACHE_TTL_S``, default 5 s; 0 turns the cache off) plus one read. A revoked key
  therefore stops working at once in the process that revoked it, and within that time elsewhere.
  When an entry's time is up, one request re-reads it while the others use the answer they had (no
  burst of requests waits for that read every ``ttl_s``).
* Unknown keys are never cached (a key issued a moment ago works at once); the cache is keyed by
  the key's SHA-256, never the key itself.
"""

from __future__ import annotations

import hashlib
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

T = TypeVar("T")
WATCHED_TABLES = frozenset({"shops", "api_keys", "policy_facts"})
_caches: weakref.WeakSet[ShopCache[Any]] = weakref.WeakSet()
_FLAG = "assist_shops_changed"


class ShopCache(Generic[T]):
    def __init__(self, ttl_s: float = 5.0, maxsize: int = 4096, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self.maxsize = maxsize
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[bytes, tuple[float, T]] = OrderedDict()
        self._generation = 0
        self._loading: dict[bytes, threading.Lock] = {}
        self.loads = 0
        _caches.add(self)

    def get(self, key: str, load: Callable[[], T | None]) -> T | None:
        """The cached value for ``key``, else ``load()`` (cached unless None)."""
        if self.ttl_s <= 0:
            return load()
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
        now = self._clock()
        with self._lock:
            entry = self._entries.get(digest)
            generation = self._generation
            if entry is not None and entry[0] > now:
                self._entries.move_to_end(digest)
                return entry[1]
            loading = self._loading.setdefault(digest, threading.Lock())
        if entry is not None:
            # Only its time is up (a write in this process empties the cache): one request re-reads it,
            # the others keep the answer they had meanwhile instead of all waiting for that read.
            if not loading.acquire(blocking=False):
                return entry[1]
            try:
                return self._reload(digest, load, generation)
            finally:
                loading.release()
        with loading:  # concurrent misses for one key: one reads, the others wait and use its answer
            with self._lock:
                entry = self._entries.get(digest)
                if entry is not None and entry[0] > now and generation == self._generation:
                    return entry[1]
            return self._reload(digest, load, generation)

    def _reload(self, digest: bytes, load: Callable[[], T | None], generation: int) -> T | None:
        self.loads += 1
        value = load()
        with self._lock:
            self._loading.pop(digest, None)
            if value is None:
                self._entries.pop(digest, None)  # a key revoked elsewhere stops working
            elif generation == self._generation:  # nothing changed while we read
                self._entries[digest] = (self._clock() + self.ttl_s, value)
                self._entries.move_to_end(digest)
                while len(self._entries) > self.maxsize:
                    self._entries.popitem(last=False)
        return value

    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def invalidate_all() -> None:
    for cache in list(_caches):
        cache.invalidate()


def _table(obj: Any) -> str | None:
    table = getattr(obj, "__table__", None)
    return getattr(table, "name", None)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    if any(_table(o) in WATCHED_TABLES for o in (*session.new, *session.dirty, *session.deleted)):
        session.info[_FLAG] = True


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is None or getattr(table, "name", None) in WATCHED_TABLES:
            state.session.info[_FLAG] = True


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(_FLAG, False):
        invalidate_all()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_FLAG, None)
