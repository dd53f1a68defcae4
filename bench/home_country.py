"""The shop's own country on every fixture shop: from its currency and policy language alone (before the
documents were read) and now (settings, currency, the documents' VAT id, address or e-mail domain, then the
language), and which source told. A shop whose two readings differ is marked; a changed home must be right.

The report splits (FRESH-K, FRESH-M) and the final split are left out: their documents are not tuning data.

    .venv/bin/python -m bench.home_country
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assist.demo import load_shop_settings  # noqa: E402
from assist.home_country import shop_home  # noqa: E402
from assist.shop_address import SETTINGS_KEY  # noqa: E402
from bench.new_shops import FINAL_SPLIT, SPLIT  # noqa: E402
from evals.shops import load_gold_facts  # noqa: E402

SHOPS = ROOT / "examples" / "shops"
NOT_READ = ("FRESH-K", "FRESH-M", FINAL_SPLIT)


def main() -> int:
    rows = []
    for folder in sorted(p for p in SHOPS.iterdir() if (p / "shop.yaml").is_file()):
        if SPLIT.get(folder.name) in NOT_READ:
            continue
        settings = load_shop_settings(folder)
        facts = load_gold_facts(folder) if (folder / "gold_facts.yaml").is_file() else None
        currency = settings.get("currency")
        currency = str(currency) if currency else None
        before = shop_home(currency, {k: v for k, v in settings.items() if k != SETTINGS_KEY}, facts)
        now = shop_home(currency, settings, facts)
        mark = "changed" if before.country != now.country else ""
        rows.append([folder.name, currency or "—", str(before.country), str(now.country), str(now.source), mark])
        rows[-1].append(now.evidence[:60] if now.source == "documents" else "")
    print("| shop | currency | before | now | source | | evidence |\n|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    changed = sum(r[5] == "changed" for r in rows)
    print(f"\n{len(rows)} shops, {changed} changed, {sum(r[4] == 'documents' for r in rows)} read from documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
