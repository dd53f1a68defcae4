"""Fact checking for outgoing text: every number, date, id, tracking number and amount in a reply
must occur in the order data, a cited policy passage or the shop's settings.

``Grounding.build(order, passages, shop_settings)`` collects what may be said;
``unsupported(text, grounding)`` lists the mentions that are not backed by it. Formats are read
in several languages: ``1.234,50 €``, ``€1,234.50``, ``3. November 2026``, ``2026年11月3日``,
``03.11.2026``, ``30日``, full-width digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from assist.models import Fact, Order, PolicyPassage

LOCALES = ("en", "de", "ja", "zh", "es", "fr", "pt", "it")


@dataclass(frozen=True)
class Mention:
    kind: str  # "date" | "identifier" | "number"
    text: str
    values: frozenset[str]


_PLACEHOLDER = re.compile(r"\[(?:EMAIL|IBAN|CARD|ADDRESS|PHONE)_\d+\]")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b")
_CJK_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b")
_SLASHED = re.compile(r"\b(\d{1,4})/(\d{1,2})/(\d{1,4})\b")
_IDENTIFIER = re.compile(
    r"(?<![A-Za-z0-9_-])(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9-]{2,}[A-Za-z0-9](?![A-Za-z0-9_-])"
)
_LONG_DIGITS = re.compile(r"(?<![A-Za-z0-9.,])\d{8,}(?![A-Za-z0-9.,])")
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.,])\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+(?:[.,]\d{1,2})?(?!\d)"  # 1.234,50 / 1 234,50
    r"|(?<![A-Za-z0-9_.,])\d+(?:[.,]\d+)?(?!\d)"
)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _canon(value: Decimal) -> str:
    return format(value.normalize(), "f")


def number_values(token: str) -> set[str]:
    """Every reading of a number token: ``1.234`` is 1234 (de) or 1.234 (en)."""
    token = token.strip().replace("\u00a0", " ").replace("\u202f", " ")
    readings: set[str] = set()
    candidates = {token.replace(" ", "").replace("'", "")}
    compact = next(iter(candidates))
    candidates.add(compact.replace(",", ""))  # 1,234.50
    candidates.add(compact.replace(".", "").replace(",", "."))  # 1.234,50
    for cand in candidates:
        try:
            readings.add(_canon(Decimal(cand)))
        except InvalidOperation:
            continue
    return readings


@lru_cache(maxsize=1)
def _month_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    """Month names (wide and abbreviated, several locales) from CLDR through babel."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for loc in LOCALES:
        if loc in {"ja", "zh"}:
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for num, name in get_month_names(width, context, loc).items():
                    names[name.lower().rstrip(".")] = num
    alt = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    day = r"(\d{1,2})(?:st|nd|rd|th|er|º|°)?"
    pattern = re.compile(
        rf"\b{day}\.?\s*(?:de\s+)?({alt})\.?(?:\s*(?:de\s+|,\s*)?(\d{{4}}))?"  # 3. November 2026 / 3 de nov. de 2026
        rf"|\b({alt})\.?\s+{day}(?:,?\s*(\d{{4}}))?",  # November 3, 2026
        re.IGNORECASE,
    )
    return pattern, names


def _date_keys(year: int | None, month: int, day: int) -> set[str]:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return set()
    return {f"{year:04d}-{month:02d}-{day:02d}" if year else f"*-{month:02d}-{day:02d}"}


def _year(value: str | None) -> int | None:
    if not value:
        return None
    y = int(value)
    return y + 2000 if y < 100 else y


def date_keys(d: date | datetime) -> set[str]:
    return {f"{d.year:04d}-{d.month:02d}-{d.day:02d}", f"*-{d.month:02d}-{d.day:02d}"}


def _find_dates(text: str) -> list[tuple[int, int, set[str]]]:
    found: list[tuple[int, int, set[str]]] = []
    for m in _ISO.finditer(text):
        found.append((*m.span(), _date_keys(int(m[1]), int(m[2]), int(m[3]))))
    for m in _CJK_DATE.finditer(text):
        found.append((*m.span(), _date_keys(_year(m[1]), int(m[2]), int(m[3]))))
    for m in _DOTTED.finditer(text):
        found.append((*m.span(), _date_keys(_year(m[3]), int(m[2]), int(m[1]))))
    for m in _SLASHED.finditer(text):
        a, b, c = m[1], m[2], m[3]
        keys: set[str] = set()
        if len(a) == 4:
            keys |= _date_keys(int(a), int(b), int(c))
        else:
            keys |= _date_keys(_year(c), int(b), int(a)) | _date_keys(_year(c), int(a), int(b))
        found.append((*m.span(), keys))
    pattern, names = _month_pattern()
    for m in pattern.finditer(text):
        if m[1]:
            keys = _date_keys(_year(m[3]), names[m[2].lower().rstrip(".")], int(m[1]))
        else:
            keys = _date_keys(_year(m[6]), names[m[4].lower().rstrip(".")], int(m[5]))
        found.append((*m.span(), keys))
    return [f for f in found if f[2]]


@lru_cache(maxsize=4096)
def extract_mentions(text: str) -> tuple[Mention, ...]:
    """Dates, identifiers (ids, tracking numbers, SKUs) and numbers (amounts, days, hours) in text."""
    text = _PLACEHOLDER.sub(" ", _norm(text))
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for start, end, keys in sorted(_find_dates(text), key=lambda f: f[0] - f[1]):  # longest first
        if free(start, end):
            taken.append((start, end))
            mentions.append(Mention("date", text[start:end], frozenset(keys)))
    for pattern in (_IDENTIFIER, _LONG_DIGITS):
        for m in pattern.finditer(text):
            if free(*m.span()):
                taken.append(m.span())
                mentions.append(Mention("identifier", m[0], frozenset({m[0].upper()})))
    for m in _NUMBER.finditer(text):
        if free(*m.span()):
            taken.append(m.span())
            mentions.append(Mention("number", m[0], frozenset(number_values(m[0]))))
    return tuple(mentions)


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _flatten(v)]
    if isinstance(value, list | tuple | set):
        return [x for v in value for x in _flatten(v)]
    return [value]


