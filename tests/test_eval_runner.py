"""The eval runner end to end on tiny registered tasks: exit codes, streaming results, the report,
the model-call cache and its invalidation, prompt-version comparison, repeats, baselines, memory."""

from __future__ import annotations

import importlib
import json
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assist.config import PROMPTS_DIR, Settings
from assist.llm import text_call
from assist.llm.fake import ScriptedChatModel
from assist.prompts import load_prompt
from evals.runner import RunOptions, run_suite
from evals.scorers import register_scorer
from evals.suite import SuiteError, load_suite, parse_suite
from evals.tasks import Task, register_task

register_task(Task("test_first_word", lambda case, ctx: {"intent": str(case.get("text")).split()[0]}))
register_task(
    Task(
        "test_echo_llm",
        lambda case, ctx: {
            "intent": text_call(ctx.chat_model, load_prompt("echo", settings=ctx.settings), {"text": case.get("text")})
        },
        prompt="echo",
    )
)

ECHO_PROMPT = """---
description: test prompt {version}
variables: [text]
---
## system
Prompt {version}: answer with the intent name only.
## user
{{text}}
"""


@pytest.fixture
def eval_settings(tmp_path: Path) -> Settings:
    prompts = tmp_path / "prompts"
    for version in ("v1", "v2"):
        (prompts / "echo").mkdir(parents=True, exist_ok=True)
        (prompts / "echo" / f"{version}.md").write_text(ECHO_PROMPT.format(version=version), encoding="utf-8")
    for task in ("judge", "judge_pairwise", "repair"):
        (prompts / task).mkdir(parents=True, exist_ok=True)
        (prompts / task / "v1.md").write_text((PROMPTS_DIR / task / "v1.md").read_text(encoding="utf-8"))
    return Settings(data_dir=tmp_path / "data", environment="test", prompts_dir=prompts)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


ROWS = [
    {"id": f"c{i}", "text": f"{label} please ({i})", "label": "track_order", "language": lang}
    for i, (label, lang) in enumerate(
        [("track_order", "en"), ("track_order", "de"), ("cancel_order", "de"), ("track_order", "ja")]
    )
]


def suite_for(tmp_path: Path, task: str = "test_first_word", **extra) -> Path:
    data = write_jsonl(tmp_path / "cases.jsonl", ROWS)
    body = {
        "name": "t",
        "task": task,
        "dataset": {"path": str(data), "id": "id"},
        "scorers": ["accuracy", "macro_f1"],
        "thresholds": {"accuracy": 0.7},
        "slices": ["language"],
        "concurrency": 1,
        **extra,
    }
    path = tmp_path / "suite.yaml"
    path.write_text(yaml.safe_dump(body), encoding="utf-8")
    return path


def run(path: Path, settings: Settings, out: Path, **options):
    return run_suite(load_suite(path), RunOptions(report_dir=out, settings=settings, **options))


def test_thresholds_decide_the_exit_code_and_every_case_is_streamed(tmp_path, eval_settings):
    result = run(suite_for(tmp_path), eval_settings, tmp_path / "run")
    assert result.exit_code == 0 and result.summary["metrics"]["v1"]["accuracy"]["mean"] == 0.75
    rows = [json.loads(line) for line in (tmp_path / "run" / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["c0", "c1", "c2", "c3"] and rows[2]["passed"] is False
    assert result.summary["slices"]["v1"]["language"]["de"]["accuracy"]["mean"] == 0.5
    strict = run(suite_for(tmp_path, thresholds={"accuracy": 0.9}), eval_settings, tmp_path / "run2")
    assert strict.exit_code == 1 and strict.summary["thresholds"][0]["passed"] is False


def test_report_links_each_failing_case_to_inputs_prompt_and_output(tmp_path, eval_settings):
    model = ScriptedChatModel(default=lambda messages: "cancel_order")
    run(suite_for(tmp_path, task="test_echo_llm"), eval_settings, tmp_path / "run", chat_model=model)
    html = (tmp_path / "run" / "report.html").read_text(encoding="utf-8")
    assert 'href="#case-c0"' in html and 'id="case-c0"' in html
    assert "Prompt v1: answer with the intent name only." in html  # the rendered prompt
    assert "track_order please (0)" in html and "expected track_order, got cancel_order" in html
    assert "<script" not in html and "http://" not in html and "https://" not in html


def test_bad_suites_exit_2_naming_the_key_and_value(tmp_path):
    cli = CliRunner()
    from assist.cli import app

    cases = [
        ({"scorers": ["acuracy"]}, "scorers.0.name' has bad value 'acuracy'"),
        ({"thresholds": {"accurasy": 0.5}}, "thresholds.accurasy"),
        ({"concurrency": "many"}, "key 'concurrency' has bad value 'many'"),
        ({"task": "intnet"}, "key 'task' has bad value 'intnet'"),
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"dataset": {"path": "nowhere.jsonl"}}, "dataset.path 'nowhere.jsonl' not found"),
    ]
    for change, message in cases:
        path = suite_for(tmp_path, **change)
        result = cli.invoke(app, ["eval", "run", str(path), "--report", str(tmp_path / "r"), "-q"])
        assert result.exit_code == 2, (change, result.output)
        assert message in result.output, (message, result.output)


