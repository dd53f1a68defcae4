"""Fault matrix: what /v1/assist (and policy search) answer when a backing service misbehaves, and how
long the answer takes.

    .venv/bin/python bench/faults.py [--timeout 2.0] [--fake-embedder]

For each LLM fault the stub endpoint on 127.0.0.1 is switched into that mode, the breaker is reset,
and three requests are sent: the first meets the fault with the circuit closed, the later ones find
it open after three failures (``ASSIST_LLM_TIMEOUT_S`` = ``--timeout``). Then the database and the
Chroma server are taken away. The demo shop is loaded; every server is local; models are warm
before timing starts.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
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
    args = parser.parse_args()
    embedder = None
    if args.fake_embedder:
        from retrievers.embeddings import FakeEmbedder

        embedder = FakeEmbedder()
    tmp = Path(tempfile.mkdtemp(prefix="assist-faults-"))
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
    print(
        f"\nfault matrix: POST /v1/assist (demo shop; a different demo conversation per request), "
        f"ASSIST_LLM_TIMEOUT_S={args.timeout:g}, retries 1, breaker opens after 3 consecutive failures for 30 s;\n"
        "times in s: the first request meets the fault with the circuit closed; the next two find it open"
    )
    head = ("fault", "first answer", "degraded / detail", "1st s", "next s")
    widths = [max(len(str(r[i])) for r in [head, *ROWS]) for i in range(5)]
    for row in [head, *ROWS]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


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
