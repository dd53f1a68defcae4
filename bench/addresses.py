"""How often an order's shipping address is placed in the right subdivision, and the right region of a shop.

Cases (``bench/data/address_cases.yaml``, written by hand from general geography, 10+ countries): postcodes only,
state or province fields in local languages and scripts, codes and exonyms, city only, full addresses, country
only. Each goes through the library's public path: an :class:`assist.models.Order` with the address (the country
normalised by the model), then :func:`assist.regions.order_country`; the region row matches the place against a
synthetic shop's region list with :func:`assist.regions.match_region`. Misses are listed.

    .venv/bin/python bench/addresses.py [--misses]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assist import places  # noqa: E402
from assist.models import Order  # noqa: E402
from assist.regions import CountryGuess, match_region, order_country  # noqa: E402

CASES = Path(__file__).parent / "data" / "address_cases.yaml"


def _order(case: dict[str, Any]) -> Order:
    return Order(
        order_id="B-1",
        customer_id="c-1",
        customer_name="Bench Buyer",
        status="shipped",
        placed_at="2026-11-10T10:00:00Z",  # type: ignore[arg-type]
        items=[{"sku": "A", "name": "Item", "quantity": 1, "price": 1}],  # type: ignore[list-item]
        total=1,
        currency="EUR",
        shipping_country=case["country"],
        shipping_state=case.get("state"),
        shipping_city=case.get("city"),
        shipping_postcode=case.get("postcode"),
    )


def _subdivision(code: str) -> str:
    return places.subdivision_of(code) or code.split("/", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    order_country(_order({"country": "DE", "city": "Köln"}))  # build the city tables once, outside the timing
    rows: dict[str, list[bool]] = defaultdict(list)
    region_rows: dict[str, list[bool]] = defaultdict(list)
    misses: list[str] = []
    timings: list[float] = []
    countries: set[str] = set()
    for case in data["cases"]:
        start = time.perf_counter()
        try:
            guess = order_country(_order(case))
        except ValidationError as exc:  # the model refused the address: a miss, with its message
            guess = CountryGuess("-", "refused", str(exc.errors()[0]["msg"]))
        timings.append((time.perf_counter() - start) * 1000)
        got = _subdivision(guess.country) if guess else "-"
        right = got == case["want"]
        rows[case["kind"]].append(right)
        countries.add(places.country_of(case["want"]))
        if not right:
            fields = {k: case[k] for k in ("country", "state", "city", "postcode") if case.get(k)}
            misses.append(f"{case['kind']}: {fields} -> {got} (want {case['want']}; {guess.evidence if guess else ''})")
        shop = data["regions"].get(places.country_of(case["want"]))
        if shop and case["want"] in shop["want"] and guess is not None and guess.country != "-":
            region = match_region(guess.country, shop["list"], places.country_of(case["want"]))
            ok = region == shop["want"][case["want"]]
            region_rows[places.country_of(case["want"])].append(ok)
            if not ok:
                misses.append(f"region {case['want']} in {shop['list']}: got {region!r}")
    print(f"\nShipping addresses placed ({len(data['cases'])} addresses, {len(countries)} countries)\n")  # noqa: T201
    print("| input | addresses | right subdivision |\n|---|---|---|")  # noqa: T201
    for kind, hits in rows.items():
        print(f"| {kind} | {len(hits)} | {sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.2f} |")  # noqa: T201
    every = [h for hits in rows.values() for h in hits]
    print(f"| **all** | {len(every)} | **{sum(every)}/{len(every)} = {sum(every) / len(every):.2f}** |")  # noqa: T201
    print("\n| synthetic shop (country) | addresses | right region |\n|---|---|---|")  # noqa: T201
    for country, hits in sorted(region_rows.items()):
        print(f"| {country} | {len(hits)} | {sum(hits)}/{len(hits)} |")  # noqa: T201
    regional = [h for hits in region_rows.values() for h in hits]
    print(f"| **all** | {len(regional)} | **{sum(regional)}/{len(regional)} = {sum(regional) / len(regional):.2f}** |")  # noqa: T201
    print(  # noqa: T201
        f"\nwarm lookup per address: p50 {statistics.median(timings):.2f} ms, max {max(timings):.1f} ms "
        "(a country's first city lookup builds its table)"
    )
    if args.misses:
        print("\nMisses:\n" + "\n".join(f"- {m}" for m in misses))  # noqa: T201


if __name__ == "__main__":
    main()
