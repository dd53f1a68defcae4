"""Helpers shared by CLI commands: one Services per invocation, errors printed for humans."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from assist.config import get_settings
from assist.errors import AssistError
from assist.services import Services


@contextmanager
def cli_services() -> Iterator[Services]:
    services = Services(get_settings())
    try:
        yield services
    except AssistError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        services.close()
