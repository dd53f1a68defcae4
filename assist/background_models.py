"""Models built in the background at first need: one build per key, on a daemon thread, never inside a request.

Some readers take minutes of CPU to train the first time (the second encoder's ask readers, its claim heads). A
request that needs one asks :meth:`BackgroundBuilds.get` without ``wait``: it gets the model when it is built, else
None (and the request reads as before, without it) while the build starts on a background thread, once per key.
Benches and warm-ups pass ``wait``: they get the model built in the foreground (or wait for the thread already
building it). A build that fails is logged and tried again at the next need; one that returns None is not kept.

Where the model is kept on disk, and how it is trained, is the builder's business (:mod:`assist.model_cache`, the
shipped heads of :mod:`assist.shipped_heads`): this module only decides when and on which thread it is built.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from typing import Any

log = logging.getLogger("assist.background_models")


class BackgroundBuilds:
    """The models of one kind (``what``: for the thread name and the log), each built once per key; with ``keep``,
    only that many are kept, the least recently asked for dropped first (built again at its next need)."""

    def __init__(self, what: str, keep: int | None = None) -> None:
        self.what = what
        self.keep = keep
        self._ready: dict[Hashable, Any] = {}
        self._building: dict[Hashable, threading.Thread] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Any], *, wait: bool = False) -> Any:
        """The model built for ``key``; None while it is not built (without ``wait``: ``build`` starts on a
        background thread, unless one is building it already). With ``wait``: built now, or awaited."""
        with self._lock:
            if key in self._ready:
                self._ready[key] = self._ready.pop(key)  # the most recently asked for is dropped last
                return self._ready[key]
            running = self._building.get(key)
            if running is None and not wait:
                running = self._building[key] = threading.Thread(
                    target=self._build, args=(key, build), name=f"build-{self.what}", daemon=True
                )
                running.start()
                return None
        if not wait:
            return None
        if running is not None:
            running.join()
        with self._lock:
            if key in self._ready:
                return self._ready[key]
        self._build(key, build)
        return self._ready.get(key)

    def building(self, key: Hashable) -> bool:
        """Whether a background thread is building ``key`` now."""
        with self._lock:
            return key in self._building

    def ready(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._ready

    def _build(self, key: Hashable, build: Callable[[], Any]) -> None:
        try:
            model = build()
        except Exception:  # the caller keeps reading without the model; the next need tries again
            log.exception("building %s failed", self.what)
            model = None
        with self._lock:
            if model is not None:
                self._ready[key] = model
                while self.keep is not None and len(self._ready) > self.keep:
                    del self._ready[next(iter(self._ready))]
            if self._building.get(key) is threading.current_thread():
                del self._building[key]


__all__ = ["BackgroundBuilds"]
