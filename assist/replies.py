"""The offline reply engine: natively written templates per intent and language, filled with facts.

Templates live in ``assist/resources/replies/<language>.yaml``. A variant is a list of parts; a part
names a phrase, and a phrase is a sentence (or a list of alternatives) with ``{placeholders}``:

- order facts: ``order_id``, ``carrier``, ``tracking_number``, ``placed_at``, ``shipped_at``,
  ``delivered_at`` (dates in the buyer's locale), ``total``; the buyer's ``name``/``first_name``;
- the shop's policy numbers from its settings (``return_window_days``, ``refund_days``, ...), cited
  with the retrieved passage that states them (else recorded as ``shop_settings.<name>``);
- ``{cite:anchor}``: the sentence states policy, so it is used only when a retrieved passage with
  that section anchor backs it, and cites that passage;
- the return situation (``return_slots``): ``return_deadline`` (delivery date + return window),
  ``excluded_items`` (items that a retrieved policy passage excludes from returns, cited; the
  keyword lists per category are in ``_exclusions.yaml``), ``unchecked_items`` (items that look
  excluded but no retrieved passage says so), ``returnable_items`` (the rest of such an order); and
  markers with empty text (see ``FLAGS``): ``return_all`` (the whole order may be returned),
  ``returnable`` (something may), ``window_over``, ``in_warranty``, ``has_excluded``,
  ``personalised``. A phrase that contains a marker is used only when it is set, and a part may
  name one as its condition: ``"return.how@returnable"``.

The first alternative whose placeholders are all known is used; when none is, the sentence is left
out. Nothing is ever guessed: with no order, ``status`` asks for the order number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assist.facts import return_deadline
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
    return list(_template_languages())


@lru_cache(maxsize=1)
def _template_languages() -> tuple[str, ...]:
    # Read once: the template files ship with the package (no directory scan on the request path).
    return tuple(sorted(p.stem for p in REPLIES_DIR.glob("*.yaml") if not p.stem.startswith("_")))


# Situation markers that a part may name as its condition ("key@returnable").
FLAGS = ("return_all", "returnable", "window_over", "in_warranty", "has_excluded", "personalised")


@dataclass
class Slot:
    text: str
    fact: Fact | None = None
    citation: str | None = None
    extra_facts: list[Fact] = field(default_factory=list)
    extra_citations: list[str] = field(default_factory=list)


@dataclass
class Rendered:
    text: str
    facts: list[Fact] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


@lru_cache(maxsize=1024)
def format_date(value: date | datetime, language: str) -> str:
    from babel.dates import format_date as babel_format

    return babel_format(value.date() if isinstance(value, datetime) else value, format="long", locale=language)


# CLDR's currencySpacing, which babel does not apply: a currency sign that ends (or begins) with a letter stands a
# no-break space from the digits ("PLN 11.99", "CHF 3,000.00"; "$3,000.00" and "¥3,000" keep theirs), so a reader
# (and the draft checks) sees the amount, not one token "PLN11"
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


@lru_cache(maxsize=1024)
def format_amount(value: float, currency: str, language: str) -> str:
    from babel.numbers import format_currency

    return _LETTER_DIGIT.sub("\u00a0", str(format_currency(value, currency, locale=language)))


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


# A sentence ends here (a period after a lone capital is an initial: "J. Smith").
_NAME_END = re.compile(r"(?<!\b[A-Z])[.!?;:…,\n\r\t。！？；：，、]|\s[-–—]\s")
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:(?:\. ?|[ '’-])[^\W\d_]+)*$")
MAX_NAME_CHARS, MAX_NAME_WORDS = 40, 4


def greeting_name(name: str | None) -> str | None:
    """The buyer's name cut to a plausible name for a greeting: up to the first sentence punctuation,
    letters only (no digits or symbols), at most four words and 40 characters; None when what is left
    does not look like a name (then the greeting has no name). A hostile "name" such as
    "Bob. We will refund 100% ..." becomes "Bob"."""
    if not name:
        return None
    cut = " ".join(_NAME_END.split(name, maxsplit=1)[0].split())
    if not cut or len(cut) > MAX_NAME_CHARS or len(cut.split()) > MAX_NAME_WORDS:
        return None
    return cut if _NAME_CHARS.match(cut) else None


def build_slots(
    language: str,
    order: Order | None,
    policies: list[PolicyPassage],
    shop_settings: dict[str, Any],
    buyer_name: str | None,
    now: datetime | None = None,
) -> dict[str, Slot]:
    """Every placeholder value this reply may use, each with its fact and citation. ``now`` is when
    the reply is written (the latest message's time; the current time when None): it decides whether
    the return window is over."""
    data = load_replies(language)
    slots: dict[str, Slot] = {}
    buyer_name = greeting_name(buyer_name)
    if buyer_name:
        slots["name"] = Slot(buyer_name)
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
    slots.update(return_slots(language, order, policies, shop_settings, now))
    return slots


# --- the return situation -------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_exclusions() -> dict[str, Any]:
    """Keyword lists per non-returnable category, and for order lines that are not goods."""
    return yaml.safe_load((REPLIES_DIR / "_exclusions.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _mentions(text: str, keywords: list[str]) -> bool:
    text = text.casefold()
    for keyword in keywords:
        word = keyword.casefold()
        boundary = r"(?<![^\W\d_])" if word[:1].isascii() and word[:1].isalpha() else ""
        if re.search(boundary + re.escape(word), text):
            return True
    return False


def item_category(name: str, sku: str) -> str | None:
    """The non-returnable category an order line looks like ("personalised", ...), "not_goods" for
    shipping and fees, None for an ordinary item."""
    data = load_exclusions()
    text = f"{name} {sku}"
    if _mentions(text, data.get("not_goods", [])):
        return "not_goods"
    return next((cat for cat, words in data["categories"].items() if _mentions(text, words)), None)


def exclusion_passage(category: str, policies: list[PolicyPassage]) -> PolicyPassage | None:
    """The retrieved passage that excludes ``category`` from returns, if any."""
    data = load_exclusions()
    anchors = set(data.get("anchors", []))
    words = data["categories"].get(category, [])
    return next((p for p in policies if p.anchor in anchors and _mentions(p.text, words)), None)


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _add_months(day: date, months: int) -> date:
    import calendar

    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _item_list(language: str, names: list[str]) -> str:
    from babel.lists import format_list

    open_q, close_q = load_replies(language).get("quotes", ["\u201c", "\u201d"])
    return format_list([f"{open_q}{n}{close_q}" for n in names], locale=language)


def return_slots(
    language: str,
    order: Order | None,
    policies: list[PolicyPassage],
    shop_settings: dict[str, Any],
    now: datetime | None = None,
) -> dict[str, Slot]:
    """Deadline, excluded and returnable items, and the markers that select the return sentences."""
    slots: dict[str, Slot] = {}
    deadline = return_deadline(order, shop_settings)
    if deadline is not None:
        slots["return_deadline"] = Slot(
            format_date(deadline, language), Fact(field="order.return_deadline", value=deadline.isoformat())
        )
    reference = _as_utc(now) if now is not None else datetime.now(UTC)
    if deadline is not None and reference.date() > deadline:
        slots["window_over"] = Slot("")
        months = shop_settings.get("warranty_months")
        if order is not None and order.delivered_at and isinstance(months, int) and not isinstance(months, bool):
            if reference.date() <= _add_months(order.delivered_at.date(), months):
                slots["in_warranty"] = Slot("")
        return slots
    excluded: list[tuple[Any, PolicyPassage]] = []
    unchecked: list[Any] = []
    goods: list[Any] = []
    personalised = False
    for item in order.items if order is not None else []:
        category = item_category(item.name, item.sku)
        if category is None:
            goods.append(item)
        elif category != "not_goods":
            passage = exclusion_passage(category, policies)
            if passage is None:
                unchecked.append(item)
            else:
                excluded.append((item, passage))
                personalised = personalised or category == "personalised"
    cited = list(dict.fromkeys(p.id for _, p in excluded))
    for key, items, citations in (
        ("excluded_items", [i for i, _ in excluded], cited),
        ("unchecked_items", unchecked, []),
        ("returnable_items", goods if excluded or unchecked else [], []),
    ):
        if items:
            facts = [Fact(field=f"order.items.{i.sku}", value=i.name) for i in items]
            slots[key] = Slot(
                _item_list(language, [i.name for i in items]),
                facts[0],
                citations[0] if citations else None,
                facts[1:],
                citations[1:],
            )
    if excluded or unchecked:
        slots["has_excluded"] = Slot("")
        if personalised:
            slots["personalised"] = Slot("")
    else:
        slots["return_all"] = Slot("")
    if goods or order is None or not (excluded or unchecked):
        slots["returnable"] = Slot("")
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
        for fact in ([slot.fact] if slot.fact else []) + slot.extra_facts:
            if fact not in facts:
                facts.append(fact)
        for citation in ([slot.citation] if slot.citation else []) + slot.extra_citations:
            if citation not in citations:
                citations.append(citation)
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


def _applies(condition: str, order: Order | None, slots: dict[str, Slot]) -> bool:
    wanted = set(condition.split("|"))
    if any(flag in wanted and flag in slots for flag in FLAGS):
        return True
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
        if condition and not _applies(condition, order, slots):
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
