"""The demo shop (examples/demo-shop, shipped in the package): loaded on a fresh install so the sidebar
has data and the review queue is populated; and the one-time sign-in link for it.

The link: ``assist serve`` calls :func:`issue_login_token` and prints ``http://127.0.0.1:PORT/start#token=…``.
Only the token's SHA-256 and its expiry are stored (``demo-login.json`` in the data dir, mode 0600, so
every worker process sees it); :func:`redeem_login_token` trades a matching, unexpired token for the
demo shop's key exactly once. The key itself never appears in a URL.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from assist.config import require_dir
from assist.errors import ServiceUnavailable, Unauthorized
from assist.importing import read_orders_file
from assist.models import Conversation
from assist.services import Services
from assist.store import orders as order_rows
from assist.store import reviews
from assist.store import shops as shop_rows

DEMO_SHOP = "demo"
LOGIN_TTL_S = 600.0


def _key_file(services: Services) -> Path:
    return services.settings.data_dir / "demo-shop.key"


def _demo_dir(services: Services, directory: Path | None) -> Path:
    return require_dir(directory or services.settings.demo_shop_dir, "ASSIST_DEMO_SHOP_DIR", "the demo shop")


def load_shop_settings(directory: Path) -> dict[str, object]:
    """A shop folder's ``shop.yaml`` over the country its ``policies/`` state (:mod:`assist.shop_address`)."""
    from assist.shop_address import folder_readings

    data = yaml.safe_load((directory / "shop.yaml").read_text(encoding="utf-8")) or {}
    own = {k: v for k, v in data.items() if k != "name"}
    return {**folder_readings(directory / "policies", data), **own}


def ensure_demo_shop(services: Services, directory: Path | None = None, *, score: bool = True) -> str | None:
    """Create and fill the demo shop when missing; return its API key (kept in the data dir).

    With ``score`` (the default), every demo conversation is scored once and stored, so the review
    queue (``/review``) opens populated."""
    directory = _demo_dir(services, directory)
    key_file = _key_file(services)
    with services.db.session() as session:
        existing = session.query(shop_rows.Shop).filter_by(name=DEMO_SHOP).one_or_none()
        if existing is None:
            shop, key = shop_rows.create_shop(session, DEMO_SHOP, load_shop_settings(directory))
            order_rows.save_orders(session, shop.id, read_orders_file(directory / "orders.json"))
            shop_id = shop.id
            key_file.parent.mkdir(parents=True, exist_ok=True)
            key_file.write_text(key + "\n", encoding="utf-8")
            os.chmod(key_file, 0o600)
        else:
            shop_id = existing.id
            stored = key_file.read_text(encoding="utf-8").strip() if key_file.exists() else ""
            if stored and shop_rows.shop_for_key(session, stored) is not None:
                key = stored
            else:  # the key file was lost or belongs to an older database: issue a fresh key
                key = shop_rows.issue_key(session, existing)
                key_file.parent.mkdir(parents=True, exist_ok=True)
                key_file.write_text(key + "\n", encoding="utf-8")
                os.chmod(key_file, 0o600)
    if services.policy_index.count(shop_id) == 0:
        from retrievers.policies import expand_policy_paths

        for path in expand_policy_paths([directory / "policies"]):
            services.policy_index.ingest_file(shop_id, path, source=str(path.relative_to(directory / "policies")))
    from assist.shop_facts import ensure_policy_facts

    ensure_policy_facts(services, shop_id, directory / "policies")  # the policy numbers come from the text
    if score:
        score_demo_conversations(services, shop_id, directory)
    return key


def effective_shop_settings(session: object, shop: shop_rows.Shop) -> dict[str, Any]:
    from assist.shop_facts import effective_settings, shop_facts

    return effective_settings(shop.settings, shop_facts(session, shop))  # type: ignore[arg-type]


def score_demo_conversations(services: Services, shop_id: int, directory: Path) -> int:
    """Score and store every demo conversation unless the shop already has scorecards; returns how many."""
    from assist.quality import config_for_shop, score_conversation
    from assist.quality.overall import load_model
    from retrievers.orders import find_orders

    with services.db.session() as session:
        if reviews.count_reviews(session, shop_id):
            return 0
        shop = session.get(shop_rows.Shop, shop_id)
        shop_settings = effective_shop_settings(session, shop) if shop is not None else {}
    config = config_for_shop(shop_settings)
    critical = tuple(name for name, category in config.categories.items() if category.critical)
    path = directory / "conversations.jsonl"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] if path.exists() else []
    for line in lines:
        conversation = Conversation.model_validate(json.loads(line))
        agent_text = " ".join(m.text for m in conversation.messages if m.role == "agent")
        query = (conversation.customer_text(last=3) + "\n" + agent_text)[:2000]
        orders = find_orders(services.order_store, shop_id, conversation, shop_settings.get("order_id_pattern"))
        card = score_conversation(
            conversation,
            config=config,
            order=orders[0] if orders else None,
            policies=services.policy_index.search(shop_id, query, 5) if query.strip() else [],
            shop_settings=shop_settings,
            tone=services.tone_classifier,
            language_detector=services.language_detector,
            quality_model=load_model(services.settings.data_dir, shop_id),
            embedder=services.embedder,
        )
        with services.db.session() as session:
            reviews.save_scorecard(
                session, shop_id, conversation, card, pass_total=config.pass_total, critical=critical
            )
    return len(lines)


# ---- the one-time sign-in link ------------------------------------------------------------------


def _login_file(services: Services) -> Path:
    return services.settings.data_dir / "demo-login.json"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_login_token(services: Services, ttl_s: float = LOGIN_TTL_S, clock: Callable[[], float] = time.time) -> str:
    """A fresh one-time token for the demo shop (replacing any earlier one); only its hash is stored."""
    token = secrets.token_urlsafe(24)
    path = _login_file(services)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    temporary.write_text(json.dumps({"sha256": _digest(token), "expires_at": clock() + ttl_s}), encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return token


def redeem_login_token(services: Services, token: str, clock: Callable[[], float] = time.time) -> str:
    """The demo shop's API key for a valid token, which is then spent; :class:`Unauthorized` otherwise."""
    again = "run `assist serve` (or `make run`) again for a new link, or paste the demo key into Options"
    path = _login_file(services)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise Unauthorized(f"this sign-in link was already used or was never issued: {again}") from None
    if not hmac.compare_digest(str(record.get("sha256", "")), _digest(token)):
        raise Unauthorized(f"this sign-in link is not the latest one or was already used: {again}")
    if clock() > float(record.get("expires_at", 0)):
        path.unlink(missing_ok=True)
        raise Unauthorized(f"this sign-in link expired (links last {LOGIN_TTL_S / 60:.0f} minutes): {again}")
    claimed = path.with_name(f".{path.name}.{uuid.uuid4().hex}.spent")
    try:
        os.rename(path, claimed)  # atomic: of two simultaneous redeemers only one gets the file
    except FileNotFoundError:
        raise Unauthorized(f"this sign-in link was already used: {again}") from None
    claimed.unlink(missing_ok=True)
    key_file = _key_file(services)
    key = key_file.read_text(encoding="utf-8").strip() if key_file.exists() else ""
    with services.db.session() as session:
        shop = shop_rows.shop_for_key(session, key) if key else None
        if shop is None or shop.name != DEMO_SHOP:
            raise ServiceUnavailable("the demo shop is not loaded: start the server with `assist serve`")
    return key
