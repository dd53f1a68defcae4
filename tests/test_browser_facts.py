"""The sidebar shows the shop's policy facts behind the current intent, each with its sentence, and marks
facts set by hand; in Debian's Chromium against the real server with the demo shop (facts read from its
policies at load). Skipped like tests/test_browser.py when Chromium is missing."""

from __future__ import annotations

import time

import httpx
from browser_helpers import BROWSER_MARKS, open_conversation, save_settings

from assist.shop_facts import apply_settings
from assist.store import shops as shop_rows

pytestmark = BROWSER_MARKS


def _api_facts(server, intent: str) -> list[dict]:
    answer = httpx.get(f"{server.url}/v1/policies/facts", params={"intent": intent}, headers=server.auth, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["facts"]


def _panel_facts(panel) -> list[tuple[str, str]]:
    items = panel.locator("#facts li.fact")
    return [
        (items.nth(i).locator("code").inner_text(), items.nth(i).locator(".fact-value").inner_text())
        for i in range(items.count())
    ]


def test_panel_shows_the_facts_behind_the_intent_with_their_sentences(page, server):
    save_settings(page, server.url, server.key)
    panel = open_conversation(page, server.url, "conv-021", wait_for="#sec-facts")
    intent = panel.locator("#facts-intent").inner_text().removeprefix("for ").strip()
    assert intent == "cancel_order"
    listed = {(f["slot"], f["value_text"]): f["sentence"] for f in _api_facts(server, intent)}
    shown = _panel_facts(panel)
    assert shown and all(item in listed for item in shown), (shown, list(listed))
    assert ("cancellation.window", "2 hour") in shown  # read from the demo policies, no settings file
    first = panel.locator("#facts li.fact").first
    sentence = first.locator("blockquote.fact-sentence").inner_text().strip()
    assert sentence == listed[shown[0]].strip()


def test_a_fact_set_by_hand_shows_as_such_in_the_panel(page, server):
    with server.services.db.session() as session:
        apply_settings(shop_rows.get_shop(session, "demo"), {"cancellation.window": "3 hours"})
    save_settings(page, server.url, server.key)
    deadline = time.monotonic() + 15  # the key->shop cache may hold the old facts for a few seconds
    while True:
        panel = open_conversation(page, server.url, "conv-021", wait_for="#sec-facts")
        manual = panel.locator("#facts li.fact:has(.badge.manual)")
        if manual.count() or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert panel.locator("#facts-intent").inner_text() == "for cancel_order"
    assert manual.count() == 1
    assert manual.first.locator("code").inner_text() == "cancellation.window"
    assert manual.first.locator(".fact-value").inner_text() == "3 hour"
