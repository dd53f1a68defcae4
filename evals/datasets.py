"""Datasets -> cases, streamed: JSONL, CSV or JSON (optionally .gz), a field mapping, value maps,
filters and conversation building. Rows are read one at a time so 20k-case datasets stay cheap.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.suite import ConversationSpec, DatasetSpec, FieldSpec, SuiteError


@dataclass
class Case:
    """One eval case: ``data`` holds the mapped fields (inputs and expected values alike)."""

    id: str
    data: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        value = dig(self.data, name)
        return default if value is None else value


def dig(row: Any, path: str) -> Any:
    """``a.b.0.c`` through dicts and lists (``.`` is the row itself); None when any step is missing."""
    if path in (".", ""):
        return row
    value = row
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
        if value is None:
            return None
    return value


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by the caller


def _format(path: Path, spec: DatasetSpec) -> str:
    if spec.format:
        return spec.format
    suffixes = [s for s in path.suffixes if s != ".gz"]
    ext = suffixes[-1].lstrip(".") if suffixes else ""
    if ext in ("jsonl", "csv", "json"):
        return ext
    raise SuiteError(f"dataset.format: cannot tell the format of {path.name!r}; set format: jsonl, csv or json")


def read_rows(path: Path, spec: DatasetSpec) -> Iterator[dict[str, Any]]:
    fmt = _format(path, spec)
    with _open_text(path) as handle:
        if fmt == "csv":
            yield from csv.DictReader(handle)
        elif fmt == "jsonl":
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise SuiteError(f"dataset {path} line {number}: not valid JSON: {exc}") from None
        else:
            data = json.load(handle)
            if not isinstance(data, list):
                raise SuiteError(f"dataset {path}: a JSON dataset must be a list of objects")
            yield from data


def _extract(row: dict[str, Any], spec: str | FieldSpec) -> Any:
    if isinstance(spec, str):
        return dig(row, spec)
    value = dig(row, spec.path)
    if spec.item is None or not isinstance(value, list):
        return value
    items = [dig(v, spec.item) for v in value]
    items = [v for v in items if v is not None]
    if spec.reduce == "list":
        return items
    if not items:
        return None
    reducers: dict[str, Callable[[list[Any]], Any]] = {
        "mean": statistics.fmean,
        "median": statistics.median,
        "max": max,
        "min": min,
        "first": lambda xs: xs[0],
    }
    return reducers[spec.reduce](items)


def build_conversation(row: dict[str, Any], spec: ConversationSpec, case_id: str) -> dict[str, Any]:
    raw = dig(row, spec.field)
    messages: list[dict[str, str]] = []
    if isinstance(raw, str):
        pattern = re.compile(spec.line_pattern or r"^#?(\w+)#?:\s*")
        for line in raw.splitlines():
            match = pattern.match(line)
            if match:
                role: str = spec.roles.get(match.group(1), "customer")
                messages.append({"role": role, "text": line[match.end() :].strip()})
            elif messages and line.strip():
                messages[-1]["text"] += "\n" + line.strip()
    elif isinstance(raw, list):
        for turn in raw:
            text = dig(turn, spec.text)
            text = "\n".join(map(str, text)) if isinstance(text, list) else text
            role_key = str(dig(turn, spec.role))
            fallback = role_key if role_key in ("customer", "agent") else "customer"
            role = spec.roles[role_key] if role_key in spec.roles else fallback
            if text and str(text).strip():
                messages.append({"role": role, "text": str(text).strip()})
    if not messages:
        raise SuiteError(f"case {case_id}: dataset.conversation.field {spec.field!r} gave no messages")
    return {"id": case_id, "messages": messages}


def _map_value(value: Any, mapping: dict[str, Any]) -> tuple[Any, bool]:
    if isinstance(value, list):
        pairs = [_map_value(v, mapping) for v in value]
        return [v for v, _ in pairs], all(ok for _, ok in pairs)
    key = str(value)
    return (mapping[key], True) if key in mapping else (value, False)


def iter_cases(spec: DatasetSpec, path: Path) -> Iterator[Case]:
    """The dataset's cases, in file order, after mapping, value maps, filters and limits."""
    per_label: Counter[str] = Counter()
    produced = 0
    for number, row in enumerate(read_rows(path, spec)):
        if not isinstance(row, dict):
            raise SuiteError(f"dataset {path} row {number}: expected an object, got {type(row).__name__}")
        case_id = str(dig(row, spec.id) if spec.id else number)
        data = {name: _extract(row, fs) for name, fs in spec.fields.items()} if spec.fields else dict(row)
        keep = True
        for name, mapping in spec.values.items():
            if name in data and data[name] is not None:
                data[name], mapped = _map_value(data[name], mapping)
                keep = keep and (mapped or not spec.drop_unmapped)
        if not keep or any(data.get(k) not in allowed for k, allowed in spec.where.items()):
            continue
        if spec.conversation is not None:
            data["conversation"] = build_conversation(row, spec.conversation, case_id)
        if spec.per_label is not None:
            label = str(data.get("label"))
            if per_label[label] >= spec.per_label:
                continue
            per_label[label] += 1
        yield Case(id=case_id, data=data)
        produced += 1
        if spec.limit is not None and produced >= spec.limit:
            return
