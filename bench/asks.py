"""Ask topics on the fixture shops: precision and recall of the topics the buyer's asks get, per shop,
split and language, against each conversation's labelled ``asks`` (``examples/shops/*/conversations.jsonl``).

A conversation's predicted topics are the main topics of the asks ``assist.asks`` splits its latest buyer turn
into (an ask with no topic predicts nothing); its gold topics are the case's ``asks`` list. Precision and recall
are micro-averaged over (conversation, topic) pairs; "exact" is the share of conversations whose predicted set
equals the gold set; "recall, any topic" counts a gold topic found among any ask's topics (the reply answers
every topic of an ask, not only its main one). The most frequent confusions (gold topic missed -> topic predicted
instead) follow, then the time per message.

    python -m bench.asks                           # every fixture shop but the final held-out split, as shipped
    python -m bench.asks --mode cues               # cue patterns and the intent's topic only (no encoder)
    python -m bench.asks --mode nearest            # cues, then the older nearest-exemplar fallback
    python -m bench.asks --with-cases              # the learned model also trained on fixture cases,
                                                   # leave-one-shop-out (each shop scored by a model that never saw it)
    python -m bench.asks --shops voltwerk --show 20
    python -m bench.asks --shops taru-pc --shop-readers   # as the server reads: the shop's own reader for buyers
                                                   # whose language the exemplars are not written in
    python -m bench.asks --first-encoder-only      # every language read by the first encoder (USE), as before
    python -m bench.asks --first-request           # a fresh data dir: the first Finnish turn's time, and how long
                                                   # until the second encoder's readers read such turns
    python -m bench.asks --language-held-out sv da cs ro pl nl   # the learned topic reader of each encoder, trained
                                                   # without one exemplar language, read on that language's exemplars

As shipped, a turn in a language the first encoder does not read (``retrievers.embeddings.USE_LANGUAGES``; the
language as the offline detector reads the turn) is read by the second encoder's topic reader and intent classifier
(``assist.asks.encoder_for``); the per-language table shows which encoder read each language.

The final held-out split (``FINAL_SPLIT`` in ``bench/new_shops.py``) is never read: naming one of its shops is an
error.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.new_shops import FINAL_SPLIT, SPLIT, table  # noqa: E402

SHOPS = ROOT / "examples" / "shops"
NEVER = {shop for shop, split in SPLIT.items() if split == FINAL_SPLIT}
NEAREST: dict[str, Any] = {"learned": None}  # the older fallback: nearest exemplar questions, no learned model
CONVERSATION_KEYS = ("id", "channel", "customer", "order_ids", "messages")


class Tally:
    def __init__(self) -> None:
        self.conversations = self.exact = 0
        self.tp = self.fp = self.fn = 0
        self.any_hit = 0

    def add(self, gold: set[str], predicted: set[str], answered: set[str]) -> None:
        self.conversations += 1
        self.any_hit += len(gold & answered)
        self.exact += gold == predicted
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def row(self) -> list[str]:
        def share(a: int, b: int) -> str:
            return f"{a / b:.2f}" if b else "—"

        return [
            str(self.conversations),
            share(self.tp, self.tp + self.fp),
            share(self.tp, self.tp + self.fn),
            f"{self.exact}/{self.conversations} = {share(self.exact, self.conversations)}",
            share(self.any_hit, self.tp + self.fn),
        ]


def load_cases(shops: list[str]) -> list[dict[str, Any]]:
    cases = []
    for shop in shops:
        with open(SHOPS / shop / "conversations.jsonl", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    cases.append({**json.loads(line), "_shop": shop})
    return cases


def case_training(cases: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(text, topic) pairs from fixture cases with exactly one labelled ask: the buyer's latest turn."""
    from assist.asks import latest_turn
    from assist.models import Conversation

    pairs = []
    for case in cases:
        if len(case.get("asks") or []) == 1:
            conversation = Conversation.model_validate({k: case[k] for k in CONVERSATION_KEYS if k in case})
            pairs.append((latest_turn(conversation), str(case["asks"][0])))
    return pairs


