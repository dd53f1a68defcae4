"""``assist qa score FILE.jsonl``: batch scorecards for conversations."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from assist.errors import AssistError, InvalidInput
from assist.quality.batch import BatchOptions, score_file

app = typer.Typer(help="Quality: scorecards for conversations.", no_args_is_help=True)


def _yaml_file(path: Path | None, what: str) -> dict | None:
    if path is None:
        return None
    from assist.yamlfile import read_yaml_file

    data = read_yaml_file(path, what)
    if not isinstance(data, dict):
        raise InvalidInput(f"{what} file {path} must hold a mapping")
    return data


def _shop_settings(name: str) -> dict:
    from assist.cli.common import cli_services
    from assist.store import shops as shop_rows

    with cli_services() as services, services.db.session() as session:
        return dict(shop_rows.get_shop(session, name).settings or {})


@app.command("score")
def score(
    file: Path = typer.Argument(..., help="JSONL: one conversation per line (or {conversation, order, policies})."),
    out: Path = typer.Option(None, "--out", help="scorecards.jsonl or scorecards.csv (default: stdout, JSONL)."),
    engine: str = typer.Option("local", "--engine", help="local | ray"),
    workers: int = typer.Option(1, "--workers", min=1, help="Parallel workers (processes or Ray CPUs)."),
    shop: str = typer.Option(None, "--shop", help="Use this shop's settings (policy numbers, scorecard override)."),
    shop_settings: Path = typer.Option(None, "--shop-settings", help="Shop settings YAML (e.g. shop.yaml)."),
    scorecard: Path = typer.Option(None, "--scorecard", help="A scorecard YAML replacing the default rubric."),
    tone: str = typer.Option("model", "--tone", help="model (USE classifier + lexicon) | lexicon"),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Score every conversation; results stream to --out in input order, bad lines become error records."""
    try:
        if tone not in ("model", "lexicon"):
            raise InvalidInput(f"--tone {tone!r}: use 'model' or 'lexicon'")
        settings = _shop_settings(shop) if shop else (_yaml_file(shop_settings, "shop settings") or {})
        options = BatchOptions(shop_settings=settings, scorecard=_yaml_file(scorecard, "scorecard"), tone=tone)
        fmt = "csv" if out is not None and out.suffix.lower() == ".csv" else "jsonl"
        if out is None:
            stats = score_file(
                file, sys.stdout, fmt=fmt, engine=engine, workers=workers, options=options, progress=progress
            )
        else:
            with out.open("w", encoding="utf-8", newline="") as fh:
                stats = score_file(
                    file, fh, fmt=fmt, engine=engine, workers=workers, options=options, progress=progress
                )
    except AssistError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"scored {stats.scored} conversations ({stats.errors} errors) in {stats.seconds:.1f}s "
        f"= {stats.rate:.1f}/s with engine={engine} workers={workers}",
        err=True,
    )
