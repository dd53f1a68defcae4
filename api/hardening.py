"""HTTP hardening, as one pure ASGI middleware in front of the app:

* ``/v1`` requests wait while the models warm up (``/healthz`` says "starting" meanwhile), but for those that use
  no model (the demo sign-in: a fresh server's printed link works at once) and the card (``/v1/assist``), which
  waits only for what a card needs (``Services.card_ready``: the reading aid's dictionaries load after it);
* an API key in a URL (``?key=``) is refused: keys travel only in the ``Authorization`` header;
* failed authentications are rate-limited per client address (429 with ``Retry-After``);
* HTML pages get a Content-Security-Policy, ``X-Frame-Options`` and every response ``nosniff``;
* every request gets an id (``X-Request-ID``) that the 500 body and its logged traceback carry;
* every response says how long the server took to start answering (``Server-Timing: app;dur=<ms>``),
  so a client can split its own latency into server time and client or network time.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import threading
import time
import uuid
from collections import OrderedDict, deque
from contextvars import ContextVar
from urllib.parse import parse_qsl

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assist.config import Settings

log = logging.getLogger("assist.api")

# The current request's id, for log lines and the 500 body (see api/errors.py).
request_id: ContextVar[str] = ContextVar("request_id", default="-")


def internal_error_detail(rid: str) -> str:
    return (
        f"internal error (request id {rid}); the request was not completed, nothing was saved. Try again, "
        "and quote the request id if you report it."
    )


KEY_PARAMETERS = {"key", "api_key", "apikey", "access_key"}
WARM_UP_WAIT_S = 120.0
# /v1 paths that read and write the database only, no model: answered while the models warm up
NO_MODEL_PATHS = frozenset({"/v1/demo/session", "/v1/me", "/v1/qa/reviews", "/v1/qa/agreement"})
# /v1 paths answered once the warm-up has loaded what a card needs (assist.services.CARD_STEPS)
CARD_PATHS = frozenset({"/v1/assist"})
# Our own pages load scripts, styles and images from this origin only; the demo page frames the panel.
# connect-src also allows http(s): in page mode a backend chosen on the options page may be another server.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' http: https:; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
    "form-action 'self'; object-src 'none'"
)
OWN_DOCS = ("/docs", "/redoc")  # FastAPI's API docs load Swagger/ReDoc from a CDN: no page CSP there


class AuthFailures:
    """Failed authentications per client address in a sliding minute."""

    def __init__(self, per_minute: int, *, max_clients: int = 10_000, clock: object = time.monotonic) -> None:
        self.per_minute = per_minute
        self.max_clients = max_clients
        self._clock = clock
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._seen.pop(client, deque())
        while times and now - times[0] >= 60.0:
            times.popleft()
        self._seen[client] = times
        while len(self._seen) > self.max_clients:
            self._seen.popitem(last=False)
        return times

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again; 0 when it may now."""
        now = self._clock()  # type: ignore[operator]
        with self._lock:
            times = self._recent(client, now)
            if len(times) < self.per_minute:
                return 0
            return max(1, math.ceil(60.0 - (now - times[0])))

    def failed(self, client: str) -> None:
        now = self._clock()  # type: ignore[operator]
        with self._lock:
            self._recent(client, now).append(now)


async def _json(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": body})


def _server_timing(arrived: float) -> tuple[bytes, bytes]:
    """``Server-Timing: app;dur=<ms>``: from the request reaching the app to its response starting."""
    return (b"server-timing", f"app;dur={(time.perf_counter() - arrived) * 1000:.1f}".encode())


class Hardening:
    def __init__(self, app: ASGIApp, fastapi_app: FastAPI, auth_failures_per_minute: int) -> None:
        self.app = app
        self.fastapi_app = fastapi_app
        self.failures = AuthFailures(auth_failures_per_minute) if auth_failures_per_minute > 0 else None

    async def _wait_warm(self, path: str) -> None:
        services = getattr(self.fastapi_app.state, "services", None)
        warm = getattr(services, "card_ready" if path in CARD_PATHS else "warm", None)
        if warm is None or warm.is_set():
            return
        deadline = time.monotonic() + WARM_UP_WAIT_S
        while not warm.is_set() and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = uuid.uuid4().hex[:16]
        token = request_id.set(rid)
        try:
            await self._handle(scope, receive, send, rid, time.perf_counter())
        finally:
            request_id.reset(token)

    async def _handle(self, scope: Scope, receive: Receive, send: Send, rid: str, arrived: float) -> None:
        path: str = scope.get("path", "")
        api = path.startswith("/v1")
        client = (scope.get("client") or ("unknown", 0))[0]
        ids = [(b"x-request-id", rid.encode())]
        if api:
            query = scope.get("query_string", b"").decode("latin-1")
            named = sorted({name for name, _ in parse_qsl(query, keep_blank_values=True)} & KEY_PARAMETERS)
            if named:
                await _json(
                    send,
                    400,
                    f"the API key is never accepted in a URL (query parameter '{named[0]}'): URLs end up in "
                    "logs and browser history. Remove it and send 'Authorization: Bearer <key>' instead.",
                    ids,
                )
                return
            if self.failures is not None:
                wait = self.failures.retry_after(client)
                if wait:
                    await _json(
                        send,
                        429,
                        f"too many failed authentications from this address; retry in {wait} s with a valid "
                        "API key (the server's ASSIST_AUTH_FAILURES_PER_MINUTE sets the limit)",
                        ids + [(b"retry-after", str(wait).encode())],
                    )
                    return
            if path not in NO_MODEL_PATHS:
                await self._wait_warm(path)
        docs = path.startswith(OWN_DOCS)

        async def send_hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += ids + [(b"x-content-type-options", b"nosniff"), _server_timing(arrived)]
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if content_type.startswith(b"text/html") and not docs:
                    headers += [(b"content-security-policy", PAGE_CSP.encode()), (b"x-frame-options", b"SAMEORIGIN")]
                message = {**message, "headers": headers}
                if api and message["status"] == 401 and self.failures is not None:
                    self.failures.failed(client)
            await send(message)

        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_hardened(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception:
            # The one logged traceback, with the id the 500 body carries (not re-raised: the server
            # would log it a second time and drop the keep-alive connection).
            log.exception("unhandled error on %s %s [request %s]", scope.get("method"), path, rid)
            if not started:
                await _json(send, 500, internal_error_detail(rid), ids + [(b"x-content-type-options", b"nosniff")])


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middleware (outside the body-size limit, so that a 413 gets the headers too)."""
    app.add_middleware(Hardening, fastapi_app=app, auth_failures_per_minute=settings.auth_failures_per_minute)
