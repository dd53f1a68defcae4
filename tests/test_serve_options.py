"""`assist serve`'s server options. It keeps idle client connections open for ASSIST_KEEP_ALIVE_S (default
75 s): uvicorn's own default (5 s) closed an agent's connection between two requests, and a request sent
just as it closed was reset (seen by the load bench with agents whose gaps sometimes exceed 5 s). With
several workers, a worker may go ASSIST_WORKER_HEALTHCHECK_S (default 60 s) without answering the
supervisor's health check: uvicorn's 5 s killed workers still loading their models on a busy machine."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from assist.cli import app


@pytest.fixture
def started(data_dir, monkeypatch):
    calls: list[dict] = []
    monkeypatch.setenv("ASSIST_LOAD_DEMO", "0")
    monkeypatch.setenv("ASSIST_WARM_UP", "0")
    monkeypatch.setattr("uvicorn.run", lambda target, **options: calls.append(options))
    monkeypatch.setattr("assist.cli.serve._announce_when_up", lambda *args: None)
    return calls


def test_serve_keeps_idle_connections_open_longer_than_a_load_balancer_does(started):
    result = CliRunner().invoke(app, ["serve", "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert started[0]["timeout_keep_alive"] == 75 and started[0]["port"] == 8765


def test_the_keep_alive_is_a_setting(started, monkeypatch):
    monkeypatch.setenv("ASSIST_KEEP_ALIVE_S", "120")
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
    assert started[0]["timeout_keep_alive"] == 120


def test_workers_loading_their_models_get_a_minute_before_the_supervisor_kills_them(started, monkeypatch):
    assert CliRunner().invoke(app, ["serve", "--workers", "2"]).exit_code == 0
    assert started[0]["workers"] == 2 and started[0]["timeout_worker_healthcheck"] == 60
    monkeypatch.setenv("ASSIST_WORKER_HEALTHCHECK_S", "90")
    assert CliRunner().invoke(app, ["serve", "--workers", "2"]).exit_code == 0
    assert started[1]["timeout_worker_healthcheck"] == 90


def test_a_keep_alive_under_one_second_is_refused_naming_the_setting(started, monkeypatch):
    monkeypatch.setenv("ASSIST_KEEP_ALIVE_S", "0")
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code != 0 and not started
    assert "keep_alive_s" in str(result.exception) and "greater than or equal to 1" in str(result.exception)
