"""Turning a finished run into ``summary.json``: metrics with confidence intervals over repeats,
thresholds, per-version deltas, slices, latency and cost, and the cases that regressed against a
baseline run directory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.stats import mean_ci
from evals.suite import SuiteError

if TYPE_CHECKING:
    from evals.runner import Runner, Variant

# Metrics every run has, besides its scorers' metrics; thresholds may name them too.
RUN_METRICS = ("pass_rate", "error_rate", "latency_p50_ms", "latency_p95_ms", "cost_per_case")
MAX_REGRESSIONS = 500


def _run_metrics(runner: Runner, version: str) -> dict[str, float | None]:
    agg = runner.agg
    runs = max(1, agg.cases * runner.repeat)
    tokens = agg.tokens[version]
    return {
        "pass_rate": agg.passed[version] / agg.cases if agg.cases else None,
        "error_rate": agg.errors[version] / runs if agg.cases else None,
        "latency_p50_ms": agg.latency[version].quantile(0.5),
        "latency_p95_ms": agg.latency[version].quantile(0.95),
        "cost_per_case": tokens["cost"] / agg.cases if agg.cases else None,
    }


def _check(value: float | None, low: float | None, high: float | None) -> bool:
    if value is None:
        return False
    return (low is None or value >= low) and (high is None or value <= high)


def summarize(runner: Runner, variants: list[Variant], duration_s: float, started: float) -> dict[str, Any]:
    suite, agg = runner.suite, runner.agg
    metrics: dict[str, dict[str, Any]] = {}
    tables: dict[str, dict[str, Any]] = {}
    for version in runner.versions:
        per_repeat: dict[str, list[float]] = {}
        for variant in (v for v in variants if v.version == version):
            for metric_list in variant.metrics.values():
                for metric in metric_list:
                    for name, value in metric.results().items():
                        per_repeat.setdefault(name, [])
                        if value is not None:
                            per_repeat[name].append(float(value))
                    if variant.repeat == 0:
                        tables.setdefault(version, {}).update(metric.tables())
        metrics[version] = {name: mean_ci(values) for name, values in per_repeat.items()}
        for name, value in _run_metrics(runner, version).items():
            metrics[version][name] = mean_ci([value] if value is not None else [])
    thresholds = []
    for name, bound in suite.thresholds.items():
        for version in runner.versions:
            value = metrics[version].get(name, {}).get("mean")
            thresholds.append(
                {
                    "metric": name,
                    "variant": version,
                    "min": bound.min,
                    "max": bound.max,
                    "value": value,
                    "passed": _check(value, bound.min, bound.max),
                }
            )
    first = runner.versions[0]
    deltas = {
        version: {
            name: (stat["mean"] - metrics[first][name]["mean"])
            for name, stat in metrics[version].items()
            if stat["mean"] is not None and metrics[first].get(name, {}).get("mean") is not None
        }
        for version in runner.versions[1:]
    }
    all_errors = agg.cases > 0 and all(agg.errors[v] >= agg.cases * runner.repeat for v in runner.versions)
    if agg.cases == 0:
        exit_code, reason = 2, "the dataset gave no cases (check dataset.path, where and limit)"
    elif all_errors:
        exit_code, reason = 2, f"every case failed with an error, e.g. {agg.error_examples[0]['error']}"
    elif not all(t["passed"] for t in thresholds):
        exit_code, reason = 1, "a threshold falls short"
    else:
        exit_code, reason = 0, "every threshold holds"
    _, engine_id, _, grader_id = runner.engines
    return {
        "suite": suite.name,
        "description": suite.description,
        "task": suite.task,
        "suite_file": str(suite.source) if suite.source else None,
        "dataset": str(runner.dataset_path),
        "started_at": started,
        "duration_s": round(duration_s, 2),
        "cases": agg.cases,
        "variants": runner.versions,
        "repeat": runner.repeat,
        "seed": runner.seed,
        "engine": engine_id,
        "grader": grader_id,
        "scorers": [{"name": s.name, "metrics": s.metric_names, "version": s.version[:12]} for s in runner.scorers],
        "metrics": metrics,
        "thresholds": thresholds,
        "deltas": deltas,
        "tables": tables,
        "slices": {
            v: {
                name: {
                    value: {k: {"mean": m.value, "n": m.count} for k, m in cell.items()}
                    for value, cell in values.items()
                }
                for name, values in agg.slices[v].items()
            }
            for v in runner.versions
        },
        "latency_ms": {
            v: {
                "p50": agg.latency[v].quantile(0.5),
                "p95": agg.latency[v].quantile(0.95),
                "mean": agg.latency_mean[v].value,
            }
            for v in runner.versions
        },
        "cost": {
            v: {**agg.tokens[v], "per_case": (agg.tokens[v]["cost"] / agg.cases) if agg.cases else 0.0}
            for v in runner.versions
        },
        "pricing": suite.pricing.model_dump(),
        "cases_passed": agg.passed,
        "errors": agg.errors,
        "error_examples": agg.error_examples,
        "cache": {
            "enabled": runner.store.read,
            "dir": str(runner.store.directory),
            "hits": runner.store.hits,
            "misses": runner.store.misses,
        },
        "pairwise": agg.pairwise or None,
        "exit_code": exit_code,
        "verdict": reason,
    }


def _load_rows(path: Path) -> dict[str, dict[str, Any]]:
    """Baseline rows reduced to what a comparison needs: per case and version, passed and scores."""
    out: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            out[row["id"]] = {
                r["variant"]: {
                    "passed": r["passed"],
                    "error": r["error"],
                    "scores": {n: s.get("value") for n, s in r["scores"].items()},
                }
                for r in row["runs"]
                if r["repeat"] == 0
            }
    return out


def against_baseline(baseline_dir: Path, results_path: Path, summary: dict[str, Any]) -> dict[str, Any]:
    """Cases that passed in the baseline run and fail now (same prompt version, else its first one)."""
    base_results = baseline_dir / "results.jsonl"
    if not base_results.is_file():
        raise SuiteError(f"--baseline {baseline_dir}: no results.jsonl there; pass the directory of an earlier run")
    base = _load_rows(base_results)
    regressions: list[dict[str, Any]] = []
    counts = {"regressed": 0, "improved": 0, "compared": 0, "new": 0}
    with open(results_path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            before_runs = base.get(row["id"])
            if before_runs is None:
                counts["new"] += 1
                continue
            for run in (r for r in row["runs"] if r["repeat"] == 0):
                before = before_runs.get(run["variant"]) or next(iter(before_runs.values()), None)
                if before is None:
                    continue
                counts["compared"] += 1
                if before["passed"] and not run["passed"]:
                    counts["regressed"] += 1
                    if len(regressions) < MAX_REGRESSIONS:
                        regressions.append(
                            {
                                "id": row["id"],
                                "variant": run["variant"],
                                "error": run["error"],
                                "before": before["scores"],
                                "now": {n: s.get("value") for n, s in run["scores"].items()},
                            }
                        )
                elif run["passed"] and not before["passed"]:
                    counts["improved"] += 1
    base_summary_path = baseline_dir / "summary.json"
    metric_deltas: dict[str, dict[str, float]] = {}
    if base_summary_path.is_file():
        before_metrics = json.loads(base_summary_path.read_text(encoding="utf-8")).get("metrics", {})
        for version, stats in summary["metrics"].items():
            old: dict[str, Any] = before_metrics.get(version) or next(iter(before_metrics.values()), {})
            metric_deltas[version] = {
                name: stat["mean"] - old[name]["mean"]
                for name, stat in stats.items()
                if stat["mean"] is not None and old.get(name, {}).get("mean") is not None
            }
    return {"dir": str(baseline_dir), **counts, "regressions": regressions, "metric_deltas": metric_deltas}
