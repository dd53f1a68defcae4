"""A newcomer's first five minutes, for real: the `assist serve` command (what `make run` runs) on a fresh
data folder prints one loopback link; opening it in Chromium shows the demo inbox already signed in,
with suggestions in the docked panel, and /review lists the scored demo conversations.

Real models, a real server process, Debian's Chromium through Playwright. Skips without Chromium on a
developer's machine; fails under CI=true.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from browser_helpers import BROWSER_MARKS, free_port, save_settings, watched_page
from playwright.sync_api import expect

LINK = re.compile(r"http://127\.0\.0\.1:\d+/\S*")

pytestmark = [*BROWSER_MARKS, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[SimpleNamespace]:
    """`assist serve` on a fresh data folder; the lines it prints until its link appears."""
    data = tmp_path_factory.mktemp("first-run-data")
    port = free_port()
    env = os.environ | {
        "ASSIST_DATA_DIR": str(data),
        "ASSIST_RATE_LIMIT_PER_MINUTE": "0",
        "ASSIST_ENVIRONMENT": "development",
        "HF_HUB_OFFLINE": "1",
        "PYTHONUNBUFFERED": "1",
        # this tree's code (the venv's editable install may point at another checkout)
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [str(Path(sys.executable).parent / "assist"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout or ()], daemon=True).start()
    printed: list[str] = []
    deadline = time.monotonic() + 600
    try:
        while not any("/start#token=" in line for line in printed):
            assert process.poll() is None, "assist serve exited:\n" + "".join(printed)
            assert time.monotonic() < deadline, "no link within 10 minutes:\n" + "".join(printed)
            try:
                printed.append(lines.get(timeout=1))
            except queue.Empty:
                continue
        time.sleep(1)  # the lines printed right after the link
        while not lines.empty():
            printed.append(lines.get())
        key = (data / "demo-shop.key").read_text(encoding="utf-8").strip()
        yield SimpleNamespace(url=f"http://127.0.0.1:{port}", printed="".join(printed), key=key)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def page(browser) -> Iterator:
    with watched_page(browser, timeout_ms=60_000) as page:
        yield page


def test_the_printed_link_opens_a_signed_in_inbox_and_a_populated_review_queue(served, page):
    links = LINK.findall(served.printed)
    assert len(links) == 1, f"expected one loopback URL, got {links}:\n{served.printed}"
    link = links[0]
    assert link.startswith(f"{served.url}/start#token=") and served.key not in served.printed

    page.goto(link)
    # the sign-in touches no model: it is answered at once, while the fresh server still warms up (bench/first_run.py)
    page.wait_for_url(f"{served.url}/demo/chat", timeout=60_000)
    assert "token" not in page.url and served.key not in page.url
    panel = page.frame_locator("#assist-panel")
    first = panel.locator("#sec-suggestions .suggestion").first
    first.wait_for(timeout=180_000)  # the first card loads the real models
    assert first.inner_text().strip()
    expect(panel.locator("#banner.error")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('assist.apiKey')") == served.key
    if os.environ.get("ASSIST_SCREENSHOT_DIR"):  # ASSIST_SCREENSHOT_DIR=docs/img refreshes the README's image
        page.wait_for_timeout(1500)  # let the panel's streamed parts settle
        page.screenshot(path=str(Path(os.environ["ASSIST_SCREENSHOT_DIR"]) / "first-run.png"))

    conversations = (Path(__file__).parent.parent / "examples/demo-shop/conversations.jsonl").read_text("utf-8")
    expected = len([line for line in conversations.splitlines() if line.strip()])
    page.goto(f"{served.url}/review")
    expect(page.locator("#reviews li")).to_have_count(min(expected, 50))
    expect(page.locator("#list-state")).to_contain_text(f"{expected} scored conversations")
    assert page.locator("#login").is_hidden()


def test_the_link_works_once_and_the_url_never_sets_the_key_or_backend(served, page):
    token = LINK.findall(served.printed)[0].split("#token=", 1)[1]
    httpx.post(f"{served.url}/v1/demo/session", json={"token": token}, timeout=30)  # spent (if the test above did not)
    page.goto(f"{served.url}/start#token={token}")
    expect(page.locator("#start-error")).to_contain_text("already used")
    assert page.evaluate("localStorage.getItem('assist.apiKey')") is None

    page.goto(f"{served.url}/extension/sidepanel.html?key=ak_from_the_url&backend=http://127.0.0.1:9")
    page.wait_for_load_state("load")
    assert page.evaluate("localStorage.getItem('assist.apiKey')") is None
    assert page.evaluate("localStorage.getItem('assist.backendUrl')") is None
    assert "key=" not in page.url and "backend=" not in page.url
    expect(page.locator("#assist-backend-notice")).to_have_count(0)

    # a different backend only from the Options page, and then every page says which
    other = f"http://127.0.0.1:{free_port()}"
    save_settings(page, served.url, served.key, backend=other, agent_language=None)
    page.goto(f"{served.url}/review")
    expect(page.locator("#assist-backend-notice")).to_contain_text(f"Backend: {other}")


def test_the_printed_lines_name_the_key_file_not_the_key(served):
    assert served.key not in served.printed
    assert "demo-shop.key" in served.printed
