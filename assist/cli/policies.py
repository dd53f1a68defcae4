from pathlib import Path

import typer

from assist.cli.common import cli_services
from assist.store import shops as shop_rows

app = typer.Typer(help="Ingest shop policies.", no_args_is_help=True)


@app.command("ingest")
def ingest(
    paths: list[Path] = typer.Argument(..., help="Markdown, HTML, text or PDF files, or folders of them."),
    shop: str = typer.Option(..., "--shop", help="Shop name."),
    language: str | None = typer.Option(
        None, "--language", help="ISO 639-1 code of these files; default: front matter, else detected."
    ),
) -> None:
    """Ingest policy files; re-ingesting a file replaces its old chunks.

    A folder's files are stored under their path inside that folder (e.g. ``en/returns.md``).
    """
    from retrievers.policies import policy_sources

    with cli_services() as services:
        with services.db.session() as session:
            shop_id = shop_rows.get_shop(session, shop).id
        for path, source in policy_sources(paths):
            result = services.policy_index.ingest_file(shop_id, path, source=source, language=language)
            typer.echo(f"{result.source}: {result.chunks} chunks ({result.language}), replaced {result.replaced}")
