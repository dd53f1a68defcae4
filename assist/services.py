"""The service container: every client built once (in the app's lifespan or the CLI) and injected.

Each attribute is created on first use from settings; pass a ready object to the constructor to
swap it (tests pass fakes). Nothing here connects at import time.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from assist.config import Settings

if TYPE_CHECKING:
    from assist.store import Database
    from retrievers.embeddings import Embedder
    from retrievers.orders import OrderStore
    from retrievers.policies import PolicyIndex


class Services:
    def __init__(self, settings: Settings, **overrides: Any) -> None:
        self.settings = settings
        for name, value in overrides.items():
            if not isinstance(getattr(type(self), name, None), cached_property):
                raise TypeError(f"Services has no swappable service named {name!r}")
            self.__dict__[name] = value

    @cached_property
    def db(self) -> Database:
        from assist.store import Database

        db = Database(self.settings.sqlalchemy_url)
        db.create_schema()
        return db

    @cached_property
    def embedder(self) -> Embedder:
        from retrievers.embeddings import default_embedder

        return default_embedder()

    @cached_property
    def policy_index(self) -> PolicyIndex:
        from retrievers.policies import build_policy_index

        return build_policy_index(self.settings, self.embedder)

    @cached_property
    def order_store(self) -> OrderStore:
        from retrievers.orders import SqlOrderStore

        return SqlOrderStore(self.db)

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.dispose()
