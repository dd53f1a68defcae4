"""A bounded, circuit-broken call around any chat model.

:class:`GuardedChatModel` wraps a LangChain ``BaseChatModel``: every call (``invoke``, ``ainvoke``,
``stream``, ``with_structured_output(...)``, ``bind_tools(...)``) gets a hard deadline
(``ASSIST_LLM_TIMEOUT_S``, retries included) and goes through a :class:`CircuitBreaker` shared by all
calls to the same endpoint: after ``failure_threshold`` consecutive failures the endpoint is skipped
for ``cooldown_s`` (calls fail at once), then one trial call decides whether it closes again.

Failures come out as :class:`assist.errors.ModelError` whose message says what went wrong (timed out,
refused, HTTP status, unusable answer, circuit open), so callers fall back to the template engine and
report the reason as ``degraded``. Output that parses but does not validate against a schema
(``OutputParserException``, pydantic ``ValidationError``) passes through unchanged: the endpoint is
alive, and ``structured_call`` retries such output itself.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

from langchain_core.exceptions import OutputParserException
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import Field, ValidationError

from assist.errors import ModelError
from assist.llm.delegating import DelegatingChatModel

log = logging.getLogger("assist.llm")
T = TypeVar("T")
PASS_THROUGH: tuple[type[BaseException], ...] = (OutputParserException, ValidationError)


class CircuitBreaker:
    """Closed -> open after ``failure_threshold`` consecutive failures -> half-open after ``cooldown_s``
    (one trial call) -> closed on success, open again on failure. Thread-safe."""

    def __init__(
        self,
        name: str,
        failure_threshold: int = 3,
        cooldown_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.failure_threshold = max(1, failure_threshold)
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._lock = threading.Lock()
        self.failures = 0
        self.opened_at: float | None = None
        self._trial_running = False
        self.last_error: str | None = None

    @property
    def state(self) -> str:
        with self._lock:
            return self._state()

    def _state(self) -> str:
        if self.opened_at is None:
            return "closed"
        if self._clock() - self.opened_at >= self.cooldown_s:
            return "half-open"
        return "open"

    def before_call(self) -> None:
        """Raise :class:`ModelError` when the endpoint is being skipped."""
        with self._lock:
            state = self._state()
            if state == "closed":
                return
            if state == "half-open" and not self._trial_running:
                self._trial_running = True
                return
            assert self.opened_at is not None
            left = max(0.0, self.cooldown_s - (self._clock() - self.opened_at))
            # The endpoint's address stays in the logs; callers may show this message to agents.
            raise ModelError(
                f"LLM endpoint skipped for {left:.0f} s more after {self.failures} consecutive "
                f"failures (circuit open; last error: {self.last_error})"
            )

    def record_success(self) -> None:
        with self._lock:
            self.failures, self.opened_at, self._trial_running = 0, None, False

    def record_failure(self, reason: str) -> None:
        with self._lock:
            self.failures += 1
            self.last_error = reason
            trial_failed = self._trial_running
            self._trial_running = False
            if trial_failed or self.failures >= self.failure_threshold:
                if self.opened_at is None or trial_failed:
                    log.warning(
                        "LLM endpoint %s: circuit open for %.0f s after %d failures (%s)",
                        self.name,
                        self.cooldown_s,
                        self.failures,
                        reason,
                    )
                self.opened_at = self._clock()


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(endpoint: str, failure_threshold: int = 3, cooldown_s: float = 30.0) -> CircuitBreaker:
    """The process-wide breaker of ``endpoint`` (all models calling one endpoint share its state)."""
    with _breakers_lock:
        breaker = _breakers.get(endpoint)
        if breaker is None:
            breaker = _breakers[endpoint] = CircuitBreaker(endpoint, failure_threshold, cooldown_s)
        return breaker


def reset_breakers() -> None:
    """Forget every endpoint's state (tests and benchmarks that reuse one endpoint address)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.record_success()


