"""The ``assist`` command line. Each command group lives in its own module here."""

from __future__ import annotations

import typer

from assist.cli import orders, policies, serve, shops

app = typer.Typer(help="assist: grounded agent assist for e-commerce customer service.", no_args_is_help=True)
app.command("serve")(serve.serve)
app.add_typer(shops.app, name="shops")
app.add_typer(orders.app, name="orders")
app.add_typer(policies.app, name="policies")


def main() -> None:
    app()
