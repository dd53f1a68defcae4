"""The draft-claim reader (assist/quality/claim_polarity.py): accuracy per language, some of them never trained on.

Prints (1) training size and time; (2) leave-one-language-out on the generated sentences (train on 7 template
languages, read the 8th); (3) the self-written sentences of ``bench/data/claim_polarity_cases.yaml`` in languages
written for this bench (nl, pl, ru, tr, ko: languages the reader now also has frames of its own for, written
separately from these cases; id, vi, sv: none): accuracy of the top reading, and, at the floor the draft
checks use, the precision of the claims added and the share of claim sentences read.

    .venv/bin/python bench/claim_polarity.py
    .venv/bin/python bench/claim_polarity.py --drafts [--facts extracted] [--shops ...]   # draft checks with and
                                                   # without the reader, per split (default: all but the final split)
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assist.quality import claim_polarity as cp  # noqa: E402
from bench.new_shops import table  # noqa: E402
from retrievers.embeddings import default_embedder  # noqa: E402

CASES = ROOT / "bench" / "data" / "claim_polarity_cases.yaml"


def drafts(shops: list[str], facts: str) -> None:
    """Draft-check precision and recall per split, with the reader and with the rules alone."""
    import tempfile

    from bench.new_shops import FINAL_SPLIT, SPLIT, Tally, run

    out = Path(tempfile.mkdtemp(prefix="claim-polarity-"))
    trained = cp.polarity_reader
    rows: dict[str, dict[str, Tally]] = defaultdict(dict)
    for label, reader in (("rules alone", lambda *a, **k: None), ("with the reader", trained)):
        cp.polarity_reader = reader  # type: ignore[assignment]
        for shop in shops:
            if SPLIT[shop] == FINAL_SPLIT:
                raise SystemExit(f"{FINAL_SPLIT} is the final held-out split: not run here")
            for row in run(shop, "drafts", facts, out / label.replace(" ", "_")):
                for key in (SPLIT[shop], "all"):
                    rows[key].setdefault(label, Tally()).add_draft(row["data"], row["runs"][0].get("output"))
    cp.polarity_reader = trained
    table(
        f"Draft checks, {facts} facts",
        ["split", "rules alone P / R", "with the reader P / R", "drafts"],
        [
            [
                key,
                *(" / ".join(t[label].row()[3:5]) for label in ("rules alone", "with the reader")),
                t["rules alone"].row()[5],
            ]
            for key, t in sorted(rows.items())
        ],
    )


def main() -> int:
    import argparse

    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", action="store_true", help="draft-check P/R with and without the reader")
    parser.add_argument("--facts", choices=["gold", "extracted"], default="gold")
    parser.add_argument("--shops", nargs="*", default=None)
    args = parser.parse_args()
    if args.drafts:
        from bench.new_shops import FINAL_SPLIT, SPLIT

        drafts(args.shops or [s for s, split in SPLIT.items() if split != FINAL_SPLIT], args.facts)
        return 0

    embed = default_embedder().embed
    started = time.perf_counter()
    pairs = cp.training_pairs()
    reader = cp.polarity_reader(embed, None)
    assert reader is not None
    trained = time.perf_counter() - started
    print(f"training: {len(pairs)} generated sentences, {len({lab for _, lab in pairs})} readings, {trained:.1f} s")

    # leave one language out on the generated sentences
    languages = list(cp.LANGUAGES)
    per_language = {lang: list(dict.fromkeys(cp.language_pairs(lang))) for lang in languages}
    texts = [t for lang in languages for t, _ in per_language[lang]]
    vectors = cp._normalised(np.asarray(embed(texts), dtype=np.float32))
    labels = [lab for lang in languages for _, lab in per_language[lang]]
    owner = [lang for lang in languages for _ in per_language[lang]]
    rows = []
    for lang in languages:
        train = [i for i, o in enumerate(owner) if o != lang]
        test = [i for i, o in enumerate(owner) if o == lang]
        model = LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced")
        model.fit(vectors[train], [labels[i] for i in train])
        predicted = model.predict(vectors[test])
        right = sum(p == labels[i] for p, i in zip(predicted, test, strict=True))
        rows.append([lang, str(len(test)), f"{right / len(test):.2f}"])
    table("Leave one language out (generated sentences)", ["held-out language", "sentences", "accuracy"], rows)

    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]
    rows = []
    total: dict[str, int] = defaultdict(int)
    confusions: list[str] = []
    for lang, items in cases.items():
        readings = reader.read([text for _, text in items])
        right = sum(label == gold for (label, _), (gold, _) in zip(readings, items, strict=True))
        claimed = [
            (label, gold)
            for (label, p), (gold, _) in zip(readings, items, strict=True)
            if p >= cp.ADD_FLOOR and label != cp.NONE
        ]
        correct = sum(label == gold for label, gold in claimed)
        claims = sum(gold != cp.NONE for gold, _ in items)
        read_right = sum(label == gold for label, gold in claimed if gold != cp.NONE)
        for key, value in (
            ("n", len(items)),
            ("right", right),
            ("claimed", len(claimed)),
            ("correct", correct),
            ("claims", claims),
            ("read", read_right),
        ):
            total[key] += value
        rows.append(
            [lang, str(len(items)), f"{right / len(items):.2f}", f"{correct}/{len(claimed)}", f"{read_right}/{claims}"]
        )
        for (label, p), (gold, text) in zip(readings, items, strict=True):
            if label != gold:
                confusions.append(f"{lang}: {gold} read as {label} ({p:.2f}): {text}")
    rows.append(
        [
            "all",
            str(total["n"]),
            f"{total['right'] / total['n']:.2f}",
            f"{total['correct']}/{total['claimed']} = {total['correct'] / max(1, total['claimed']):.2f}",
            f"{total['read']}/{total['claims']} = {total['read'] / max(1, total['claims']):.2f}",
        ]
    )
    table(
        f"Self-written sentences outside the template languages (floor {cp.ADD_FLOOR})",
        ["language", "sentences", "top reading right", "claims added: right/added", "claim sentences read"],
        rows,
    )
    print("\nMisread:")
    for line in confusions:
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