def _quantiles(values: list[float]) -> list[str]:
    if not values:
        return ["—", "—"]
    ordered = sorted(values)
    return [f"{statistics.median(ordered):.1f}", f"{ordered[int(0.95 * (len(ordered) - 1))]:.1f}"]


def language_held_out(languages: list[str]) -> int:
    """Topic accuracy of each encoder's learned reader on one exemplar language's file when trained on the others'
    (``assist/resources/ask_topics``): how it reads a language it has no exemplars in."""
    import numpy as np
    import yaml

    from assist.ask_topics import EXEMPLARS, masked
    from assist.intent import fewshot
    from retrievers.embeddings import default_embedder, second_embedder

    pairs = []
    for path in sorted(EXEMPLARS.glob("*.yaml")):
        for topic, texts in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            pairs += [(path.stem, masked(str(text)), str(topic)) for text in texts or []]
    texts = [t for _, t, _ in pairs]
    rows = []
    for encoder in (default_embedder(), second_embedder()):
        vectors = np.asarray(encoder.embed(texts), dtype=np.float32)
        for language in languages:
            train = [i for i, (lang, _, _) in enumerate(pairs) if lang != language]
            test = [i for i, (lang, _, _) in enumerate(pairs) if lang == language]
            model = fewshot.fit([texts[i] for i in train], [pairs[i][2] for i in train], vectors[train])
            probs = model.probabilities([texts[i] for i in test], vectors[test])
            hits = sum(model.labels[int(row.argmax())] == pairs[i][2] for row, i in zip(probs, test, strict=True))
            rows.append([encoder.name, language, str(len(test)), f"{hits / len(test):.2f}"])
    header = ["encoder", "language", "exemplars", "accuracy"]
    table("Learned topic reader, one exemplar language held out", header, rows)
    return 0


_SHOP_FACTS: dict[str, Any] = {}


