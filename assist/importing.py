"""Reading order files (JSON list or CSV) into validated orders; any bad row rejects the whole file."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assist.errors import InvalidInput
from assist.models import Order

ITEM_FIELDS = ("sku", "name", "quantity", "price")


def _describe(error: ValidationError, where: str) -> list[str]:
    out = []
    for e in error.errors():
        field = ".".join(str(p) for p in e["loc"]) or "(row)"
        out.append(f"{where}, field '{field}': {e['msg']}")
    return out


def parse_orders(records: list[dict[str, Any]], source: str = "input") -> list[Order]:
    orders: list[Order] = []
    problems: list[str] = []
    seen: set[str] = set()
    for index, record in enumerate(records, start=1):
        where = f"{source}: record {index}"
        if not isinstance(record, dict):
            problems.append(f"{where}: expected an object with order fields, got {type(record).__name__}")
            continue
        cleaned = {k: (None if v == "" else v) for k, v in record.items()}
        try:
            order = Order.model_validate(cleaned)
        except ValidationError as exc:
            problems.extend(_describe(exc, where))
            continue
        if order.order_id in seen:
            problems.append(f"{where}, field 'order_id': duplicate order id {order.order_id!r}")
        seen.add(order.order_id)
        orders.append(order)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise InvalidInput(f"nothing imported; fix these and retry:\n  {shown}{more}")
    return orders


def _csv_records(path: Path) -> list[dict[str, Any]]:
    """One row per order line (Shopify-style) or one row per order with an ``items`` JSON column."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    merged: dict[str, dict[str, Any]] = {}
    for line, row in enumerate(rows, start=2):
        order_id = (row.get("order_id") or "").strip()
        key = order_id or f"<row {line}>"
        record = merged.setdefault(key, {k: v for k, v in row.items() if k not in ITEM_FIELDS and k != "items"})
        record.setdefault("items", [])
        if row.get("items"):
            try:
                record["items"].extend(json.loads(row["items"]))
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{path.name}: line {line}, field 'items': not valid JSON ({exc.msg})") from exc
        elif any(row.get(f) for f in ITEM_FIELDS):
            record["items"].append({f: row.get(f) for f in ITEM_FIELDS})
    return list(merged.values())


def read_orders_file(path: Path) -> list[Order]:
    if not path.exists():
        raise InvalidInput(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"{path.name}: not valid JSON at line {exc.lineno}: {exc.msg}") from exc
        if isinstance(data, dict) and isinstance(data.get("orders"), list):
            data = data["orders"]
        if not isinstance(data, list):
            raise InvalidInput(f"{path.name}: expected a JSON list of orders")
        return parse_orders(data, path.name)
    if suffix == ".csv":
        return parse_orders(_csv_records(path), path.name)
    raise InvalidInput(f"{path.name}: unsupported file type {suffix!r}; use .json or .csv")
