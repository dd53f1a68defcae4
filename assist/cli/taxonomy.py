"""``assist taxonomy``: a shop's own intent taxonomy."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from assist.cli.common import cli_services
from assist.intent import LEARNED_KEY, IntentClassifier, load_taxonomy_file, shop_taxonomy
from assist.store import shops as shop_rows

app = typer.Typer(help="Show or replace a shop's intent taxonomy.", no_args_is_help=True)


@app.command("set")
def set_(
    file: Path = typer.Argument(..., help="YAML: intents: [{name, description, examples: [...]}]"),
    shop: str = typer.Option(..., "--shop", help="The shop's name."),
) -> None:
    """Validate FILE, train on it (so problems show now, not on the first request) and store it."""
    with cli_services() as services:
        taxonomy = load_taxonomy_file(file)
        start = time.perf_counter()
        classifier = IntentClassifier(taxonomy, services.embedder, cache_dir=services.settings.cache_dir)
        seconds = time.perf_counter() - start
        with services.db.session() as session:
            row = shop_rows.get_shop(session, shop)
            shop_rows.update_settings(session, row, {"taxonomy": taxonomy.model_dump()})
        examples = sum(len(i.examples) for i in taxonomy.intents)
        typer.echo(
            f"shop {shop!r}: taxonomy with {len(taxonomy.intents)} intents and {examples} examples stored "
            f"(trained in {seconds:.1f} s; labels: {', '.join(classifier.labels)})"
        )


@app.command("show")
def show(shop: str = typer.Option(..., "--shop", help="The shop's name.")) -> None:
    """Print the shop's intents (the default taxonomy unless one was set)."""
    with cli_services() as services, services.db.session() as session:
        row = shop_rows.get_shop(session, shop)
        custom = bool((row.settings or {}).get("taxonomy"))
        taxonomy = shop_taxonomy(row.settings)
        taught = len((row.settings or {}).get(LEARNED_KEY) or [])
        typer.echo(
            f"# {'custom' if custom else 'default'} taxonomy of shop {shop!r}, {taught} examples taught by reviewers"
        )
        for intent in taxonomy.intents:
            typer.echo(f"{intent.name}\t{len(intent.examples)} examples\t{intent.description}")
