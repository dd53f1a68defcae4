"""Domain errors to HTTP. Bodies are always ``{"detail": "<message that says what to fix>"}``."""

from __future__ import annotations

import logging

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DatabaseError, DBAPIError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from assist import errors

log = logging.getLogger("assist.api")

STATUS = {
    errors.InvalidInput: 422,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.Unauthorized: 401,
    errors.RateLimited: 429,
    errors.ServiceUnavailable: 503,
    errors.ModelError: 502,
}


def _status_for(exc: errors.AssistError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        where = ".".join(loc) or "body"
        msg = err.get("msg", "invalid value")
        if err.get("type") == "json_invalid":
            where, msg = "body", "is not valid JSON"
        parts.append(f"{where}: {msg}")
    return "invalid request: " + "; ".join(parts[:10])


def install(app: FastAPI) -> None:
    @app.exception_handler(errors.AssistError)
    async def _domain(_: Request, exc: errors.AssistError) -> JSONResponse:
        headers = {}
        if isinstance(exc, errors.RateLimited):
            headers["Retry-After"] = str(exc.retry_after_s)
        if isinstance(exc, errors.Unauthorized):
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse({"detail": str(exc)}, status_code=_status_for(exc), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": describe_validation(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: DBAPIError) -> JSONResponse:
        # Connection-level failures (server gone, file unreadable or corrupt) that escaped
        # Database.session() are 503 like the ones it maps itself; anything else is a bug (500).
        if exc.connection_invalidated or type(exc) in (OperationalError, InterfaceError, DatabaseError):
            log.error("database unavailable on %s %s: %s", request.method, request.url.path, exc.orig)
            return JSONResponse(
                {"detail": "the database is unavailable; nothing was saved, try again"}, status_code=503
            )
        return await _unexpected(request, exc)

    @app.exception_handler(httpx.TransportError)
    async def _unreachable(request: Request, exc: httpx.TransportError) -> JSONResponse:
        # A server we call over HTTP that is down (the Chroma server; LLM calls are guarded and
        # fall back on their own): 503, not a 500.
        log.error("backing service unreachable on %s %s: %r", request.method, request.url.path, exc)
        return JSONResponse(
            {"detail": "a backing service (the policy index server) is unavailable; try again shortly"},
            status_code=503,
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        from api.hardening import internal_error_detail, request_id

        rid = request_id.get()
        log.error("unhandled error on %s %s [request %s]", request.method, request.url.path, rid, exc_info=exc)
        return JSONResponse({"detail": internal_error_detail(rid)}, status_code=500)