def _shop_reader(shop: str, language: str | None, embed: Any, cache_dir: Path | None) -> Any:
    """The shop's own ask-topic reader over ``embed`` for a buyer whose language the shared exemplars are not written
    in, as the server reads (``assist.analysis._shop_reader``), from the shop's hand-read facts; else None."""
    from assist.ask_topics import exemplar_languages
    from assist.shop_readers import shop_reader
    from evals.shops import load_gold_facts

    if language and language.split("-")[0].casefold() in exemplar_languages():
        return None
    if shop not in _SHOP_FACTS:
        _SHOP_FACTS[shop] = load_gold_facts(SHOPS / shop)
    return shop_reader(embed, _SHOP_FACTS[shop], cache_dir, wait=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shops",
        nargs="*",
        default=[s for s in SPLIT if s not in NEVER],
        help=f"default: every shop but {FINAL_SPLIT}",
    )
    parser.add_argument("--mode", choices=["shipped", "cues", "nearest"], default="shipped")
    parser.add_argument("--with-cases", action="store_true", help="also train on other shops' single-ask cases")
    parser.add_argument("--show", type=int, default=0, help="print this many wrong conversations")
    parser.add_argument("--cache-dir", type=Path, default=None, help="keep trained topic models here (default: none)")
    parser.add_argument("--first-encoder-only", action="store_true", help="no second encoder for unread languages")
    parser.add_argument("--language-held-out", nargs="*", default=None, help="exemplar languages to hold out in turn")
    parser.add_argument("--first-request", action="store_true", help="a fresh data dir's first unread-language turns")
    parser.add_argument(
        "--shop-readers",
        action="store_true",
        help="as the server reads: the shop's own reader (its hand-read facts' sentences) for a buyer whose language "
        "the shared exemplars are not written in (assist/shop_readers.py)",
    )
    args = parser.parse_args()
    if args.language_held_out is not None:
        return language_held_out(args.language_held_out)
    if args.first_request:
        return first_request()
    if NEVER & set(args.shops):
        parser.error(f"{sorted(NEVER & set(args.shops))} are the final held-out shops ({FINAL_SPLIT}): never run here")
    unknown = [s for s in args.shops if s not in SPLIT]
    if unknown:
        parser.error(f"unknown shops {unknown}; choose from {sorted(set(SPLIT) - NEVER)}")

    from assist import ask_topics
    from assist import asks as ask_module
    from assist.config import Settings
    from assist.models import Conversation
    from assist.services import Services

    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="bench-asks-")))
    services = Services(settings)
    classifier = services.intent_classifier(None)
    embed = services.embedder.embed
    second = None if args.first_encoder_only else services.second_embedder
    readers: dict[str, Any] = {}  # encoder name -> (embed, classify, topic model) for turns that encoder reads
    cases = load_cases(args.shops)
    every_case = load_cases([s for s in SPLIT if s not in NEVER]) if args.with_cases else []
    started = time.perf_counter()
    models: dict[str, Any] = {}
    if args.mode == "shipped":
        if args.with_cases:
            for shop in args.shops:
                extra = case_training([c for c in every_case if c["_shop"] != shop])
                models[shop] = ask_topics.topic_model(embed, extra=extra, cache_dir=args.cache_dir)
        else:
            models = dict.fromkeys(args.shops, ask_topics.topic_model(embed, cache_dir=args.cache_dir))
    train_s = time.perf_counter() - started

    shops: dict[str, Tally] = defaultdict(Tally)
    splits: dict[str, Tally] = defaultdict(Tally)
    languages: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    confusions: Counter[tuple[str, str]] = Counter()
    wrong: list[str] = []
    timings: list[float] = []
    encoder_of: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        conversation = Conversation.model_validate({k: case[k] for k in CONVERSATION_KEYS if k in case})
        language = services.language_detector.detect(ask_module.latest_turn(conversation)).language
        encoder = ask_module.encoder_for(language, services.embedder, second)
        encoder_of[case["language"]].add(encoder.name)
        case_embed, classify, learned = embed, classifier.predict_many, models.get(case["_shop"])
        if encoder is not services.embedder:
            if encoder.name not in readers:
                from assist.intent import IntentClassifier, default_taxonomy

                if args.shop_readers:  # the server's second readers (no English encoder for the intents)
                    from assist.ask_readers import build

                    second_classifier, reader = build(encoder, default_taxonomy(), args.cache_dir) or (None, None)
                else:
                    second_classifier = IntentClassifier(default_taxonomy(), encoder, cache_dir=args.cache_dir)
                    reader = ask_topics.topic_model(encoder.embed, cache_dir=args.cache_dir)
                readers[encoder.name] = (encoder.embed, second_classifier.predict_many, reader)
            case_embed, classify, learned = readers[encoder.name]
        if args.shop_readers and args.mode == "shipped":
            learned = _shop_reader(case["_shop"], language, encoder.embed, args.cache_dir) or learned
        started = time.perf_counter()
        if args.mode == "cues":
            found = ask_module.conversation_asks(conversation, classify)
        elif args.mode == "nearest":
            found = ask_module.conversation_asks(conversation, classify, None, case_embed, **NEAREST)
        else:
            found = ask_module.conversation_asks(conversation, classify, None, case_embed, learned=learned)
        timings.append((time.perf_counter() - started) * 1000)
        predicted = {a.topic for a in found if a.topic != "other"}
        answered = {t for a in found for t in a.topics}  # every topic of every ask gets its answer
        gold = {str(t) for t in case.get("asks") or []}
        for tally in (shops[case["_shop"]], splits[SPLIT[case["_shop"]]], languages[case["language"]], total):
            tally.add(gold, predicted, answered)
        for missed in sorted(gold - predicted):
            for instead in sorted(predicted - gold) or ["(none)"]:
                confusions[(missed, instead)] += 1
        if gold != predicted and len(wrong) < args.show:
            turn = ask_module.latest_turn(conversation).replace("\n", " ")
            wrong.append(
                f"{case['id']} [{case['language']}] gold {sorted(gold)} got {[a.topics for a in found]}: {turn}"
            )

    mode = args.mode + (" + fixture cases, leave-one-shop-out" if args.with_cases else "")
    header = ["conversations", "topic precision", "topic recall", "exact", "recall, any topic"]
    table(
        f"Ask topics ({mode}), per shop",
        ["shop", "split", *header],
        [[s, SPLIT[s], *shops[s].row()] for s in args.shops],
    )
    table("Per split", ["split", *header], [[s, *t.row()] for s, t in sorted(splits.items())] + [["all", *total.row()]])
    table(
        "Per buyer language",
        ["language", "encoder", *header],
        [[lang, ", ".join(sorted(encoder_of[lang])), *t.row()] for lang, t in sorted(languages.items())],
    )
    table(
        "Most frequent confusions (gold topic missed -> predicted instead)",
        ["gold", "predicted", "conversations"],
        [[g, p, str(n)] for (g, p), n in confusions.most_common(12)],
    )
    rows = [["split + topics, intent classifier included", *_quantiles(timings)]]
    reader = next(iter(models.values()), None)
    if reader is not None:  # the learned reader alone, on each message's pieces (texts not seen before)
        reader_ms = []
        for case in cases:
            conversation = Conversation.model_validate({k: case[k] for k in CONVERSATION_KEYS if k in case})
            pieces = [
                c for s in ask_module.sentences(ask_module.latest_turn(conversation)) for c in ask_module.clauses(s)
            ]
            started = time.perf_counter()
            reader.read([f"{p} ({case['id']})" for p in pieces])  # a fresh text: no encoder cache hit
            reader_ms.append((time.perf_counter() - started) * 1000)
        rows.append(["learned topic reader alone", *_quantiles(reader_ms)])
    table(f"Time per message (training: {train_s:.1f} s)", ["step", "median ms", "p95 ms"], rows)
    for line in wrong:
        print(line)
    return 0