def test_model_calls_are_cached_until_the_prompt_changes(tmp_path, eval_settings):
    path = suite_for(tmp_path, task="test_echo_llm")
    calls: list[str] = []

    def answer(messages):
        calls.append(messages[-1].content)
        return "track_order"

    model = ScriptedChatModel(default=answer)
    first = run(path, eval_settings, tmp_path / "r1", chat_model=model)
    assert len(calls) == 4 and first.summary["cost"]["v1"]["cached_calls"] == 0
    second = run(path, eval_settings, tmp_path / "r2", chat_model=model)
    assert len(calls) == 4 and second.summary["cost"]["v1"]["cached_calls"] == 4
    assert second.summary["metrics"]["v1"]["accuracy"] == first.summary["metrics"]["v1"]["accuracy"]
    prompt = Path(eval_settings.prompts_dir) / "echo" / "v1.md"
    prompt.write_text(prompt.read_text().replace("intent name only", "intent name, nothing else"))
    third = run(path, eval_settings, tmp_path / "r3", chat_model=model)
    assert len(calls) == 8 and third.summary["cost"]["v1"]["cached_calls"] == 0
    run(path, eval_settings, tmp_path / "r4", chat_model=model, no_cache=True)
    assert len(calls) == 12


JUDGE_MODULE = """
from evals.scorers import MeanMetric, Score, Scorer


def factory():
    def fn(case, output, ctx, prior):
        answer = ctx.grader.invoke("Is this right? " + case.get("text") + " -> " + output["intent"]).content
        return Score(1.0 if answer == "yes" else 0.0, None, answer)

    return Scorer("judged", fn, [lambda: MeanMetric("judged")], ["judged"], needs_grader=True)
"""


