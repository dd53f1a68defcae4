import json
from pathlib import Path

import typer

from assist.cli.common import cli_services
from assist.store import shops as shop_rows

app = typer.Typer(help="Ingest shop policies and review the facts read from them.", no_args_is_help=True)


@app.command("ingest")
def ingest(
    paths: list[Path] = typer.Argument(..., help="Markdown, HTML, text or PDF files, or folders of them."),
    shop: str = typer.Option(..., "--shop", help="Shop name."),
    language: str | None = typer.Option(
        None, "--language", help="ISO 639-1 code of these files; default: front matter, else detected."
    ),
) -> None:
    """Ingest policy files and read their facts; re-ingesting a file replaces its chunks and its facts.

    A folder's files are stored under their path inside that folder (e.g. ``en/returns.md``).
    """
    from assist.shop_facts import ingest_policies

    with cli_services() as services, services.db.session() as session:
        row = shop_rows.get_shop(session, shop)
        for r in ingest_policies(services, session, row, paths, language=language):
            typer.echo(f"{r['source']}: {r['chunks']} chunks ({r['language']}), replaced {r['replaced']}")
            typer.echo(f"  {r['facts']} policy facts ({r['for_review']} for review, {r['engine']})", err=True)
        typer.echo(_home_line(dict(row.settings or {})), err=True)
        typer.echo(f"review them with: assist policies facts --shop {shop}", err=True)


def _home_line(settings: dict[str, object]) -> str:
    """Which country the shop's regional words ("domestic", "islands") are read for, and what told it."""
    from assist.home_country import shop_home

    currency = settings.get("currency")
    home = shop_home(str(currency) if currency else None, settings)
    if home.country is None:
        return "the shop's own country: unknown (set `country` in the shop's settings)"
    told = f"{home.source}: {home.evidence}" if home.evidence else str(home.source)
    return f"the shop's own country: {home.country} ({told})"


@app.command("facts")
def facts(
    shop: str = typer.Option(..., "--shop", help="Shop name."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts."),
    slot: str | None = typer.Option(None, "--slot", help="Only this slot, or slots starting with it (returns.)."),
) -> None:
    """The shop's policy facts: slot, value, scope, sentence, source, confidence, review flag.

    Facts set by hand (``assist shops settings``) win and show as 'manual'. A fact marked REVIEW has low
    confidence: it is never used for a promise until you confirm it with ``--set``.
    """
    from rich.console import Console
    from rich.table import Table

    from assist.shop_facts import chunk_sources, fact_view, shop_facts

    with cli_services() as services, services.db.session() as session:
        row = shop_rows.get_shop(session, shop)
        effective = shop_facts(session, row)
        views = [fact_view(f, chunk_sources(session, row.id)) for f in effective.facts]
    if slot:
        views = [v for v in views if v["slot"] == slot or v["slot"].startswith(slot)]
    if as_json:
        typer.echo(json.dumps({"shop": shop, "facts": views}, ensure_ascii=False, indent=1))
        return
    if not views:
        typer.echo(f"no facts for shop {shop!r}; ingest its policies with `assist policies ingest --shop {shop} PATH`")
        return
    table = Table(show_lines=False, expand=True)
    for column in ("slot", "value", "scope", "sentence", "source", "conf", "review"):
        table.add_column(column, overflow="fold")
    for v in sorted(views, key=lambda v: v["slot"]):
        origin = "manual (set by hand)" if v["set_by_hand"] else f"{v['source']}: {v['document'] or '?'}"
        table.add_row(
            v["slot"],
            v["value_text"],
            v["scope_text"],
            (v["sentence"] or "")[:160],
            origin,
            f"{v['confidence']:.2f}",
            "REVIEW" if v["needs_review"] else "",
        )
    Console(width=200).print(table)