FIRST_TURN = "Hei! Milloin tilaukseni saapuu, ja voinko vielä vaihtaa toimitusosoitteen?"  # read by the second


def first_request(poll_s: float = 0.5, limit_s: float = 3600.0) -> int:
    """A fresh data dir's first turn in a language the first encoder does not read: its time (the second
    encoder's readers start on a background thread), then the time until they are ready (loaded from the shipped
    heads where they match, else trained) and the time of a turn read by them."""
    from assist.ask_readers import readers_for
    from assist.asks import split_asks
    from assist.config import Settings
    from assist.services import Services

    services = Services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="bench-first-request-"))))
    services.intent_classifier(None)  # the first encoder's classifier: trained at start-up, as the app's warm-up does
    started, cpu = time.perf_counter(), time.process_time()  # CPU: every thread's, steady on a shared machine
    readers = readers_for(services, None, "fi")
    asks = split_asks(FIRST_TURN, readers.classify, None, readers.embed, learned=readers.learned)
    first = (time.perf_counter() - started, time.process_time() - cpu)
    while not readers.second and time.perf_counter() - started < limit_s:
        time.sleep(poll_s)
        readers = readers_for(services, None, "fi")
    ready = (time.perf_counter() - started, time.process_time() - cpu)
    turn, turn_cpu = time.perf_counter(), time.process_time()
    second_asks = split_asks(FIRST_TURN, readers.classify, None, readers.embed, learned=readers.learned)
    rows = [
        ["first turn (first encoder's readers)", f"{first[0]:.2f}", f"{first[1]:.2f}", str([a.topics for a in asks])],
        [
            "second encoder's readers ready after",
            f"{ready[0]:.1f}",
            f"{ready[1]:.1f}",
            "yes" if readers.second else "no: gave up",
        ],
        [
            "a turn read by them",
            f"{time.perf_counter() - turn:.2f}",
            f"{time.process_time() - turn_cpu:.2f}",
            str([a.topics for a in second_asks]),
        ],
    ]
    header = ["step", "wall s", "CPU s", "asks / ready"]
    table("First unread-language turns on a fresh data dir", header, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
