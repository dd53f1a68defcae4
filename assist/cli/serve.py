import os

import typer

from assist.config import get_settings


def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to bind."),
    port: int = typer.Option(8000, help="Port."),
    workers: int = typer.Option(1, help="Uvicorn worker processes."),
) -> None:
    """Run the API (and the sidebar's demo page). On a fresh install, loads the demo shop first."""
    import uvicorn

    from assist.demo import ensure_demo_shop
    from assist.services import Services

    os.environ.setdefault("ASSIST_WARM_UP", "1")  # workers load their models at start, not on the first request
    get_settings.cache_clear()
    settings = get_settings()
    if settings.load_demo:
        services = Services(settings)
        try:
            key = ensure_demo_shop(services)
        finally:
            services.close()
        if key:
            typer.echo(f"demo shop 'demo' is loaded; API key: {key}")
    typer.echo(f"API docs: http://{host}:{port}/docs   demo chat: http://{host}:{port}/demo/chat")
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers)
