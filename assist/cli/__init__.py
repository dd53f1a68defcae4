"""The ``assist`` command line. Each command group lives in its own module here."""

from __future__ import annotations

import typer

from assist.cli import db, evals, orders, policies, qa, serve, shops, taxonomy

app = typer.Typer(help="assist: grounded agent assist for e-commerce customer service.", no_args_is_help=True)
app.command("serve")(serve.serve)
app.add_typer(shops.app, name="shops")
app.add_typer(orders.app, name="orders")
app.add_typer(policies.app, name="policies")
app.add_typer(taxonomy.app, name="taxonomy")
app.add_typer(evals.app, name="eval")
app.add_typer(qa.app, name="qa")
app.add_typer(db.app, name="db")


def main() -> None:
    app()
