import typer

from assist.cli.common import cli_services
from assist.store import shops as shop_rows

app = typer.Typer(help="Create and list shops (tenants).", no_args_is_help=True)


@app.command("create")
def create(name: str = typer.Argument(..., help="Lowercase name, e.g. 'nordlicht'.")) -> None:
    """Create a shop and print its API key once, alone on the last line."""
    with cli_services() as services, services.db.session() as session:
        shop, key = shop_rows.create_shop(session, name)
        typer.echo(f"created shop {shop.name!r}; its API key (shown once, store it now):", err=True)
        typer.echo(key)


@app.command("list")
def list_() -> None:
    """List shops."""
    with cli_services() as services, services.db.session() as session:
        for shop in shop_rows.list_shops(session):
            typer.echo(f"{shop.name}\tcreated {shop.created_at:%Y-%m-%d}")
