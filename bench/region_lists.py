"""How well region groups that a policy defines by listing their members are read (assist/region_lists.py):
per case, the subdivisions :func:`assist.regions.region_countries` finds against the hand-written ones
(``bench/data/region_list_cases.yaml``: names, ISO codes and written abbreviations in 15 countries; none from a
fixture shop). Prints exact lists and member precision / recall per country, then the misses.

    .venv/bin/python bench/region_lists.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assist.regions import region_countries  # noqa: E402

CASES = Path(__file__).resolve().parent / "data" / "region_list_cases.yaml"


def main() -> None:
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]
    rows: dict[str, list[tuple[bool, int, int, int]]] = defaultdict(list)
    misses = []
    for case in cases:
        covered = region_countries(case["region"], case["country"]) or set()
        got = {c for c in covered if "-" in c}
        want = set(case["want"])
        rows[case["country"]].append((got == want, len(got & want), len(got), len(want)))
        if got != want:
            misses.append(f"{case['region']}: missing {sorted(want - got)}, wrong {sorted(got - want)}")
    print("\n| country | lists | exact | member precision | member recall |\n|---|---|---|---|---|")  # noqa: T201
    total = [0, 0, 0, 0, 0]
    for country, hits in sorted(rows.items()):
        sums = [int(sum(h[i] for h in hits)) for i in range(4)]
        total = [total[0] + len(hits), *(t + x for t, x in zip(total[1:], sums, strict=True))]
        exact, right, found, wanted = sums
        print(f"| {country} | {len(hits)} | {exact}/{len(hits)} | {right / max(found, 1):.2f} | {right / wanted:.2f} |")  # noqa: T201
    n, exact, right, found, wanted = total
    print(f"| **all** | {n} | **{exact}/{n}** | **{right / max(found, 1):.2f}** | **{right / wanted:.2f}** |")  # noqa: T201
    if misses:
        print("\nMisses:\n" + "\n".join(f"- {m}" for m in misses))  # noqa: T201


if __name__ == "__main__":
    main()
