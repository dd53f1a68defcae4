"""Sentences for the claim reader, generated: every policy number stated in many wordings, languages and values.

Sources (each sentence's number and its role known by construction):

- the reply templates (``assist/resources/replies/<lang>.yaml`` phrases and ``replies/answers/<lang>.yaml``
  sentences), which state every slot in the eight template languages; a placeholder's name or a sentence's key
  says which slot its number is (``{return_window_days}``, ``refund_time``);
- paraphrase frames written for this purpose, agent style (``assist/resources/claim_reader/frames.yaml``), with
  hard negatives: a refund time and a return window in the same sentence shapes, a reply time, a product's
  battery life, an item price beside a free-shipping threshold.

Frames are filled with random numbers, units (the templates' own unit words), amounts (babel, many locales and
currencies), products, carriers, places (babel's territory names) and dates, over many synthetic shops. A
number's span is the one :mod:`assist.quality.extract` finds where the value was written, so the reader is
trained on the spans it will read.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assist.quality.extract import durations
from assist.quality.money_mentions import amounts

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
FRAMES = RESOURCES / "claim_reader" / "frames.yaml"
FILLERS = RESOURCES / "claim_reader" / "fillers.yaml"
REPLIES = RESOURCES / "replies"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ja", "zh")

# a reply phrase's placeholder -> the slot its number states (its unit follows in the template's words)
PLACEHOLDER_SLOTS = {
    "return_window_days": "returns.window",
    "refund_days": "refunds.time",
    "cancellation_refund_days": "cancellation.refund_time",
    "cancellation_window_hours": "cancellation.window",
    "damaged_report_days": "damage.report_window",
    "wrong_or_missing_report_days": "wrong_item.report_window",
    "carrier_investigation_business_days": "lost.trace_time",
    "delivered_not_received_wait_hours": "lost.not_received_wait",
    "price_drop_days": "prices.adjustment_window",
    "warranty_months": "warranty.length",
    "company_invoice_days": "none",
}
# an answer sentence's key (its prefix) -> the slot its {duration} or {amount} states
ANSWER_SLOTS = (
    ("transit", "shipping.transit_time"),
    ("dispatch_time", "shipping.dispatch_time"),
    ("free_shipping", "shipping.free_threshold"),
    ("customs_threshold", "customs.threshold"),
    ("return_cost_amount", "returns.shipping_cost"),
    ("return_", "returns.window"),
    ("refund_time", "refunds.time"),
    ("damage_", "damage.report_window"),
    ("wrong_", "wrong_item.report_window"),
    ("warranty_", "warranty.length"),
    ("cancel_refund", "cancellation.refund_time"),
    ("cancel_", "cancellation.window"),
    ("lost_not_received", "lost.not_received_wait"),
    ("lost_report", "lost.report_after"),
    ("lost_trace", "lost.trace_time"),
    ("price_adjust_window", "prices.adjustment_window"),
    ("code_window", "prices.code_after_purchase"),
)
# the units a slot is stated in (a warranty in months or years, a transit time in days or weeks)
SLOT_UNITS = {
    "warranty.length": ("month", "month", "year", "year", "day"),
    "shipping.transit_time": ("day", "day", "business_day", "business_day", "week", "hour"),
    "shipping.dispatch_time": ("day", "business_day", "business_day", "hour"),
    "lost.not_received_wait": ("hour", "day"),
    "cancellation.window": ("hour", "hour", "day"),
    "none": ("day", "hour", "hour", "week", "month", "year"),
}
UNITS_ELSE = ("day", "day", "day", "business_day", "business_day", "hour", "week")
UNIT_RANGE = {
    "day": (1, 60),
    "business_day": (1, 20),
    "hour": (2, 96),
    "week": (1, 8),
    "month": (1, 36),
    "year": (1, 5),
}
PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([a-z_.]+))?\}")


@dataclass(frozen=True)
class Example:
    """One number in a generated sentence: its span, its role, and where the wording came from."""

    text: str
    start: int
    end: int
    slot: str
    kind: str  # "duration" | "money"
    language: str
    source: str  # the frame or template the sentence was filled from (held-out slices split by it)


@lru_cache(maxsize=1)
def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _answers(language: str) -> dict[str, Any]:
    return dict(_yaml(REPLIES / "answers" / f"{language}.yaml"))


class Filler:
    """Random values in one language (seeded: the same seed gives the same sentences)."""

    def __init__(self, language: str, rng: random.Random) -> None:
        self.language, self.rng = language, rng
        self.fill = _yaml(FILLERS)
        answers = _answers(language)
        self.units: dict[str, list[str]] = answers.get("units") or {}
        self.joiner = str(answers.get("unit_joiner", " "))
        self.range = str(answers.get("range") or "{low}-{high}")

    def number(self, unit: str) -> int:
        low, high = UNIT_RANGE.get(unit, (1, 30))
        return self.rng.randint(low, high)

    def duration(self, slot: str | None = None) -> str:
        unit = self.rng.choice(SLOT_UNITS.get(slot or "", UNITS_ELSE))
        words = self.units.get(unit) or self.units.get("day") or ["days"]
        value = self.number(unit)
        if self.rng.random() < 0.15:
            said = self.range.format(low=value, high=value + self.rng.randint(1, 5))
        else:
            said = str(value)
        word = words[0] if value == 1 or len(words) == 1 else words[1]
        return f"{said}{self.joiner}{word}"

    def amount(self) -> str:
        from babel.numbers import format_currency

        value = self.rng.choice(
            [self.rng.randint(5, 300), round(self.rng.uniform(5, 300), 2), self.rng.randint(3, 50) * 10]
        )
        currency = self.rng.choice(self.fill["currencies"])
        locale = self.rng.choice(self.fill["locales"][self.language])
        if self.rng.random() < 0.7:
            return str(format_currency(value, currency, locale=locale))
        return self.rng.choice([f"{value:g} {currency}", f"{currency} {value:g}"])

    def region(self) -> str:
        from babel import Locale

        code = self.rng.choice(self.fill["territories"])
        locale = self.rng.choice(self.fill["locales"][self.language])
        return str(Locale.parse(locale).territories.get(code, code))

    def date(self) -> str:
        from babel.dates import format_date

        day = date(2026, 1, 1) + timedelta(days=self.rng.randint(0, 364))
        return str(format_date(day, "long", locale=self.rng.choice(self.fill["locales"][self.language])))

    def value(self, name: str, slot: str | None = None) -> str:
        if name in ("dur", "duration"):
            return self.duration(slot)
        if name in ("amt", "amount"):
            return self.amount()
        if name == "region":
            return self.region()
        if name in ("date", "until", "placed_at", "shipped_at", "delivered_at", "return_deadline"):
            return self.date()
        if name == "carrier":
            return str(self.rng.choice(self.fill["carriers"]))
        if name in ("oid", "order_id", "tracking_number"):
            return f"{self.rng.choice(['#', 'A', 'SO-', ''])}{self.rng.randint(10_000, 99_999_999)}"
        if name == "time":
            return f"{self.rng.randint(10, 18)}:00"
        if name in PLACEHOLDER_SLOTS:
            unit = name.rsplit("_", 1)[-1].rstrip("s")
            return str(self.number("business_day" if name.endswith("business_days") else unit))
        return str(self.rng.choice(self.fill["items"][self.language]))


def fill(template: str, filler: Filler, slot_of: dict[str, str]) -> list[tuple[str, int, int, str]]:
    """``template`` filled once: the text and, for each numeric placeholder, the span of the number extract
    reads there, with its slot (``slot_of`` names each placeholder's slot; ``{dur:SLOT}`` names its own)."""
    text, marks = "", []
    at = 0
    for m in PLACEHOLDER.finditer(template):
        text += template[at : m.start()]
        name, own = m.group(1), m.group(2)
        slot = own or slot_of.get(name)
        value = filler.value(name, slot)
        if slot is not None:
            marks.append((len(text), slot))
        text += value
        at = m.end()
    text += template[at:]
    found = [(d.span.start, d.span.end, "duration") for d in durations(text)]
    found += [(a.span.start, a.span.end, "money") for a in amounts(text)]
    out = []
    for pos, slot in marks:
        span = next(((s, e, k) for s, e, k in found if s <= pos < e), None)
        if span is not None:
            out.append((text, span[0], span[1], slot))
    return out


def _kind(text: str, start: int) -> str:
    return "money" if any(a.span.start == start for a in amounts(text)) else "duration"


def _template_sources(language: str) -> list[tuple[str, dict[str, str], str]]:
    """(template, placeholder -> slot, source name) from the reply templates of ``language``."""
    sources: list[tuple[str, dict[str, str], str]] = []
    phrases = _yaml(REPLIES / f"{language}.yaml").get("phrases") or {}
    for key, value in phrases.items():
        for i, text in enumerate(value if isinstance(value, list) else [value]):
            names = {m.group(1) for m in PLACEHOLDER.finditer(str(text))}
            slots = {n: PLACEHOLDER_SLOTS[n] for n in names if n in PLACEHOLDER_SLOTS}
            if slots:
                sources.append((str(text), slots, f"replies:{key}:{i}"))
            elif names & {"order_id", "placed_at", "shipped_at", "delivered_at"}:
                sources.append((str(text), {}, f"replies:{key}:{i}"))  # order ids and dates: no policy number
    for key, text in (_answers(language).get("sentences") or {}).items():
        slot = next((s for prefix, s in ANSWER_SLOTS if key.startswith(prefix)), None)
        for i, body in enumerate(text.values() if isinstance(text, dict) else [text]):
            if slot is not None and re.search(r"\{(duration|amount)\}", str(body)):
                sources.append((str(body), {"duration": slot, "amount": slot}, f"answers:{key}:{i}"))
    return sources


def _frame_sources(language: str) -> list[tuple[str, dict[str, str], str]]:
    sources = []
    for slot, languages in _yaml(FRAMES).items():
        for i, text in enumerate((languages or {}).get(language) or []):
            sources.append((str(text), {"dur": slot, "amt": slot}, f"frames:{slot}:{language}:{i}"))
    return sources


def generate(seed: int = 7, fills: int = 4, languages: tuple[str, ...] = LANGUAGES) -> list[Example]:
    """Every source sentence filled ``fills`` times per language: the reader's training (and held-out) data."""
    rng = random.Random(seed)
    out: list[Example] = []
    for language in languages:
        filler = Filler(language, rng)
        for template, slots, source in _template_sources(language) + _frame_sources(language):
            for _ in range(fills):
                for text, start, end, slot in fill(template, filler, slots):
                    out.append(Example(text, start, end, slot, _kind(text, start), language, source))
    return out


__all__ = ["Example", "generate"]
