"""The sidebar shows the shop's policy facts behind the current intent, each with its sentence, and marks
facts set by hand; in Debian's Chromium against the real server with the demo shop (facts read from its
policies at load). Skipped like tests/test_browser.py when Chromium is missing."""

from __future__ import annotations

import time

import httpx
from test_browser import (  # noqa: F401  (fixtures shared with the sidebar's main browser test)
    _save_settings,
    browser,
    page,
    pw,
    pytestmark,
    server,
)

from assist.shop_facts import apply_settings
from assist.store import shops as shop_rows


def _api_facts(server, intent: str) -> list[dict]:  # noqa: F811
    answer = httpx.get(f"{server.url}/v1/policies/facts", params={"intent": intent}, headers=server.auth, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["facts"]


def _panel_facts(panel) -> list[tuple[str, str]]:
    items = panel.locator("#facts li.fact")
    return [
        (items.nth(i).locator("code").inner_text(), items.nth(i).locator(".fact-value").inner_text())
        for i in range(items.count())
    ]


def test_panel_shows_the_facts_behind_the_intent_with_their_sentences(page, server):  # noqa: F811
    _save_settings(page, server, server.key)
    page.goto(f"{server.url}/demo/chat?c=conv-021")
    panel = page.frame_locator("#assist-panel")
    panel.locator("#sec-facts").wait_for()
    intent = panel.locator("#facts-intent").inner_text().removeprefix("for ").strip()
    assert intent == "cancel_order"
    listed = {(f["slot"], f["value_text"]): f["sentence"] for f in _api_facts(server, intent)}
    shown = _panel_facts(panel)
    assert shown and all(item in listed for item in shown), (shown, list(listed))
    assert ("cancellation.window", "2 hour") in shown  # read from the demo policies, no settings file
    first = panel.locator("#facts li.fact").first
    sentence = first.locator("blockquote.fact-sentence").inner_text().strip()
    assert sentence == listed[shown[0]].strip()


def test_a_fact_set_by_hand_shows_as_such_in_the_panel(page, server):  # noqa: F811
    with server.services.db.session() as session:
        apply_settings(shop_rows.get_shop(session, "demo"), {"cancellation.window": "3 hours"})
    _save_settings(page, server, server.key)
    deadline = time.monotonic() + 15  # the key->shop cache may hold the old facts for a few seconds
    while True:
        page.goto(f"{server.url}/demo/chat?c=conv-021")
        panel = page.frame_locator("#assist-panel")
        panel.locator("#sec-facts").wait_for()
        manual = panel.locator("#facts li.fact:has(.badge.manual)")
        if manual.count() or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert panel.locator("#facts-intent").inner_text() == "for cancel_order"
    assert manual.count() == 1
    assert manual.first.locator("code").inner_text() == "cancellation.window"
    assert manual.first.locator(".fact-value").inner_text() == "3 hour"
