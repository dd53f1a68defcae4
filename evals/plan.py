"""A suite file may list other suites (``suites: [intent.yaml, retrieval.yaml]``) to run them in one go:
each gets its own directory under the run directory, and an index report links them.
The exit code is the worst of theirs (2 > 1 > 0).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from evals.report import TEMPLATES, fmt
from evals.runner import RunOptions, RunResult, run_suite
from evals.suite import Suite, SuiteError, load_suite


def load_plan(path: Path) -> tuple[str, list[Suite]] | None:
    """``(name, suites)`` when ``path`` lists suites; None for an ordinary suite file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or "suites" not in data:
        return None
    unknown = sorted(set(data) - {"name", "description", "suites"})
    if unknown:
        raise SuiteError(
            f"suite {path}: a file with 'suites' takes only name, description and suites; unknown key {unknown[0]!r}"
        )
    items = data["suites"]
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise SuiteError(f"suite {path}: key 'suites' has bad value {items!r}: list suite files, e.g. [intent.yaml]")
    suites = [load_suite(path.parent / item) for item in items]
    names = [s.name for s in suites]
    if len(set(names)) != len(names):
        raise SuiteError(f"suite {path}: key 'suites' lists two suites with the same name: {names}")
    return str(data.get("name") or path.stem), suites


def run_plan(name: str, suites: list[Suite], options: RunOptions) -> RunResult:
    results = []
    for suite in suites:
        sub = RunOptions(**{**options.__dict__, "report_dir": options.report_dir / suite.name})
        if options.baseline:
            sub.baseline = options.baseline / suite.name
        results.append(run_suite(suite, sub))
    codes = [r.exit_code for r in results]
    exit_code = 2 if 2 in codes else (1 if 1 in codes else 0)
    summary: dict[str, Any] = {
        "suite": name,
        "exit_code": exit_code,
        "duration_s": round(sum(r.summary["duration_s"] for r in results), 2),
        "suites": [
            {
                "name": r.summary["suite"],
                "task": r.summary["task"],
                "cases": r.summary["cases"],
                "duration_s": r.summary["duration_s"],
                "exit_code": r.exit_code,
                "verdict": r.summary["verdict"],
                "metrics": {m: s["mean"] for m, s in r.summary["metrics"][r.summary["variants"][0]].items()},
                "report": f"{r.summary['suite']}/report.html",
            }
            for r in results
        ],
    }
    summary["verdict"] = "every suite holds its thresholds" if exit_code == 0 else "a suite falls short or failed"
    options.report_dir.mkdir(parents=True, exist_ok=True)
    (options.report_dir / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    env.filters["fmt"] = fmt
    html = env.get_template("index.html.j2").render(s=summary)
    (options.report_dir / "report.html").write_text(html, encoding="utf-8")
    with open(options.report_dir / "results.jsonl", "w", encoding="utf-8") as out:
        for result in results:
            with open(result.run_dir / "results.jsonl", encoding="utf-8") as handle:
                for line in handle:
                    out.write(
                        json.dumps({"suite": result.summary["suite"], **json.loads(line)}, ensure_ascii=False) + "\n"
                    )
    return RunResult(exit_code, summary, options.report_dir)
