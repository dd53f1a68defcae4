from pathlib import Path

import typer

from assist.cli.common import cli_services
from assist.store import shops as shop_rows

app = typer.Typer(help="Ingest shop policies.", no_args_is_help=True)


@app.command("ingest")
def ingest(
    paths: list[Path] = typer.Argument(..., help="Markdown, HTML, text or PDF files, or folders of them."),
    shop: str = typer.Option(..., "--shop", help="Shop name."),
) -> None:
    """Ingest policy files; re-ingesting a file replaces its old chunks."""
    from retrievers.policies import expand_policy_paths

    with cli_services() as services:
        with services.db.session() as session:
            shop_id = shop_rows.get_shop(session, shop).id
        for path in expand_policy_paths(paths):
            result = services.policy_index.ingest_file(shop_id, path)
            typer.echo(f"{result.source}: {result.chunks} chunks ({result.language}), replaced {result.replaced}")
