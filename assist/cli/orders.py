from pathlib import Path

import typer

from assist.cli.common import cli_services
from assist.importing import read_orders_file
from assist.store import orders as order_rows
from assist.store import shops as shop_rows

app = typer.Typer(help="Import orders.", no_args_is_help=True)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="JSON list or CSV of orders (fields in README)."),
    shop: str = typer.Option(..., "--shop", help="Shop name."),
) -> None:
    """Import orders; any invalid row rejects the whole file (nothing is imported)."""
    with cli_services() as services:
        parsed = read_orders_file(file)
        with services.db.session() as session:
            owner = shop_rows.get_shop(session, shop)
            count = order_rows.save_orders(session, owner.id, parsed)
        typer.echo(f"imported {count} orders into shop {shop!r}")
