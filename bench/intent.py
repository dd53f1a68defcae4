"""Intent classifier accuracy.

    .venv/bin/python bench/intent.py --bitext   # 27-intent taxonomy from Bitext: <=30 examples/intent, test on the rest
    .venv/bin/python bench/intent.py --demo     # default taxonomy on examples/demo-shop/conversations.jsonl
    add --fake to use the hashing FakeEmbedder instead of the multilingual USE model

Selection of the training examples is deterministic (sha1 order of the text).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import accuracy_score, f1_score  # noqa: E402

from assist.config import DEMO_SHOP_DIR  # noqa: E402
from assist.intent import IntentClassifier, default_taxonomy, parse_taxonomy  # noqa: E402
from assist.models import Conversation  # noqa: E402

BITEXT = Path("/work/shared/data/intent/bitext_customer_service_dev.csv")


def embedder(fake: bool):  # type: ignore[no-untyped-def]
    from retrievers.embeddings import FakeEmbedder, UniversalSentenceEncoder

    return FakeEmbedder() if fake else UniversalSentenceEncoder()


def bitext(path: Path, per_intent: int, fake: bool) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    by_intent: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_intent[row["intent"]].append(row["utterance"])
    train: dict[str, list[str]] = {}
    test: list[tuple[str, str]] = []
    for intent, texts in sorted(by_intent.items()):
        ordered = sorted(set(texts), key=lambda t: hashlib.sha1(t.encode()).hexdigest())
        train[intent] = ordered[:per_intent]
        test += [(t, intent) for t in ordered[per_intent:]]
    taxonomy = parse_taxonomy(
        {
            "threshold": 0.0,
            "intents": [{"name": k, "description": k.replace("_", " "), "examples": v} for k, v in train.items()],
        }
    )
    start = time.perf_counter()
    clf = IntentClassifier(taxonomy, embedder(fake))
    train_s = time.perf_counter() - start
    start = time.perf_counter()
    predicted = clf.predict_many([t for t, _ in test])
    predict_s = time.perf_counter() - start
    gold = [g for _, g in test]
    print("| dataset | intents | train examples | test | accuracy | macro-F1 | train s | texts/s |")
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| bitext {'(fake embedder)' if fake else ''} | {len(train)} | {sum(map(len, train.values()))} | "
        f"{len(test)} | {accuracy_score(gold, predicted):.4f} | {f1_score(gold, predicted, average='macro'):.4f} | "
        f"{train_s:.1f} | {len(test) / predict_s:.0f} |"
    )
    errors = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    print("\nmost frequent confusions (gold -> predicted):")
    for (g, p), n in errors.most_common(8):
        print(f"  {n:4d}  {g} -> {p}")


def demo(path: Path, fake: bool) -> None:
    if not path.is_file():
        print(f"{path} not found")
        return
    clf = IntentClassifier(default_taxonomy(), embedder(fake))
    per_language: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        conversation = Conversation.model_validate(record)
        prediction = clf.predict_conversation(conversation)
        ok = prediction.intent == record["intent"]
        per_language[record.get("language", "?")].append(ok)
        if not ok:
            misses.append((record.get("id"), record["intent"], prediction.intent))
    print("| language | conversations | accuracy |")
    print("|---|---|---|")
    total = [ok for oks in per_language.values() for ok in oks]
    for language, oks in sorted(per_language.items()):
        print(f"| {language} | {len(oks)} | {sum(oks) / len(oks):.2f} |")
    print(f"| all | {len(total)} | {sum(total) / max(1, len(total)):.3f} |")
    for miss in misses:
        print("  miss:", *miss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bitext", action="store_true")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--per-intent", type=int, default=30)
    parser.add_argument("--fake", action="store_true", help="FakeEmbedder instead of USE")
    parser.add_argument("--bitext-path", type=Path, default=BITEXT)
    parser.add_argument("--demo-path", type=Path, default=DEMO_SHOP_DIR / "conversations.jsonl")
    args = parser.parse_args()
    if not (args.bitext or args.demo):
        parser.error("choose --bitext and/or --demo")
    if args.bitext:
        bitext(args.bitext_path, args.per_intent, args.fake)
    if args.demo:
        demo(args.demo_path, args.fake)


if __name__ == "__main__":
    main()
