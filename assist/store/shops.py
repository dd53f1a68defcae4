"""Shops (tenants) and their API keys. Keys are shown once and stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from assist.errors import Conflict, InvalidInput, NotFound
from assist.store.db import Base, UTCDateTime, utcnow

KEY_PREFIX = "ak_"
SHOP_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class Shop(Base):
    __tablename__ = "shops"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    lookup: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _lookup(key: str) -> str:
    return key[len(KEY_PREFIX) : len(KEY_PREFIX) + 12]


def create_shop(session: Session, name: str, settings: dict[str, Any] | None = None) -> tuple[Shop, str]:
    """Create a shop and its first API key; returns the key in clear text (shown once)."""
    if not SHOP_NAME.match(name):
        raise InvalidInput(f"shop name {name!r} is not allowed: use 1-63 lowercase letters, digits, '-' or '_'")
    if session.scalar(select(Shop).where(Shop.name == name)) is not None:
        raise Conflict(f"a shop named {name!r} already exists; pick another name")
    shop = Shop(name=name, settings=settings or {})
    session.add(shop)
    session.flush()
    return shop, issue_key(session, shop)


def issue_key(session: Session, shop: Shop) -> str:
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(shop_id=shop.id, lookup=_lookup(key), key_hash=_hash(key)))
    session.flush()
    return key


def shop_for_key(session: Session, key: str) -> Shop | None:
    """The shop owning ``key``, comparing hashes in constant time; None when unknown."""
    if not key.startswith(KEY_PREFIX) or len(key) < len(KEY_PREFIX) + 16:
        return None
    presented = _hash(key)
    match: ApiKey | None = None
    for row in session.scalars(select(ApiKey).where(ApiKey.lookup == _lookup(key))):
        if hmac.compare_digest(row.key_hash, presented):
            match = row
    return session.get(Shop, match.shop_id) if match else None


def get_shop(session: Session, name: str) -> Shop:
    shop = session.scalar(select(Shop).where(Shop.name == name))
    if shop is None:
        raise NotFound(f"no shop named {name!r}; create it with `assist shops create {name}`")
    return shop


def list_shops(session: Session) -> list[Shop]:
    return list(session.scalars(select(Shop).order_by(Shop.name)))


def update_settings(session: Session, shop: Shop, values: dict[str, Any]) -> None:
    shop.settings = {**(shop.settings or {}), **values}
    session.flush()
