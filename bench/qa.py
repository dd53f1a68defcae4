"""QA checks and scorecards: quality and speed.

.venv/bin/python bench/qa.py --drafts         # precision/recall per check on evals/datasets/qa_drafts.jsonl
                                              #   + /v1/qa/check latency p50/p95 in-process (demo shop)
.venv/bin/python bench/qa.py --tone           # tone classifier accuracy on held-back politeness data
.venv/bin/python bench/qa.py --stc3           # Spearman: learned overall score and rule total vs STC-3
                                              #   annotators (A/S/E) on the fixed held-out part [--seed N]
.venv/bin/python bench/qa.py --batch 10000    # batch scoring rate on N generated conversations
    [--engine local|ray] [--workers N] [--tone-engine model|lexicon]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assist.config import SHARED_DATA_DIR  # noqa: E402
from assist.quality.cases import load_draft_cases, precision_recall, run_draft_case  # noqa: E402

STC3 = SHARED_DATA_DIR / "quality" / "stc3_dialogue_quality_en_dev.json.gz"


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def drafts(verbose: bool) -> None:
    from assist.language import FastTextDetector
    from assist.quality.tone import ToneClassifier
    from retrievers.embeddings import UniversalSentenceEncoder

    tone, detector = ToneClassifier(UniversalSentenceEncoder()), FastTextDetector()
    cases = load_draft_cases()
    results = [(case, run_draft_case(case, tone=tone, language_detector=detector)) for case in cases]
    table = precision_recall(results)
    print(f"{len(cases)} cases in {len({c['language'] for c in cases})} languages (engine: {tone.engine})")
    print(f"{'check':22s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'precision':>9s} {'recall':>7s}")
    for name, row in table.items():
        print(
            f"{name:22s} {row['tp']:4d} {row['fp']:4d} {row['fn']:4d} {_fmt(row['precision']):>9s} "
            f"{_fmt(row['recall']):>7s}"
        )
    if verbose:
        for case, issues in results:
            fired = {i.check for i in issues}
            missed = set(case["must_fire"]) - fired
            wrong = fired & set(case["must_not_fire"])
            if missed or wrong:
                print(
                    f"  {case['id']}: missed={sorted(missed)} false={sorted(wrong)} "
                    f"{[(i.check, i.evidence.text[:40] if i.evidence else '') for i in issues if i.check in wrong]}"
                )
    latency(cases)


def latency(cases: list[dict]) -> None:
    """POST /v1/qa/check in-process (TestClient) on the demo shop: policy search + order lookup + checks."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from assist.config import Settings
    from assist.demo import ensure_demo_shop
    from assist.services import Services

    with tempfile.TemporaryDirectory() as tmp:
        services = Services(Settings(data_dir=Path(tmp), load_demo=False, rate_limit_per_minute=0))
        key = ensure_demo_shop(services)
        headers = {"Authorization": f"Bearer {key}"}
        with TestClient(create_app(services=services)) as client:
            body = {"conversation": cases[0]["conversation"], "draft": cases[0]["draft"]}
            client.post("/v1/qa/check", json=body, headers=headers)  # warm-up: models load once
            runs: dict[str, list[float]] = {"first check of a draft": [], "same draft re-checked": []}
            for label in runs:
                for case in cases:
                    body = {"conversation": case["conversation"], "draft": case["draft"]}
                    started = time.perf_counter()
                    response = client.post("/v1/qa/check", json=body, headers=headers)
                    runs[label].append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, response.text
        services.close()
    for label, timings in runs.items():
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(
            f"/v1/qa/check in-process, {label}: n={len(timings)} p50={statistics.median(timings):.1f} ms "
            f"p95={p95:.1f} ms"
        )


def tone() -> None:
    from assist.config import get_settings
    from assist.quality.tone_training import load_splits, train
    from retrievers.embeddings import UniversalSentenceEncoder

    settings = get_settings()  # ASSIST_SHARED_DATA_DIR (default ../shared/data), embeddings cached in the data dir
    splits = load_splits(settings.shared_data_dir / "quality")
    _, scores = train(splits, UniversalSentenceEncoder(), settings.cache_dir / "tone-embeddings")
    print(f"{'split':22s} {'n':>5s} accuracy   (top/bottom quartile of human politeness scores)")
    for name, acc in scores.items():
        print(f"{name:22s} {len(splits[name]):5d} {acc:.3f}")


