"""A content-addressed, on-disk cache of model calls, plugged into LangChain's own cache hook.

Every chat model a suite uses is copied with ``cache=store.view(namespace)``; LangChain then asks the
cache before each call with the serialized messages and the model's parameter string. The key is
sha256 over the namespace (task, engine model and base URL, prompt file sha256, scorer source hash,
seed and repeat) + LangChain's llm string (model, params, stop) + the messages. Changing a prompt
file, a scorer's code, the model or any parameter therefore misses the cache instead of serving a
stale answer. Entries are small JSON files (``ab/abcdef...json``), written atomically.

Each worker thread records the calls it makes (rendered prompt, output, token usage, hit or miss)
in a :class:`CallLog`, which the runner stores with the case so the report can show the prompt.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.caches import RETURN_VAL_TYPE, BaseCache
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, Generation


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def source_hash(*objects: Any) -> str:
    """sha256 over the source code of functions/classes (falls back to their qualified name)."""
    parts = []
    for obj in objects:
        try:
            parts.append(inspect.getsource(obj))
        except (OSError, TypeError):
            parts.append(f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', repr(obj))}")
    return sha256_text("\n".join(parts))


def stable_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


@dataclass
class ModelCall:
    role: str
    prompt: str
    output: str = ""
    cached: bool = False
    input_tokens: int | None = None
    output_tokens: int | None = None


@dataclass
class CallLog:
    calls: list[ModelCall] = field(default_factory=list)


_local = threading.local()


@contextmanager
def recording() -> Iterator[CallLog]:
    """Record the model calls made by this thread inside the block."""
    log = CallLog()
    previous = getattr(_local, "log", None)
    _local.log = log
    try:
        yield log
    finally:
        _local.log = previous


def _current_log() -> CallLog | None:
    return getattr(_local, "log", None)


def render_messages(serialized: str) -> str:
    """LangChain's serialized message list -> ``[system] ...`` text for humans."""
    try:
        items = json.loads(serialized)
    except json.JSONDecodeError:
        return serialized
    lines = []
    for item in items if isinstance(items, list) else [items]:
        kwargs = item.get("kwargs", {}) if isinstance(item, dict) else {}
        kind = (item.get("id") or ["", "message"])[-1] if isinstance(item, dict) else "message"
        role = {"SystemMessage": "system", "HumanMessage": "user", "AIMessage": "assistant"}.get(kind, kind)
        lines.append(f"[{role}]\n{kwargs.get('content', '')}")
    return "\n\n".join(lines)


def _to_json(generation: Generation) -> dict[str, Any]:
    message = getattr(generation, "message", None)
    usage = getattr(message, "usage_metadata", None) if message is not None else None
    return {
        "text": generation.text,
        "content": message.content if message is not None else generation.text,
        "usage": dict(usage) if usage else None,
    }


def _from_json(item: dict[str, Any]) -> ChatGeneration:
    message = AIMessage(content=item["content"], usage_metadata=item.get("usage"))
    return ChatGeneration(message=message)


class CallStore:
    """The shared on-disk store. ``read``/``write`` False turn it into a pass-through recorder."""

    def __init__(self, directory: Path, *, read: bool = True, write: bool = True) -> None:
        self.directory = directory
        self.read = read
        self.write = write
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()

    def view(self, namespace: dict[str, Any], role: str = "task") -> CacheView:
        return CacheView(self, stable_json(namespace), role)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[dict[str, Any]] | None:
        if not self.read:
            return None
        path = self._path(key)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            entry = None
        with self._lock:
            if entry is None:
                self.misses += 1
            else:
                self.hits += 1
        return entry

    def put(self, key: str, generations: list[dict[str, Any]]) -> None:
        if not self.write:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(generations, handle, ensure_ascii=False)
        os.replace(tmp, path)

    def clear(self) -> None:
        for path in self.directory.glob("*/*.json"):
            path.unlink()


class CacheView(BaseCache):
    """LangChain cache for one namespace (task + engine + prompt + scorer + seed) of a CallStore."""

    def __init__(self, store: CallStore, namespace: str, role: str) -> None:
        self.store = store
        self.namespace = namespace
        self.role = role

    def key(self, prompt: str, llm_string: str) -> str:
        return sha256_text(f"{self.namespace}\x00{llm_string}\x00{prompt}")

    def lookup(self, prompt: str, llm_string: str) -> RETURN_VAL_TYPE | None:
        entry = self.store.get(self.key(prompt, llm_string))
        log = _current_log()
        if log is not None:
            call = ModelCall(role=self.role, prompt=render_messages(prompt))
            if entry is not None:
                call.cached = True
                _fill(call, entry)
            log.calls.append(call)
        return [_from_json(item) for item in entry] if entry is not None else None

    def update(self, prompt: str, llm_string: str, return_val: RETURN_VAL_TYPE) -> None:
        entry = [_to_json(gen) for gen in return_val]
        self.store.put(self.key(prompt, llm_string), entry)
        log = _current_log()
        if log is not None and log.calls and not log.calls[-1].cached:
            _fill(log.calls[-1], entry)

    def clear(self, **kwargs: Any) -> None:
        self.store.clear()


def _fill(call: ModelCall, entry: list[dict[str, Any]]) -> None:
    if not entry:
        return
    call.output = str(entry[0].get("content") or entry[0].get("text") or "")
    usage = entry[0].get("usage") or {}
    call.input_tokens = usage.get("input_tokens")
    call.output_tokens = usage.get("output_tokens")


def with_cache(model: Any, view: CacheView, seed: int | None = None) -> Any:
    """A copy of a LangChain chat model that reads and writes ``view`` (and uses ``seed`` if it can)."""
    update: dict[str, Any] = {"cache": view}
    if seed is not None and "seed" in type(model).model_fields:
        update["seed"] = seed
    return model.model_copy(update=update)
