"""The card's steps: each timed, on the card's step threads, a store failure leaving its part empty.

A step that fails on its own (translation engine down, policy index unreachable) leaves its part empty and
says so in the card's ``notes`` (:func:`partial_note`); :func:`degraded_steps` names them for ``degraded``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from typing import Any, TypeVar

from assist.cpu_slots import CpuSlots
from assist.errors import AssistError

log = logging.getLogger("assist.pipeline")
T = TypeVar("T")
# The card's offline steps: enough threads that a step waiting on another (the gist waits for the intent,
# an embedding waits for its micro-batch) never waits for a free thread behind other cards' steps (the
# event loop's default pool has cpu_count + 4 threads).
STEP_THREADS = ThreadPoolExecutor(max_workers=32, thread_name_prefix="assist-step")
# Set while a whole card runs on one thread (_card_on_one_thread): its steps run there, one after another.
ONE_THREAD: ContextVar[bool] = ContextVar("assist_card_on_one_thread", default=False)


async def timed(
    name: str,
    timings: dict[str, float],
    notes: list[str],
    fn: Callable[[], T],
    default: Any = None,
    soft: bool = True,
    executor: ThreadPoolExecutor | None = None,
) -> T:
    started = time.perf_counter()
    try:
        if ONE_THREAD.get():  # the whole card runs on one thread (see _card_on_one_thread)
            return fn()
        return await asyncio.get_running_loop().run_in_executor(executor or STEP_THREADS, fn)
    except AssistError as exc:
        if not soft or default is None:
            raise
        notes.append(f"{name}: {exc}")
        return default  # type: ignore[no-any-return]
    except Exception as exc:
        # A store or index failure (database, Chroma, disk) leaves this step empty: a partial card.
        if not soft or (default is None and name != "translation") or not is_store_failure(exc):
            raise
        log.warning("assist card step %s failed: %r", name, exc, exc_info=exc)
        notes.append(partial_note(name, exc))
        return default  # type: ignore[no-any-return]
    finally:
        timings[name] = round((time.perf_counter() - started) * 1000, 2)


PARTIAL = "the card is partial"


def is_store_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is a store or index failure (database, Chroma, its server, the disk)."""
    import httpx
    from chromadb.errors import ChromaError
    from sqlalchemy.exc import SQLAlchemyError

    return isinstance(exc, SQLAlchemyError | ChromaError | httpx.TransportError | OSError)


def partial_note(step: str, exc: BaseException) -> str:
    return f"{step}: failed ({type(exc).__name__} in the store or index); {PARTIAL}, try again shortly"


def degraded_steps(notes: list[str]) -> str | None:
    steps = [note.split(":", 1)[0] for note in notes if PARTIAL in note]
    return f"failed: {', '.join(steps)}" if steps else None


def cpu_slots(services: Any) -> CpuSlots:
    """The services' CPU slots; services without any (a test double) get no limit."""
    slots = getattr(services, "cpu_slots", None)
    return slots if isinstance(slots, CpuSlots) else _NO_LIMIT


_NO_LIMIT = CpuSlots(0)
