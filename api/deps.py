"""All wiring for routes: ``Annotated[..., Depends(...)]`` aliases. Tests swap them with
``app.dependency_overrides`` (or build the app with a ``Services`` holding fakes)."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.shop_cache import ShopCache
from assist import shop_readers
from assist.config import Settings
from assist.errors import Unauthorized
from assist.policy_facts import PolicyFacts
from assist.services import Services
from assist.shop_facts import effective_settings, shop_facts
from assist.store import shops as shop_rows
from retrievers.orders import OrderStore
from retrievers.policies import PolicyIndex

bearer = HTTPBearer(auto_error=False, description="The shop's API key: `Authorization: Bearer ak_...`")


@dataclass(frozen=True)
class ShopContext:
    """The caller's shop: every query is filtered by ``id``."""

    id: int
    name: str
    # The shop's settings with the keys derived from its policy facts underneath (assist.shop_facts).
    settings: dict[str, Any] = field(default_factory=dict)
    # The shop's effective policy facts: extracted at ingest, manual overrides on top.
    facts: PolicyFacts | None = None


def get_services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def shop_cache(services: Services) -> ShopCache[ShopContext]:
    """The key->shop cache of these services (one per app; see api/shop_cache.py)."""
    cache = services.__dict__.get("_shop_cache")
    if cache is None:
        cache = services.__dict__.setdefault("_shop_cache", ShopCache(ttl_s=services.settings.shop_cache_ttl_s))
    return cache  # type: ignore[no-any-return]


ServicesDep = Annotated[Services, Depends(get_services)]


def offline_slot(services: Services) -> AbstractContextManager[None]:
    """One of the worker's CPU slots for a sync route's work (assist/cpu_slots.py), in arrival order. None
    when a chat model is configured: a request waiting seconds on the model must not hold a slot."""
    if services.chat_model is not None:
        return nullcontext()
    return services.cpu_slots.held()


def get_settings_dep(services: ServicesDep) -> Settings:
    return services.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_shop(
    request: Request,
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> ShopContext:
    if credentials is None or not credentials.credentials:
        raise Unauthorized("missing API key: send 'Authorization: Bearer <key>' (see `assist shops create`)")
    key = credentials.credentials.strip()

    def load() -> ShopContext | None:
        with services.db.session() as session:
            shop = shop_rows.shop_for_key(session, key)
            if shop is None:
                return None
            facts = shop_facts(session, shop)
            shop_readers.start(services, facts)  # its own ask-topic reader, before a buyer needs it
            settings = effective_settings(shop.settings, facts)
            return ShopContext(id=shop.id, name=shop.name, settings=settings, facts=facts)

    ctx = shop_cache(services).get(key, load)
    if ctx is None:
        raise Unauthorized("invalid API key: check the key, or create one with `assist shops create NAME`")
    request.state.shop = ctx
    limiter = getattr(request.app.state, "rate_limiter", None)
    if limiter is not None:
        limiter.check(credentials.credentials)
    return ctx


ShopDep = Annotated[ShopContext, Depends(get_shop)]


def get_policy_index(services: ServicesDep) -> PolicyIndex:
    return services.policy_index


PolicyIndexDep = Annotated[PolicyIndex, Depends(get_policy_index)]


def get_order_store(services: ServicesDep) -> OrderStore:
    return services.order_store


OrderStoreDep = Annotated[OrderStore, Depends(get_order_store)]