def return_deadline(order: Order | None, shop_settings: dict[str, Any] | None) -> date | None:
    """The last day of the return window: delivery date + ``return_window_days`` (None when unknown)."""
    days = (shop_settings or {}).get("return_window_days")
    if order is None or order.delivered_at is None or not isinstance(days, int) or isinstance(days, bool):
        return None
    return order.delivered_at.date() + timedelta(days=days)


@dataclass
class Grounding:
    """Everything a reply may state: numbers, dates and identifiers from trusted sources."""

    numbers: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    identifiers: set[str] = field(default_factory=set)

    def add_text(self, text: str) -> None:
        if not any(ch.isdigit() for ch in text):
            return
        for mention in extract_mentions(text):
            if mention.kind == "date":
                self.dates |= mention.values
                self.dates |= {"*" + v[4:] for v in mention.values if not v.startswith("*")}
            elif mention.kind == "identifier":
                self.identifiers |= mention.values
                self.numbers |= {_canon(Decimal(d)) for d in re.findall(r"\d+", mention.text)}
            else:
                self.numbers |= mention.values

    def add_value(self, value: Any) -> None:
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, datetime | date):
            self.dates |= date_keys(value)
        elif isinstance(value, int | float | Decimal):
            self.numbers.add(_canon(Decimal(str(round(float(value), 2)))))
        else:
            self.add_text(str(value))

    @classmethod
    def build(
        cls,
        order: Order | None = None,
        passages: list[PolicyPassage] | tuple[PolicyPassage, ...] = (),
        shop_settings: dict[str, Any] | None = None,
        extra: list[Any] | tuple[Any, ...] = (),
    ) -> Grounding:
        g = cls()
        if order is not None:
            for name in ("order_id", "tracking_number", "placed_at", "shipped_at", "delivered_at", "total"):
                g.add_value(getattr(order, name))
            if order.order_id:
                g.identifiers.add(order.order_id.upper())
            if order.tracking_number:
                g.identifiers.add(order.tracking_number.upper())
            for item in order.items:
                for value in (item.sku, item.name, item.quantity, item.price, item.price * item.quantity):
                    g.add_value(value)
            g.numbers.add(_canon(Decimal(str(sum(i.quantity for i in order.items)))))
        for passage in passages:
            g.add_text(passage.text)
        deadline = return_deadline(order, shop_settings)
        if deadline is not None:
            g.add_value(deadline)
        for key, value in (shop_settings or {}).items():
            if key not in {"order_id_pattern", "taxonomy"}:
                for leaf in _flatten(value):
                    g.add_value(leaf)
        for value in extra:
            g.add_value(value)
        return g

    def supports(self, mention: Mention) -> bool:
        if mention.kind == "date":
            return bool(mention.values & self.dates)
        if mention.kind == "identifier":
            return bool(mention.values & self.identifiers) or mention.text.upper() in self.identifiers
        return bool(mention.values & self.numbers)


def unsupported(text: str, grounding: Grounding) -> list[Mention]:
    """Mentions in ``text`` that the grounding does not back."""
    return [m for m in extract_mentions(text) if not grounding.supports(m)]


def order_field_value(order: Order, name: str, shop_settings: dict[str, Any] | None = None) -> Any:
    """An order field; also ``items.<sku>`` (that item's name) and ``return_deadline`` (computed)."""
    if name.startswith("items."):
        return next((item.name for item in order.items if item.sku == name[6:]), None)
    if name == "return_deadline":
        return return_deadline(order, shop_settings)
    return getattr(order, name, None)


def check_facts(
    facts: list[Fact], order: Order | None, cited: list[PolicyPassage], shop_settings: dict[str, Any] | None
) -> list[str]:
    """Problems with declared facts: an ``order.*`` fact must equal the order's field; a
    ``shop_settings.*`` fact the setting; anything else must be backed by the cited passages."""
    problems: list[str] = []
    for fact in facts:
        source, _, name = fact.field.partition(".")
        if source == "order":
            actual = order_field_value(order, name, shop_settings) if order else None
            ok = actual is not None and _same(fact.value, actual)
            if not ok:
                problems.append(f"fact {fact.field}={fact.value!r} does not match the order")
        elif source == "shop_settings":
            actual = (shop_settings or {}).get(name)
            if actual is None or not _same(fact.value, actual):
                problems.append(f"fact {fact.field}={fact.value!r} does not match the shop settings")
        else:
            grounding = Grounding.build(None, cited)
            bad = unsupported(fact.value, grounding)
            in_text = any(fact.value.lower() in p.text.lower() for p in cited)
            if bad or (not in_text and not extract_mentions(fact.value)):
                problems.append(f"fact {fact.field}={fact.value!r} is not in the cited policy passages")
    return problems


def _same(stated: str, actual: Any) -> bool:
    if isinstance(actual, datetime | date):
        mentions = extract_mentions(stated)
        return any(m.kind == "date" and m.values & date_keys(actual) for m in mentions)
    if isinstance(actual, int | float) and not isinstance(actual, bool):
        g = Grounding()
        g.add_value(actual)
        return any(m.values & g.numbers for m in extract_mentions(stated))
    return str(stated).strip().lower() == str(actual).strip().lower()
