"""The sidebar, the demo chat page and the QA review page in a real browser (Debian's Chromium,
driven by Playwright) against the real server on 127.0.0.1 with the demo shop loaded.

Skipped when /usr/bin/chromium is missing (`.ci/run` installs it). Screenshots go to a temporary
folder; set ASSIST_SCREENSHOT_DIR=docs/img to refresh the README's images (that run also uses the
real multilingual embedder, so the policy passages shown are the ones production would retrieve).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import httpx
import pytest
from browser_helpers import (
    BROWSER_MARKS,
    CHROMIUM,
    CHROMIUM_ARGS,
    demo_conversation,
    free_port,
    open_conversation,
    review_login,
    save_settings,
)
from playwright.sync_api import expect

from assist.config import REPO_ROOT

PAGES = Path(__file__).parent / "browser_pages"
BAD_DRAFT = "das ist nicht unser Problem. Schreiben Sie mir auf WhatsApp: +49 151 23456789"

pytestmark = BROWSER_MARKS


def test_panel_reports_a_rejected_key_and_an_unreachable_backend(page, server):
    save_settings(page, server.url, "ak_wrong")
    panel = open_conversation(page, server.url, "conv-003")
    assert "API key rejected, check Options" in panel.locator("#banner.error").inner_text()

    closed = f"http://127.0.0.1:{free_port()}"
    save_settings(page, server.url, server.key, backend=closed)
    open_conversation(page, server.url, "conv-003")
    assert f"Cannot reach backend at {closed}" in panel.locator("#banner.error").inner_text()


def test_options_page_tests_the_connection(page, server):
    save_settings(page, server.url, server.key)
    page.click("#test")
    page.wait_for_selector("#result:has-text('Connected to shop \"demo\"')")


def test_panel_inserts_a_suggestion_and_checks_the_draft(page, server, shots):
    save_settings(page, server.url, server.key)
    conversation = demo_conversation("conv-001")
    # the card: translation from German, intent chips, the order, policy passages, suggestions
    panel = open_conversation(page, server.url, "conv-001", wait_for="#sec-suggestions .suggestion")
    assert "German" in panel.locator("#lang-pair").inner_text()
    assert panel.locator("#intent-chips .chip.intent").count() == 1
    assert conversation["order_ids"][0] in panel.locator("#order").inner_text()
    assert panel.locator("#policies li code").count() >= 1
    assert panel.locator("#summary").inner_text().strip()

    # Insert: the reply lands in the chat's input box, and the panel reports it
    first = panel.locator(".suggestion").first
    reply = first.locator(".reply").inner_text()
    with page.expect_response(lambda r: r.url.endswith("/v1/feedback") and r.request.method == "POST") as fb:
        first.locator("button.insert").click()
    assert fb.value.ok, fb.value.text()
    assert json.loads(fb.value.request.post_data or "{}")["action"] == "inserted"
    assert page.input_value("#reply-input") == reply
    expect(panel.locator("#draft-state")).to_have_text(re.compile(r"^(no issues|\d+ issues?)$"))

    # fresh replies streamed over SSE (fetch + ReadableStream in the panel)
    with page.expect_response(lambda r: r.url.endswith("/v1/suggestions")) as streamed:
        panel.locator("#more-replies").click()
    assert streamed.value.headers["content-type"].startswith("text/event-stream")
    expect(panel.locator(".suggestion").first).to_be_visible()
    assert panel.locator("#banner.error").count() == 0

    # a bad draft typed into the page: the panel shows the warnings with their evidence
    page.fill("#reply-input", "")
    page.click("#reply-input")
    page.keyboard.type(BAD_DRAFT, delay=5)
    rules = panel.locator('.issue[data-check="marketplace_rules"]').first
    rules.wait_for()
    assert rules.locator("mark").first.inner_text() in {"WhatsApp", "+49 151 23456789"}
    assert panel.locator('.issue[data-check="tone"] mark').first.inner_text() == "nicht unser Problem"
    page.screenshot(path=str(shots / "panel.png"))
    page.set_viewport_size({"width": 1440, "height": 3400})  # the whole card, for the README
    panel.locator("body").evaluate("() => window.scrollTo(0, 0)")
    page.locator("#assist-dock").screenshot(path=str(shots / "panel-card.png"))
    page.set_viewport_size({"width": 1440, "height": 900})

    # sending the edited text reports 'edited' with the final text
    with page.expect_response(lambda r: r.url.endswith("/v1/feedback")) as fb:
        page.click("#send-button")
    sent = json.loads(fb.value.request.post_data or "{}")
    assert sent["action"] == "edited" and sent["final_text"] == BAD_DRAFT
    assert page.locator(".msg.agent .text").last.inner_text() == BAD_DRAFT


def test_review_page_overrides_a_category(page, server, shots):
    cards = {}
    for conv_id in ("conv-035", "conv-008", "conv-003", "conv-019"):
        scored = httpx.post(
            f"{server.url}/v1/qa/score", json={"conversation": demo_conversation(conv_id)}, headers=server.auth
        )
        assert scored.status_code == 200, scored.text
        cards[conv_id] = scored.json()
    review_id = cards["conv-019"]["id"]
    category = next(c for c in cards["conv-019"]["categories"] if c.get("applicable", True))
    failing = next(
        c["name"] for c in cards["conv-019"]["categories"] if not c["passed"] and c["name"] != category["name"]
    )
    expected = {
        cid for cid, card in cards.items() if any(c["name"] == failing and not c["passed"] for c in card["categories"])
    }

    review_login(page, server.url, server.key)
    expect(page.locator("#reviews li")).to_have_count(len(cards))
    # the "failed category" filter asks the API for reviews failing that category only
    page.select_option("#filters select[name=category]", failing)
    with page.expect_response(lambda r: "/v1/qa/reviews?" in r.url and f"category={failing}" in r.url):
        page.click("#filters button[type=submit]")
    expect(page.locator("#reviews li")).to_have_count(len(expected))
    listed = {t.split()[0] for t in page.locator("#reviews li .row1 b").all_inner_texts()}
    assert listed == expected
    page.select_option("#filters select[name=category]", "")
    page.click("#filters button[type=submit]")
    expect(page.locator("#reviews li")).to_have_count(len(cards))

    page.fill("#reviewer", "Mara")
    page.locator("#reviewer").dispatch_event("change")
    page.locator(f'#reviews li[data-review-id="{review_id}"] a').click()
    card = page.locator(f'.cat[data-category="{category["name"]}"]')
    card.wait_for()
    assert page.locator(".thread mark").count() >= 1  # evidence highlighted in the messages

    flipped = not category["passed"]
    card.locator("input[name=score]").fill(str(category["max"] if flipped else 0))
    card.locator("input[name=passed]").set_checked(flipped)
    card.locator("input[name=comment]").fill("Checked by hand: see message 2")
    card.locator("button[type=submit]").click()
    page.wait_for_selector(f'.cat[data-category="{category["name"]}"] .tag.rev')
    expect(page.locator("#agreement-table tbody tr")).to_have_count(1)  # one reviewed category so far
    expect(page.locator("#agreement")).to_contain_text("1 reviewed")
    page.screenshot(path=str(shots / "review.png"))

    stored = httpx.get(f"{server.url}/v1/qa/reviews/{review_id}", headers=server.auth).json()
    override = next(c for c in stored["categories"] if c["name"] == category["name"])["override"]
    assert override["reviewer"] == "Mara"
    assert override["passed"] is flipped
    assert override["comment"] == "Checked by hand: see message 2"
    assert stored["reviewed"] is True


def test_review_page_shows_the_overall_score_with_its_evidence(page, server):
    from test_quality_overall import rated_dialogues

    from assist.quality.overall import model_path
    from assist.quality.overall_training import load_ratings_file, train

    data_dir = server.services.settings.data_dir
    (data_dir / "rated.json").write_text(json.dumps(rated_dialogues(40)), encoding="utf-8")
    model = train(load_ratings_file(data_dir / "rated.json"), server.services.embedder, seed=2)
    path = model_path(data_dir)
    model.save(path)
    try:
        scored = httpx.post(
            f"{server.url}/v1/qa/score", json={"conversation": demo_conversation("conv-003")}, headers=server.auth
        ).json()
        assert scored["overall_engine"] == "model"
        review_login(page, server.url, server.key, f"?review={scored['id']}")
        overall = page.locator(".cat.overall")
        expect(overall).to_contain_text(f"{scored['overall']:.1f} / 5")
        expect(overall).to_contain_text(f"on {model.info['labels']} labels")
        expect(overall.locator(".drivers li")).to_have_count(len(scored["overall_drivers"]))
        first = scored["overall_drivers"][0]
        expect(overall.locator(".drivers li").first).to_contain_text(first["label"])
    finally:
        path.unlink()


@pytest.mark.parametrize(
    ("fixture", "adapter", "expected"),
    [
        (
            "shopify_inbox.html",
            "shopify-inbox.js",
            {
                "id": "gid-8812",
                "channel": "shopify_chat",
                "customer": {"name": "Ana Souza", "id": "cust-77"},
                "order_ids": ["NL-105359"],
                "messages": [
                    {
                        "role": "customer",
                        "text": "Olá! Onde está a minha encomenda?",
                        "sent_at": "2026-11-20T09:00:00Z",
                    },
                    {"role": "agent", "text": "Olá Ana, vou verificar.", "sent_at": "2026-11-20T09:05:00Z"},
                    {"role": "customer", "text": "Obrigada <3"},
                ],
            },
        ),
        (
            "ebay_messages.html",
            "ebay-messages.js",
            {
                "id": "ebay-item-3141592653",
                "channel": "ebay",
                "customer": {"id": "kurt_b_1970", "name": "Kurt B."},
                "order_ids": ["NL-105875"],
                "messages": [
                    {"role": "customer", "text": "Es fehlt ein Filter im Paket.", "sent_at": "2026-11-19T08:00:00Z"},
                    {"role": "agent", "text": "Danke, wir prüfen das.", "sent_at": "2026-11-19T09:00:00Z"},
                ],
            },
        ),
    ],
)
def test_site_adapters_read_the_thread_and_insert_replies(page, fixture, adapter, expected):
    origin = "http://chat.example.test"
    files = {
        "/page.html": (PAGES / fixture, "text/html"),
        "/bridge.js": (REPO_ROOT / "extension/content/bridge.js", "text/javascript"),
        "/adapter.js": (REPO_ROOT / "extension/content" / adapter, "text/javascript"),
    }

    def serve(route):
        path = "/" + route.request.url.split("/", 3)[3]
        body, kind = files[path]
        route.fulfill(body=body.read_bytes(), content_type=kind)

    page.route(f"{origin}/**", serve)
    page.goto(f"{origin}/page.html")
    page.add_script_tag(url=f"{origin}/bridge.js")
    page.add_script_tag(url=f"{origin}/adapter.js")
    ask = """([type, extra]) => new Promise((resolve) => {
        const id = 'q' + Math.random();
        addEventListener('message', function on(e) {
          if (e.data && e.data.replyTo === id) { removeEventListener('message', on); resolve(e.data); }
        });
        postMessage(Object.assign({assist: 'panel', id, type}, extra), location.origin);
    })"""
    answer = page.evaluate(ask, ["assist:getConversation", {}])
    assert answer["ok"] and answer["conversation"] == expected
    assert page.evaluate(ask, ["assist:insert", {"text": "Olá — 你好 <b>x</b>"}])["ok"]
    box = page.evaluate(ask, ["assist:getDraft", {}])
    assert box["draft"] == "Olá — 你好 <b>x</b>"


def test_unpacked_extension_side_panel_drives_the_demo_page(pw, server, tmp_path):
    """The real extension: MV3 service worker, content script on the demo page, the side panel page
    (opened as a tab for tab ``?tab=<id>``, since a side panel needs a user gesture) calling the API
    from its chrome-extension:// origin (CORS), Insert through chrome.tabs.sendMessage and the draft
    coming back through chrome.runtime messages."""
    extension = REPO_ROOT / "extension"
    context = pw.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        headless=True,
        args=[*CHROMIUM_ARGS, f"--disable-extensions-except={extension}", f"--load-extension={extension}"],
    )
    try:
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
        extension_id = worker.url.split("/")[2]
        before = {tab["id"] for tab in worker.evaluate("chrome.tabs.query({})")}

        demo = context.new_page()
        demo.goto(f"{server.url}/demo/chat?c=conv-003&panel=0")
        (tab_id,) = [tab["id"] for tab in worker.evaluate("chrome.tabs.query({})") if tab["id"] not in before]
        # background.js enables the panel for the tab once the content script announces the page
        deadline = time.monotonic() + 10
        while not worker.evaluate(f"chrome.sidePanel.getOptions({{tabId: {tab_id}}})").get("enabled"):
            assert time.monotonic() < deadline, "the side panel was not enabled on the demo page"
            time.sleep(0.1)

        options = context.new_page()
        extension_options = f"chrome-extension://{extension_id}/options.html"
        save_settings(options, server.url, server.key, agent_language=None, options_page=extension_options)

        panel = context.new_page()
        errors: list[str] = []
        panel.on("pageerror", lambda exc: errors.append(str(exc)))
        panel.goto(f"chrome-extension://{extension_id}/sidepanel.html?tab={tab_id}")
        first = panel.locator(".suggestion").first
        first.wait_for(timeout=120_000)  # the extension's first card took over 30 s once on a loaded CI machine
        reply = first.locator(".reply").inner_text()
        first.locator("button.insert").click()
        expect(demo.locator("#reply-input")).to_have_value(reply)

        demo.fill("#reply-input", "")
        demo.click("#reply-input")
        demo.keyboard.type("Schreiben Sie mir auf WhatsApp", delay=5)
        issue = panel.locator('.issue[data-check="marketplace_rules"] mark').first
        expect(issue).to_have_text("WhatsApp")
        assert not errors, f"JavaScript errors in the side panel: {errors}"
    finally:
        context.close()
