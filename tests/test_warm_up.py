"""What the server loads before its first request: the reading aid's dictionaries for the buyer
languages a deployment names (ASSIST_READING_AID_LANGUAGES), the others on first use."""

from __future__ import annotations

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
