import logging
import os
import socket
import threading
import time

import typer

from assist.config import get_settings


class _HideUvicornAddress(logging.Filter):
    """Uvicorn announces its own address; `assist serve` prints the one link a newcomer should open."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Uvicorn running on")


def _announce_when_up(host: str, port: int, message: str, timeout_s: float = 120.0) -> None:
    """Print ``message`` once the server accepts connections, so the link works when it is shown."""
    target = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((target, port), timeout=1):
                typer.echo(message)
                return
        except OSError:
            time.sleep(0.2)


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to bind."),
    port: int = typer.Option(8000, help="Port."),
    workers: int = typer.Option(1, help="Uvicorn worker processes."),
) -> None:
    """Run the API (and the sidebar's demo page). On a fresh install, loads the demo shop first, then
    prints one link that opens the demo inbox already signed in (one-time, 10 minutes, this machine only)."""
    import uvicorn

    from assist.demo import LOGIN_TTL_S, ensure_demo_shop, issue_login_token
    from assist.services import Services

    os.environ.setdefault("ASSIST_WARM_UP", "1")  # workers load their models at start, not on the first request
    get_settings.cache_clear()
    settings = get_settings()
    message = f"assist is running: http://127.0.0.1:{port}/docs (the demo shop is off: ASSIST_LOAD_DEMO=0)"
    if settings.load_demo:
        services = Services(settings)
        try:
            typer.echo("Checking the demo shop (the first start indexes and scores it: about a minute)…")
            key = ensure_demo_shop(services)
            token = issue_login_token(services) if key else None
        finally:
            services.close()
        if token:
            key_file = (settings.data_dir / "demo-shop.key").resolve()
            message = (
                "\nassist is running. Open the demo inbox, signed in to the demo shop "
                f"(the link works once, for {LOGIN_TTL_S / 60:.0f} minutes, on this machine):\n\n"
                f"    http://127.0.0.1:{port}/start#token={token}\n\n"
                f"The demo shop's API key (for the Chrome extension and curl) is in {key_file}\n"
            )
    logging.getLogger("uvicorn.error").addFilter(_HideUvicornAddress())
    threading.Thread(target=_announce_when_up, args=(host, port, message), daemon=True).start()
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        timeout_keep_alive=settings.keep_alive_s,
        timeout_worker_healthcheck=settings.worker_healthcheck_s,
    )
