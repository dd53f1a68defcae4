"""The sidebar fills in progressively (Debian's Chromium through Playwright, the real server on
127.0.0.1 with the demo shop, and the stub OpenAI-compatible LLM answering every call after 2 s):
the offline card (template replies, gist, template summary) shows at once with "LLM writing…"
badges, then the model's translation, replies and summary replace them, marked as written by the
LLM. Skipped when /usr/bin/chromium is missing (`.ci/run` installs it)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from browser_helpers import BROWSER_MARKS, open_conversation, save_settings, served_app, watched_page
from playwright.sync_api import expect

from assist.config import DEMO_SHOP_DIR
from bench.stub_llm import StubLLM

LLM_DELAY_S = 2.0

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def server(tmp_path_factory, demo_data) -> Iterator[SimpleNamespace]:
    from assist.config import Settings
    from assist.demo import ensure_demo_shop
    from assist.llm.breaker import reset_breakers
    from assist.services import Services
    from retrievers.embeddings import FakeEmbedder

    with StubLLM(delay_s=LLM_DELAY_S) as stub:
        settings = Settings(
            data_dir=demo_data.copy_to(tmp_path_factory.mktemp("progressive-browser") / "data"),
            environment="test",
            load_demo=False,
            rate_limit_per_minute=0,
            llm_base_url=stub.base_url,
            llm_model="stub",
            llm_max_retries=0,
            llm_timeout_s=20,
        )
        services = Services(settings, embedder=FakeEmbedder())
        key = ensure_demo_shop(services)
        reset_breakers()
        try:
            with served_app(services) as url:
                yield SimpleNamespace(url=url, key=key, stub=stub)
        finally:
            services.close()


@pytest.fixture(scope="module")
def page(browser, server) -> Iterator:
    with watched_page(browser, timeout_ms=30_000, viewport={"width": 1440, "height": 1400}) as page:
        yield page


def _german_conversation() -> str:
    for line in (DEMO_SHOP_DIR / "conversations.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["customer"].get("language") == "de" or row["id"] == "conv-001":
            return str(row["id"])
    raise AssertionError("the demo shop has no German conversation")


def test_panel_shows_the_offline_card_then_swaps_in_the_llm_parts(page, server, tmp_path):
    save_settings(page, server.url, server.key)

    calls_before = server.stub.requests
    opened = time.monotonic()
    # 1. the offline card, while the model is still writing: template replies, badges say so
    panel = open_conversation(page, server.url, _german_conversation(), wait_for="#suggestions .suggestion")
    suggestions = panel.locator("#sec-suggestions")
    first_card_s = time.monotonic() - opened
    assert suggestions.get_attribute("data-llm") == "pending", "the LLM parts had already arrived"
    expect(suggestions.locator(".llm-badge")).to_have_text("LLM writing…")
    expect(panel.locator("#sec-summary .llm-badge")).to_have_text("LLM writing…")
    expect(panel.locator("#sec-message .llm-badge")).to_have_text("LLM writing…")
    expect(panel.locator("#suggest-engine")).to_have_text("· template")
    assert panel.locator("#order").inner_text().strip() and panel.locator("#policies li").count() >= 1
    page.locator("#assist-dock").screenshot(path=str(_shots(tmp_path) / "panel-progressive-offline.png"))

    # 2. the model's parts replace them as they arrive, each marked as written by the LLM
    expect(suggestions).to_have_attribute("data-llm", "done", timeout=20_000)
    llm_s = time.monotonic() - opened
    expect(suggestions.locator(".llm-badge")).to_have_text("by LLM · openai")
    expect(panel.locator("#suggest-engine")).to_have_text("· openai")
    expect(panel.locator("#sec-summary")).to_have_attribute("data-llm", "done")
    expect(panel.locator("#sec-message")).to_have_attribute("data-llm", "done")
    expect(panel.locator("#message-body")).to_contain_text("translated by openai")
    expect(panel.locator("#footer")).to_contain_text("suggestions: openai")
    page.locator("#assist-dock").screenshot(path=str(_shots(tmp_path) / "panel-progressive-llm.png"))

    # the model's three calls ran side by side: all done within about one model delay, not three
    assert server.stub.requests - calls_before == 3
    assert llm_s - first_card_s < 2.5 * LLM_DELAY_S, (first_card_s, llm_s)


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("ASSIST_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