def stc3(path: Path, limit: int | None, seed: int) -> None:
    """The learned overall score vs STC-3 raters on the fixed held-out part, beside the rule-only total."""
    import numpy as np
    from scipy.stats import spearmanr

    from assist.language import FastTextDetector
    from assist.quality import score_conversation
    from assist.quality.overall import EMBEDDING_GROUPS, NAMED_FEATURES, featurize
    from assist.quality.overall_training import HELDOUT_RULE, fit, heldout, load_ratings_file
    from assist.quality.tone import ToneClassifier
    from retrievers.embeddings import UniversalSentenceEncoder

    examples = load_ratings_file(path)[:limit]
    embedder = UniversalSentenceEncoder()
    tone_model, detector = ToneClassifier(embedder), FastTextDetector()
    started = time.perf_counter()
    conversations = [e.conversation for e in examples]
    cards = [score_conversation(c, tone=tone_model, language_detector=detector) for c in conversations]
    features = featurize(conversations, list(cards), embedder)
    targets = np.asarray([e.ratings for e in examples])
    test = np.asarray([heldout(c.id or "") for c in conversations])
    dim = (features.shape[1] - len(NAMED_FEATURES)) // len(EMBEDDING_GROUPS)
    weights = np.ones(int((~test).sum()))
    model, alpha = fit(features[~test], targets[~test], weights, dim, seed)
    seconds = time.perf_counter() - started
    heads = model.raw(features[test])
    rows = {
        "model overall (1-5)": model.calibrated(heads),
        "model head for the rating": None,
        "rule-only total": np.asarray([c.total for c, t in zip(cards, test, strict=True) if t]),
    }
    print(
        f"STC-3 dev (NC, read by path, measured only): {len(examples)} dialogues; trained on {int((~test).sum())}, "
        f"{HELDOUT_RULE}: {int(test.sum())}; seed {seed}, alpha {alpha:g}; {seconds:.1f}s"
    )
    print("human = mean of the annotators (-2..2); customer->buyer, helpdesk->agent; Spearman on the held-out part")
    print(f"{'score':28s} {'A (task done)':>14s} {'S (satisfied)':>14s} {'E (effective)':>14s}")
    for name, values in rows.items():
        rhos = [spearmanr(heads[:, k] if values is None else values, targets[test][:, k]).statistic for k in range(3)]
        print(f"{name:28s} " + " ".join(f"{r:14.3f}" for r in rhos))
    for category in cards[0].categories:
        values = [
            next(x.score / x.max if x.max and x.applicable else 0.0 for x in c.categories if x.name == category.name)
            for c, t in zip(cards, test, strict=True)
            if t
        ]
        if len(set(values)) < 2:
            continue
        rhos = [spearmanr(values, targets[test][:, k]).statistic for k in range(3)]
        print(f"{'  rule ' + category.name:28s} " + " ".join(f"{r:14.3f}" for r in rhos))


