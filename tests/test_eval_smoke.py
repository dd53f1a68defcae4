"""The CI smoke suite through the real command line, on the embedded offline models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

SMOKE = Path(__file__).resolve().parent.parent / "evals" / "suites" / "smoke.yaml"


@pytest.mark.slow
def test_smoke_suite_runs_offline_and_holds_its_thresholds(tmp_path, monkeypatch):
    from assist.cli import app

    monkeypatch.setenv("ASSIST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSIST_ENVIRONMENT", "test")
    for name in ("ASSIST_LLM_BASE_URL", "ASSIST_LLM_MODEL", "ASSIST_LLM_LOCAL", "ASSIST_GRADER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    from assist.config import get_settings

    get_settings.cache_clear()
    out = tmp_path / "run"
    result = CliRunner().invoke(app, ["eval", "run", str(SMOKE), "--report", str(out), "--quiet"])
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    for name in ("report.html", "results.jsonl", "summary.json"):
        assert (out / name).is_file(), name
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert {s["name"] for s in summary["suites"]} >= {"intent_multilingual", "translation_en_pt", "retrieval"}
    for item in summary["suites"]:
        assert (out / item["report"]).is_file() and item["cases"] > 0
    assert "intent_multilingual" in (out / "report.html").read_text(encoding="utf-8")
