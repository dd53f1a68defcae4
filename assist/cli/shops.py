from pathlib import Path

import typer

from assist.cli.common import cli_services
from assist.store import shops as shop_rows

app = typer.Typer(help="Create and list shops (tenants); set their settings and policy facts.", no_args_is_help=True)


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


@app.command("settings")
def settings(
    shop: str = typer.Option(..., "--shop", help="Shop name."),
    set_: list[str] = typer.Option(
        [],
        "--set",
        help="key=value. A slot name sets a policy fact by hand (returns.window=30 days; "
        "shipping.transit_time[region=US]=5-8 business days); other keys are plain settings (sla_hours=12).",
    ),
    file: Path | None = typer.Option(None, "--file", help="YAML mapping of the same key: value pairs."),
) -> None:
    """Override or add policy facts and settings. A fact set here wins over the one read from the policy."""
    from assist.shop_facts import apply_settings, scope_text, value_text
    from assist.yamlfile import read_yaml_file

    values: dict[str, object] = {}
    if file:
        data = read_yaml_file_or_exit(file, read_yaml_file)
        values.update(data)
    for pair in set_:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            typer.echo(f"error: --set {pair!r}: write key=value, e.g. --set returns.window='30 days'", err=True)
            raise typer.Exit(2)
        if "[" in key and "]" not in key:  # the scope holds '=': region=US]=5 days
            more, _, value = value.partition("]=")
            key = f"{key}={more}]"
        values[key.strip()] = value.strip()
    if not values:
        typer.echo("error: nothing to set; pass --set key=value or --file settings.yaml", err=True)
        raise typer.Exit(2)
    with cli_services() as services, services.db.session() as session:
        row = shop_rows.get_shop(session, shop)
        facts, plain = apply_settings(row, values)
    for fact in facts:
        typer.echo(f"{fact.slot} [{scope_text(fact)}] = {value_text(fact)} (set by hand)")
    for key, value in plain.items():
        typer.echo(f"{key} = {value}")


def read_yaml_file_or_exit(path: Path, reader: object) -> dict[str, object]:
    from assist.errors import InvalidInput

    try:
        data = reader(path, "shop settings")  # type: ignore[operator]
    except InvalidInput as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if not isinstance(data, dict):
        typer.echo(f"error: {path} must hold a mapping of key: value pairs (returns.window: 30 days)", err=True)
        raise typer.Exit(2)
    return {str(k): v for k, v in data.items()}
