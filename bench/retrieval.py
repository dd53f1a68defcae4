"""Policy retrieval benchmark: scale (ingest rate, query latency) and quality (recall, MRR).

    .venv/bin/python bench/retrieval.py                      # sizes 1k, 10k, 100k + quality on the demo shop
    .venv/bin/python bench/retrieval.py --sizes 1000,10000   # pick the index sizes
    .venv/bin/python bench/retrieval.py --quick              # 1k only, fewer queries
    .venv/bin/python bench/retrieval.py --skip-scale         # quality tables only

Scale: synthetic policy-like chunks (seeded) go into one Chroma collection (the measured shop plus
5% for a second shop, so every query runs through the shop filter). Up to ``--real-embed-max``
chunks are embedded with the real USE model; above that, the chunk vectors are real USE vectors of
other synthetic chunks plus small Gaussian noise (labelled "replayed"): Chroma and BM25 see the
full size, and the real embedding rate is measured on the first chunks and reported separately.
Queries always use the real embedder. Latency = one hybrid ``search`` call (embed the query,
filtered HNSW query, BM25, fusion), after a warm-up that builds the shop's BM25 cache and 20 more
queries (right after a big ingest Chroma is still indexing: their slowest is reported apart).

Quality: ``bench/data/retrieval_questions.jsonl`` against examples/demo-shop/policies, with the
question's language passed as the preferred language. A result is relevant when its
(topic = source file stem, anchor) is listed in the question's ``relevant``. "oracle intents"
passes the front-matter intents of the question's gold topics: a perfect intent classifier.
Writes ``bench/results/retrieval.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assist.config import DEMO_SHOP_DIR, Settings  # noqa: E402
from assist.language import FastTextDetector  # noqa: E402
from retrievers.chunking import split_front_matter  # noqa: E402
from retrievers.embeddings import UniversalSentenceEncoder  # noqa: E402
from retrievers.policies import build_policy_index, policy_sources  # noqa: E402

QUESTIONS = ROOT / "bench" / "data" / "retrieval_questions.jsonl"
RESULTS = ROOT / "bench" / "results" / "retrieval.json"
MODES = {
    "dense only": {"rankers": ("dense",)},
    "bm25 only": {"rankers": ("bm25",)},
    "hybrid (dense+bm25, RRF)": {"rankers": ("dense", "bm25")},
    "hybrid + oracle intents": {"rankers": ("dense", "bm25", "intent"), "oracle": True},
}

TOPICS = {
    "Returns": ["return window", "refund", "label", "unused items", "original packaging", "exchange"],
    "Shipping": ["parcel", "carrier", "tracking number", "delivery time", "customs", "express"],
    "Warranty": ["defect", "repair", "replacement", "warranty period", "proof of purchase", "spare parts"],
    "Payments": ["card", "PayPal", "invoice", "instalments", "currency", "charge"],
    "Cancellations": ["cancel", "order status", "before shipping", "refund", "confirmation email", "fee"],
    "Accounts": ["password", "login", "newsletter", "personal data", "address book", "deletion"],
    "Damaged items": ["broken", "photo", "report", "courier", "dented box", "replacement"],
    "Gift cards": ["voucher", "balance", "expiry", "code", "partial payment", "cash"],
}
PRODUCTS = [
    "kettle",
    "linen set",
    "chef knife",
    "water filter",
    "headphones",
    "cutting board",
    "toaster",
    "coffee grinder",
    "blanket",
    "lamp",
    "backpack",
    "desk chair",
]
PLACES = ["Germany", "the EU", "the UK", "the US", "Japan", "China", "Brazil", "Canada", "Australia"]
SENTENCES = [
    "Orders of a {product} to {place} are handled within {n} business days.",
    "If your {product} arrives with a {term}, contact us within {n} days and include your order number.",
    "We cover the {term} for {place}; customers elsewhere pay {n} euros.",
    "Please keep the {term} until the case is closed, which takes up to {n} days.",
    "Our team checks every {term} request within {n} hours on working days.",
    "For marketplace orders from {place}, the {term} follows the marketplace's own rules.",
    "A {product} bought in the outlet is final sale unless the {term} applies.",
    "You can see the {term} for each {product} under My account > Orders.",
    "Die {term} für Bestellungen nach {place} beträgt {n} Tage.",
    "Wenn dein {product} beschädigt ankommt, schick uns innerhalb von {n} Tagen ein Foto.",
]
QUERY_TEMPLATES = [
    "How long do I have for the {term} on my {product}?",
    "My {product} came broken, what now?",
    "When does my parcel to {place} arrive?",
    "Do I pay customs for {place}?",
    "Can I get a {term} for the {product}?",
    "Wie lange dauert die {term} nach {place}?",
    "{product} {term}",
]


SECTIONS_PER_DOC = 50


def synthetic_documents(n_chunks: int, seed: int) -> list[tuple[str, str]]:
    """(source, markdown) pairs with 50 one-chunk sections each: n_chunks chunks in all."""
    rng = random.Random(seed)
    docs = []
    per = SECTIONS_PER_DOC
    for d in range((n_chunks + per - 1) // per):
        topic = rng.choice(list(TOPICS))
        sections = min(per, n_chunks - per * d)
        lines = [f"# {topic} policy {d}", ""]
        for s in range(sections):
            term = rng.choice(TOPICS[topic])
            lines += [f"## {term.capitalize()} rules {s} {{#{topic.lower().replace(' ', '-')}-{d}-{s}}}", ""]
            body = [
                rng.choice(SENTENCES).format(
                    product=rng.choice(PRODUCTS),
                    place=rng.choice(PLACES),
                    term=rng.choice(TOPICS[topic]),
                    n=rng.randint(1, 60),
                )
                for _ in range(rng.randint(3, 6))
            ]
            lines += [" ".join(body), ""]
        docs.append((f"synthetic/{topic.lower().replace(' ', '-')}-{d}.md", "\n".join(lines)))
    return docs


def synthetic_queries(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        topic = rng.choice(list(TOPICS))
        out.append(
            rng.choice(QUERY_TEMPLATES).format(
                term=rng.choice(TOPICS[topic]), product=rng.choice(PRODUCTS), place=rng.choice(PLACES)
            )
        )
    return out


class ReplayEmbedder:
    """Real USE vectors for queries and for ingest up to the real budget; beyond it, real vectors of
    chunks embedded earlier plus Gaussian noise (sigma 0.02 per dimension, then renormalised).
    Benchmark-only: lets Chroma and BM25 run at 100k chunks without hours of CPU embedding."""

    def __init__(self, real: UniversalSentenceEncoder, pool: np.ndarray, seed: int = 0) -> None:
        self.real, self.pool = real, [pool]
        self.name, self.dim = real.name, real.dim
        self.replay = False
        self.last_ms = 0.0
        self._rng = np.random.default_rng(seed)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not self.replay:
            started = time.perf_counter()
            vectors = self.real.embed(texts)
            self.last_ms = (time.perf_counter() - started) * 1000
            if len(texts) > 1:
                self.pool.append(vectors)
            return vectors
        if len(self.pool) > 1:
            self.pool = [np.vstack(self.pool)]
        pool = self.pool[0]
        picked = pool[self._rng.integers(0, len(pool), len(texts))]
        noisy = picked + self._rng.normal(0, 0.02, picked.shape).astype(np.float32)
        return noisy / np.linalg.norm(noisy, axis=1, keepdims=True)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def scale_run(size: int, embedder: ReplayEmbedder, real_max: int, n_queries: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-retrieval-") as tmp:
        index = build_policy_index(Settings(data_dir=Path(tmp)), embedder, FastTextDetector())
        docs = synthetic_documents(size, seed=size)
        noise_docs = synthetic_documents(max(10, size // 20), seed=size + 1)
        real_chunks = replay_chunks = 0
        real_s = replay_s = 0.0
        for source, text in docs:
            embedder.replay = real_chunks >= real_max
            t0 = time.perf_counter()
            result = index.ingest_text(1, text, source=source, language="en")
            if embedder.replay:
                replay_chunks += result.chunks
                replay_s += time.perf_counter() - t0
            else:
                real_chunks += result.chunks
                real_s += time.perf_counter() - t0
        for source, text in noise_docs:
            embedder.replay = True
            index.ingest_text(2, text, source=source, language="en")
        embedder.replay = False
        count = index.count(1)
        queries = synthetic_queries(n_queries, seed=7)
        t0 = time.perf_counter()
        index.search(1, queries[0], k=5)  # builds the BM25 cache
        warmup_s = time.perf_counter() - t0
        settle = []  # the first queries after a big ingest also wait for Chroma to index what was written
        settle_queries = synthetic_queries(20, seed=8)
        for query in settle_queries:
            t0 = time.perf_counter()
            index.search(1, query, k=5)
            settle.append((time.perf_counter() - t0) * 1000)
        # each distinct query once, never one searched above: search remembers a repeated query's answer
        seen = {queries[0], *settle_queries}
        queries = [q for q in dict.fromkeys(queries) if q not in seen]
        latencies, embed_ms = [], []
        for query in queries:
            t0 = time.perf_counter()
            hits = index.search(1, query, k=5)
            latencies.append((time.perf_counter() - t0) * 1000)
            embed_ms.append(embedder.last_ms)
            assert hits and all(h.source.startswith("synthetic/") for h in hits)
        return {
            "size": count,
            "real_embedded": real_chunks,
            "replayed": count - real_chunks,
            "ingest_rate_real": round(real_chunks / real_s, 1) if real_s else None,
            "ingest_rate_replayed": round(replay_chunks / replay_s, 1) if replay_s else None,
            "bm25_build_s": round(warmup_s, 2),
            "p50_ms": round(percentile(latencies, 50), 1),
            "p95_ms": round(percentile(latencies, 95), 1),
            "p99_ms": round(percentile(latencies, 99), 1),
            "embed_p95_ms": round(percentile(embed_ms, 95), 1),
            "settle_max_ms": round(max(settle), 1),
            "queries": len(latencies),
        }


def topic_intents(policies: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path in sorted(policies.glob("en/*.md")):
        meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
        out[path.stem] = [str(i) for i in meta.get("intents") or []]
    return out


def quality_run(embedder: UniversalSentenceEncoder, questions: list[dict], k: int = 5) -> dict:
    policies = DEMO_SHOP_DIR / "policies"
    intents_of = topic_intents(policies)
    with tempfile.TemporaryDirectory(prefix="bench-quality-") as tmp:
        index = build_policy_index(Settings(data_dir=Path(tmp)), embedder, FastTextDetector())
        for path, source in policy_sources([policies]):
            index.ingest_file(1, path, source=source)
        out: dict[str, dict] = {}
        for mode, spec in MODES.items():
            per_lang: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
            for q in questions:
                gold = {(r["topic"], r["anchor"]) for r in q["relevant"]}
                intents = (
                    sorted({i for r in q["relevant"] for i in intents_of.get(r["topic"], [])})
                    if spec.get("oracle")
                    else None
                )
                hits = index.search(
                    1, q["question"], k=k, language=q["language"], intents=intents, rankers=spec["rankers"]
                )
                found = [(Path(h.source).stem, h.anchor) in gold for h in hits]
                first = next((rank for rank, ok in enumerate(found, start=1) if ok), None)
                retrieved = {(Path(h.source).stem, h.anchor) for h in hits} & gold
                per_lang[q["language"]].append(
                    (float(bool(found[:1] and found[0])), len(retrieved) / len(gold), 1 / first if first else 0.0)
                )
            per_lang["all"] = [row for lang in list(per_lang) for row in per_lang[lang]]
            out[mode] = {
                lang: {
                    "n": len(rows),
                    "recall@1": round(statistics.mean(r[0] for r in rows), 3),
                    f"recall@{k}": round(statistics.mean(r[1] for r in rows), 3),
                    "mrr": round(statistics.mean(r[2] for r in rows), 3),
                }
                for lang, rows in per_lang.items()
            }
        return out


def print_scale(rows: list[dict]) -> None:
    print(
        "\n| chunks in shop | embedded with USE | replayed vectors | ingest chunks/s (USE + Chroma) | "
        "ingest chunks/s (replayed: chunking + Chroma) | BM25 cache build s | query p50 ms | query p95 ms | "
        "query p99 ms | of which query embedding p95 ms | slowest of 20 queries right after ingest ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['size']:,} | {r['real_embedded']:,} | {r['replayed']:,} | {r['ingest_rate_real']} | "
            f"{r['ingest_rate_replayed'] or '-'} | {r['bm25_build_s']} | {r['p50_ms']} | {r['p95_ms']} | "
            f"{r.get('p99_ms', '-')} | {r.get('embed_p95_ms', '-')} | {r.get('settle_max_ms', '-')} |"
        )


def print_quality(results: dict) -> None:
    languages = list(next(iter(results.values())))
    for metric in ("recall@1", "recall@5", "mrr"):
        print(f"\n**{metric}**\n")
        print(
            "| mode | "
            + " | ".join(f"{lang} (n={results[next(iter(results))][lang]['n']})" for lang in languages)
            + " |"
        )
        print("|---" * (len(languages) + 1) + "|")
        for mode, per_lang in results.items():
            print(f"| {mode} | " + " | ".join(f"{per_lang[lang][metric]:.3f}" for lang in languages) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated chunk counts")
    parser.add_argument("--quick", action="store_true", help="1k chunks, 50 queries")
    parser.add_argument("--queries", type=int, default=200, help="latency queries per size")
    parser.add_argument("--real-embed-max", type=int, default=10000, help="chunks embedded for real per size")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="USE inference threads (1: multi-threaded inference collapses on a busy CPU)",
    )
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    n_queries = 50 if args.quick else args.queries
    real = UniversalSentenceEncoder(threads=args.threads)
    real.embed(["warm up"])
    report: dict = {
        "embedder": real.name,
        "threads": args.threads,
        "cpus": os.cpu_count(),
        "load_avg_at_start": os.getloadavg(),
    }
    if not args.skip_scale:
        docs = synthetic_documents(600, seed=99)
        chunk_texts = [p for _, doc in docs for p in doc.split("\n\n") if len(p) > 100][:512]
        t0 = time.perf_counter()
        pool = real.embed(chunk_texts)
        rate = len(chunk_texts) / (time.perf_counter() - t0)
        report["embed_rate_texts_per_s"] = round(rate, 1)
        print(f"USE embedding rate on synthetic chunk bodies: {rate:.0f} texts/s ({len(chunk_texts)} texts)")
        embedder = ReplayEmbedder(real, pool)
        rows = []
        for size in sizes:
            rows.append(scale_run(size, embedder, args.real_embed_max, n_queries))
            print(f"  done {size:,}: {rows[-1]}", flush=True)
        report["scale"] = rows
        print_scale(rows)
    if not args.skip_quality:
        if not QUESTIONS.exists():
            print(f"\n(no {QUESTIONS.relative_to(ROOT)}: quality tables skipped)")
        else:
            questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
            report["quality"] = quality_run(real, questions)
            print_quality(report["quality"])
    report["load_avg_at_end"] = os.getloadavg()
    print(f"load average start/end: {report['load_avg_at_start']} / {report['load_avg_at_end']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
