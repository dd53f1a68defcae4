"""The FastAPI application. ``create_app()`` is the factory (``uvicorn --factory api.app:create_app``);
clients are built once in the lifespan and shared through ``app.state.services``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import errors, hardening, limits
from api.routes import admin, intent_learning, language, orders, pages, policies, qa, suggestions
from assist import __version__
from assist.config import Settings, get_settings
from assist.logs import install_masking
from assist.services import Services

log = logging.getLogger("assist.api")

DESCRIPTION = """Grounded agent assist for e-commerce customer service.

Every `/v1` call needs `Authorization: Bearer <shop API key>`. Errors are `{"detail": "..."}`."""


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    settings = settings or (services.settings if services else get_settings())
    install_masking()  # personal data never reaches a log line

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = services is None
        app.state.services = services or Services(settings)
        app.state.services.db  # noqa: B018  (create the schema before the first request)
        if settings.warm_up:
            app.state.services.start_warm_up()  # /healthz says "starting" and /v1 waits until it ends
        try:
            yield
        finally:
            if owned:
                app.state.services.close()

    app = FastAPI(title="assist", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    if services is not None:
        app.state.services = services
    limits.install(app, settings)  # before CORS, so that 413s carry CORS headers too
    hardening.install(app, settings)  # request ids, key-in-URL refusal, auth throttling, page headers
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,  # only configured extension ids (ASSIST_EXTENSION_IDS)
        allow_origin_regex=settings.cors_origin_regex,
        allow_methods=["GET", "POST", "PUT"],
        allow_headers=["Authorization", "Content-Type", "Accept"],
        expose_headers=["X-Request-ID", "Retry-After"],
    )
    errors.install(app)
    for module in (admin, orders, policies, pages, language, qa, intent_learning, suggestions):
        app.include_router(module.router)
    return app
