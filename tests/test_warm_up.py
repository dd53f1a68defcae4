"""What the server loads before its first request: the reading aid's dictionaries for the buyer
languages a deployment names (ASSIST_READING_AID_LANGUAGES), the others on first use."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.config import Settings
from assist.language import FakeDetector
from assist.services import Services
from assist.translate import TranslationRouter
from retrievers.embeddings import FakeEmbedder


class RecordingGlosser:
    name = "gloss"

    def __init__(self) -> None:
        self.warmed: list[list[str] | None] = []

    def supports(self, source: str, target: str) -> bool:
        return target == "en"

    def unavailable(self, source: str) -> str | None:
        return None

    def warm_up(self, languages: list[str] | None = None) -> None:
        self.warmed.append(languages)

    def gloss(self, text, source, target, order_id_pattern=None):  # type: ignore[no-untyped-def]
        return []


@pytest.mark.parametrize(
    ("setting", "warmed"),
    [(None, [None]), (["ja", "de"], [["ja", "de"]]), ([], [])],
    ids=["all six by default", "the shop's languages", "none at start"],
)
def test_warm_up_loads_the_reading_aid_languages_a_deployment_names(tmp_path, setting, warmed):
    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False, reading_aid_languages=setting)
    glosser = RecordingGlosser()
    translator = TranslationRouter(FakeDetector(default="de"), [], gloss=glosser)
    services = Services(settings, embedder=FakeEmbedder(), translator=translator)
    services.warm_up()  # what `assist serve` runs before its first request
    assert glosser.warmed == warmed


def test_the_setting_reads_a_json_list_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSIST_READING_AID_LANGUAGES", '["zh"]')
    monkeypatch.setenv("ASSIST_DATA_DIR", str(tmp_path))
    assert Settings().reading_aid_languages == ["zh"]


class OrderRecordingGlosser(RecordingGlosser):
    """Records, when the warm-up reaches the reading aid, whether a card could already be answered."""

    def __init__(self, services_box: list[Services]) -> None:
        super().__init__()
        self.box = services_box
        self.states: list[tuple[bool, bool]] = []

    def warm_up(self, languages: list[str] | None = None) -> None:
        services = self.box[0]
        self.states.append((services.card_ready.is_set(), services.warm.is_set()))


def test_a_card_is_ready_before_the_reading_aid_dictionaries_load(tmp_path):
    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False)
    box: list[Services] = []
    glosser = OrderRecordingGlosser(box)
    translator = TranslationRouter(FakeDetector(default="de"), [], gloss=glosser)
    services = Services(settings, embedder=FakeEmbedder(), translator=translator)
    box.append(services)
    services.start_warm_up().join(300)
    assert glosser.states == [(True, False)]  # the card waits no longer; the rest of /v1 still does
    assert services.card_ready.is_set() and services.warm.is_set()
    # after the card steps: the reading aid, then the second encoder and its readers (the languages USE does not read)
    assert list(services.warm_up_seconds)[-2:] == ["reading aid", "unread languages"]


def _warming_shop(tmp_path: Path) -> tuple[Services, str]:
    """Services that warm up when the app starts, and the API key of their one shop ("alpha")."""
    from assist.store import shops

    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False, warm_up=True, rate_limit_per_minute=0)
    services = Services(settings, embedder=FakeEmbedder())
    with services.db.session() as session:
        _, key = shops.create_shop(session, "alpha", {})
    return services, key


def test_the_card_waits_for_its_own_needs_and_other_calls_for_the_whole_warm_up(tmp_path, monkeypatch):
    import threading

    from fastapi.testclient import TestClient

    from api.app import create_app

    services, key = _warming_shop(tmp_path)
    card_steps, rest = threading.Event(), threading.Event()

    def warm_up() -> None:
        card_steps.wait(10)
        services.card_ready.set()
        rest.wait(10)

    monkeypatch.setattr(services, "_warm_up", warm_up)
    headers = {"Authorization": f"Bearer {key}"}
    with TestClient(create_app(services=services)) as client:
        cards: list[int] = []
        others: list[int] = []
        card = threading.Thread(
            target=lambda: cards.append(client.post("/v1/assist", json={}, headers=headers).status_code)
        )
        other = threading.Thread(
            target=lambda: others.append(client.get("/v1/orders/NL-1", headers=headers).status_code)
        )
        card.start()
        other.start()
        card.join(0.5)
        assert cards == [] and others == []  # both wait while the card's needs load
        card_steps.set()
        card.join(10)
        assert cards == [422]  # answered (an empty body is refused) while the warm-up goes on
        other.join(0.5)
        assert others == []
        rest.set()
        other.join(10)
        assert others == [404]


def test_the_review_queue_and_sign_in_check_are_answered_during_the_warm_up(tmp_path, monkeypatch):
    import threading

    from fastapi.testclient import TestClient

    from api.app import create_app

    services, key = _warming_shop(tmp_path)
    done = threading.Event()
    monkeypatch.setattr(services, "_warm_up", lambda: done.wait(10))
    headers = {"Authorization": f"Bearer {key}"}
    with TestClient(create_app(services=services)) as client:
        try:
            assert client.get("/v1/me", headers=headers).json()["shop"] == "alpha"
            assert client.get("/v1/qa/reviews", headers=headers).json()["total"] == 0
            assert client.get("/v1/qa/agreement", headers=headers).status_code == 200
            assert not done.is_set()  # all three answered while the models still load
        finally:
            done.set()
