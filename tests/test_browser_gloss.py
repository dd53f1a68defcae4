"""The sidebar's word-by-word reading aid (engine 'gloss') under a Japanese and a Chinese buyer's message,
in Debian's Chromium against the real server. Skipped like tests/test_browser.py when Chromium is missing."""

from __future__ import annotations

import re

from browser_helpers import BROWSER_MARKS, demo_conversation, open_conversation, save_settings
from playwright.sync_api import expect

pytestmark = BROWSER_MARKS


def test_reading_aid_is_labelled_under_the_buyers_message_and_expands(page, server, shots):
    save_settings(page, server.url, server.key)
    conversation = demo_conversation("conv-007")  # Japanese: an order id, a date, a customs question
    order = conversation["order_ids"][0]
    panel = open_conversation(page, server.url, "conv-007", wait_for="#message-body .reading-aid")
    aid = panel.locator("#message-body .reading-aid")
    expect(aid.locator(".label")).to_have_text(re.compile("word-by-word reading aid, not a translation", re.I))
    # under the buyer's own words, one line per sentence, the order id kept as written
    assert panel.locator("#message-body .buyer-text + .reading-aid").count() == 1
    lines = aid.locator(".gloss-line")
    assert lines.count() >= 3
    assert order in aid.inner_text()
    assert "customs" in aid.inner_text().lower() or "duty" in aid.inner_text().lower(), "the second ask is readable"

    # a word opens on its source word and its other senses
    word = aid.locator("details.gloss-word.word").first
    word.locator("summary").click()
    expect(word).to_have_attribute("open", "")
    source = word.locator(".gloss-source").inner_text()
    assert source and source in conversation["messages"][-1]["text"]
    assert word.locator(".gloss-senses li").count() >= 1
    page.screenshot(path=str(shots / "reading-aid.png"))

    # replies stay in the buyer's language: no gloss line is offered as reply text
    panel.locator("#sec-suggestions .suggestion").first.wait_for()
    # each of the buyer's asks shows its own reading-aid line
    asks = panel.locator("#asks .ask-gloss")
    expect(asks.first).to_be_visible()
    assert any("customs" in t.lower() or "duty" in t.lower() for t in asks.all_inner_texts())
    glosses = {aid.locator(".gloss-line").nth(i).inner_text() for i in range(lines.count())}
    for reply in panel.locator(".suggestion .reply").all_inner_texts():
        assert reply.strip() not in glosses
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", reply), "a Japanese buyer gets a Japanese reply"


def test_chinese_buyer_gets_the_reading_aid_too(page, server):
    save_settings(page, server.url, server.key)
    panel = open_conversation(page, server.url, "conv-012", wait_for="#message-body .reading-aid")
    aid = panel.locator("#message-body .reading-aid")
    text = aid.inner_text()
    assert "NL-105724" in text and "198" in text
    assert "tax" in text.lower()
