"""All wiring for routes: ``Annotated[..., Depends(...)]`` aliases. Tests swap them with
``app.dependency_overrides`` (or build the app with a ``Services`` holding fakes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assist.config import Settings
from assist.errors import Unauthorized
from assist.services import Services
from assist.store import shops as shop_rows
from retrievers.orders import OrderStore
from retrievers.policies import PolicyIndex

bearer = HTTPBearer(auto_error=False, description="The shop's API key: `Authorization: Bearer ak_...`")


@dataclass(frozen=True)
class ShopContext:
    """The caller's shop: every query is filtered by ``id``."""

    id: int
    name: str
    settings: dict[str, Any] = field(default_factory=dict)


def get_services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


ServicesDep = Annotated[Services, Depends(get_services)]


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
    with services.db.session() as session:
        shop = shop_rows.shop_for_key(session, credentials.credentials.strip())
        if shop is None:
            raise Unauthorized("invalid API key: check the key, or create one with `assist shops create NAME`")
        ctx = ShopContext(id=shop.id, name=shop.name, settings=dict(shop.settings or {}))
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
