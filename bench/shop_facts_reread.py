"""What re-reading a shop costs the request path: ``api.deps.get_shop`` re-reads the caller's shop every
``ASSIST_SHOP_CACHE_TTL_S`` (5 s), and with it the shop's effective policy facts (``assist.shop_facts``).

Rows: the facts parsed and settled from the store (the first read, and every read after a re-ingest or
an override changed them; before the revision stamp, every re-read), and a re-read of an unchanged shop
(one revision query, nothing parsed).
On the demo shop (its policies ingested and their facts extracted, as ``assist demo`` does).

    .venv/bin/python bench/shop_facts_reread.py [--runs 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assist.config import Settings  # noqa: E402
from assist.demo import ensure_demo_shop  # noqa: E402
from assist.services import Services  # noqa: E402
from assist.shop_facts import effective_settings, parse_override, shop_facts  # noqa: E402
from assist.store import shops as shop_rows  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder) / "data", environment="test", load_demo=False)
        services = Services(settings)
        key = ensure_demo_shop(services, score=False)
        assert key is not None
        changed: list[float] = []
        unchanged: list[float] = []
        facts_count = 0
        override = parse_override("returns.window", "30 days").model_dump(mode="json")
        for run in range(args.runs):
            with services.db.session() as session:
                shop = shop_rows.shop_for_key(session, key)
                assert shop is not None
                # Every other read the shop's overrides change (one more, or one fewer; never committed):
                # its facts are parsed and settled again. The read after it finds the shop unchanged.
                overrides = [override] if (run // 2) % 2 == 0 else []
                shop.settings = {**(shop.settings or {}), "fact_overrides": overrides}
                started = time.perf_counter()
                facts = shop_facts(session, shop)
                effective_settings(shop.settings, facts)
                elapsed = (time.perf_counter() - started) * 1000
                facts_count = len(facts.facts) if not overrides else facts_count
                session.rollback()
            (changed if run % 2 == 0 else unchanged).append(elapsed)
        services.close()
    print(f"re-reading the demo shop ({facts_count} policy facts), {args.runs // 2} reads each")
    print(f"{'read':44} {'p50 ms':>8} {'p95 ms':>8}")
    rows = (("facts changed: parsed and settled", changed), ("unchanged shop: revision query only", unchanged))
    for name, values in rows:
        print(f"{name:44} {statistics.median(values):8.2f} {percentile(values, 0.95):8.2f}")


if __name__ == "__main__":
    main()
