"""At most N requests of a worker do their CPU work at once; the others wait, in arrival order.

A worker's Python runs under one GIL. When every request in flight computes at the same time, each
gets a slice of the same core and all of them finish late (processor sharing: under a burst of ten
cards, every card takes about ten cards' time). With a few slots, requests run nearly one after
another and each finishes in its own time plus its wait: the same throughput, a much shorter tail
(``bench/load/run.py``). Only CPU work holds a slot: never a wait on a chat model.

One :class:`CpuSlots` serves both kinds of caller: ``async with slots.held_async()`` on the event
loop (the card) and ``with slots.held()`` on a worker thread (sync routes). Slots are handed to
waiters strictly first come, first served; ``slots=0`` means no limit.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager


class CpuSlots:
    def __init__(self, slots: int) -> None:
        if slots < 0:
            raise ValueError(f"slots must be 0 (no limit) or more, not {slots}")
        self.slots = slots
        self._free = slots
        self._waiters: deque[Callable[[], bool]] = deque()
        self._lock = threading.Lock()

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    def others_busy(self) -> bool:
        """Whether, besides the caller's slot, another is held or someone waits (a snapshot)."""
        return self.slots > 0 and (self.slots - self._free > 1 or bool(self._waiters))

    def _take_or_queue(self, wake: Callable[[], bool]) -> bool:
        with self._lock:
            if self._free > 0 and not self._waiters:
                self._free -= 1
                return True
            self._waiters.append(wake)
            return False

    def release(self) -> None:
        """Hand the slot to the longest waiter (one that can still take it), else free it."""
        with self._lock:
            while self._waiters:
                if self._waiters.popleft()():
                    return
            self._free += 1

    @contextmanager
    def held(self) -> Iterator[None]:
        """A slot for the calling thread, for the ``with`` block."""
        if self.slots == 0:
            yield
            return
        granted = threading.Event()

        def wake() -> bool:
            granted.set()
            return True

        if not self._take_or_queue(wake):
            granted.wait()
        try:
            yield
        finally:
            self.release()

    @asynccontextmanager
    async def held_async(self) -> AsyncIterator[None]:
        """A slot for the calling task, for the ``async with`` block; waiting does not block the loop."""
        if self.slots == 0:
            yield
            return
        loop = asyncio.get_running_loop()
        granted: asyncio.Future[None] = loop.create_future()

        def hand_over() -> None:  # on the loop: a cancelled waiter passes the slot on
            if granted.cancelled():
                self.release()
            else:
                granted.set_result(None)

        def wake() -> bool:
            if loop.is_closed():
                return False
            loop.call_soon_threadsafe(hand_over)
            return True

        if not self._take_or_queue(wake):
            try:
                await granted
            except asyncio.CancelledError:
                with self._lock:
                    queued = wake in self._waiters
                    if queued:
                        self._waiters.remove(wake)
                if not queued and granted.done() and not granted.cancelled():
                    self.release()  # granted just as it was cancelled
                raise
        try:
            yield
        finally:
            self.release()
