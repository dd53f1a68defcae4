"""A second load client for ``bench/load/run.py --client agents``: the same agents, traffic mix and
pacing as ``locustfile.py`` (``traffic.py``), one asyncio task per agent, each with its own connection (httpx), in one
process. Writes one JSON line per request (route, ms, ok) to ``--out``.

Why a second client: on this machine locust's own latency grew with its user count, not with the
server's load (20 users at 2 req/s in all: p50 ~200 ms, while the server answered in ~20 ms and this
client measured ~25 ms; 1 user: ~20 ms). Both are run by the bench, so the two can be compared.

    .venv/bin/python bench/load/agents.py --host http://127.0.0.1:8000 --key KEY --rate 20 --users 40 --duration 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from traffic import CONVERSATION_POOL, DRAFTS, TRANSLATE, first_sight  # noqa: E402

ROUTES = [("/v1/assist", 3), ("/v1/qa/check", 2), ("/v1/translate", 1)]


def request_for(route: str, rng: random.Random, new_share: float) -> dict:
    conversation = rng.choice(CONVERSATION_POOL)
    if route == "/v1/assist":
        if rng.random() < new_share:
            conversation = first_sight(conversation, rng)
        return {"conversation": conversation, "agent_language": "en"}
    if route == "/v1/qa/check":
        language = (conversation.get("customer") or {}).get("language") or "en"
        return {"conversation": conversation, "draft": DRAFTS.get(language, DRAFTS["en"])}
    text, target = rng.choice(TRANSLATE)
    return {"text": text, "target_language": target}


async def agent(args: argparse.Namespace, seed: int, records: list[dict], end: float) -> None:
    rng = random.Random(seed)
    period = args.users / args.rate  # seconds between one agent's requests
    names, weights = zip(*ROUTES, strict=True)
    headers = {"Authorization": f"Bearer {args.key}"}
    async with httpx.AsyncClient(base_url=args.host, headers=headers, timeout=120) as client:
        await asyncio.sleep(rng.uniform(0, period))  # agents do not click in lockstep
        while time.monotonic() < end:
            started = time.monotonic()
            route = rng.choices(names, weights)[0]
            body = request_for(route, rng, args.new_share)
            clock = time.perf_counter()
            try:
                response = await client.post(route, json=body)
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            records.append({"route": route, "ms": (time.perf_counter() - clock) * 1000, "ok": ok})
            await asyncio.sleep(max(0.0, period - (time.monotonic() - started)))


async def main(args: argparse.Namespace) -> None:
    records: list[dict] = []
    end = time.monotonic() + args.duration
    await asyncio.gather(*(agent(args, seed, records, end) for seed in range(args.users)))
    args.out.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--rate", type=float, required=True, help="requests per second, all agents together")
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--duration", type=int, required=True)
    parser.add_argument("--new-share", type=float, default=0.2)
    parser.add_argument("--out", type=Path, required=True)
    asyncio.run(main(parser.parse_args()))
