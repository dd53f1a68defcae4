"""Rows for bench/translation.py: the word-by-word reading aid (engine 'gloss') on FLORES-200 devtest.

For each pair: the first-sense baseline (same segmentation and compounds, the dictionary's first sense,
same grammar rules, no context) and the engine as served (sense chosen with the multilingual embedder: each
candidate against the source word and the words around it, plus English word frequency). chrF and BLEU
(sacrebleu) against the English references; median and p95 ms per sentence after warm-up; facts lost
(numbers, ids, amounts, URLs of the source missing from the gloss); the memory each dictionary adds when it
loads (resident set growth, embedder excluded). Sentences 0-299 were used to tune rules and weights;
300-1011 are the check part, reported on their own.
"""

from __future__ import annotations

import csv
import re
import statistics
import time
import unicodedata
from pathlib import Path

import sacrebleu

from assist.gist import find_facts
from assist.gloss import DictionaryMissing, GlossEngine
from assist.gloss.engine import default_analyzers

FLORES = {
    "ja": "jpn_Jpan",
    "zh": "zho_Hans",
    "zh-Hant": "zho_Hant",
    "de": "deu_Latn",
    "fr": "fra_Latn",
    "es": "spa_Latn",
    "it": "ita_Latn",
}
TUNED = 300  # sentences 0..299 tuned the rules; the rest is held out
_NUMBER = re.compile(r"[0-9０-９]+(?:[.,][0-9０-９]+)*")  # digits as written (not ² or ¾)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def facts_of(text: str) -> list[str]:
    """What must survive: the facts the translator protects, and every number written in digits."""
    facts = [f.value for f in find_facts(text) if f.kind != "quoted"]  # ids, amounts, dates, URLs, e-mails
    return facts + _NUMBER.findall(text)


def lost(source: str, gloss: str) -> int:
    normal = unicodedata.normalize("NFKC", gloss)
    return sum(
        1 for fact in facts_of(source) if fact not in gloss and unicodedata.normalize("NFKC", fact) not in normal
    )


def _score(hyps: list[str], refs: list[str]) -> tuple[float, float]:
    return sacrebleu.corpus_chrf(hyps, [refs]).score, sacrebleu.corpus_bleu(hyps, [refs]).score


def flores(folder: Path, name: str) -> list[tuple[str, str]] | None:
    path = folder / f"{FLORES[name]}.devtest"
    if not path.is_file():
        return None
    english = (folder / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    return list(zip(path.read_text(encoding="utf-8").splitlines(), english, strict=True))


def wmt_chat(folder: Path, language: str) -> list[tuple[str, str]] | None:
    """WMT22 chat dev: the customers' X->EN segments with their post-edited references."""
    path = folder / f"dev-bilingual.en_{language}.csv"
    if not path.is_file():
        return None
    rows = csv.DictReader(path.open(encoding="utf-8"))
    return [
        (r["source_segment"], r["pe_segment"])
        for r in rows
        if (r["source_language"], r["target_language"]) == (language, "en")
    ]


def dictionary_rows(analyzers: dict[str, object]) -> None:
    """Each language's tokenizer and dictionary loaded alone, in turn: the seconds and resident memory it adds
    (loaded lazily on the first sentence of that language, once per process)."""
    print("| language | dictionary | load s | memory MB |")
    print("|---|---|---|---|")
    for language, analyzer in analyzers.items():
        before, start = rss_mb(), time.perf_counter()
        try:
            analyzer.load()  # type: ignore[attr-defined]
        except DictionaryMissing as exc:
            print(f"| {language} | {exc} | - | - |")
            continue
        seconds = time.perf_counter() - start
        name = getattr(analyzer, "dictionary_name", "")
        print(f"| {language} | {name} | {seconds:.1f} | {rss_mb() - before:.0f} |")
    print()


def gloss_rows(data_dir: Path, embedder: object, limit: int = 0, pairs: list[str] | None = None) -> None:
    """``pairs``: the source languages to run (ja, zh, zh-Hant, de, fr, es, it); all when None."""
    folder = data_dir / "translation" / "flores200_devtest"
    chat = data_dir / "translation" / "wmt22_chat"
    analyzers = default_analyzers()
    wanted = set(pairs or FLORES)
    dictionary_rows({k: v for k, v in analyzers.items() if k in {p.split("-")[0] for p in wanted}})
    print(
        "| pair | path | sentences | chrF | BLEU | chrF tuning 0-299 | chrF check 300+ | ms/sentence p50 | p95 "
        "| facts lost | memory MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    jobs = [(f"{name}->en FLORES", name, flores(folder, name)) for name in FLORES if name in wanted]
    jobs += [
        (f"{language}->en WMT22 chat", language, wmt_chat(chat, language))
        for language in ("de", "fr")
        if language in wanted
    ]
    for title, name, data in jobs:
        language = name.split("-")[0]
        before = rss_mb()
        try:
            if language not in analyzers:
                raise DictionaryMissing(f"no analyzer for {language}")
            analyzers[language].load()
        except DictionaryMissing as exc:
            print(f"| {title} | gloss | - | - | - | - | - | - | - | - | {exc} |")
            continue
        if data is None:
            print(f"| {title} | gloss | - | - | - | - | - | - | - | - | data missing under {data_dir} |")
            continue
        rows = data[: limit or None]
        for label, engine in [
            ("first sense (baseline)", GlossEngine(None, analyzers, first_sense_only=True)),
            ("gloss (context + frequency)", GlossEngine(embedder, analyzers)),  # type: ignore[arg-type]
        ]:
            engine.warm_up([language])
            hyps, times = [], []
            for source, _ in rows:
                start = time.perf_counter()
                lines = engine.gloss(source, language, "en")
                times.append((time.perf_counter() - start) * 1000)
                hyps.append(" ".join(line.text for line in lines))
            refs = [ref for _, ref in rows]
            chrf, bleu = _score(hyps, refs)
            held = _score(hyps[TUNED:], refs[TUNED:])[0] if len(rows) > TUNED else float("nan")
            tuned = _score(hyps[:TUNED], refs[:TUNED])[0]
            missing = sum(lost(source, hyp) for (source, _), hyp in zip(rows, hyps, strict=True))
            p95 = statistics.quantiles(times, n=20)[-1]
            memory = rss_mb() - before
            print(
                f"| {title} | {label} | {len(rows)} | {chrf:.1f} | {bleu:.1f} | {tuned:.1f} | {held:.1f} | "
                f"{statistics.median(times):.1f} | {p95:.1f} | {missing} | {memory:.0f} |"
            )
    print(
        "\nWMT chat has no ja/zh->en. Sentences 0-299 tuned the rules and weights; 300+ are the check part (FLORES "
        "only). Memory per pair: resident growth while glossing it (dictionaries loaded above; sense vectors cached)."
    )
