"""Every message of the fixture shops' conversations, case-folded, and their order items' names, for the checks that
no written exemplar or frame is a copy of a fixture case. The final held-out split (``FINAL_SPLIT``) is never read."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fixture_shop_turns() -> list[str]:
    from bench.new_shops import FINAL_SPLIT, SPLIT

    turns: list[str] = []
    for shop, split in SPLIT.items():
        path = ROOT / "examples" / "shops" / shop / "conversations.jsonl"
        if split == FINAL_SPLIT or not path.is_file():  # the final held-out shops are never read
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                turns += [m["text"].casefold() for m in json.loads(line)["messages"]]
    return turns


def fixture_item_names() -> dict[str, set[str]]:
    """Shop -> the names of the items in its orders (every fixture shop but the final held-out ones)."""
    from bench.new_shops import FINAL_SPLIT, SPLIT

    names: dict[str, set[str]] = {}
    for shop, split in SPLIT.items():
        if split == FINAL_SPLIT:  # the final held-out shops are never read
            continue
        orders = json.loads((ROOT / "examples" / "shops" / shop / "orders.json").read_text(encoding="utf-8"))
        names[shop] = {item["name"] for order in orders for item in order["items"]}
    return names
