"""The browser-facing pages and the extension's files, served by the API (fast; no browser)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from assist.config import DEMO_SHOP_DIR, REPO_ROOT

EXTENSION = REPO_ROOT / "extension"


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Collect()
    parser.feed(html)
    return parser.tags


def demo_conversation(conv_id: str) -> dict:
    for line in (DEMO_SHOP_DIR / "conversations.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == conv_id:
            return row
    raise AssertionError(f"{conv_id} missing from the demo conversations")


def test_demo_chat_renders_the_chosen_conversation(client):
    conv = demo_conversation("conv-003")
    response = client.get("/demo/chat", params={"c": "conv-003"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    tags = parse(response.text)
    root = next(attrs for tag, attrs in tags if "data-assist-conversation" in attrs)
    assert root["data-conversation-id"] == "conv-003"
    assert root["data-customer-name"] == conv["customer"]["name"]
    roles = [attrs["data-role"] for tag, attrs in tags if tag == "li" and "data-role" in attrs]
    assert roles == [m["role"] for m in conv["messages"]]
    assert [a["data-order-id"] for _, a in tags if "data-order-id" in a] == conv["order_ids"]
    assert any(tag == "textarea" and attrs.get("id") == "reply-input" for tag, attrs in tags)
    # the panel is docked as an iframe of the panel page, and the page loads the bridge + demo adapter
    assert any(tag == "iframe" and attrs.get("src", "").startswith("/panel") for tag, attrs in tags)
    scripts = [attrs.get("src") for tag, attrs in tags if tag == "script"]
    assert "/extension/content/bridge.js" in scripts and "/extension/content/demo.js" in scripts


def test_demo_chat_defaults_to_the_first_conversation_and_hides_the_panel_on_request(client):
    first = json.loads((DEMO_SHOP_DIR / "conversations.jsonl").read_text(encoding="utf-8").splitlines()[0])
    response = client.get("/demo/chat", params={"panel": "0"})
    assert response.status_code == 200
    assert f'data-conversation-id="{first["id"]}"' in response.text
    assert "<iframe" not in response.text


def test_demo_chat_escapes_buyer_text(client, services, tmp_path, monkeypatch):
    hostile = {
        "id": "x-1",
        "channel": "chat",
        "customer": {"name": "<b>Eve</b>"},
        "messages": [{"role": "customer", "text": "<script>alert(1)</script> & hi"}],
    }
    (tmp_path / "conversations.jsonl").write_text(json.dumps(hostile) + "\n", encoding="utf-8")
    monkeypatch.setattr(services, "settings", services.settings.model_copy(update={"demo_shop_dir": tmp_path}))
    response = client.get("/demo/chat")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; hi" in response.text
    assert "&lt;b&gt;Eve&lt;/b&gt;" in response.text


def test_unknown_demo_conversation_is_a_clear_404(client):
    response = client.get("/demo/chat", params={"c": "conv-999"})
    assert response.status_code == 404
    assert "conv-999" in response.json()["detail"] and "conv-001" in response.json()["detail"]


def test_review_page_and_its_assets(client):
    response = client.get("/review")
    assert response.status_code == 200
    scripts = [attrs.get("src") for tag, attrs in parse(response.text) if tag == "script"]
    assert scripts == ["/extension/api.js", "/static/review/review.js"]
    for path in scripts + ["/static/review/review.css"]:
        asset = client.get(path)
        assert asset.status_code == 200, path
        assert len(asset.content) > 500


def test_panel_page_mode_redirects_to_the_extension_panel(client):
    response = client.get("/panel", params={"embedded": "1"}, follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/extension/sidepanel.html?embedded=1"
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    scripts = [attrs.get("src") for tag, attrs in parse(page.text) if tag == "script"]
    assert scripts == ["api.js", "panel-link.js", "sidepanel.js"]


@pytest.mark.parametrize(
    "path",
    [
        "api.js",
        "sidepanel.js",
        "sidepanel.css",
        "options.html",
        "options.js",
        "background.js",
        "content/bridge.js",
        "content/demo.js",
        "content/shopify-inbox.js",
        "content/ebay-messages.js",
        "icons/icon48.png",
    ],
)
def test_extension_files_are_served(client, path):
    response = client.get(f"/extension/{path}")
    assert response.status_code == 200
    assert response.content == (EXTENSION / path).read_bytes()


def test_static_mount_does_not_escape_its_folder(client):
    assert client.get("/extension/../pyproject.toml").status_code == 404
    assert client.get("/extension/%2e%2e/pyproject.toml").status_code == 404


def test_whoami_needs_a_valid_key(client, auth):
    assert client.get("/v1/me", headers=auth).json()["shop"] == "alpha"
    bad = client.get("/v1/me", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    assert "invalid API key" in bad.json()["detail"]


def test_manifest_is_a_valid_mv3_side_panel_extension():
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 3
    assert re.fullmatch(r"\d+(\.\d+){0,3}", manifest["version"])
    assert "sidePanel" in manifest["permissions"]
    assert (EXTENSION / manifest["side_panel"]["default_path"]).is_file()
    assert (EXTENSION / manifest["background"]["service_worker"]).is_file()
    assert (EXTENSION / manifest["options_ui"]["page"]).is_file()
    for icon in manifest["icons"].values():
        assert (EXTENSION / icon).is_file()
    # MV3 forbids remote code: every script an extension page loads is a local file.
    for page in ("sidepanel.html", "options.html"):
        for tag, attrs in parse((EXTENSION / page).read_text(encoding="utf-8")):
            if tag == "script":
                src = attrs.get("src")
                assert src and not re.match(r"^(https?:)?//", src), f"{page}: remote or inline script"
                assert (EXTENSION / src).is_file()
    pattern = re.compile(r"^(\*|https?)://(\*|\*\.[^/*]+|[^/*]+)/.*$")
    for entry in manifest["content_scripts"]:
        assert entry["js"][0] == "content/bridge.js", "each adapter needs the bridge first"
        for script in entry["js"]:
            assert (EXTENSION / script).is_file()
        for match in entry["matches"]:
            assert pattern.match(match), match
    demo = next(e for e in manifest["content_scripts"] if "content/demo.js" in e["js"])
    assert "http://127.0.0.1/demo/chat*" in demo["matches"]


def test_extension_scripts_never_write_html():
    """Buyer text reaches the DOM only as text: no innerHTML/outerHTML/insertAdjacentHTML/document.write."""
    sources = list(EXTENSION.rglob("*.js")) + list((REPO_ROOT / "api" / "static").rglob("*.js"))
    assert len(sources) >= 10
    for path in sources:
        text = Path(path).read_text(encoding="utf-8")
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", text), path
