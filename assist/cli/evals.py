"""``assist eval run SUITE.yaml``: run an eval suite, write report.html, results.jsonl, summary.json.

Exit codes: 0 every threshold holds, 1 a threshold falls short, 2 an error (bad suite, missing data).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from assist.errors import AssistError

app = typer.Typer(
    help="Offline evals: run YAML suites against the task functions, report, compare.", no_args_is_help=True
)


@app.command("run")
def run(
    suite_file: Path = typer.Argument(..., help="Suite YAML, e.g. evals/suites/smoke.yaml."),
    prompt_version: list[str] = typer.Option(None, "--prompt-version", help="Prompt version; repeat to compare."),
    dataset: Path = typer.Option(None, "--dataset", help="Use this dataset file instead of the suite's."),
    report: Path = typer.Option(None, "--report", help="Run directory (default eval-runs/<suite>-<time>)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write cached model calls."),
    repeat: int = typer.Option(None, "--repeat", min=1, max=50, help="Run every case N times: mean and 95% CI."),
    seed: int = typer.Option(None, "--seed", help="Base seed (repeat r uses seed + r)."),
    baseline: Path = typer.Option(None, "--baseline", help="An earlier run directory: list cases that regressed."),
    concurrency: int = typer.Option(None, "--concurrency", min=1, max=64, help="Cases in flight at once."),
    pairwise: bool = typer.Option(False, "--pairwise", help="Judge two prompt versions head to head."),
    limit: int = typer.Option(None, "--limit", min=1, help="Only the first N cases."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress line."),
) -> None:
    """Run a suite; print the metrics and where the report is."""
    from evals.plan import load_plan, run_plan
    from evals.runner import RunOptions, now_stamp, run_suite
    from evals.suite import SuiteError, load_suite

    try:
        plan = load_plan(suite_file)
        suite = None if plan else load_suite(suite_file)
        name = plan[0] if plan else suite.name  # type: ignore[union-attr]
        run_dir = report or Path("eval-runs") / f"{name}-{now_stamp()}"
        progress = None if quiet else _progress
        options = RunOptions(
            report_dir=run_dir,
            prompt_versions=prompt_version or None,
            dataset=dataset,
            no_cache=no_cache,
            repeat=repeat,
            seed=seed,
            baseline=baseline,
            concurrency=concurrency,
            pairwise=pairwise,
            limit=limit,
            progress=progress,
        )
        if plan:
            if dataset:
                raise SuiteError("--dataset applies to one suite; this file lists several")
            result = run_plan(plan[0], plan[1], options)
        else:
            result = run_suite(suite, options)  # type: ignore[arg-type]
    except AssistError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except Exception as exc:  # noqa: BLE001 - a run that cannot be made exits 2, as documented
        typer.echo(f"error: the run failed: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(2) from None
    if not quiet:
        typer.echo("", err=True)
    if "suites" in result.summary:
        for item in result.summary["suites"]:
            typer.echo(f"{item['name']}: {item['cases']} cases, {item['duration_s']:.1f} s — {item['verdict']}")
        typer.echo(f"report: {result.run_dir / 'report.html'}")
    else:
        _print_summary(result.summary, result.run_dir)
    raise typer.Exit(result.exit_code)


def _progress(done: int) -> None:
    if done % 25 == 0:
        sys.stderr.write(f"\r{done} cases")
        sys.stderr.flush()


def _print_summary(summary: dict, run_dir: Path) -> None:
    versions = summary["variants"]
    typer.echo(f"{summary['suite']}: {summary['cases']} cases, {summary['duration_s']:.1f} s — {summary['verdict']}")
    for name in summary["metrics"][versions[0]]:
        if "[" in name:  # per-label breakdowns: in the report
            continue
        cells = []
        for version in versions:
            stat = summary["metrics"][version].get(name, {})
            value = "–" if stat.get("mean") is None else f"{stat['mean']:.4f}"
            if stat.get("ci_low") is not None:
                value += f" [{stat['ci_low']:.4f}, {stat['ci_high']:.4f}]"
            cells.append(f"{version} {value}" if len(versions) > 1 else value)
        typer.echo(f"  {name:<28} " + "   ".join(cells))
    for check in summary["thresholds"]:
        if not check["passed"]:
            typer.echo(
                f"  FALLS SHORT: {check['metric']} ({check['variant']}) = {check['value']} "
                f"(min {check['min']}, max {check['max']})"
            )
    baseline = summary.get("baseline")
    if baseline:
        typer.echo(f"  against {baseline['dir']}: {baseline['regressed']} regressed, {baseline['improved']} improved")
    typer.echo(f"report: {run_dir / 'report.html'}")
