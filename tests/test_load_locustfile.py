"""The load bench's locust agents, end to end against a stub server: they send at their own phases (not
all at once, as locust's ``constant_throughput`` made them until 2026-11) and record the server's time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCUST = Path(sys.executable).parent / "locust"


class Stub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as uvicorn

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Server-Timing", "app;dur=1.5")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.skipif(not LOCUST.exists(), reason="locust is not installed in this environment")
def test_locust_agents_send_at_their_own_phases_and_record_the_servers_time(stub, tmp_path):
    sys.path.insert(0, str(ROOT / "bench" / "load"))
    from traffic import burstiness

    records = tmp_path / "records.jsonl"
    env = {
        **os.environ,
        "ASSIST_LOAD_KEY": "ak_test",
        "ASSIST_LOAD_RATE": "1",  # 20 agents, each once a second: 2 requests per 100 ms on average
        "ASSIST_LOAD_ARRIVALS": "phased",
        "ASSIST_LOAD_RECORDS": str(records),
    }
    cmd = [str(LOCUST), "-f", str(ROOT / "bench/load/locustfile.py"), "--headless", "-u", "20", "-r", "20"]
    cmd += ["-t", "5s", "--host", stub, "--only-summary", "--loglevel", "ERROR"]
    subprocess.run(cmd, env=env, cwd=tmp_path, check=True, capture_output=True, timeout=60)
    rows = [json.loads(line) for line in records.read_text().splitlines()]  # ~100; fewer when the machine is busy
    assert len(rows) >= 20 and all(r["ok"] and r["server_ms"] == 1.5 for r in rows)
    settled = [r["t"] for r in rows if r["t"] > min(r["t"] for r in rows) + 1.0]  # after every agent's first send
    assert len(settled) >= 10 and burstiness(settled) <= 8  # in lockstep all 20 would send within one 100 ms
    assert json.loads((tmp_path / "records.jsonl.probe.json").read_text())  # the scheduling-lag probe ran