def generate(n: int, path: Path, seed: int = 7) -> None:
    """``n`` synthetic conversations in 8 languages with timestamps, agents and some rule breaches."""
    rng = random.Random(seed)
    buyers = {
        "en": ["Where is my order NL-{o}?", "The lamp arrived broken, this is unacceptable!", "Can I return it?"],
        "de": ["Wo ist meine Bestellung NL-{o}?", "Die Lampe kam kaputt an!", "Kann ich das zurückgeben?"],
        "ja": ["注文NL-{o}はどこですか？", "ランプが壊れて届きました。", "返品できますか？"],
        "zh": ["我的订单NL-{o}在哪里？", "灯到的时候坏了，太差了！", "可以退货吗？"],
        "es": ["¿Dónde está mi pedido NL-{o}?", "¡La lámpara llegó rota!", "¿Puedo devolverlo?"],
        "fr": ["Où est ma commande NL-{o} ?", "La lampe est arrivée cassée !", "Puis-je la retourner ?"],
        "pt": ["Onde está o meu pedido NL-{o}?", "A lâmpada chegou quebrada!", "Posso devolver?"],
        "it": ["Dov'è il mio ordine NL-{o}?", "La lampada è arrivata rotta!", "Posso restituirlo?"],
    }
    agents = {
        "en": [
            "Hi, I'm sorry about that. Your order is on its way and will arrive within 3 days.",
            "Hi! You can return it within 30 days. Let me know if you need anything else.",
            "That's your problem. Email me at bob@gmail.com.",
        ],
        "de": [
            "Hallo, das tut mir leid. Ihre Bestellung ist unterwegs und kommt in 3 Tagen an.",
            "Hallo! Sie können den Artikel innerhalb von 30 Tagen zurückgeben. Bei Fragen melden Sie sich gerne.",
            "Wie bereits gesagt, das ist nicht unser Problem.",
        ],
        "ja": [
            "お問い合わせありがとうございます。ご迷惑をおかけして申し訳ございません。3日以内にお届け予定です。",
            "こんにちは。配達日から30日以内であれば返品いただけます。何かございましたらお気軽にお知らせください。",
            "何度も言っていますが、返品はできません。",
        ],
        "zh": [
            "您好，非常抱歉。您的订单已发货，预计3天内送达。",
            "您好！收货后30天内可以退货。如有其他问题，请随时联系我们。",
            "我已经说过了，加我微信再说。",
        ],
        "es": [
            "Hola, lo siento mucho. Su pedido está en camino y llegará en 3 días.",
            "¡Hola! Puede devolverlo en un plazo de 30 días. Quedamos a su disposición.",
            "Como ya le dije, no es nuestro problema.",
        ],
        "fr": [
            "Bonjour, désolé pour ce souci. Votre commande est en route et arrivera sous 3 jours.",
            "Bonjour ! Vous pouvez retourner l'article sous 30 jours. N'hésitez pas si besoin.",
            "C'est votre faute, écrivez-moi sur WhatsApp.",
        ],
        "pt": [
            "Olá, sentimos muito. O seu pedido está a caminho e chega em 3 dias.",
            "Olá! Pode devolver em até 30 dias. Estamos à disposição.",
            "A culpa é sua, não podemos fazer nada.",
        ],
        "it": [
            "Buongiorno, ci dispiace. Il suo ordine è in viaggio e arriverà entro 3 giorni.",
            "Buongiorno! Può restituirlo entro 30 giorni. Resto a disposizione.",
            "È colpa sua, non è un nostro problema.",
        ],
    }
    names = ["amy", "bob", "chen", "dora", "emil", "fumi"]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            lang = rng.choice(list(buyers))
            start = 1_777_000_000 + rng.randrange(0, 86400 * 60)
            messages, t = [], start
            for turn in range(rng.randint(1, 3)):
                messages.append(
                    {"role": "customer", "text": rng.choice(buyers[lang]).format(o=100000 + i), "sent_at": t}
                )
                t += rng.choice([300, 1800, 7200, 40000, 100000])
                bad = rng.random() < 0.1
                text = agents[lang][2] if bad else agents[lang][turn % 2]
                # the order id makes one sentence per message unique, so the tone cache cannot hide the model cost
                messages.append(
                    {"role": "agent", "author": rng.choice(names), "sent_at": t, "text": f"NL-{100000 + i}: {text}"}
                )
                t += rng.randint(60, 3600)
            conv = {
                "id": f"gen-{i}",
                "channel": rng.choice(["amazon", "ebay", "shopify_chat", "email"]),
                "customer": {"language": lang},
                "messages": messages,
            }
            fh.write(json.dumps(conv, ensure_ascii=False) + "\n")


def batch(n: int, engine: str, workers: int, tone_engine: str) -> None:
    from assist.quality.batch import BatchOptions, score_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "conversations.jsonl"
        generate(n, path)
        out = io.StringIO() if n <= 1000 else (Path(tmp) / "scorecards.jsonl").open("w", encoding="utf-8")
        options = BatchOptions(shop_settings={"return_window_days": 30}, tone=tone_engine)
        stats = score_file(path, out, engine=engine, workers=workers, options=options, progress=False)
        out.close()
    print(
        f"batch: {stats.scored} scored, {stats.errors} errors in {stats.seconds:.1f}s = {stats.rate:.1f} conv/s "
        f"(engine={engine}, workers={workers}, tone={tone_engine})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drafts", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--tone", action="store_true")
    parser.add_argument("--stc3", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--data", type=Path, default=STC3, help="STC-3-shaped ratings file (default: shared data)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch", type=int, default=0)
    parser.add_argument("--engine", default="local")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--tone-engine", default="model")
    args = parser.parse_args()
    if args.drafts:
        drafts(args.verbose)
    if args.tone:
        tone()
    if args.stc3:
        stc3(args.data, args.limit, args.seed)
    if args.batch:
        batch(args.batch, args.engine, args.workers, args.tone_engine)


if __name__ == "__main__":
    main()
