"""Load scenario for ``bench/load/run.py``: the sidebar's traffic mix against one shop.

Each simulated agent opens a demo conversation (/v1/assist), checks a draft (/v1/qa/check) and
translates a line (/v1/translate), weighted 3:2:1. Needs ``ASSIST_LOAD_KEY`` (a shop API key);
``ASSIST_LOAD_RATE`` (requests per second per user, default 1) paces each user, with
``ASSIST_LOAD_ARRIVALS`` (poisson, phased or lockstep; see ``traffic.Pacer``);
``ASSIST_LOAD_NEW_SHARE`` (default 0.2) is the share of cards for a conversation not seen before.
``ASSIST_LOAD_RECORDS``: a file for one JSON line per request (route, send time, ms, the server's own
ms from its ``Server-Timing`` header, ok), and ``<file>.probe.json`` for this process's scheduling lag
(a greenlet that sleeps 10 ms, over and over, and records how late it wakes).

    locust -f bench/load/locustfile.py --headless -u 10 -r 10 -t 60s --host http://127.0.0.1:8000
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, events, task

sys.path.insert(0, str(Path(__file__).parent))
from traffic import CONVERSATION_POOL, DRAFTS, TRANSLATE, Pacer, first_sight, server_ms  # noqa: E402

# The share of cards for a conversation the server has not seen (its last buyer message is new): the
# sidebar re-sends a conversation on every keystroke pause, so most cards are for known conversations.
NEW_SHARE = float(os.environ.get("ASSIST_LOAD_NEW_SHARE", "0.2"))
RATE = float(os.environ.get("ASSIST_LOAD_RATE", "1"))
ARRIVALS: Any = os.environ.get("ASSIST_LOAD_ARRIVALS", "poisson")
RECORDS = os.environ.get("ASSIST_LOAD_RECORDS")
_records: list[dict[str, Any]] = []
_lag_ms: list[float] = []
_start: list[float] = []  # the first user's start: lockstep agents share it


@events.request.add_listener
def _record(name: str, response_time: float, response: Any = None, exception: Any = None, **kw: Any) -> None:
    headers = getattr(response, "headers", None) or {}
    sent = kw.get("start_time") or time.time() - response_time / 1000
    ok = exception is None and getattr(response, "status_code", 0) == 200
    record = {"route": name, "t": sent, "ms": response_time, "server_ms": server_ms(headers.get("server-timing"))}
    if not ok:
        record["error"] = repr(exception) if exception is not None else str(getattr(response, "status_code", ""))
    _records.append({**record, "ok": ok})


def _probe() -> None:
    while True:
        started = time.perf_counter()
        gevent.sleep(0.01)
        _lag_ms.append((time.perf_counter() - started - 0.01) * 1000)


@events.test_start.add_listener
def _start_probe(**kw: Any) -> None:
    if RECORDS:
        gevent.spawn(_probe)


@events.quitting.add_listener
def _write(**kw: Any) -> None:
    if RECORDS:
        Path(RECORDS).write_text("".join(json.dumps(r) + "\n" for r in _records), encoding="utf-8")
        Path(RECORDS + ".probe.json").write_text(json.dumps(_lag_ms), encoding="utf-8")


class Agent(HttpUser):
    def wait_time(self) -> float:
        # traffic.Pacer, not locust's constant_throughput: that one counts each user's period from the
        # user's creation, so a random start delay is undone and every user sends in the same instant.
        return self.pacer.next_wait(time.monotonic())

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Bearer {os.environ['ASSIST_LOAD_KEY']}"
        self.rng = random.Random()
        if not _start:
            _start.append(time.monotonic())
        start = _start[0] if ARRIVALS == "lockstep" else time.monotonic()
        self.pacer = Pacer(RATE, ARRIVALS, self.rng, start)
        gevent.sleep(self.pacer.first_wait(time.monotonic()))

    @task(3)
    def assist(self) -> None:
        conversation = self.rng.choice(CONVERSATION_POOL)
        if self.rng.random() < NEW_SHARE:
            conversation = first_sight(conversation, self.rng)
        self.client.post("/v1/assist", json={"conversation": conversation, "agent_language": "en"}, name="/v1/assist")

    @task(2)
    def qa_check(self) -> None:
        conversation = self.rng.choice(CONVERSATION_POOL)
        language = (conversation.get("customer") or {}).get("language") or "en"
        draft = DRAFTS.get(language, DRAFTS["en"])
        self.client.post("/v1/qa/check", json={"conversation": conversation, "draft": draft}, name="/v1/qa/check")

    @task(1)
    def translate(self) -> None:
        text, target = self.rng.choice(TRANSLATE)
        self.client.post("/v1/translate", json={"text": text, "target_language": target}, name="/v1/translate")
