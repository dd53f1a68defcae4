"""The claim reader (which policy fact a draft's number speaks of): its accuracy, then the draft checks with it.

    python bench/claim_reader.py                       # the reader alone: held-out generated wordings, unseen
                                                       # languages, hand-labelled fixture drafts
    python bench/claim_reader.py --drafts --shops outback-optics grafit-kunstbedarf xiaomiao-muying
                                                       # draft-check P/R per split and language, rules alone
                                                       # vs rules + reader (gold facts; --facts extracted)

Reader tables:
- generated, held out: the reader is trained on the wordings of 4 in 5 sources (frames and templates) and read
  on the sentences of the fifth (other wordings, other values), per slot and per language;
- unseen languages: ``bench/data/claim_reader_cases.yaml``, sentences written for this bench in ko, th, tr,
  ru, pl, nl (none of them in the training data) and in the template languages in other words; zero-shot;
- fixture drafts: ``bench/data/claim_reader_fixture.yaml``, numbers in the tuning splits' drafts, labelled by
  hand with the fact they speak of (read by case id from the suites; nothing copied). The final held-out split is never
  read.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.new_shops import FINAL_SPLIT, SPLIT, Tally, run, table  # noqa: E402

CASES = ROOT / "bench" / "data" / "claim_reader_cases.yaml"
FIXTURE = ROOT / "bench" / "data" / "claim_reader_fixture.yaml"
FINAL = {shop for shop, split in SPLIT.items() if split == FINAL_SPLIT}


def _number(text: str, said: str) -> tuple[int, int, str] | None:
    """The span extract reads for ``said`` in ``text`` (a duration or an amount), with its kind."""
    from assist.quality.extract import amounts, durations

    at = text.find(said)
    if at < 0:
        return None
    for d in durations(text):
        if d.span.start <= at < d.span.end:
            return d.span.start, d.span.end, "duration"
    for a in amounts(text):
        if a.span.start <= at < a.span.end:
            return a.span.start, a.span.end, "money"
    return None


def _same(read: str, label: str) -> bool:
    """Right when the reader's slot is the label's, or of the same kind as the checks use it (a cancelled
    order's refund time is read as a refund time and re-slotted by the order's status)."""
    from assist.quality.fact_numbers import SAME_KIND

    return SAME_KIND.get(read, read) == SAME_KIND.get(label, label)


def _accuracy(rows: list[tuple[str, str, bool]], title: str, by: str) -> None:
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for key_slot, key_lang, ok in rows:
        key = key_slot if by == "slot" else key_lang
        seen[key] += 1
        hits[key] += int(ok)
    total = sum(seen.values())
    body = [[k, f"{hits[k]}/{seen[k]}", f"{hits[k] / seen[k]:.2f}"] for k in sorted(seen)]
    body.append(["all", f"{sum(hits.values())}/{total}", f"{sum(hits.values()) / max(total, 1):.2f}"])
    table(title, [by, "right", "accuracy"], body)


def reader_tables() -> None:
    import time

    from assist.quality import claim_reader as cr
    from assist.quality.claim_sentences import generate
    from retrievers.embeddings import default_embedder

    embed = default_embedder().embed
    examples = generate()
    held = [e for e in examples if zlib.crc32(e.source.encode()) % 5 == 0]
    train = [e for e in examples if zlib.crc32(e.source.encode()) % 5 != 0]
    started = time.perf_counter()
    reader = cr.ClaimReader(cr.fit(embed, train), embed, len(train))
    print(
        f"trained on {len(train)} generated numbers ({len({e.source for e in train})} wordings) "
        f"in {time.perf_counter() - started:.1f} s; held out {len(held)} ({len({e.source for e in held})} wordings)"
    )
    rows = []
    for e in held:
        got = reader.read(e.text, [(e.start, e.end, e.kind)])[0]
        rows.append((e.slot, e.language, _same(got.slot, e.slot)))
    _accuracy(rows, "Generated, held-out wordings: per slot", "slot")
    _accuracy(rows, "Generated, held-out wordings: per language", "language")
    full = cr.ClaimReader(cr.fit(embed, examples), embed, len(examples))
    for path, title in (
        (CASES, "Written cases (unseen languages and wordings)"),
        (FIXTURE, "Fixture drafts, hand-labelled"),
    ):
        rows, misses = [], []
        for case in _labelled(path):
            span = _number(case["text"], str(case["number"]))
            if span is None:
                misses.append(f"  no number read: {case['number']!r} in {case['text']!r}")
                continue
            got = full.read(case["text"], [span])[0]
            rows.append((case["slot"], case["language"], _same(got.slot, case["slot"])))
            if not _same(got.slot, case["slot"]):
                misses.append(f"  {case['slot']} read as {got.slot} ({got.probability:.2f}): {case['text']}")
        _accuracy(rows, f"{title}: per slot", "slot")
        _accuracy(rows, f"{title}: per language", "language")
        print("\n".join(misses))


def _labelled(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cases = list(data.get("cases") or [])
    for item in data.get("drafts") or []:  # fixture drafts, read from their suite by case id
        shop = str(item["case"]).rsplit("-", 1)[0]
        if shop in FINAL:
            continue
        draft = _drafts(shop).get(str(item["case"]))
        if draft is not None:
            cases.append({"text": draft["draft"], "language": draft.get("language"), **item})
    return cases


def _drafts(shop: str) -> dict[str, dict[str, Any]]:
    import json

    path = ROOT / "examples" / "shops" / shop / "drafts.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {str(r["id"]): r for r in rows}


class _NullReader:
    """The claim reader's encoder, reading every number as no fact."""

    def __init__(self, embed: Any) -> None:
        self.embed = embed

    def read(self, text: str, numbers: list[tuple[int, int, str]]) -> list[Any]:
        from assist.quality.claim_reader import SlotReading

        return [SlotReading("none", 0.0, {"none": 0.0}) for _ in numbers]


