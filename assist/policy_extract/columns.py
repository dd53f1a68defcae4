"""What a table's columns and caption add to a row's values: the product class of a value column, the day kind.

A shipping table may give one transit time per product class ("| Region | Small items | Furniture |"): when two or
more of a table's columns hold durations, each value is scoped by its column's header, the header's qualifier when
it has one ("Fees — small items", "Delivery time (bulky)" -> "small items", "bulky"). A caption over the table
("Times in business days, from dispatch:") makes its plain days business days.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from assist.policy_extract.scope import region_label
from assist.policy_extract.text import Unit
from assist.policy_extract.values import duration_values, money_values

# "Fees — small items", "Délai : meubles", "Transit (bulky)": the qualifier after a dash or colon, or in brackets.
_QUALIFIER = re.compile(r"(?:\s[—–-]\s|\s*[:：]\s*)(?P<after>.+)$|[(（](?P<inside>[^)）]+)[)）]\s*$")


def _cell_spans(unit: Unit) -> list[tuple[int, int]]:
    spans, start = [], 0
    for cell in unit.cells:
        spans.append((start, start + len(cell)))
        start += len(cell) + 3  # cells are joined by " | "
    return spans


def column_of(unit: Unit, at: int) -> int | None:
    """The index of the cell holding offset ``at`` of a row's text."""
    for i, (start, end) in enumerate(_cell_spans(unit)):
        if start <= at <= end:
            return i
    return None


def cell_span(unit: Unit, at: int) -> tuple[int, int] | None:
    """(start, end) in a row's text of the cell holding offset ``at``."""
    column = column_of(unit, at)
    return None if column is None else _cell_spans(unit)[column]


def mark_time_columns(unit_list: list[Unit]) -> None:
    """Each table row learns which of its table's columns hold durations (in any of its rows)."""
    timed: dict[tuple[str, ...], set[int]] = {}
    rows = [u for u in unit_list if u.kind == "row" and u.header]
    for unit in rows:
        found = timed.setdefault(tuple(unit.header), set())
        found.update(i for i, cell in enumerate(unit.cells) if i > 0 and duration_values(cell))
    for unit in rows:
        unit.time_columns = sorted(timed[tuple(unit.header)])


def fee_by_content(roles: list[str], rows: list[Unit]) -> list[str]:
    """In a delivery table (a destination column) with no column read as the fee, the one column left unread whose
    every row names an amount is what delivery there costs, whatever its header says ("| Preu |", a word the reader
    knows poorly). Two such columns (a free-from column read by no one, weight bands) leave the table as it was."""
    return _one_column_by_content(roles, rows, "cost", money_values)


FEE_ROLES = ("cost", "other")  # roles a fee column may have been read with: the fee, or nothing the reader is sure of


def fees_by_class(
    roles: list[str], read: list[tuple[str, float]], rows: list[Unit]
) -> tuple[list[str], dict[int, str]]:
    """In a delivery table (a destination column) with two or more columns holding an amount in every row but one
    at most ("| Region | Parcel | Greenhouse (long parcel) |": one fee per kind of goods, a last row "on quote"), each
    such column is a fee column priced for what its header names (its qualifier, :func:`qualifier`): (roles with
    those columns as ``cost``, column -> product class). A free-shipping column ("| Free from |": a header naming
    free shipping, or read as the threshold) is no fee column; a table whose fee columns were all read as such
    already, whose headers repeat, or name destinations ("| | Germany | Austria |") is left as it was."""
    from assist.policy_extract.cues import label_patterns

    if "region" not in roles or len(rows) < 2:
        return roles, {}
    free = label_patterns("frames")["free_word"]
    header = rows[0].header
    found = []
    for i, role in enumerate(roles):
        if i == 0 or role not in FEE_ROLES or i >= len(header) or (i < len(read) and read[i][0] == "free_threshold"):
            continue
        priced = sum(1 for r in rows if i < len(r.cells) and money_values(r.cells[i]))
        if priced >= max(2, len(rows) - 1) and not free.search(header[i]):
            found.append(i)
    names = [qualifier(header[i]) for i in found]
    if len(found) < 2 or all(roles[i] == "cost" for i in found) or len(set(names)) < len(names) or not all(names):
        return roles, {}
    if any(region_label(header[i]) for i in found):
        return roles, {}
    return [("cost" if i in found else role) for i, role in enumerate(roles)], dict(zip(found, names, strict=True))


_TRANSIT_UNITS = frozenset({"hour", "day", "business_day", "week"})


