"""``assist qa score``: batch scorecards through the CLI (CliRunner), local and Ray engines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from ci_required import unavailable
from typer.testing import CliRunner

from assist.cli import app
from assist.errors import ServiceUnavailable
from assist.quality.batch import BatchOptions, score_file

runner = CliRunner()


def write_conversations(path: Path, n: int = 6, bad_line: bool = True) -> None:
    rows = []
    for i in range(n):
        rude = i % 3 == 0
        rows.append(
            json.dumps(
                {
                    "id": f"c{i}",
                    "channel": "ebay",
                    "customer": {"language": "en"},
                    "messages": [
                        {"role": "customer", "text": "Where is my parcel?", "sent_at": "2026-05-04T10:00:00Z"},
                        {
                            "role": "agent",
                            "author": "bob" if i % 2 else "amy",
                            "sent_at": f"2026-05-04T10:{10 + i:02d}:00Z",
                            "text": "That's your problem, you idiot."
                            if rude
                            else "Hi, sorry for the wait! It arrives tomorrow. Let me know if you need anything else.",
                        },
                    ],
                }
            )
        )
    if bad_line:
        rows.insert(2, "{not json")
        rows.append(json.dumps({"messages": []}))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_score_jsonl_in_input_order_with_error_records(tmp_path: Path) -> None:
    src, out = tmp_path / "convs.jsonl", tmp_path / "cards.jsonl"
    write_conversations(src)
    result = runner.invoke(app, ["qa", "score", str(src), "--out", str(out), "--tone", "lexicon", "--no-progress"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in lines] == [1, 2, 3, 4, 5, 6, 7, 8]
    errors = [r for r in lines if "error" in r]
    assert [r["line"] for r in errors] == [3, 8] and "messages" in errors[1]["error"]
    cards = {r["conversation_id"]: r for r in lines if "error" not in r}
    assert cards["c0"]["total"] < cards["c1"]["total"] and cards["c1"]["agents"] == ["bob"]
    assert "scored 6 conversations (2 errors)" in result.output


def test_score_csv_has_a_column_per_category(tmp_path: Path) -> None:
    src, out = tmp_path / "convs.jsonl", tmp_path / "cards.csv"
    write_conversations(src, bad_line=False)
    result = runner.invoke(
        app, ["qa", "score", str(src), "--out", str(out), "--tone", "lexicon", "--no-progress", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 6 and rows[0]["conversation_id"] == "c0"
    assert float(rows[0]["tone"]) == 0 and float(rows[1]["tone"]) == 15
    assert "tone" in rows[0]["failed_categories"].split()


def test_bad_options_exit_2(tmp_path: Path) -> None:
    src = tmp_path / "convs.jsonl"
    write_conversations(src)
    bad_card = tmp_path / "card.yaml"
    bad_card.write_text("categories: {speed: {weight: 1}}\n", encoding="utf-8")
    for args, message in (
        (["--engine", "spark"], "unknown engine 'spark'"),
        (["--scorecard", str(bad_card)], "unknown category speed"),
        (["--tone", "magic"], "--tone"),
    ):
        result = runner.invoke(app, ["qa", "score", str(src), "--no-progress", *args])
        assert result.exit_code == 2 and message in result.output, result.output
    result = runner.invoke(app, ["qa", "score", str(tmp_path / "missing.jsonl"), "--no-progress"])
    assert result.exit_code == 2 and "not found" in result.output


@pytest.mark.slow
def test_ray_engine_gives_the_same_scorecards(tmp_path: Path) -> None:
    try:
        import ray  # noqa: F401
    except ImportError:
        unavailable("Ray is not installed (pip install '.[ray]')")
    src = tmp_path / "convs.jsonl"
    write_conversations(src, n=4)
    options = BatchOptions(tone="lexicon")
    local, remote = io.StringIO(), io.StringIO()
    score_file(src, local, engine="local", options=options, progress=False, chunk_size=2)
    try:
        stats = score_file(src, remote, engine="ray", workers=1, options=options, progress=False, chunk_size=2)
    except ServiceUnavailable as exc:  # Ray allows its raylet 30 s to start; an overloaded box can miss that twice
        unavailable(f"Ray did not start on this machine: {exc}")
    assert stats.scored == 4 and stats.errors == 2
    assert remote.getvalue() == local.getvalue()