def describe_failure(exc: BaseException, timeout_s: float) -> str:
    """A short, user-facing reason for a failed call (used as the ``degraded`` reason)."""
    import openai

    if isinstance(exc, TimeoutError | concurrent.futures.TimeoutError | openai.APITimeoutError):
        return f"LLM endpoint timed out after {timeout_s:g} s"
    if isinstance(exc, openai.APIConnectionError):
        root: BaseException = exc
        for _ in range(10):  # the innermost cause: httpx -> httpcore -> OSError
            nxt = root.__cause__ or root.__context__
            if nxt is None:
                break
            root = nxt
        if isinstance(root, ConnectionRefusedError):
            return "LLM endpoint refused the connection"
        if root is not exc:
            return f"LLM endpoint unreachable ({type(root).__name__}: {str(root)[:80]})"
        return "LLM endpoint unreachable (connection error)"
    if isinstance(exc, openai.APIStatusError):
        return f"LLM endpoint answered HTTP {exc.status_code}"
    if isinstance(exc, ModelError):
        return str(exc)
    return f"LLM endpoint returned an unusable answer ({type(exc).__name__})"


class Guard:
    """Deadline + breaker for one endpoint; runs sync calls on a small pool so a hung socket cannot
    hold the request past the deadline."""

    def __init__(self, breaker: CircuitBreaker, timeout_s: float, max_concurrency: int = 16) -> None:
        self.breaker = breaker
        self.timeout_s = timeout_s
        self._pool = concurrent.futures.ThreadPoolExecutor(max_concurrency, thread_name_prefix="llm-call")

    def _fail(self, exc: BaseException) -> ModelError:
        reason = describe_failure(exc, self.timeout_s)
        self.breaker.record_failure(reason)
        return ModelError(reason)

    def call(self, fn: Callable[[], T]) -> T:
        self.breaker.before_call()
        future = self._pool.submit(fn)
        try:
            result = future.result(timeout=self.timeout_s)
        except PASS_THROUGH:
            self.breaker.record_success()
            raise
        except Exception as exc:
            future.cancel()
            raise self._fail(exc) from exc
        self.breaker.record_success()
        return result

    async def acall(self, make: Callable[[], Awaitable[T]]) -> T:
        self.breaker.before_call()
        try:
            result = await asyncio.wait_for(make(), timeout=self.timeout_s)
        except PASS_THROUGH:
            self.breaker.record_success()
            raise
        except Exception as exc:
            raise self._fail(exc) from exc
        self.breaker.record_success()
        return result

    def stream(self, iterator: Iterator[T]) -> Iterator[T]:
        """Each chunk within the deadline; a failure before or during the stream counts once."""
        self.breaker.before_call()
        done = object()
        while True:
            future = self._pool.submit(next, iterator, done)
            try:
                item = future.result(timeout=self.timeout_s)
            except PASS_THROUGH:
                raise
            except Exception as exc:
                raise self._fail(exc) from exc
            if item is done:
                self.breaker.record_success()
                return
            yield item  # type: ignore[misc]


class GuardedChatModel(DelegatingChatModel):
    """``inner`` with a deadline and a circuit breaker; otherwise behaves exactly like ``inner``."""

    guard: Guard = Field(exclude=True)

    @property
    def breaker(self) -> CircuitBreaker:
        return self.guard.breaker

    def delegate_call(self, fn: Callable[[], T]) -> T:
        return self.guard.call(fn)

    async def delegate_acall(
        self, runnable: Runnable[Any, Any], input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Any:
        return await self.guard.acall(lambda: runnable.ainvoke(input, config, **kwargs))

    def delegate_stream(self, make: Callable[[], Iterator[T]]) -> Iterator[T]:
        return self.guard.stream(make())


def guard_chat_model(
    model: BaseChatModel, *, endpoint: str, timeout_s: float, failure_threshold: int = 3, cooldown_s: float = 30.0
) -> GuardedChatModel:
    """Wrap ``model`` (calls to ``endpoint``) with a ``timeout_s`` deadline and the endpoint's breaker."""
    if isinstance(model, GuardedChatModel):
        return model
    breaker = breaker_for(endpoint, failure_threshold, cooldown_s)
    return GuardedChatModel(inner=model, guard=Guard(breaker, timeout_s))
