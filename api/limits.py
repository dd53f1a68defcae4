"""HTTP limits: request body size (413) and a per-key rate limiter (429 with ``Retry-After``).

Both are per process: with several workers each worker counts on its own (see docs/deployment.md).
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections import OrderedDict

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assist.config import Settings
from assist.errors import RateLimited


class RateLimiter:
    """Token bucket per API key: ``per_minute`` requests a minute, bursts up to ``burst``.

    Keys are held only as hashes; the least recently seen buckets are dropped past ``max_keys``.
    """

    def __init__(
        self, per_minute: int, burst: int | None = None, *, max_keys: int = 10_000, clock: object = time.monotonic
    ) -> None:
        if per_minute <= 0:
            raise ValueError("per_minute must be positive; use no limiter to switch limiting off")
        self.per_minute = per_minute
        self.capacity = float(burst if burst is not None else per_minute)
        self.rate = per_minute / 60.0  # tokens per second
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        """Take one token for ``key`` or raise :class:`RateLimited` saying when to retry."""
        ident = hashlib.sha256(key.encode()).hexdigest()[:32]
        now = self._clock()  # type: ignore[operator]
        with self._lock:
            tokens, last = self._buckets.pop(ident, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self._buckets[ident] = (tokens, now)
                wait = max(1, math.ceil((1.0 - tokens) / self.rate))
                raise RateLimited(
                    f"rate limit of {self.per_minute} requests per minute for this API key exceeded; "
                    f"retry in {wait} s (the server's ASSIST_RATE_LIMIT_PER_MINUTE sets the limit)",
                    retry_after_s=wait,
                )
            self._buckets[ident] = (tokens - 1.0, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)


class _BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Pure ASGI middleware: refuses bodies over ``max_bytes`` with 413, by ``Content-Length`` or while
    streaming (chunked uploads are counted as they arrive)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _detail(self, size: int | None) -> bytes:
        got = f" ({size} bytes)" if size is not None else ""
        message = (
            f"request body too large{got}: the limit is {self.max_bytes} bytes; send fewer or shorter "
            "messages (the server's ASSIST_MAX_BODY_BYTES sets the limit)"
        )
        return json.dumps({"detail": message}).encode()

    async def _reject(self, send: Send, size: int | None) -> None:
        body = self._detail(size)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
                if declared is not None and declared > self.max_bytes:
                    await self._reject(send, declared)
                    return
        received = 0
        started = False
        rejected = False

        async def limited_receive() -> Message:
            nonlocal received, rejected
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes and not rejected:
                    rejected = True
                    if not started:
                        await self._reject(send, None)
                    raise _BodyTooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if rejected:
                return  # the 413 is out; whatever the app makes of the aborted body is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _BodyTooLarge:
            pass


def install(app: FastAPI, settings: Settings) -> None:
    """Add the body-size middleware and the per-key rate limiter (``app.state.rate_limiter``)."""
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    per_minute = settings.rate_limit_per_minute
    app.state.rate_limiter = RateLimiter(per_minute) if per_minute > 0 else None
