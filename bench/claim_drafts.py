"""Draft checks alone, per shop and per draft language, with the cases they got wrong on tuning shops.

    python -m bench.claim_drafts --shops igla-nitka dackhornan            # gold facts
    python -m bench.claim_drafts --shops igla-nitka --facts extracted --errors

Runs only the ``*_drafts`` suites of ``evals/suites/new_shops`` (the replies are ``bench.new_shops``'s) and prints
draft-check precision and recall per shop, per split and per draft language. ``--errors`` lists each missed or
false check with its draft and the issues that fired. The final held-out split is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.new_shops import FINAL_SPLIT, SPLIT, Tally, _prepare_second_readers, run, table  # noqa: E402


def _cases(shop: str) -> dict[str, dict]:
    """The shop's draft cases by id, with the fields the suite does not pass on (the writer's note)."""
    path = ROOT / "examples" / "shops" / shop / "drafts.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {str(r["id"]): r for r in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shops", nargs="+", required=True)
    parser.add_argument("--facts", choices=["gold", "extracted"], default="gold")
    parser.add_argument("--errors", action="store_true", help="list the misses and false alarms")
    args = parser.parse_args()
    final = [shop for shop in args.shops if SPLIT.get(shop) == FINAL_SPLIT]
    if final:
        raise SystemExit(f"{', '.join(final)}: the final held-out split; this bench never runs it")
    out = Path(tempfile.mkdtemp(prefix="claim-drafts-"))
    _prepare_second_readers()
    shops: dict[str, Tally] = defaultdict(Tally)
    splits: dict[str, Tally] = defaultdict(Tally)
    languages: dict[str, Tally] = defaultdict(Tally)
    errors: list[str] = []
    for shop in args.shops:
        for row in run(shop, "drafts", args.facts, out):
            data, output = row["data"], row["runs"][0].get("output")
            language = str(data.get("language"))
            for tally in (shops[shop], splits[SPLIT[shop]], languages[language]):
                tally.add_draft(data, output)
            issues = (output or {}).get("issues", [])
            fired = {i.get("check") for i in issues}
            missed = [c for c in data.get("must_fire") or [] if c not in fired]
            false = [c for c in data.get("must_not_fire") or [] if c in fired]
            if missed or false:
                data = {**data, **_cases(shop).get(str(row.get("id")), {})}
                said = "; ".join(f"{i.get('check')}: {i.get('message')}" for i in issues if i.get("check") in false)
                errors.append(
                    f"{row.get('id')} [{language}] missed={missed} false={false}\n"
                    f"    draft: {data.get('draft')}\n    note: {data.get('note')}"
                    + (f"\n    fired: {said}" if said else "")
                )
    head = ["draft P", "draft R", "drafts"]
    table(
        f"Draft checks, {args.facts} facts",
        ["shop", "split", *head],
        [[s, SPLIT[s], *shops[s].row()[3:]] for s in args.shops],
    )
    table("Per split", ["split", *head], [[s, *t.row()[3:]] for s, t in sorted(splits.items())])
    table("Per draft language", ["language", *head], [[s, *t.row()[3:]] for s, t in sorted(languages.items())])
    if args.errors:
        print("\n" + "\n".join(errors))
    print(f"\nruns: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
