"""A second load client for ``bench/load/run.py --client agents``: the same agents, traffic mix and
pacing as ``locustfile.py`` (``traffic.py``), one asyncio task per agent, each with its own connection (httpx), in one
process. Writes one JSON line per request (route, send time, ms, the server's own ms from its
``Server-Timing`` header, ok) to ``--out``, and this process's event-loop lag (a task that sleeps 10 ms,
over and over, and records how late it wakes) to ``<out>.probe.json``.

Why a second client: two clients built differently (gevent + requests, asyncio + httpx) that agree
show the figures are the server's, not a client's.

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
from traffic import ARRIVALS, CONVERSATION_POOL, DRAFTS, TRANSLATE, Pacer, first_sight, server_ms  # noqa: E402

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


async def agent(
    args: argparse.Namespace, client: httpx.AsyncClient, pacer: Pacer, rng: random.Random, records: list[dict]
) -> None:
    end = time.monotonic() + args.duration
    names, weights = zip(*ROUTES, strict=True)
    await asyncio.sleep(pacer.first_wait(time.monotonic()))
    while time.monotonic() < end:
        route = rng.choices(names, weights)[0]
        body = request_for(route, rng, args.new_share)
        sent, clock = time.time(), time.perf_counter()
        record: dict = {"route": route, "t": sent, "server_ms": None}
        try:
            response = await client.post(route, json=body)
            record["ok"] = response.status_code == 200
            record["server_ms"] = server_ms(response.headers.get("server-timing"))
            if not record["ok"]:
                record["error"] = f"{response.status_code} {response.text[:200]}"
        except httpx.HTTPError as exc:
            record.update(ok=False, error=f"{type(exc).__name__}: {exc}")
        records.append({**record, "ms": (time.perf_counter() - clock) * 1000})
        await asyncio.sleep(pacer.next_wait(time.monotonic()))


async def probe(lags: list[float]) -> None:
    while True:
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        lags.append((time.perf_counter() - started - 0.01) * 1000)


async def main(args: argparse.Namespace) -> None:
    records: list[dict] = []
    lags: list[float] = []
    headers = {"Authorization": f"Bearer {args.key}"}
    # Every client first (building one takes milliseconds of CPU), then the schedule: agents whose
    # first send fell due while the clients were being built would otherwise all send at once.
    clients = [httpx.AsyncClient(base_url=args.host, headers=headers, timeout=120) for _ in range(args.users)]
    start = time.monotonic()
    pacers = [(Pacer(args.rate / args.users, args.arrivals, random.Random(seed), start)) for seed in range(args.users)]
    watch = asyncio.ensure_future(probe(lags))
    try:
        await asyncio.gather(
            *(
                agent(args, c, p, random.Random(1000 + i), records)
                for i, (c, p) in enumerate(zip(clients, pacers, strict=True))
            )
        )
    finally:
        watch.cancel()
        for client in clients:
            await client.aclose()
    args.out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    Path(f"{args.out}.probe.json").write_text(json.dumps(lags), encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--rate", type=float, required=True, help="requests per second, all agents together")
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--duration", type=int, required=True)
    parser.add_argument("--arrivals", choices=ARRIVALS, default="poisson", help="see traffic.Pacer")
    parser.add_argument("--new-share", type=float, default=0.2)
    parser.add_argument("--out", type=Path, required=True)
    asyncio.run(main(parser.parse_args()))
