"""Placeholders that keep facts out of a translation engine's hands, and the translation cache (LRU in memory,
JSON files under ``<data_dir>/cache/translations``)."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from pathlib import Path

from assist.gist import find_facts
from assist.model_cache import write_atomically

# --- placeholders --------------------------------------------------------------------------


def protect(text: str, order_id_pattern: str | None = None) -> tuple[str, dict[str, str]]:
    """``text`` with facts replaced by ``[n]`` (numbers that do not occur in the text already)."""
    used = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    mapping: dict[str, str] = {}
    out, cursor, number = [], 0, 1
    for fact in find_facts(text, order_id_pattern):
        while number in used:
            number += 1
        token = f"[{number}]"
        used.add(number)
        mapping[token] = fact.value
        out += [text[cursor : fact.start], token]
        cursor = fact.end
    out.append(text[cursor:])
    return "".join(out), mapping


def restore(text: str, mapping: dict[str, str]) -> tuple[str, list[str]]:
    """Placeholders back to their values; values whose placeholder the engine lost are appended."""
    lost = []
    for token, value in mapping.items():
        if token in text:
            text = text.replace(token, value)
        else:
            lost.append(value)
    if lost:
        text = f"{text.rstrip()} ({', '.join(lost)})"
    return text, lost


# --- cache ---------------------------------------------------------------------------------


class TranslationCache:
    def __init__(self, directory: Path | None = None, maxsize: int = 2048) -> None:
        self.directory = directory
        self.maxsize = maxsize
        self._memory: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str, source: str, target: str, engine: str) -> str:
        return hashlib.sha256(json.dumps([text, source, target, engine], ensure_ascii=False).encode()).hexdigest()

    def get(self, key: str) -> str | None:
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        if self.directory is not None:
            path = self.directory / key[:2] / f"{key}.json"
            if path.is_file():
                value = json.loads(path.read_text(encoding="utf-8"))["text"]
                self._remember(key, value)
                return str(value)
        return None

    def put(self, key: str, value: str) -> None:
        self._remember(key, value)
        if self.directory is not None:
            # two requests translating the same text at once write the same file: each through its own temporary
            write_atomically(
                self.directory / key[:2] / f"{key}.json", json.dumps({"text": value}, ensure_ascii=False).encode()
            )

    def _remember(self, key: str, value: str) -> None:
        with self._lock:
            self._memory[key] = value
            self._memory.move_to_end(key)
            while len(self._memory) > self.maxsize:
                self._memory.popitem(last=False)
