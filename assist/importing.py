"""Reading order files (JSON list or CSV) into validated orders; any bad row rejects the whole file.

* Times with an offset (``2026-11-03T23:30+09:00``) are converted to UTC for storage, and each order
  keeps its own offset (``Order.utc_offset``, stored per order) so that its dates are shown as the shop
  wrote them; naive times are read as UTC.
* Order ids are normalised the way chat lookup reads them (trimmed, a leading ``#`` dropped, upper
  case); an id that chat text could never match (inner spaces) is rejected with a message.
* CSV rows of one order must agree on the order-level fields; a disagreement names both rows.
* A file that is not UTF-8 is refused with the encoding to use.
* The shipping address is read from the usual export columns (Shopify, WooCommerce, Amazon, eBay, Taobao; see
  :mod:`assist.shipping_columns`) into country, state, city and postcode; street lines are never read.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assist.errors import InvalidInput
from assist.models import Order
from assist.shipping_columns import shipping_fields

ITEM_FIELDS = ("sku", "name", "quantity", "price")
TIME_FIELDS = ("placed_at", "shipped_at", "delivered_at")
UTF8_HINT = "save it as UTF-8 (in Excel: Save As > 'CSV UTF-8'; in LibreOffice: character set 'Unicode (UTF-8)')"


def normalise_order_id(value: str) -> str:
    """The id as chat lookup reads it from a buyer's message: trimmed, no leading '#', upper case."""
    return value.strip().lstrip("#").strip().upper()


def format_offset(moment: datetime) -> str:
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _to_utc(order: Order) -> Order:
    """``order`` with its times in UTC (naive read as UTC) and ``utc_offset`` set from ``placed_at``."""
    offsets = [format_offset(t) for f in TIME_FIELDS if (t := getattr(order, f)) is not None and t.tzinfo]
    update: dict[str, Any] = {
        f: (t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC))
        for f in TIME_FIELDS
        if (t := getattr(order, f)) is not None
    }
    if offsets and order.utc_offset is None:
        update["utc_offset"] = offsets[0]
    return order.model_copy(update=update)


def _describe(error: ValidationError, where: str, columns: dict[str, str] | None = None) -> list[str]:
    out = []
    for e in error.errors():
        field = ".".join(str(p) for p in e["loc"]) or "(row)"
        column = (columns or {}).get(field)
        read_from = f" (read from {column!r})" if column and column != field else ""
        out.append(f"{where}, field '{field}'{read_from}: {e['msg']}")
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
        cleaned, columns = shipping_fields({k: (None if v == "" else v) for k, v in record.items()})
        raw_id = cleaned.get("order_id")
        if isinstance(raw_id, str):
            cleaned["order_id"] = normalise_order_id(raw_id)
            if re.search(r"\s", normalise_order_id(raw_id)):
                problems.append(
                    f"{where}, field 'order_id': {raw_id!r} contains spaces, so a buyer's message can never "
                    "match it; remove the spaces (chat lookup reads ids such as 'NL-104233' or '#1042')"
                )
                continue
        try:
            order = _to_utc(Order.model_validate(cleaned))
        except ValidationError as exc:
            problems.extend(_describe(exc, where, columns))
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


def _read_text(path: Path, encoding: str = "utf-8") -> str:
    try:
        return path.read_text(encoding=encoding)
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            f"{path.name}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} on line {line}); {UTF8_HINT}, "
            "then import it again"
        ) from exc


def _csv_records(path: Path) -> list[dict[str, Any]]:
    """One row per order line (Shopify-style) or one row per order with an ``items`` JSON column."""
    rows = list(csv.DictReader(_read_text(path, "utf-8-sig").splitlines()))
    merged: dict[str, dict[str, Any]] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        order_id = normalise_order_id(row.get("order_id") or "")
        key = order_id or f"<row {line}>"
        fields = {k: v for k, v in row.items() if k not in ITEM_FIELDS and k != "items"}
        if key in merged:
            for name, value in fields.items():
                have, now = (merged[key].get(name) or "").strip(), (value or "").strip()
                if not have or not now:  # a blank cell on an order's other row means "as above" (Shopify)
                    merged[key][name] = have or now
                    continue
                if name != "order_id" and have != now:
                    raise InvalidInput(
                        f"{path.name}: lines {first_line[key]} and {line} are both order {order_id} but disagree on "
                        f"'{name}' ({merged[key].get(name)!r} vs {value!r}); give every row of an order the same "
                        "order-level fields, then import again (nothing was imported)"
                    )
        else:
            first_line[key] = line
        record = merged.setdefault(key, fields)
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
            data = json.loads(_read_text(path))
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
