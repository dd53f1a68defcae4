"""The claim reader's floor per claim kind: the draft checks' precision and recall when readings of one kind are
added at candidate floors, on the drafts of every tuning split (the final held-out split is never read).

    python -m bench.claim_floors                       # every tuning shop, the floors in use
    python -m bench.claim_floors --kinds delivered shipped --floors 0.6 0.75 0.9

The shops are cut in two by a digest of their names: two thirds choose a floor ("fit"), the last third checks that
the choice holds on shops it was not chosen on ("check"). Each draft runs through :func:`assist.quality.check_draft`
with the shop's hand-read facts and orders (no policy index: the draft checks read the facts alone), once with the
floors in use; then, per kind and candidate floor, only the drafts with a reading of that kind between the two
floors run again. A row: the kind, the floor, and precision / recall (true and false alarms) on each part.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.new_shops import FINAL_SPLIT, SPLIT, _prepare_second_readers, table  # noqa: E402

SHOPS = ROOT / "examples" / "shops"
FLOORS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.01)


def part(shop: str) -> str:
    """The part a shop is in: "check" for a third of the shops (by a digest of the name, stable across runs), else
    "fit"."""
    return "check" if hashlib.sha256(shop.encode()).digest()[0] % 3 == 0 else "fit"


class Drafts:
    """The tuning drafts with what each needs to run through the draft checks."""

    def __init__(self, shops: list[str]) -> None:
        from assist.demo import load_shop_settings
        from assist.importing import read_orders_file
        from evals.datasets import Case
        from evals.shops import load_gold_facts
        from evals.tasks import conversation_of
        from retrievers.orders import InMemoryOrderStore, find_orders

        self.rows: list[dict[str, Any]] = []
        for shop in shops:
            shop_dir = SHOPS / shop
            settings = load_shop_settings(shop_dir)
            orders = read_orders_file(shop_dir / "orders.json") if (shop_dir / "orders.json").is_file() else []
            store = InMemoryOrderStore({1: orders})
            facts = load_gold_facts(shop_dir)
            for line in (shop_dir / "drafts.jsonl").read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                data = json.loads(line)
                conversation = conversation_of(Case(str(data["id"]), {"conversation": data}))
                found = find_orders(store, 1, conversation, settings.get("order_id_pattern"))  # type: ignore[arg-type]
                self.rows.append(
                    {
                        "shop": shop,
                        "part": part(shop),
                        "data": data,
                        "conversation": conversation,
                        "order": found[0] if found else None,
                        "settings": dict(settings),
                        "facts": facts,
                    }
                )


def fired(row: dict[str, Any], services: Any) -> set[str]:
    from evals.shops import check_shop_draft

    draft, language = str(row["data"].get("draft") or ""), row["data"].get("language")
    issues = check_shop_draft(
        draft, row["conversation"], row["order"], language, row["settings"], row["facts"], services
    )
    return {i.check for i in issues}


class Recorder:
    """Every reading the claim reader gives while it is installed, by the draft being checked."""

    def __init__(self) -> None:
        from assist.quality.claim_polarity import PolarityReader

        self.readings: list[tuple[str, float]] = []
        original = PolarityReader.readings
        recorder = self

        def readings(reader: Any, draft: str, carriers: Any = ()) -> Any:
            found = original(reader, draft, carriers)
            recorder.readings += [(r.label, r.probability) for r in found]
            return found

        PolarityReader.readings = readings  # type: ignore[method-assign]


def score(rows: list[dict[str, Any]], outcomes: list[set[str]]) -> dict[str, list[int]]:
    """Per part: true alarms, false alarms, misses."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row, got in zip(rows, outcomes, strict=True):
        tally = out[row["part"]]
        for check in row["data"].get("must_fire") or []:
            tally[0 if check in got else 2] += 1
        for check in row["data"].get("must_not_fire") or []:
            tally[1] += check in got
    return out


def cell(tally: list[int]) -> str:
    tp, fp, fn = tally
    p = f"{tp / (tp + fp):.3f}" if tp + fp else "—"
    r = f"{tp / (tp + fn):.3f}" if tp + fn else "—"
    return f"P {p} R {r} ({tp}/{fp}/{fn})"


def sweep(
    drafts: Drafts, services: Any, kinds: list[str], floors: tuple[float, ...]
) -> Iterator[tuple[str, float, dict[str, list[int]]]]:
    from assist.quality import claim_polarity as cp
    from assist.quality import reading_floors as rf

    recorder = Recorder()
    base: list[set[str]] = []
    seen: list[dict[str, list[float]]] = []
    for row in drafts.rows:
        recorder.readings = []
        base.append(fired(row, services))
        by_kind: dict[str, list[float]] = defaultdict(list)
        for label, probability in recorder.readings:
            if label in cp.KIND:
                by_kind[cp.KIND[label]].append(probability)
        seen.append(by_kind)
    yield "(in use)", 0.0, score(drafts.rows, base)
    for kind in kinds:
        in_use = rf.add_floor(kind)
        for floor in floors:
            low, high = sorted((floor, in_use))
            outcomes = list(base)
            rf.FLOORS[kind] = floor
            try:
                for i, row in enumerate(drafts.rows):
                    if any(low <= p < high for p in seen[i].get(kind, [])):
                        outcomes[i] = fired(row, services)
            finally:
                if kind in _FLOORS_IN_USE:
                    rf.FLOORS[kind] = _FLOORS_IN_USE[kind]
                else:
                    rf.FLOORS.pop(kind, None)
            yield kind, floor, score(drafts.rows, outcomes)


_FLOORS_IN_USE: dict[str, float] = {}


def main() -> int:
    from assist.config import get_settings
    from assist.quality import claim_polarity as cp
    from assist.quality import reading_floors as rf
    from assist.services import Services

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shops", nargs="*", default=[s for s, split in SPLIT.items() if split != FINAL_SPLIT])
    parser.add_argument("--kinds", nargs="*", default=sorted(set(cp.KIND.values())))
    parser.add_argument("--floors", nargs="*", type=float, default=list(FLOORS))
    args = parser.parse_args()
    final = [shop for shop in args.shops if SPLIT.get(shop) == FINAL_SPLIT]
    if final:
        raise SystemExit(f"{', '.join(final)}: the final held-out split; this bench never reads it")
    _FLOORS_IN_USE.update(rf.FLOORS)
    _prepare_second_readers()
    services = Services(get_settings())
    drafts = Drafts(args.shops)
    print(f"{len(drafts.rows)} drafts; fit: {sorted({r['shop'] for r in drafts.rows if r['part'] == 'fit'})}")
    print(f"check: {sorted({r['shop'] for r in drafts.rows if r['part'] == 'check'})}")
    rows = []
    for kind, floor, tallies in sweep(drafts, services, args.kinds, tuple(args.floors)):
        in_use = "*" if kind != "(in use)" and abs(floor - rf.add_floor(kind)) < 1e-9 else ""
        rows.append([kind, f"{floor:.2f}{in_use}", cell(tallies["fit"]), cell(tallies["check"])])
        print(" | ".join(rows[-1]), flush=True)
    table("Draft checks per claim kind and floor (true/false alarms/misses)", ["kind", "floor", "fit", "check"], rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
