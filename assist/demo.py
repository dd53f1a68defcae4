"""The demo shop (examples/demo-shop): loaded on a fresh install so the sidebar has data."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from assist.config import DEMO_SHOP_DIR
from assist.importing import read_orders_file
from assist.services import Services
from assist.store import orders as order_rows
from assist.store import shops as shop_rows

DEMO_SHOP = "demo"


def _key_file(services: Services) -> Path:
    return services.settings.data_dir / "demo-shop.key"


def load_shop_settings(directory: Path = DEMO_SHOP_DIR) -> dict[str, object]:
    data = yaml.safe_load((directory / "shop.yaml").read_text(encoding="utf-8")) or {}
    return {k: v for k, v in data.items() if k != "name"}


def ensure_demo_shop(services: Services, directory: Path = DEMO_SHOP_DIR) -> str | None:
    """Create and fill the demo shop when missing; return its API key (kept in the data dir)."""
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
    return key
