"""The offline reply engine: natively written templates per intent and language, filled with facts.

Templates live in ``assist/resources/replies/<language>.yaml``. A variant is a list of parts; a part
names a phrase, and a phrase is a sentence (or a list of alternatives) with ``{placeholders}``:

- order facts: ``order_id``, ``carrier``, ``tracking_number``, ``placed_at``, ``shipped_at``,
  ``delivered_at`` (dates in the buyer's locale), ``total``; the buyer's ``name``/``first_name``;
- the shop's policy numbers from its settings (``return_window_days``, ``refund_days``, ...), cited
  with the retrieved passage that states them (else recorded as ``shop_settings.<name>``);
- ``{cite:anchor}``: the sentence states policy, so it is used only when a retrieved passage with
  that section anchor backs it, and cites that passage.

The first alternative whose placeholders are all known is used; when none is, the sentence is left
out. Nothing is ever guessed: with no order, ``status`` asks for the order number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assist.models import Fact, Order, PolicyPassage

REPLIES_DIR = Path(__file__).parent / "resources" / "replies"
STATUSES = ("processing", "shipped", "delivered", "cancelled", "returned")
_PLACEHOLDER = re.compile(r"\{(cite:[a-z0-9|-]+|[a-z_]+)\}")

# Shop setting -> the policy section anchors that state it (shared across language versions).
POLICY_SETTINGS: dict[str, tuple[str, ...]] = {
    "return_window_days": ("return-window", "after-shipping"),
    "refund_days": ("refund-timing",),
    "refund_method": ("refund-method",),
    "return_shipping_paid_by": ("return-shipping-costs", "refund-amount"),
    "damaged_report_days": ("report-deadline",),
    "wrong_or_missing_report_days": ("wrong-item", "missing-item"),
    "cancellation_window_hours": ("cancellation-window",),
    "cancellation_refund_days": ("cancellation-refund",),
    "warranty_months": ("warranty-period", "late-reports"),
    "price_drop_days": ("price-drop",),
    "company_invoice_days": ("company-invoice",),
    "delivered_not_received_wait_hours": ("delivered-not-received",),
    "carrier_investigation_business_days": ("delivered-not-received", "delayed-parcels"),
}


@lru_cache(maxsize=16)
def load_replies(language: str) -> dict[str, Any]:
    """The templates for ``language`` (KeyError when there are none), with the shared intent variants."""
    path = REPLIES_DIR / f"{language}.yaml"
    if language.startswith("_") or not path.is_file():
        raise KeyError(language)
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "intents" not in data:
        shared = yaml.safe_load((REPLIES_DIR / "_intents.yaml").read_text(encoding="utf-8"))
        data["intents"] = shared["intents"]
    return data


def supported_languages() -> list[str]:
    return sorted(p.stem for p in REPLIES_DIR.glob("*.yaml") if not p.stem.startswith("_"))


@dataclass
class Slot:
    text: str
    fact: Fact | None = None
    citation: str | None = None


@dataclass
class Rendered:
    text: str
    facts: list[Fact] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


@lru_cache(maxsize=1024)
def format_date(value: date | datetime, language: str) -> str:
    from babel.dates import format_date as babel_format

    return babel_format(value.date() if isinstance(value, datetime) else value, format="long", locale=language)


@lru_cache(maxsize=1024)
def format_amount(value: float, currency: str, language: str) -> str:
    from babel.numbers import format_currency

    return format_currency(value, currency, locale=language)


def _number_in(text: str, value: Any) -> bool:
    import unicodedata

    plain = unicodedata.normalize("NFKC", text)
    return re.search(rf"(?<![\d.,]){re.escape(str(value))}(?![\d]|[.,]\d)", plain) is not None


def _cite_setting(name: str, value: Any, policies: list[PolicyPassage]) -> str | None:
    for anchor in POLICY_SETTINGS.get(name, ()):
        for passage in policies:
            if passage.anchor != anchor:
                continue
            if not isinstance(value, int | float) or isinstance(value, bool) or _number_in(passage.text, value):
                return passage.id
    return None


def _first_name(name: str) -> str:
    return name.split()[0] if " " in name.strip() else name.strip()


def build_slots(
    language: str,
    order: Order | None,
    policies: list[PolicyPassage],
    shop_settings: dict[str, Any],
    buyer_name: str | None,
) -> dict[str, Slot]:
    """Every placeholder value this reply may use, each with its fact and citation."""
    data = load_replies(language)
    slots: dict[str, Slot] = {}
    if buyer_name:
        slots["name"] = Slot(buyer_name.strip())
        slots["first_name"] = Slot(_first_name(buyer_name))
    if order is not None:
        slots["order_id"] = Slot(order.order_id, Fact(field="order.order_id", value=order.order_id))
        for name in ("carrier", "tracking_number"):
            value = getattr(order, name)
            if value:
                slots[name] = Slot(value, Fact(field=f"order.{name}", value=value))
        for name in ("placed_at", "shipped_at", "delivered_at"):
            value = getattr(order, name)
            if value:
                fact = Fact(field=f"order.{name}", value=value.date().isoformat())
                slots[name] = Slot(format_date(value, language), fact)
        total = format_amount(order.total, order.currency, language)
        slots["total"] = Slot(total, Fact(field="order.total", value=f"{order.total:.2f} {order.currency}"))
    for name in POLICY_SETTINGS:
        value = shop_settings.get(name)
        if value is None or isinstance(value, dict | list):
            continue
        citation = _cite_setting(name, value, policies)
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        # A number is a policy fact when the cited passage states it; a word value (refund method, who
        # pays) comes from the settings, with the passage that explains it cited alongside.
        source = "policy" if citation and numeric else "shop_settings"
        fact = Fact(field=f"{source}.{name}", value=str(value))
        if name == "refund_method":
            localized = (data.get("values", {}).get("refund_method") or {}).get(str(value))
            if localized:
                slots[name] = Slot(localized, fact, citation)
        elif name == "return_shipping_paid_by":
            if value in {"buyer", "shop"}:
                slots[f"return_shipping_{value}"] = Slot("", fact, citation)
        else:
            slots[name] = Slot(str(value), fact, citation)
    if shop_settings.get("price_match") is False:
        slots["no_price_match"] = Slot("", Fact(field="shop_settings.price_match", value="false"))
    return slots


def _fill(sentence: str, slots: dict[str, Slot], policies: list[PolicyPassage]) -> Rendered | None:
    facts: list[Fact] = []
    citations: list[str] = []
    values: dict[str, str] = {}
    for name in _PLACEHOLDER.findall(sentence):
        if name.startswith("cite:"):
            anchors = set(name[5:].split("|"))
            passage = next((p for p in policies if p.anchor in anchors), None)
            if passage is None:
                return None
            citations.append(passage.id)
            values[name] = ""
            continue
        slot = slots.get(name)
        if slot is None:
            return None
        values[name] = slot.text
        if slot.fact and slot.fact not in facts:
            facts.append(slot.fact)
        if slot.citation and slot.citation not in citations:
            citations.append(slot.citation)
    text = _PLACEHOLDER.sub(lambda m: values[m.group(1)], sentence)
    return Rendered(text, facts, citations)


def _phrase(data: dict[str, Any], key: str, slots: dict[str, Slot], policies: list[PolicyPassage]) -> Rendered | None:
    options = data["phrases"].get(key)
    if options is None:
        raise KeyError(f"{data['language']}.yaml has no phrase {key!r}")
    for sentence in options if isinstance(options, list) else [options]:
        rendered = _fill(sentence, slots, policies)
        if rendered is not None:
            return rendered
    return None


def _applies(condition: str, order: Order | None) -> bool:
    wanted = set(condition.split("|"))
    if order is None:
        return "none" in wanted
    return "order" in wanted or order.status in wanted


def render_variant(
    language: str,
    parts: list[str],
    order: Order | None,
    policies: list[PolicyPassage],
    slots: dict[str, Slot],
) -> Rendered | None:
    """One reply: greeting, the variant's sentences, closing. None when no sentence applies."""
    data = load_replies(language)
    body: list[Rendered] = []
    for part in parts:
        key, _, condition = part.partition("@")
        if condition and not _applies(condition, order):
            continue
        if key == "status":
            key = f"status.{order.status}" if order is not None else "ask.order"
        rendered = _phrase(data, key, slots, policies)
        if rendered is not None and all(rendered.text != b.text for b in body):
            body.append(rendered)
    if not body:
        return None
    greeting = data["greeting"]["named"] if "first_name" in slots else data["greeting"]["anonymous"]
    opening = _fill(greeting, slots, policies) or Rendered(data["greeting"]["anonymous"])
    text = f"{opening.text}\n\n{data['joiner'].join(b.text for b in body)}\n\n{data['closing']}"
    facts = [f for b in body for f in b.facts]
    citations = [c for b in body for c in b.citations]
    return Rendered(text, _unique(facts), list(dict.fromkeys(citations)))


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: list[Fact] = []
    for fact in facts:
        if fact not in seen:
            seen.append(fact)
    return seen


def variants_for(intent: str, language: str = "en") -> list[dict[str, Any]]:
    intents = load_replies(language)["intents"]
    return intents.get(intent) or intents["other"]  # type: ignore[no-any-return]
