"""Keeping translation bounded and honest: sentences in bounded batches, a lock granted in arrival
order, a per-call deadline, and output checks (length against the source, numbers not in the source)."""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from assist.errors import ModelError

MAX_SEGMENT_CHARS = 300  # a "sentence" longer than this (no punctuation) is cut at spaces
# When the current call must end (time.monotonic()); engines read it while waiting for a lock.
current_deadline: ContextVar[float | None] = ContextVar("translation_deadline", default=None)


class DeadlineExceeded(ModelError):
    """The call ran out of time; the router answers with the gist."""


_SENTENCE_END = re.compile(r"(?<=[.!?;:\u3002\uff01\uff1f\uff1b])\s+|(?<=[\u3002\uff01\uff1f])|\n+")


def split_sentences(text: str) -> list[str]:
    """``text`` cut after sentence ends and line breaks; each piece keeps its trailing whitespace, so
    ``"".join(split_sentences(text)) == text``. Pieces over ``MAX_SEGMENT_CHARS`` are cut at spaces
    (or hard, for scripts without spaces)."""
    pieces: list[str] = []
    cursor = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > cursor:
            pieces.append(text[cursor : match.end()])
            cursor = match.end()
    if cursor < len(text):
        pieces.append(text[cursor:])
    out: list[str] = []
    for piece in pieces:
        while len(piece) > MAX_SEGMENT_CHARS:
            cut = piece.rfind(" ", 0, MAX_SEGMENT_CHARS) + 1 or MAX_SEGMENT_CHARS
            out.append(piece[:cut])
            piece = piece[cut:]
        if piece:
            out.append(piece)
    return out


def batches(text: str, max_chars: int) -> list[str]:
    """Whole sentences grouped into batches of at most ``max_chars`` (a longer sentence is cut)."""
    out: list[str] = []
    current = ""
    for sentence in split_sentences(text):
        if current and len(current) + len(sentence) > max_chars:
            out.append(current)
            current = ""
        current += sentence
    if current:
        out.append(current)
    return out


def split_space(segment: str) -> tuple[str, str, str]:
    core = segment.strip()
    if not core:
        return segment, "", ""
    start = segment.index(core)
    return segment[:start], core, segment[start + len(core) :]


class FairLock:
    """A lock granted in arrival order: between two batches of a long document, a request that was
    already waiting gets its turn (a plain Lock may be re-taken by the same thread at once)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()
        self._held = False

    def acquire(self, timeout: float | None = None) -> bool:
        ticket = object()
        with self._cond:
            self._queue.append(ticket)
            granted = self._cond.wait_for(lambda: not self._held and self._queue[0] is ticket, timeout)
            self._queue.remove(ticket)
            if granted:
                self._held = True
            self._cond.notify_all()
            return granted

    def release(self) -> None:
        with self._cond:
            self._held = False
            self._cond.notify_all()

    @contextmanager
    def held(self, what: str) -> Iterator[None]:
        """Hold the lock, waiting no longer than the current call's deadline."""
        deadline = current_deadline.get()
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not self.acquire(timeout):
            raise DeadlineExceeded(f"{what} was busy until the deadline")
        try:
            yield
        finally:
            self.release()


def remaining(deadline: float | None) -> float | None:
    return None if deadline is None else deadline - time.monotonic()


# --- output checks -------------------------------------------------------------------------

_NUMBER = re.compile(r"[0-9]+")
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uff00-\uffef]")
# One CJK character carries about as much as three Latin letters (measured on WMT/FLORES pairs).
WIDE_WEIGHT = 3
MIN_RATIO, MAX_RATIO = 0.4, 2.5
RATIO_MIN_CHARS = 40  # shorter texts vary too much to judge by length
MIN_NUMBER_DIGITS = 3  # measured on FLORES-200 human translations: bench/translation_checks.py


def _numbers(text: str) -> set[str]:
    """Digit runs of three or more (years, amounts, ids), full-width digits read as ASCII. Shorter ones
    are left out: a source often spells them ("nineteen", "two") where a translation writes digits."""
    return {n for n in _NUMBER.findall(unicodedata.normalize("NFKC", text)) if len(n) >= MIN_NUMBER_DIGITS}


def _weight(text: str) -> int:
    wide = len(_WIDE.findall(text))
    return len(text) - wide + WIDE_WEIGHT * wide


def check_output(source: str, output: str) -> list[str]:
    """What looks wrong with ``output`` as a translation of ``source``: a length far from the source's,
    or numbers the source does not contain. Empty when nothing does."""
    warnings = []
    if len(source.strip()) >= RATIO_MIN_CHARS:
        ratio = _weight(output) / max(1, _weight(source))
        if not MIN_RATIO <= ratio <= MAX_RATIO:
            warnings.append(
                f"length check failed: the translation is {ratio:.2f}x the source's length "
                f"(expected {MIN_RATIO}-{MAX_RATIO}x); parts may be missing or invented"
            )
    invented = sorted(_numbers(output) - _numbers(source), key=lambda n: (len(n), n))
    if invented:
        warnings.append(
            "number check failed: the translation has numbers that are not in the source "
            f"({', '.join(invented[:5])}); check them against the original"
        )
    return warnings
