"""``assist qa score FILE.jsonl``: batch scorecards for conversations.
``assist qa train``: (re)build the conversation-quality model behind the scorecard's overall score."""

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
    from assist.shop_facts import effective_settings, shop_facts
    from assist.store import shops as shop_rows

    with cli_services() as services, services.db.session() as session:
        shop = shop_rows.get_shop(session, name)
        return effective_settings(shop.settings, shop_facts(session, shop))  # policy numbers from the facts


def _quality_model_file(shop: str | None) -> str | None:
    """The trained overall-score model for the shop (or the deployment), if `assist qa train` wrote one."""
    from assist.config import get_settings
    from assist.quality.overall import model_path

    data_dir = get_settings().data_dir
    shop_id = None
    if shop:
        from assist.cli.common import cli_services
        from assist.store import shops as shop_rows

        with cli_services() as services, services.db.session() as session:
            shop_id = shop_rows.get_shop(session, shop).id
    for path in ([model_path(data_dir, shop_id)] if shop_id is not None else []) + [model_path(data_dir)]:
        if path.is_file():
            return str(path)
    return None


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
        options = BatchOptions(
            shop_settings=settings,
            scorecard=_yaml_file(scorecard, "scorecard"),
            tone=tone,
            quality_model=_quality_model_file(shop),
        )
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


@app.command("train")
def train(
    data: Path = typer.Option(
        None,
        "--data",
        help="Dialogues with human ratings (STC-3 shape). Default: <shared data>/quality/"
        "stc3_dialogue_quality_en_dev.json.gz (ASSIST_SHARED_DATA_DIR, default ../shared/data).",
    ),
    no_data: bool = typer.Option(False, "--no-data", help="Train only on the shop's reviewer overrides."),
    shop: str = typer.Option(None, "--shop", help="Add this shop's reviewer overrides; writes a model for it."),
    override_weight: float = typer.Option(3.0, "--override-weight", min=0.1, help="Weight of one override label."),
    seed: int = typer.Option(13, "--seed", help="Seed of the cross-validation folds (alpha, calibration)."),
) -> None:
    """Train on the file (minus its fixed held-out part) plus overrides; write the model into the data dir."""
    from assist.cli.common import cli_services
    from assist.quality.overall import model_path
    from assist.quality.overall_training import (
        HELDOUT_RULE,
        combined_sha256,
        file_sha256,
        load_ratings_file,
        override_labels,
    )
    from assist.quality.overall_training import train as train_model
    from assist.store import shops as shop_rows

    with cli_services() as services:
        examples, hashes = [], []
        if not no_data:
            path = data or services.settings.shared_data_dir / "quality" / "stc3_dialogue_quality_en_dev.json.gz"
            examples = load_ratings_file(path)
            hashes.append(file_sha256(path))
            typer.echo(f"{len(examples)} rated dialogues from {path}", err=True)
        shop_id = None
        if shop:
            with services.db.session() as session:
                shop_id = shop_rows.get_shop(session, shop).id
                extra = override_labels(session, shop_id, weight=override_weight)
            examples += extra
            hashes += [combined_sha256(e.conversation.model_dump_json() + repr(e.ratings) for e in extra)]
            typer.echo(f"{len(extra)} reviewer overrides from shop {shop!r}", err=True)
        if not examples:
            raise InvalidInput("nothing to train on: give --data, or --shop with reviewed scorecards")
        model = train_model(
            examples,
            services.embedder,
            seed=seed,
            data_sha256=combined_sha256(hashes),
            progress=lambda line: typer.echo(line, err=True),
        )
        out = model_path(services.settings.data_dir, shop_id)
        model.save(out)
    info = model.info
    typer.echo(f"trained on {info['labels']} labels ({info['override_labels']} overrides), alpha {info['alpha']:g}")
    if info["metrics"]:
        typer.echo(f"{HELDOUT_RULE}: {info['heldout']} dialogues")
        typer.echo(f"{'Spearman':10s} {'A':>7s} {'S':>7s} {'E':>7s}")
        for label, prefix in (("heads", "spearman_"), ("overall", "overall_spearman_")):
            row = " ".join(f"{info['metrics'][prefix + t]:7.3f}" for t in "ASE")
            typer.echo(f"{label:10s} {row}")
    typer.echo(f"wrote {out}")
