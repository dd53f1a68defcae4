"""A newcomer's first minute, timed: `assist serve` on a fresh data folder, then the printed link redeemed at once
(``POST /v1/demo/session``) and the first card asked for (``POST /v1/assist`` on the first demo conversation),
while the server's warm-up still runs. Real models, a real server process, one fresh data folder per run.

    .venv/bin/python -m bench.first_run [--runs 2]

Prints, per run, seconds from the process start to: the link printed, the sign-in answered, the first card
answered, and the warm-up ended (``/healthz`` says ``ok``); and the sign-in and card request times themselves.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"http://127\.0\.0\.1:\d+/start#token=(\S+)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _first_conversation() -> dict[str, object]:
    lines = (ROOT / "examples/demo-shop/conversations.jsonl").read_text(encoding="utf-8").splitlines()
    data = json.loads(next(line for line in lines if line.strip()))
    return {key: data[key] for key in ("id", "channel", "customer", "order_ids", "messages") if key in data}


def one_run() -> dict[str, float]:
    """One fresh server: the seconds from its start to each milestone, and each request's own duration."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="first-run-") as data:
        env = os.environ | {
            "ASSIST_DATA_DIR": data,
            "ASSIST_RATE_LIMIT_PER_MINUTE": "0",
            "ASSIST_ENVIRONMENT": "development",
            "HF_HUB_OFFLINE": "1",
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),  # this tree's code
        }
        command = [str(Path(sys.executable).parent / "assist"), "serve", "--host", "127.0.0.1", "--port", str(port)]
        started = time.monotonic()
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True
        )
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()], daemon=True).start()
        out: dict[str, float] = {}
        printed: list[str] = []
        try:
            token = None
            while token is None:
                if process.poll() is not None or time.monotonic() - started > 1200:
                    raise RuntimeError("assist serve printed no link:\n" + "".join(printed[-40:]))
                try:
                    printed.append(lines.get(timeout=1))
                except queue.Empty:
                    continue
                found = LINK.search(printed[-1])
                token = found.group(1) if found else None
            out["link"] = time.monotonic() - started
            url = f"http://127.0.0.1:{port}"
            with httpx.Client(base_url=url, timeout=600) as client:
                sent = time.monotonic()
                key = client.post("/v1/demo/session", json={"token": token}).raise_for_status().json()["key"]
                out["sign-in"], out["sign-in request"] = time.monotonic() - started, time.monotonic() - sent
                sent = time.monotonic()
                card = client.post(
                    "/v1/assist",
                    json={"conversation": _first_conversation(), "agent_language": "en"},
                    headers={"Authorization": f"Bearer {key}"},
                ).raise_for_status()
                assert card.json().get("suggestions"), "the first card has no suggestions"
                out["first card"], out["card request"] = time.monotonic() - started, time.monotonic() - sent
                while client.get("/healthz").status_code != 200:
                    time.sleep(0.2)
                out["warm"] = time.monotonic() - started
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    columns = ["link", "sign-in", "first card", "warm", "sign-in request", "card request"]
    print("| run | " + " | ".join(f"{c} (s)" for c in columns) + " |")  # noqa: T201
    print("|---" * (len(columns) + 1) + "|")  # noqa: T201
    for run in range(1, args.runs + 1):
        row = one_run()
        print(f"| {run} | " + " | ".join(f"{row[c]:.1f}" for c in columns) + " |", flush=True)  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
