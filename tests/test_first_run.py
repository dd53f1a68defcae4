"""A newcomer's first run, without a browser: the demo shop is loaded and scored, and the one-time
sign-in link that `assist serve` prints trades its token for the demo key exactly once, only on
loopback. (tests/test_browser_first_run.py opens the same link in Chromium.)"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from assist.config import Settings
from assist.demo import LOGIN_TTL_S, ensure_demo_shop, issue_login_token, redeem_login_token
from assist.errors import InvalidInput, Unauthorized

LOOPBACK = ("127.0.0.1", 50000)


@pytest.fixture(scope="module")
def world(tmp_path_factory, demo_data) -> Iterator[SimpleNamespace]:
    """One demo shop, loaded and scored by ``ensure_demo_shop`` once per session (that is the slow part)."""
    from api.app import create_app
    from assist.services import Services
    from retrievers.embeddings import FakeEmbedder

    data_dir = demo_data.copy_to(tmp_path_factory.mktemp("first-run") / "data")
    settings = Settings(data_dir=data_dir, environment="test", rate_limit_per_minute=0)
    services = Services(settings, embedder=FakeEmbedder())
    key = ensure_demo_shop(services)
    assert key
    yield SimpleNamespace(services=services, app=create_app(services=services), key=key)
    services.close()


@pytest.fixture
def demo(world) -> str:
    return world.key


def _client(app, host: str = "127.0.0.1", peer: tuple[str, int] = LOOPBACK) -> TestClient:
    return TestClient(app, base_url=f"http://{host}:8000", client=peer)


@pytest.fixture
def loopback(world) -> Iterator[TestClient]:
    with _client(world.app) as c:
        yield c


def test_demo_load_scores_every_conversation_so_the_review_queue_is_populated(world, demo, loopback):
    services = world.services
    conversations = [
        line
        for line in (services.settings.demo_shop_dir / "conversations.jsonl").read_text("utf-8").splitlines()
        if line
    ]
    listed = loopback.get("/v1/qa/reviews", params={"limit": 200}, headers={"Authorization": f"Bearer {demo}"})
    assert listed.status_code == 200, listed.text
    body = listed.json()
    items = body["items"] if isinstance(body, dict) else body
    assert len(items) == len(conversations) >= 30
    # a second start neither re-scores nor duplicates
    assert ensure_demo_shop(services) == demo
    again = loopback.get("/v1/qa/reviews", params={"limit": 200}, headers={"Authorization": f"Bearer {demo}"}).json()
    assert len(again["items"] if isinstance(again, dict) else again) == len(items)


def test_the_sign_in_is_answered_while_the_models_warm_up_and_model_requests_wait(world, demo, loopback):
    services = world.services
    token = issue_login_token(services)
    signed_in: list[dict] = []
    order: list[int] = []
    services.warm.clear()  # a fresh server's warm-up runs
    try:
        sign_in = threading.Thread(
            target=lambda: signed_in.append(loopback.post("/v1/demo/session", json={"token": token}).json())
        )
        sign_in.start()
        sign_in.join(30)
        assert signed_in == [{"key": demo, "shop": "demo"}]  # answered before the warm-up ends
        headers = {"Authorization": f"Bearer {demo}"}
        ask = threading.Thread(
            target=lambda: order.append(loopback.get("/v1/orders/NO-SUCH", headers=headers).status_code)
        )
        ask.start()
        ask.join(0.5)
        assert order == []  # a request that may need the models still waits for them
    finally:
        services.warm.set()
    ask.join(10)
    assert order == [404]


def test_the_printed_token_buys_the_demo_key_once(world, demo, loopback):
    services = world.services
    token = issue_login_token(services)
    assert demo not in token
    first = loopback.post("/v1/demo/session", json={"token": token})
    assert first.status_code == 200, first.text
    assert first.json() == {"key": demo, "shop": "demo"}
    assert loopback.get("/v1/me", headers={"Authorization": f"Bearer {first.json()['key']}"}).json()["shop"] == "demo"

    second = loopback.post("/v1/demo/session", json={"token": token})
    assert second.status_code == 401
    assert "already used" in second.json()["detail"] and "assist serve" in second.json()["detail"]


def test_a_wrong_token_is_refused_and_does_not_spend_the_real_one(world, loopback):
    services = world.services
    token = issue_login_token(services)
    wrong = loopback.post("/v1/demo/session", json={"token": token[:-2] + "xx"})
    assert wrong.status_code == 401
    assert loopback.post("/v1/demo/session", json={"token": token}).status_code == 200


def test_a_new_link_replaces_the_old_one(world, loopback):
    services = world.services
    old = issue_login_token(services)
    new = issue_login_token(services)
    assert loopback.post("/v1/demo/session", json={"token": old}).status_code == 401
    assert loopback.post("/v1/demo/session", json={"token": new}).status_code == 200


def test_an_expired_token_is_refused(world):
    services = world.services
    now = [1_000_000.0]
    token = issue_login_token(services, clock=lambda: now[0])
    now[0] += LOGIN_TTL_S + 1
    with pytest.raises(Unauthorized, match="expired"):
        redeem_login_token(services, token, clock=lambda: now[0])


def test_only_loopback_may_redeem(world):
    app, services = world.app, world.services
    token = issue_login_token(services)
    with _client(app, peer=("203.0.113.7", 40000)) as remote:
        refused = remote.post("/v1/demo/session", json={"token": token})
    assert refused.status_code == 403 and "only works on this machine" in refused.json()["detail"]
    with _client(app, host="assist.example.com") as rebound:  # a loopback peer but a foreign Host (DNS rebinding)
        assert rebound.post("/v1/demo/session", json={"token": token}).status_code == 403
    with _client(app) as local:  # the refusals did not spend it
        assert local.post("/v1/demo/session", json={"token": token}).status_code == 200


def test_no_demo_shop_no_key(services, app):
    token = issue_login_token(services)
    with _client(app) as loopback:
        response = loopback.post("/v1/demo/session", json={"token": token})
    assert response.status_code == 503 and "demo shop is not loaded" in response.json()["detail"]


def test_bad_session_bodies_are_422(loopback):
    assert loopback.post("/v1/demo/session", json={}).status_code == 422
    assert loopback.post("/v1/demo/session", json={"token": ""}).status_code == 422


def test_start_page_holds_no_key_and_loads_its_script(demo, loopback):
    page = loopback.get("/start")
    assert page.status_code == 200 and demo not in page.text
    assert '<script src="/static/start/start.js"></script>' in page.text
    script = loopback.get("/static/start/start.js")
    assert script.status_code == 200 and "/v1/demo/session" in script.text


def test_extension_files_come_from_the_setting_and_stay_inside_it(world, tmp_path, monkeypatch, loopback):
    services = world.services
    assert loopback.get("/extension/api.js").status_code == 200
    assert loopback.get("/extension/../assist/config.py").status_code == 404
    assert loopback.get("/extension/%2e%2e/%2e%2e/pyproject.toml").status_code == 404
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "api.js").write_text("// custom", encoding="utf-8")
    monkeypatch.setattr(services, "settings", services.settings.model_copy(update={"extension_dir": tmp_path / "ext"}))
    assert loopback.get("/extension/api.js").text == "// custom"
    monkeypatch.setattr(services, "settings", services.settings.model_copy(update={"extension_dir": tmp_path / "no"}))
    missing = loopback.get("/extension/api.js")
    assert missing.status_code == 503 and "ASSIST_EXTENSION_DIR" in missing.json()["detail"]


def test_missing_resources_name_the_setting_to_fix(tmp_path: Path, services):
    with pytest.raises(ValueError, match="ASSIST_PROMPTS_DIR"):
        Settings(data_dir=tmp_path, environment="test", prompts_dir=tmp_path / "nowhere")
    with pytest.raises(InvalidInput, match="ASSIST_DEMO_SHOP_DIR"):
        ensure_demo_shop(services, tmp_path / "nowhere")
