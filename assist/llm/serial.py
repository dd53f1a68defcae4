"""One queue, one worker: for chat models that must never run two generations at once.

llama.cpp's embedded model aborts the whole process when two threads generate with it at the same
time (``GGML_ASSERT(i1 >= 0 && i1 < ne1)``). :class:`SerialChatModel` wraps such a model: every call
(``invoke``, ``ainvoke``, ``stream``, ``with_structured_output(...)``, ``bind_tools(...)``) is queued
for a single worker thread, so at most one generation runs at a time. Each call has a deadline
(``timeout_s``) that covers its wait in the queue: a call still queued at its deadline is dropped
from the queue and fails with :class:`ModelError`, so callers fall back to their offline path.

A model declares itself unsafe for concurrent calls with ``thread_safe = False``; :func:`serialize`
wraps those (and any model it is told to) and leaves the others alone.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import queue
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import Field

from assist.errors import ModelError
from assist.llm.delegating import DelegatingChatModel

T = TypeVar("T")
_END = object()


class _Expired(Exception):
    pass


class ModelQueue:
    """A single worker thread taking calls in arrival order, each with a deadline."""

    def __init__(self, timeout_s: float, name: str = "local-llm") -> None:
        self.timeout_s = timeout_s
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix=name)

    def _busy(self) -> ModelError:
        return ModelError(
            f"the local model was busy with other requests for {self.timeout_s:g} s (it runs one generation "
            "at a time); raise ASSIST_LLM_TIMEOUT_S or use an OpenAI-compatible server for more traffic"
        )

    def submit(self, fn: Callable[[], T]) -> tuple[concurrent.futures.Future[T], float]:
        deadline = time.monotonic() + self.timeout_s

        def job() -> T:
            if time.monotonic() >= deadline:  # the caller gave up while this waited: skip it
                raise _Expired()
            return fn()

        return self._pool.submit(job), deadline

    def call(self, fn: Callable[[], T]) -> T:
        future, deadline = self.submit(fn)
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except (concurrent.futures.TimeoutError, _Expired) as exc:
            future.cancel()
            raise self._busy() from exc

    async def acall(self, fn: Callable[[], T]) -> T:
        future, deadline = self.submit(fn)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), max(0.0, deadline - time.monotonic()))
        except (TimeoutError, _Expired) as exc:
            future.cancel()
            raise self._busy() from exc

    def stream(self, make: Callable[[], Iterator[T]]) -> Iterator[T]:
        """The whole generation runs in the worker (nothing interleaves); chunks reach the caller as made."""
        chunks: queue.Queue[Any] = queue.Queue()

        def produce() -> None:
            try:
                for chunk in make():
                    chunks.put(chunk)
            except BaseException as exc:  # handed to the caller
                chunks.put(exc)
            finally:
                chunks.put(_END)

        future, deadline = self.submit(produce)
        while True:
            try:
                item = chunks.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty as exc:
                future.cancel()
                raise self._busy() from exc
            if item is _END:
                if future.done() and isinstance(future.exception(), _Expired):
                    raise self._busy()
                return
            if isinstance(item, BaseException):
                raise item
            yield item


class SerialChatModel(DelegatingChatModel):
    """``inner`` with all calls through one :class:`ModelQueue`; otherwise behaves like ``inner``.

    The worker runs the inner model's sync ``invoke`` for async calls too (one thread generates)."""

    queue: ModelQueue = Field(exclude=True)

    def delegate_call(self, fn: Callable[[], T]) -> T:
        return self.queue.call(fn)

    async def delegate_acall(
        self, runnable: Runnable[Any, Any], input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Any:
        return await self.queue.acall(lambda: runnable.invoke(input, config, **kwargs))

    def delegate_stream(self, make: Callable[[], Iterator[T]]) -> Iterator[T]:
        return self.queue.stream(make)


def serialize(model: BaseChatModel, timeout_s: float, *, force: bool = False) -> BaseChatModel:
    """``model`` behind one queue and one worker when it is not thread-safe (or ``force``); else as is."""
    if isinstance(model, SerialChatModel):
        return model
    if not force and getattr(model, "thread_safe", True):
        return model
    return SerialChatModel(inner=model, queue=ModelQueue(timeout_s))