def _null_reader(trained: Any) -> Any:
    def build(embed: Any, cache_dir: Path | None = None) -> Any:
        return _NullReader(embed) if trained(embed, cache_dir) is not None else None

    return build


def draft_tables(shops: list[str], facts: str) -> None:
    import tempfile

    from assist.quality import claim_reader as reader_module

    final = [shop for shop in shops if shop in FINAL]
    if final:
        raise SystemExit(f"{', '.join(final)}: the final held-out split; this bench never runs it")
    trained = reader_module.claim_reader
    out = Path(tempfile.mkdtemp(prefix="claim-reader-"))
    for label in ("rules alone", "rules + reader"):
        # the services build the reader through this function; "rules alone" gets one that reads no number (other
        # readers that share its encoder, such as the polarity reader, still run: the difference is this one's)
        reader_module.claim_reader = trained if label == "rules + reader" else _null_reader(trained)  # type: ignore[assignment]
        splits: dict[str, Tally] = defaultdict(Tally)
        languages: dict[str, Tally] = defaultdict(Tally)
        for shop in shops:
            for row in run(shop, "drafts", facts, out / label.replace(" ", "_")):
                output = row["runs"][0].get("output")
                for tally in (splits[SPLIT[shop]], languages[str(row["data"].get("language"))]):
                    tally.add_draft(row["data"], output)
        head = ["draft P", "draft R", "drafts"]
        table(
            f"Draft checks, {facts} facts, {label}: per split",
            ["split", *head],
            [[s, *t.row()[3:]] for s, t in sorted(splits.items())],
        )
        table(
            f"Draft checks, {facts} facts, {label}: per language",
            ["language", *head],
            [[s, *t.row()[3:]] for s, t in sorted(languages.items())],
        )
    print(f"\nruns: {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", action="store_true", help="draft-check P/R with and without the reader")
    parser.add_argument(
        "--shops", nargs="*", default=[s for s, split in SPLIT.items() if split in ("TUNE", "HELD-OUT")]
    )
    parser.add_argument("--facts", choices=["gold", "extracted"], default="gold")
    args = parser.parse_args()
    if args.drafts:
        draft_tables(args.shops, args.facts)
    else:
        reader_tables()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
