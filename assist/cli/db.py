import typer

from assist.cli.common import cli_services

app = typer.Typer(help="Database schema upgrades (Alembic).", no_args_is_help=True)


@app.command("upgrade")
def upgrade() -> None:
    """Bring the database to the newest schema (the service also does this at start)."""
    from assist.store.migrate import upgrade as run_upgrade

    with cli_services() as services:
        run_upgrade(services.db.engine)
        typer.echo(f"schema is up to date ({services.db.engine.url.render_as_string(hide_password=True)})")


@app.command("revision")
def revision(message: str = typer.Option(..., "-m", "--message", help="What changed.")) -> None:
    """Autogenerate a new revision from the table definitions (for developers changing the schema)."""
    from assist.store.migrate import revision as make_revision

    with cli_services() as services:
        make_revision(services.db.engine, message)