def test_changing_a_judge_scorer_code_invalidates_its_cached_judgements(tmp_path, eval_settings, monkeypatch):
    (tmp_path / "my_judges.py").write_text(JUDGE_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("my_judges")
    register_scorer("judged", module.factory)
    grader = ScriptedChatModel(default="yes")
    path = suite_for(tmp_path, scorers=["accuracy", "judged"], thresholds={})
    run(path, eval_settings, tmp_path / "r1", grader_model=grader)
    assert len(grader.history) == 4
    assert run(path, eval_settings, tmp_path / "r2", grader_model=grader).summary["cache"]["hits"] == 4
    assert len(grader.history) == 4
    (tmp_path / "my_judges.py").write_text(JUDGE_MODULE.replace("Is this right?", "Is this correct?"))
    register_scorer("judged", importlib.reload(module).factory)
    result = run(path, eval_settings, tmp_path / "r3", grader_model=grader)
    assert len(grader.history) == 8 and result.summary["cache"]["hits"] == 0
    sys.modules.pop("my_judges", None)


def test_two_prompt_versions_report_deltas_and_a_pairwise_verdict(tmp_path, eval_settings):
    model = ScriptedChatModel(default=lambda m: "track_order" if "Prompt v2" in m[0].content else "other")
    grader = ScriptedChatModel(default=json.dumps({"winner": "A", "reason": "first shown"}))
    result = run(
        suite_for(tmp_path, task="test_echo_llm", thresholds={}),
        eval_settings,
        tmp_path / "r",
        chat_model=model,
        grader_model=grader,
        prompt_versions=["v1", "v2"],
        pairwise=True,
    )
    metrics = result.summary["metrics"]
    assert metrics["v1"]["accuracy"]["mean"] == 0 and metrics["v2"]["accuracy"]["mean"] == 1
    assert result.summary["deltas"]["v2"]["accuracy"] == 1
    assert sum(result.summary["pairwise"].values()) == 4 and set(result.summary["pairwise"]) <= {"v1", "v2"}
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert "Δ v2 − v1" in html and "+1.000" in html


def test_repeats_give_a_mean_and_a_95_percent_interval(tmp_path, eval_settings):
    answers = iter(["track_order", "other", "track_order"] * 4)
    model = ScriptedChatModel(default=lambda m: next(answers))
    result = run(
        suite_for(tmp_path, task="test_echo_llm", thresholds={}),
        eval_settings,
        tmp_path / "r",
        chat_model=model,
        repeat=3,
        seed=7,
    )
    stat = result.summary["metrics"]["v1"]["accuracy"]
    assert stat["n"] == 3 and stat["ci_low"] < stat["mean"] < stat["ci_high"]
    seeds = {
        r["seed"]
        for line in (tmp_path / "r" / "results.jsonl").read_text().splitlines()
        for r in json.loads(line)["runs"]
    }
    assert seeds == {7, 8, 9}


def test_baseline_lists_the_cases_that_regressed(tmp_path, eval_settings):
    path = suite_for(tmp_path)
    run(path, eval_settings, tmp_path / "before")
    worse = [dict(r, label="cancel_order") if r["id"] == "c1" else r for r in ROWS]
    result = run(
        path,
        eval_settings,
        tmp_path / "after",
        baseline=tmp_path / "before",
        dataset=write_jsonl(tmp_path / "worse.jsonl", worse),
    )
    baseline = result.summary["baseline"]
    assert baseline["regressed"] == 1 and baseline["regressions"][0]["id"] == "c1"
    assert baseline["metric_deltas"]["v1"]["accuracy"] == pytest.approx(-0.25)
    assert "regressed" in (tmp_path / "after" / "report.html").read_text(encoding="utf-8")
    with pytest.raises(SuiteError, match="no results.jsonl"):
        run(path, eval_settings, tmp_path / "x", baseline=tmp_path / "missing")


def test_every_case_failing_with_an_error_exits_2(tmp_path, eval_settings):
    def broken(case, ctx):
        raise RuntimeError("task exploded")

    register_task(Task("test_broken", broken))
    result = run(suite_for(tmp_path, task="test_broken"), eval_settings, tmp_path / "r")
    assert result.exit_code == 2 and "task exploded" in result.summary["verdict"]


def test_20k_cases_stream_in_bounded_memory(tmp_path, eval_settings):
    data = tmp_path / "big.jsonl"
    with data.open("w", encoding="utf-8") as handle:
        for i in range(20_000):
            handle.write(
                json.dumps(
                    {
                        "id": f"c{i}",
                        "text": "track_order" if i % 7 else "other",
                        "label": "track_order",
                        "language": ("en", "de", "ja")[i % 3],
                    }
                )
                + "\n"
            )
    suite = parse_suite(
        {
            "name": "big",
            "task": "test_first_word",
            "dataset": {"path": str(data), "id": "id"},
            "scorers": ["accuracy", "macro_f1"],
            "slices": ["language"],
            "concurrency": 4,
        }
    )
    tracemalloc.start()
    result = run_suite(suite, RunOptions(report_dir=tmp_path / "r", settings=eval_settings))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.summary["cases"] == 20_000
    assert result.summary["metrics"]["v1"]["accuracy"]["mean"] == pytest.approx(1 - 2858 / 20_000)
    assert peak < 12 * 2**20, f"peak {peak / 2**20:.1f} MiB"  # all rows kept in memory would need > 40 MiB
