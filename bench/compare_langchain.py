"""Overhead of /v1/assist's code path against a plain LangChain chain doing the bare minimum.

Both run in one process against the same Chroma collection (the demo shop's policies, embedded by
the same embedder) and the same instant stub LLM on 127.0.0.1:

* plain chain: ``langchain-chroma`` retriever (our embedder wrapped as LangChain ``Embeddings``) ->
  the ``suggest`` prompt as a ``ChatPromptTemplate`` -> ``ChatOpenAI`` at the stub -> string parser;
* assist: ``assist.pipeline.build_assist_card`` (what POST /v1/assist runs, minus HTTP): language,
  translation, intent, order lookup, hybrid policy retrieval, suggestions with grounding and QA
  checks, summary; every LLM call goes to the same stub.

Overhead = wall time minus the time the stub calls take (measured alone, per call, and multiplied
by the number of LLM calls each path makes).

Then the progressive card with the stub answering every call after ``--llm-delay`` seconds (1 s):
time to the first (offline) card, to the offline reading aid that follows it (buyers in a language no
engine translates), to each chat-model part, and to the complete card, as the sidebar sees them
through ``assist.pipeline.assist_events`` (what ``/v1/assist`` streams). The first-sight rows come
from the first pass over the conversations (with the instant stub: the offline card never waits for
the model).

    .venv/bin/python bench/compare_langchain.py [--runs 40] [--first-card-runs 20] [--llm-delay 1] [--fake-embedder]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from langchain_chroma import Chroma  # noqa: E402
from langchain_core.embeddings import Embeddings  # noqa: E402
from langchain_core.output_parsers import StrOutputParser  # noqa: E402
from langchain_core.runnables import RunnableLambda, RunnablePassthrough  # noqa: E402
from langchain_openai import ChatOpenAI  # noqa: E402

from api.deps import ShopContext  # noqa: E402
from assist.config import DEMO_SHOP_DIR, Settings  # noqa: E402
from assist.demo import ensure_demo_shop  # noqa: E402
from assist.models import Conversation  # noqa: E402
from assist.pipeline import assist_events, build_assist_card  # noqa: E402
from assist.prompts import load_prompt  # noqa: E402
from assist.services import Services  # noqa: E402
from assist.store import shops  # noqa: E402
from bench.stub_llm import StubLLM  # noqa: E402


class AssistEmbeddings(Embeddings):
    """Our :class:`~retrievers.embeddings.Embedder` as a LangChain ``Embeddings``."""

    def __init__(self, embedder) -> None:  # type: ignore[no-untyped-def]
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed([text])[0].tolist()


def conversations() -> list[dict]:
    rows = [json.loads(line) for line in (DEMO_SHOP_DIR / "conversations.jsonl").read_text().splitlines() if line]
    return [{k: r[k] for k in ("id", "channel", "customer", "order_ids", "messages")} for r in rows]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


PLAIN_VARIABLES = {"buyer_message", "conversation", "n", "buyer_language", "agent_language", "intent"}
PLAIN_VARIABLES |= {"order_facts", "shop_facts", "policy_passages"}


def plain_chain(services: Services, shop_id: int, stub_url: str):  # type: ignore[no-untyped-def]
    store = Chroma(
        client=services.policy_index._client,
        collection_name=services.settings.chroma_collection,
        embedding_function=AssistEmbeddings(services.embedder),
    )
    retriever = store.as_retriever(search_kwargs={"k": 6, "filter": {"shop_id": shop_id}})
    suggest = load_prompt("suggest")
    prompt = suggest.chat_template
    model = ChatOpenAI(base_url=stub_url, api_key="unused", model="stub", max_retries=0, timeout=10)

    def passages(docs) -> str:  # type: ignore[no-untyped-def]
        return "\n\n".join(f"[{d.id}] ({d.metadata.get('section', '')})\n{d.page_content}" for d in docs)

    def variables(conversation: dict) -> dict:
        last = [m["text"] for m in conversation["messages"] if m["role"] == "customer"][-1]
        return {
            "buyer_message": last,
            "conversation": "\n".join(m["text"] for m in conversation["messages"]),
            "n": 3,
            "buyer_language": conversation["customer"].get("language") or "en",
            "agent_language": "en",
            "intent": "unknown",
            "order_facts": "(none)",
            "shop_facts": "(none)",
        } | {name: "(none)" for name in suggest.variables if name not in PLAIN_VARIABLES}

    return (
        RunnableLambda(variables)
        | RunnablePassthrough.assign(
            policy_passages=RunnableLambda(lambda v: v["buyer_message"]) | retriever | passages
        )
        | prompt
        | model
        | StrOutputParser()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--fake-embedder", action="store_true")
    parser.add_argument("--first-card-runs", type=int, default=20, help="progressive-card runs with the slow stub")
    parser.add_argument("--llm-delay", type=float, default=1.0, help="the stub's answer time for those runs (s)")
    args = parser.parse_args()
    pool = conversations()
    with StubLLM() as stub:
        settings = Settings(
            data_dir=Path(tempfile.mkdtemp(prefix="assist-compare-")),
            environment="test",
            llm_base_url=stub.base_url,
            llm_model="stub",
            llm_max_retries=0,
        )
        overrides = {}
        if args.fake_embedder:
            from retrievers.embeddings import FakeEmbedder

            overrides["embedder"] = FakeEmbedder()
        services = Services(settings, **overrides)
        ensure_demo_shop(services)
        services.warm_up()  # what `assist serve` does before its first request (models, dictionaries)
        with services.db.session() as session:
            row = shops.get_shop(session, "demo")
            shop = ShopContext(id=row.id, name=row.name, settings=dict(row.settings or {}))
        chain = plain_chain(services, shop.id, stub.base_url)

        direct = ChatOpenAI(base_url=stub.base_url, api_key="unused", model="stub", max_retries=0)
        for _ in range(5):
            direct.invoke("warm up")
        stub_times = []
        for _ in range(30):
            started = time.perf_counter()
            direct.invoke("Hello")
            stub_times.append(time.perf_counter() - started)
        stub_call = statistics.median(stub_times)

        def timed(run, label: str) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
            """Overheads on first sight of each conversation, then on the same ones re-sent (as the sidebar
            does on every keystroke pause): the second pass finds the embeddings and translations cached."""
            for i in range(3):  # warm-up: models load
                run(pool[-1 - i])
            passes: list[list[float]] = []
            for _ in range(2):
                times, calls = [], 0
                for i in range(args.runs):
                    before = stub.requests
                    started = time.perf_counter()
                    result = run(pool[i % (len(pool) - 3)])
                    times.append(time.perf_counter() - started)
                    if hasattr(result, "timings_ms"):
                        FIRST_CARD_MS.append(result.timings_ms.get("offline_card", 0.0))
                        if "reading_aid" in result.timings_ms:  # it follows the first card, in the same slot
                            READING_AID_MS.append(result.timings_ms["offline_card"] + result.timings_ms["reading_aid"])
                    calls += stub.requests - before
                per_run = calls / args.runs
                passes.append([max(0.0, t - per_run * stub_call) for t in times])
                if len(passes) == 1 and READING_AID_MS:
                    AID_FIRST_SIGHT.append(len(READING_AID_MS))
            print(f"  {label}: {per_run:.1f} LLM calls per run")
            return passes[0], passes[1]

        print(f"stub LLM call alone (ChatOpenAI -> 127.0.0.1): p50 {stub_call * 1000:.1f} ms")
        chain_cold, chain_over = timed(chain.invoke, "LangChain chain")
        assist_cold, assist_over = timed(
            lambda c: build_assist_card(services, shop, Conversation.model_validate(c), "en"), "assist pipeline"
        )
        stub.delay_s = args.llm_delay
        progressive = first_card_times(services, shop, pool, args.first_card_runs)
        services.close()

    print(
        f"\noverhead without the LLM's own time, {args.runs} demo conversations, each seen first, then re-sent "
        f"(embedder: {services.embedder.name})"
    )
    print(f"{'path':44} {'p50 ms':>8} {'p95 ms':>8} {'p95/p50':>8}")
    rows = {
        "plain LangChain chain, first sight": chain_cold,
        "plain LangChain chain, re-sent": chain_over,
        "assist pipeline (/v1/assist), first sight": assist_cold,
        "assist pipeline (/v1/assist), re-sent": assist_over,
    }
    for label, values in rows.items():
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        print(f"{label:44} {p50:>8.1f} {p95:>8.1f} {p95 / max(p50, 1e-9):>8.1f}")
    for when, (chain, assist) in {
        "first sight": (chain_cold, assist_cold),
        "re-sent": (chain_over, assist_over),
    }.items():
        p50 = percentile(assist, 0.5) / max(percentile(chain, 0.5), 1e-9)
        p95 = percentile(assist, 0.95) / max(percentile(chain, 0.95), 1e-9)
        print(f"{'ratio assist / chain, ' + when:44} {p50:>8.1f} {p95:>8.1f}")
    print(
        f"\nprogressive /v1/assist card, stub LLM answering every call in {args.llm_delay:g} s, "
        f"{args.first_card_runs} runs (ms after the call)"
    )
    print(f"{'event':34} {'p50 ms':>8} {'p95 ms':>8} {'runs':>5}")
    first_sight = [ms / 1000 for ms in FIRST_CARD_MS[: args.runs]]
    if first_sight:
        row = f"{percentile(first_sight, 0.5) * 1000:>8.0f} {percentile(first_sight, 0.95) * 1000:>8.0f}"
        print(f"{'first card, conversation first seen':34} {row} {len(first_sight):>5}")
    aid_first = [ms / 1000 for ms in READING_AID_MS[: AID_FIRST_SIGHT[0] if AID_FIRST_SIGHT else 0]]
    if aid_first:
        row = f"{percentile(aid_first, 0.5) * 1000:>8.0f} {percentile(aid_first, 0.95) * 1000:>8.0f}"
        print(f"{'reading aid, first seen':34} {row} {len(aid_first):>5}")
    for event, label in EVENTS.items():
        values = progressive.get(event, [])
        if values:
            row = f"{percentile(values, 0.5) * 1000:>8.0f} {percentile(values, 0.95) * 1000:>8.0f}"
            print(f"{label:34} {row} {len(values):>5}")


FIRST_CARD_MS: list[float] = []  # the offline card's own time inside each /v1/assist run, in run order
READING_AID_MS: list[float] = []  # call to the offline reading aid (cards with no translation engine), in order
AID_FIRST_SIGHT: list[int] = []  # how many of those were conversations seen first (set after the first pass)
EVENTS = {
    "card": "first card, conversation re-sent",
    "reading_aid": "reading aid, re-sent",
    "suggestions": "LLM suggestions",
    "translation": "LLM translation",
    "summary": "LLM summary",
    "done": "complete card",
}


def first_card_times(services: Services, shop: ShopContext, pool: list[dict], runs: int) -> dict[str, list[float]]:
    """Seconds from the call to each event of the progressive card (what the sidebar streams)."""
    import asyncio

    async def one(conversation: dict) -> dict[str, float]:
        started = time.perf_counter()
        seen = {}
        card = Conversation.model_validate(conversation)
        async for event, _ in assist_events(services, shop, card, "en", record=False):
            seen[event] = time.perf_counter() - started
        return seen

    asyncio.run(one(pool[0]))  # warm-up
    times: dict[str, list[float]] = {}
    for i in range(runs):
        for event, seconds in asyncio.run(one(pool[(i + 1) % len(pool)])).items():
            times.setdefault(event, []).append(seconds)
    return times


if __name__ == "__main__":
    main()