def delivery_by_shape(roles: list[str], rows: list[Unit]) -> list[str]:
    """A table no header reading made a delivery table, shaped as one: a first column of names (no amount, no
    duration) one of which at least is a place the gazetteer or the shop's world knows, a column holding a time of
    hours, days or weeks in most rows, and another holding an amount in most rows ("| Kano cikin gari (...) | Ɗan
    aikenmu | kwana 2-3 na aiki | ₦3,500 |": towns and regions of a country the gazetteer does not name). Its first
    column is the destination, the time the transit time and the amount the cost, whatever the headers say. A table
    of products (a warranty, a price list) names no place, or holds no time or no amount."""
    from assist.policy_extract.scope import names_place

    if "region" in roles or len(rows) < 2 or len(roles) < 3:
        return roles
    most = (len(rows) + 1) // 2

    def column(i: int) -> list[str]:
        return [r.cells[i] if i < len(r.cells) else "" for r in rows]

    first = column(0)
    if any(not re.search(r"[^\W\d_]", c) or duration_values(c) or money_values(c) for c in first):
        return roles
    timed = [
        i
        for i in range(1, len(roles))
        if roles[i] in ("other", "transit_time")
        and sum(1 for c in column(i) if duration_values(c)) >= most
        and all(v.unit in _TRANSIT_UNITS for c in column(i) for v in duration_values(c))
    ]
    priced = [
        i
        for i in range(1, len(roles))
        if roles[i] in ("other", "cost") and i not in timed and sum(1 for c in column(i) if money_values(c)) >= most
    ]
    if len(timed) != 1 or not priced or not any(names_place(c) for c in first):
        return roles
    out = ["region", *roles[1:]]
    out[timed[0]] = "transit_time"
    if len(priced) == 1:
        out[priced[0]] = "cost"
    return out


def transit_by_content(roles: list[str], rows: list[Unit]) -> list[str]:
    """In a delivery table whose destination column was read but not its time column (a header the reader knows
    poorly: "| ვადა |"), the one unread column holding a duration in every row is the transit time."""
    return _one_column_by_content(roles, rows, "transit_time", duration_values)


def _one_column_by_content(
    roles: list[str], rows: list[Unit], role: str, holds: Callable[[str], Sequence[object]]
) -> list[str]:
    """``roles`` with ``role`` given to the one unread column whose every row ``holds`` a value, in a delivery table
    (a destination column) where no column has that role yet; unchanged when none or several qualify."""
    if "region" not in roles or role in roles or len(rows) < 2:
        return roles
    found = [
        i
        for i, seen in enumerate(roles)
        if seen == "other" and all(i < len(r.cells) and holds(r.cells[i]) for r in rows)
    ]
    if len(found) != 1:
        return roles
    return [*roles[: found[0]], role, *roles[found[0] + 1 :]]


def column_class(unit: Unit, at: int) -> str | None:
    """The product class a row's value at ``at`` is given for: its column header, when two or more of its table's
    columns hold durations under different headers."""
    if unit.kind != "row" or len(unit.header) < 3:
        return None
    # a carrier's service column ("| Service |": "DPD Next Working Day") names a time but splits no product class
    timed = [i for i in unit.time_columns if i < len(unit.header) and not _service_column(unit, i)]
    column = column_of(unit, at)
    if column is None or column not in timed or len(timed) < 2:
        return None
    if region_label(unit.header[column]):
        return None  # "| | Germany | Austria |": the columns are destinations (framing.region_column)
    headers = [unit.header[i].strip(" *") for i in timed]
    if len(set(headers)) < len(timed) or any(not h for h in headers):
        return None
    return qualifier(unit.header[column])


_SERVICE = re.compile(r"\bservices?\b|versandart|dienst|servizio|servicio|serviço|prestation|サービス|服务|服務", re.I)


def _service_column(unit: Unit, index: int) -> bool:
    from assist.policy_extract.framing import CARRIER_COLUMN

    header = unit.header[index]
    role = unit.roles[index] if index < len(unit.roles) else None
    return role == "carrier" or bool(CARRIER_COLUMN.search(header) or _SERVICE.search(header))


def in_service_name(unit: Unit, at: int) -> bool:
    """Whether the value at ``at`` is part of a service's name ("DPD Two Day") in a row whose own time column says how
    long delivery takes."""
    column = column_of(unit, at)
    if unit.kind != "row" or column is None or column >= len(unit.header) or not _service_column(unit, column):
        return False
    return any(i != column and not _service_column(unit, i) for i in unit.time_columns if i < len(unit.header))


def qualifier(header: str) -> str:
    """A header's qualifier ("Fees — small items" -> "small items"), else the header."""
    header = header.strip(" *")
    m = _QUALIFIER.search(header)
    found = (m.group("after") or m.group("inside")) if m else None
    return (found or header).strip(" *")


@lru_cache(maxsize=1)
def _business_words() -> re.Pattern[str]:
    from assist.quality.extract import UNITS

    words = sorted((w for w, (_, business) in UNITS.items() if business), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def caption_business_days(unit: Unit) -> bool:
    """Whether the sentence introducing a row's table says its days are business days (and states no number)."""
    caption = unit.intro or ""
    return unit.kind == "row" and bool(_business_words().search(caption)) and not duration_values(caption)
