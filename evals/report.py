"""The run report: one standalone HTML file (inline CSS, CSS bars, no scripts, no network) rendered
from ``summary.json`` and the failing cases streamed back from ``results.jsonl``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).parent / "templates"
MAX_CASES = 200


def fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if abs(value) >= 100:
            return f"{value:,.1f}"
        return f"{value:.{digits}f}"
    return str(value)


def anchor(case_id: Any) -> str:
    return "case-" + re.sub(r"[^A-Za-z0-9_-]", "_", str(case_id))


def bar_width(value: Any, scale: float = 1.0) -> float:
    if not isinstance(value, int | float) or scale <= 0:
        return 0.0
    return max(0.0, min(100.0, 100.0 * float(value) / scale))


def metric_scale(name: str, metrics: dict[str, dict[str, Any]]) -> float:
    """0..1 metrics get a 0..1 bar; chrF/BLEU 0..100; others scale to the metric's largest value."""
    if name.startswith(("chrf", "bleu")):
        return 100.0
    values = [(stats.get(name) or {}).get("mean") for stats in metrics.values()]
    largest = max((abs(v) for v in values if isinstance(v, int | float)), default=1.0)
    return 1.0 if largest <= 1.0 else largest


def heat(count: int, row_total: int) -> str:
    share = count / row_total if row_total else 0.0
    return f"background: rgba(37, 99, 235, {0.08 + 0.8 * share:.2f}); color: {'#fff' if share > 0.5 else '#111'}"


def failing_cases(results_path: Path, regressed: set[str], limit: int = MAX_CASES) -> tuple[list[dict[str, Any]], int]:
    """The first ``limit`` failing (or regressed) cases, and how many failed in all."""
    shown: list[dict[str, Any]] = []
    total = 0
    with open(results_path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["passed"] and row["id"] not in regressed:
                continue
            total += not row["passed"]
            if len(shown) < limit:
                shown.append(row)
    return shown, total


def pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def render(summary: dict[str, Any], results_path: Path, limit: int = MAX_CASES) -> str:
    baseline = summary.get("baseline") or {}
    regressed = {r["id"] for r in baseline.get("regressions", [])}
    cases, failed_total = failing_cases(results_path, regressed, limit)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    env.filters.update(fmt=fmt, anchor=anchor, pretty=pretty)
    env.globals.update(bar_width=bar_width, metric_scale=metric_scale, heat=heat)
    primary = [m for s in summary["scorers"] for m in s["metrics"]]
    return env.get_template("report.html.j2").render(
        s=summary,
        cases=cases,
        failed_total=failed_total,
        limit=limit,
        regressed=regressed,
        primary=primary,
        baseline=baseline,
    )


def write_report(run_dir: Path, summary: dict[str, Any], results_path: Path, limit: int = MAX_CASES) -> Path:
    path = run_dir / "report.html"
    path.write_text(render(summary, results_path, limit), encoding="utf-8")
    return path
