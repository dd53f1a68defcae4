"""What every browser test needs: Debian's Chromium through Playwright, a real server on 127.0.0.1 with
the demo shop, a page that fails its test on any JavaScript error, and the sign-in and panel-wait steps
an agent goes through. The fixtures here are imported by the test_browser*.py modules that use them.

Without /usr/bin/chromium the browser tests skip on a developer's machine; under CI=true they run, and fail.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from ci_required import IN_CI

from assist.config import DEMO_SHOP_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1440, "height": 900}
PANEL = "#assist-panel"

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not IN_CI,
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium; .ci/run installs it)",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def demo_conversation(conv_id: str) -> dict:
    for line in (DEMO_SHOP_DIR / "conversations.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == conv_id:
            return {k: row[k] for k in ("id", "channel", "customer", "order_ids", "messages")}
    raise AssertionError(f"{conv_id} is not in the demo conversations")


# --- the steps an agent goes through ------------------------------------------------------------


def save_settings(
    page: Any,
    url: str,
    key: str,
    backend: str | None = None,
    agent_language: str | None = "en",
    options_page: str | None = None,
) -> None:
    """Sign the panel in: the extension's Options page (the one ``url`` serves, unless ``options_page``)
    with the backend address (``url`` unless ``backend``) and the shop's key."""
    page.goto(options_page or f"{url}/extension/options.html")
    page.fill("#backendUrl", backend or url)
    page.fill("#apiKey", key)
    if agent_language:
        page.select_option("#agentLanguage", agent_language)
    page.click("#save")
    page.wait_for_selector("#result:has-text('Saved.')")


def review_login(page: Any, url: str, key: str, query: str = "") -> None:
    """Open the QA review page (``query``: e.g. ``?review=ID``) and sign in with the shop's key."""
    page.goto(f"{url}/review{query}")
    page.fill("#login-key", key)
    page.click("#login-form button[type=submit]")


def open_conversation(page: Any, url: str, conv_id: str, wait_for: str | None = None) -> Any:
    """The demo chat page on ``conv_id``; returns the docked panel once ``wait_for`` shows in it."""
    page.goto(f"{url}/demo/chat?c={conv_id}")
    panel = page.frame_locator(PANEL)
    if wait_for:
        panel.locator(wait_for).first.wait_for()
    return panel


# --- browser, page, server ----------------------------------------------------------------------


@contextmanager
def watched_page(browser: Any, timeout_ms: int, viewport: dict[str, int] = VIEWPORT) -> Iterator[Any]:
    """A fresh context's page; fails on leaving if the page raised a JavaScript error."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(timeout_ms)
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@contextmanager
def served_app(services: Any) -> Iterator[str]:
    """The app on ``services`` under uvicorn on a free loopback port (in a thread); yields its URL."""
    import uvicorn

    from api.app import create_app

    port = free_port()
    uv = uvicorn.Server(
        uvicorn.Config(create_app(services=services), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def pw() -> Iterator:
    """Playwright's sync API, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:  # one per module: the sync API cannot nest
        yield playwright


@pytest.fixture(scope="module")
def browser(pw) -> Iterator:
    """Debian's Chromium, headless, one per test module."""
    chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh page per test (20 s default timeout) that fails its test on any JavaScript error."""
    with watched_page(browser, timeout_ms=20_000) as page:
        yield page


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: ASSIST_SCREENSHOT_DIR=docs/img refreshes the README's images."""
    wanted = os.environ.get("ASSIST_SCREENSHOT_DIR")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory, demo_data) -> Iterator[SimpleNamespace]:
    """The real server with the demo shop (unscored), its models loaded by one card before any page opens.

    The fake embedder (a copy of the session's demo data), unless ASSIST_SCREENSHOT_DIR is set: that run loads the
    demo with the real multilingual embedder, so the policy passages in the README's screenshots are the ones
    production would retrieve."""
    from assist.config import Settings
    from assist.demo import ensure_demo_shop
    from assist.services import Services
    from retrievers.embeddings import FakeEmbedder

    real = bool(os.environ.get("ASSIST_SCREENSHOT_DIR"))
    data_dir = tmp_path_factory.mktemp("browser-data") / "data"
    if not real:
        demo_data.copy_to(data_dir, scored=False)
    settings = Settings(data_dir=data_dir, environment="test", load_demo=False, rate_limit_per_minute=0)
    services = Services(settings) if real else Services(settings, embedder=FakeEmbedder())
    key = ensure_demo_shop(services, score=False)  # the review tests score their own conversations
    try:
        with served_app(services) as url:
            auth = {"Authorization": f"Bearer {key}"}
            # Load the models once before the browser starts, so that page timeouts measure the pages.
            warm = httpx.post(
                f"{url}/v1/assist",
                json={"conversation": demo_conversation("conv-001"), "agent_language": "en"},
                headers=auth,
                timeout=180,
            )
            assert warm.status_code == 200, warm.text
            yield SimpleNamespace(url=url, key=key, auth=auth, services=services)
    finally:
        services.close()
