"""Answers computed from the shop's policy facts and the order, each carrying its inputs.

An answer is what a reply states and a draft check compares against: "the return window ended on
9 November" is the delivery date plus the window, so the answer keeps both, and the fact it read
(with the policy sentence). Computed here:

- ``return_deadline``: delivery (or order) date + ``returns.window``, and whether it has passed;
- ``excluded_items``: order lines whose name matches an item class in ``returns.excluded``;
- ``warranty_until`` / ``damage_report_until``: whether the warranty or the damage-report window runs;
- ``cancel_possible`` / ``address_change_possible``: given the rule and the order status;
- ``order_region``: the shop region of the order (address, else the country the buyer names, else
  currency, carrier or tracking format; the answer says which), used to pick shipping and customs facts;
- ``refund_expected``: when a returned or cancelled order's refund is due;
- ``price_adjustment_open`` / ``code_window_open``: whether a price-drop refund or a forgotten code
  is still possible.

Every other fact an ask needs is answered as it stands (``fact``), scoped to the order's region,
product class or payment method where the shop's facts are scoped.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from assist import regions, scoped_facts
from assist.models import Order
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.return_conditions import Condition, buyer_condition, policy_condition

# topic -> the slots that answer it as they stand (computed answers come on top, see answers_for)
TOPIC_SLOTS: dict[str, tuple[str, ...]] = {
    "order_status": ("shipping.transit_time", "shipping.carrier"),
    "shipping_time": (
        "shipping.transit_time",
        "shipping.carrier",
        "shipping.dispatch_cutoff",
        "shipping.dispatch_time",
    ),
    "shipping_cost": ("shipping.free_threshold",),
    "customs": ("customs.paid_by", "customs.threshold"),
    "return": ("returns.window", "returns.window_starts", "returns.shipping_paid_by"),
    "return_cost": ("returns.shipping_paid_by", "returns.shipping_cost", "returns.shop_pays_when"),
    "refund": ("refunds.time", "refunds.method"),
    "damage": ("damage.report_window", "damage.evidence", "damage.return_required", "damage.remedy"),
    "wrong_item": ("wrong_item.report_window", "damage.report_window", "damage.evidence", "returns.shop_pays_when"),
    "warranty": ("warranty.length", "warranty.excludes"),
    "cancel": ("cancellation.rule", "cancellation.window", "cancellation.refund_time"),
    "address_change": ("address_change.rule",),
    "lost": ("lost.report_after", "lost.trace_time", "lost.not_received_wait", "lost.outcome"),
    "price_adjustment": ("prices.adjustment", "prices.adjustment_window"),
    "discount_code": ("prices.code_after_purchase",),
    "price_match": ("prices.price_match",),
}
# slots a reply states per product class when no item decides the class (reply_topics: "2–4 days (small items)
# and 5–10 days (furniture)"); any other slot is stated for a named class only
PER_CLASS_SLOTS = frozenset({"shipping.transit_time"})
REGION_TOPICS = frozenset({"order_status", "shipping_time", "shipping_cost", "customs"})
_COMMON = frozenset({"items", "item", "marked", "artikel", "articles", "articoli", "artículos", "sizes"}) | frozenset(
    {"with", "and", "for", "the", "from", "und", "mit", "der", "die", "das", "les", "des", "con", "per"}
)
DAYS = {"day": 1, "business_day": 1, "hour": 1 / 24, "week": 7, "month": 30, "year": 365}


class Answer(BaseModel):
    """One thing a reply may state, with what it was computed from."""

    key: str = Field(description="'fact' for a policy fact as it stands, else the computed answer's name.")
    slot: str | None = Field(default=None, description="The policy slot it rests on.")
    value: Any = None
    holds: bool | None = Field(default=None, description="For yes/no answers: still possible / still running.")
    inputs: dict[str, str] = Field(default_factory=dict, description="What it was computed from.")
    facts: list[PolicyFact] = Field(default_factory=list)
    note: str = Field(default="", description="For the agent, in English: what it says and why.")

    @property
    def citations(self) -> list[str]:
        return [f.chunk_id for f in self.facts if f.chunk_id]


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def add_duration(start: date, value: float, unit: str | None) -> date:
    """``start`` plus a policy duration (business days skip weekends; months keep the day of month)."""
    if unit == "business_day":
        day, left = start, int(value)
        while left > 0:
            day += timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day
    if unit in ("month", "year"):
        months = int(value) * (12 if unit == "year" else 1)
        year, month = divmod(start.month - 1 + months, 12)
        year, month = start.year + year, month + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return start + timedelta(days=float(value) * DAYS.get(unit or "day", 1))


def describe(fact: PolicyFact) -> str:
    value = fact.value if fact.max_value is None else f"{fact.value}-{fact.max_value:g}"
    return f"{value} {fact.unit}" if fact.unit else str(value)


def _fact_answer(fact: PolicyFact) -> Answer:
    scope = {k: v for k, v in fact.scope.model_dump().items() if v}
    where = f" ({', '.join(f'{k} {v}' for k, v in scope.items())})" if scope else ""
    return Answer(
        key="fact",
        slot=fact.slot,
        value=fact.value,
        inputs={fact.slot: describe(fact)},
        facts=[fact],
        note=f"{fact.slot}{where}: {describe(fact)}",
    )


# --- the order's region -------------------------------------------------------------------


def fact_regions(facts: PolicyFacts) -> list[str]:
    return list(dict.fromkeys(f.scope.region for f in facts.facts if f.scope.region))


def _country(order: Order | None, text: str, facts: PolicyFacts | None = None) -> regions.CountryGuess | None:
    guess = regions.order_country(order, text)
    if guess is None and facts is not None and order is not None and order.carrier:
        guess = _country_by_carrier(order.carrier, facts)
    return guess


def _country_by_carrier(carrier: str, facts: PolicyFacts) -> regions.CountryGuess | None:
    """The one country whose region the shop ships with the order's carrier ("DHL" -> Deutschland -> DE)."""
    own = carrier.casefold()
    shipped = {
        f.scope.region
        for f in facts.all("shipping.carrier")
        if f.scope.region and isinstance(f.value, str) and (f.value.casefold() in own or own in f.value.casefold())
    }
    if len(shipped) != 1:
        return None
    region = next(iter(shipped))
    countries = {c for c in regions.region_countries(region) or set() if ":" not in c}  # places, not macro-regions
    if len(countries) != 1:
        return None
    return regions.CountryGuess(next(iter(countries)), "carrier", f"{carrier}, the shop's carrier for {region}")


def order_region(guess: regions.CountryGuess | None, facts: PolicyFacts, home: str | None) -> Answer | None:
    """Where the order goes and the shop's region for it (from the shipping and customs facts' regions)."""
    if guess is None:
        return None
    region = scoped_facts.region_for(guess.country, facts.facts, home)
    inputs = {"country": regions.country_of(guess.country), "from": f"{guess.source}: {guess.evidence}"}
    if guess.country != inputs["country"]:
        inputs["place"] = guess.country  # subdivision, and island or remote flags ("JP-47/island+remote")
    within = regions.contained_as(guess.country, region, home) if region else None
    if within and within != inputs["country"]:
        inputs["region_level"] = within  # the shop's region holds the place as this macro-region or area
    return Answer(
        key="order_region",
        value=region,
        inputs=inputs,
        note=f"ships to {guess.country} (from the {_SOURCES.get(guess.source, guess.source)}: {guess.evidence})"
        + (f", the shop's region '{region}'" if region else ", which no region of the shop's policy names"),
    )


def reply_region(answer: Answer, facts: PolicyFacts, language: str) -> str:
    """How a reply in ``language`` names where the order goes: the shop's own words for its region when they are
    in that language; a region inside the country by its name in that language ("Sudeste" -> "Sudeste de
    Brasil", "離島" -> "the outlying islands of Japan"); else the place's country (or area) name."""
    place, level = str(answer.inputs.get("place") or answer.inputs["country"]), answer.inputs.get("region_level")
    if level:
        written = {f.language for f in facts.facts if f.scope.region == answer.value}
        if language in written and answer.value:
            return str(answer.value)
        name = regions.places.place_name(str(level), language)
        if name:
            return name
    # a fact for the whole country names the country, not the buyer's city or province in it ("China", not "Shanghai")
    whole_country = answer.value and regions.contained_as(place, str(answer.value)) == regions.country_of(place)
    area = regions.is_area(place) and not whole_country
    return regions.country_name(place if area else regions.country_of(place), language)


# which input told where the order goes, as the agent reads it
_SOURCES = {
    "address": "order's shipping address",
    "city": "place named in the message",
    "text": "country named in the message",
    "tracking": "tracking number's format",
    "shop": "shop's own country",
}


def regional_fact(
    slot: str, facts: PolicyFacts, country: str | None, home: str | None, payment_method: str | None = None
) -> PolicyFact | None:
    """The fact for ``slot`` in the region that contains ``country`` (the most specific), else the
    general one. None when the shop states it only per region and the country is unknown or unnamed."""
    candidates = facts.all(slot)
    scoped = [f for f in candidates if f.scope.region]
    if scoped and country:
        region = scoped_facts.region_for(country, scoped, home)
        if region is not None:
            return next(f for f in scoped if f.scope.region == region)
    return facts.get(slot, payment_method=payment_method)


# --- computed answers ---------------------------------------------------------------------


def return_deadline(
    order: Order | None, facts: PolicyFacts, now: datetime, product_class: str | None = None
) -> Answer | None:
    window = facts.get("returns.window", product_class=product_class)
    if window is None or order is None or not isinstance(window.value, int | float) or isinstance(window.value, bool):
        return None
    starts = facts.get("returns.window_starts")
    counts_from = str(starts.value) if starts else "delivery"
    start = order.placed_at if counts_from == "order" else order.delivered_at
    used = [window] + ([starts] if starts else [])
    if start is None:
        return Answer(
            key="return_deadline",
            slot="returns.window",
            value=None,
            holds=True,
            inputs={"returns.window": describe(window), "counts from": counts_from, "order.status": order.status},
            facts=used,
            note=f"the {describe(window)} return window starts at {counts_from}, which has not happened yet",
        )
    deadline = add_duration(as_utc(start).date(), window.value, window.unit)
    holds = as_utc(now).date() <= deadline
    field = "order.placed_at" if counts_from == "order" else "order.delivered_at"
    return Answer(
        key="return_deadline",
        slot="returns.window",
        value=deadline.isoformat(),
        holds=holds,
        inputs={field: as_utc(start).date().isoformat(), "returns.window": describe(window)},
        facts=used,
        note=f"return window {'open until' if holds else 'ended on'} {deadline.isoformat()} "
        f"({field[6:]} {as_utc(start).date().isoformat()} + {describe(window)})",
    )


def product_class(slot: str, facts: PolicyFacts, order: Order | None, skus: list[str] | None = None) -> str | None:
    """The product class of ``slot``'s scoped facts that the order's items (or the named ones) belong to:
    a shared word stem of the class name and an item name ("LED devices" ~ "GLOW LED Mask"), or the class as
    the head of a compound item name ("Zelte" ~ "Kuppelzelt", "tafels" ~ "eettafel")."""
    if order is None:
        return None
    items = [i for i in order.items if not skus or i.sku in skus] or order.items
    for fact in facts.all(slot):
        name = fact.scope.product_class
        if name and any(
            _stem_words(name, 3) & _stem_words(i.name, 3)
            or _cjk_class(name, i.name)
            or _words_match(_stem_words(name, 4, full=True), _stem_words(i.name, 4, full=True))
            for i in items
        ):
            return name
    return None


_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{2,}")
_CLASS_PARTS = re.compile(r"[、,，・/／;；]|及|和|与|與|や|および")
_CLASS_TAIL = re.compile(r"(?:等|类|類|など|などの)(?:配件|商品|製品|产品)?$")


def _cjk_class(class_name: str, item_name: str) -> bool:
    """A Chinese or Japanese class name that names the item: one of its parts ("耳机、解码器、耳放") stands in
    the item's name ("K7 头戴式耳机"), or the item's head noun (the last character of a Han word: 音频线 -> 线)
    begins a part ("线材、耳塞套等配件": 线材, cables)."""
    plain = unicodedata.normalize("NFKC", item_name)
    words = _CJK_RUN.findall(plain)
    for part in _CLASS_PARTS.split(unicodedata.normalize("NFKC", class_name)):
        part = _CLASS_TAIL.sub("", part.strip())
        if len(part) < 2 or not _CJK_RUN.fullmatch(part):
            continue
        if part in plain or any(w[-1] == part[0] and not ("\u3040" <= w[-1] <= "\u30ff") for w in words):
            return True
    return False


def _stem_words(text: str, shortest: int = 4, full: bool = False) -> set[str]:
    plain = unicodedata.normalize("NFKC", text).casefold()
    words = {w if full else w[:5] for w in re.findall(rf"[^\W\d_]{{{shortest},}}", plain)} - _COMMON
    words |= set(re.findall(r"[\u3040-\u30ff\u3400-\u9fff]{2,}", plain))
    return words


_SEALED = re.compile(
    r"\bsealed|unopened|versiegelt|originalverpackt|scellé|sellad|precintad|lacrad|sigillat|未開封|未拆封|全新",
    re.IGNORECASE,
)
_CJK_MODIFIER = re.compile(r"^.*[的の]")  # 已拆封的茶葉 -> 茶葉: the class's head noun
_CJK_STOP = frozenset({"商品", "的茶", "の商", "产品", "製品"})


_PLURAL = re.compile(r"(?:en|es|er|e|n|s)$")


def _names_word(name: str, word: str) -> bool:
    """Whether ``name`` holds ``word`` or its singular ("Mystery Box" holds "boxes")."""
    stem = _PLURAL.sub("", word) if len(word) >= 5 else word
    if re.search(rf"(?<![^\W\d_]){re.escape(stem)}", unicodedata.normalize("NFKC", name).casefold()):
        return True
    return _words_match(_stem_words(name, 4, full=True), {word})  # "cadeaux" ~ "cadeau"


def _words_match(a: set[str], b: set[str]) -> bool:
    """A shared word: equal, one a prefix of the other (vélo ~ vélos), the same first five letters, or the
    head of a compound (Kletterseil ~ Seile, Trekkingrucksack ~ Rucksäcke: the shorter word, without a
    plural ending, ends the longer one after at least three letters)."""
    for x in a:
        for y in b:
            if x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x) or x[:5] == y[:5])):
                return True
            short, long = (x, y) if len(x) <= len(y) else (y, x)
            head = _PLURAL.sub("", short) if len(short) >= 5 else short
            if len(head) >= 4 and len(long) - len(head) >= 3 and long.endswith(head):
                return True
    return False


def cjk_terms(text: str) -> set[str]:
    """Shared-term probes: pairs of Han characters, and runs of three kana (two kana say too little:
    ウールカーディガン and セール品 share ール)."""
    plain = unicodedata.normalize("NFKC", text)
    han = re.findall(r"[\u3400-\u9fff]{2,}", plain)
    kana = re.findall(r"[\u3040-\u30ff]{3,}", plain)
    grams = {r[i : i + 2] for r in han for i in range(len(r) - 1)}
    grams |= {r[i : i + 3] for r in kana for i in range(len(r) - 2)}
    return grams - _CJK_STOP


def _matches_class(item_name: str, item_sku: str, phrase: str) -> bool:
    from assist.replies import item_category, load_exclusions

    item_words, phrase_words = _stem_words(item_name, 4, full=True), _stem_words(phrase, 4, full=True)
    if _words_match(item_words, phrase_words):
        # A two-word English compound names its class by both words: "gift cards" is no "card sleeves".
        compound = (
            phrase.isascii()
            and len(phrase.split()) == 2
            and len(phrase_words) == 2
            and policy_condition(phrase) is None
        )
        return not compound or all(_names_word(item_name, w) for w in phrase_words)
    if cjk_terms(item_name) & cjk_terms(phrase):
        return True
    if _cjk_class(_CJK_MODIFIER.sub("", phrase), item_name):  # 已拆封的茶葉 (opened tea) names 大禹嶺高冷茶
        return True
    category = item_category(item_name, item_sku)
    keywords = load_exclusions()["categories"].get(category or "", [])
    return category not in (None, "not_goods") and any(k.casefold() in phrase.casefold() for k in keywords)


def _cited(source: dict[str, PolicyFact], matched: dict[str, str]) -> list[PolicyFact]:
    """The statements behind the matched phrases, once each, in the order they matched."""
    out: list[PolicyFact] = []
    for phrase in matched.values():
        if source[phrase] not in out:
            out.append(source[phrase])
    return out


def excluded_items(
    order: Order | None, facts: PolicyFacts, skus: list[str] | None = None, text: str = ""
) -> list[Answer]:
    """Order lines whose name matches an item class in ``returns.excluded`` (a shared word, a shared CJK
    term, or the same category such as engraved ~ personalised). A class that is excluded only once
    opened or used ("entsiegelte Software", "已拆封的茶叶", "sharpened knives", "sem o lacre") gives
    ``excluded_if_opened`` instead, and an item whose name says it is sealed does not match it; its inputs
    say the condition and what the buyer's words (``text``) say about it (assist/return_conditions.py)."""
    # A policy may list its exclusions in several sentences ("- Mystery Boxes are non-returnable." / "- Gift cards
    # can't be returned."): every general statement counts, each phrase citing its own.
    stated = [f for f in facts.all("returns.excluded") if f.scope.is_general()]
    if not stated or order is None:
        return []
    source: dict[str, PolicyFact] = {}
    for each in stated:
        for value in each.value if isinstance(each.value, list) else [str(each.value)]:
            source.setdefault(str(value), each)
    phrases = list(source)
    always: dict[str, str] = {}
    if_opened: dict[str, str] = {}
    for item in order.items:
        if skus and item.sku not in skus:
            continue
        for phrase in phrases:
            if not _matches_class(item.name, item.sku, phrase):
                continue
            if policy_condition(phrase) is not None:
                if not _SEALED.search(item.name):
                    if_opened[item.sku] = phrase
            else:
                always[item.sku] = phrase
                break
    inputs = {"order.items": ", ".join(i.name for i in order.items), "returns.excluded": "; ".join(phrases)}
    out = [
        Answer(
            key="excluded_items",
            slot="returns.excluded",
            value=always,
            holds=bool(always),
            inputs=inputs,
            facts=_cited(source, always) or stated[:1],
            note=("excluded from returns: " + ", ".join(f"{s} ({p})" for s, p in always.items()))
            if always
            else "no order item matches an excluded class",
        )
    ]
    opened = {s: p for s, p in if_opened.items() if s not in always}
    if opened:
        condition: Condition = "opened" if any(policy_condition(p) == "opened" for p in opened.values()) else "used"
        says = buyer_condition(text, condition) if text else None
        unless = "unopened" if condition == "opened" else "unused"
        note = f"returnable only {unless}: " + ", ".join(f"{s} ({p})" for s, p in opened.items())
        if says:
            note += f"; the buyer's words say {'it is ' + unless if says == 'intact' else says}"
        out.append(
            Answer(
                key="excluded_if_opened",
                slot="returns.excluded",
                value=opened,
                holds=True,
                inputs=inputs | {"condition": condition, "buyer_says": says or "nothing"},
                facts=_cited(source, opened),
                note=note,
            )
        )
    return out


def _running(
    key: str, slot: str, order: Order | None, facts: PolicyFacts, now: datetime, product_class: str | None = None
) -> Answer | None:
    fact = facts.get(slot, product_class=product_class)
    if fact is None or order is None or not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
        return None
    start = order.delivered_at or (order.placed_at if slot == "warranty.length" else None)
    if start is None:
        return None
    until = add_duration(as_utc(start).date(), fact.value, fact.unit)
    holds = as_utc(now).date() <= until
    field = "order.delivered_at" if order.delivered_at else "order.placed_at"
    return Answer(
        key=key,
        slot=slot,
        value=until.isoformat(),
        holds=holds,
        inputs={field: as_utc(start).date().isoformat(), slot: describe(fact)},
        facts=[fact],
        note=f"{slot} {'runs until' if holds else 'ended on'} {until.isoformat()}",
    )


def change_possible(key: str, slot: str, order: Order | None, facts: PolicyFacts, now: datetime) -> Answer | None:
    """Cancellation or address change: the rule against the order's status (and the window, if any)."""
    rule = facts.get(slot)
    if rule is None or order is None:
        return None
    used = [rule]
    inputs = {slot: str(rule.value), "order.status": order.status}
    holds = order.status == "processing"
    why = "the order has not shipped" if holds else f"the order is {order.status}"
    if str(rule.value) == "not_allowed":
        holds, why = False, "the policy does not allow it"
    elif str(rule.value) == "within_window":
        window = facts.get("cancellation.window")
        if window is not None and isinstance(window.value, int | float):
            used.append(window)
            ends = as_utc(order.placed_at) + timedelta(days=float(window.value) * DAYS.get(window.unit or "day", 1))
            inputs |= {"order.placed_at": as_utc(order.placed_at).isoformat(), "cancellation.window": describe(window)}
            if as_utc(now) > ends:
                holds, why = False, f"the {describe(window)} window ended at {ends.isoformat()}"
    if order.status == "cancelled":
        holds, why = False, "the order is already cancelled"
    return Answer(
        key=key,
        slot=slot,
        value=holds,
        holds=holds,
        inputs=inputs,
        facts=used,
        note=f"{key.replace('_', ' ')}: {'yes' if holds else 'no'} ({why})",
    )


def refund_expected(
    order: Order | None, facts: PolicyFacts, now: datetime, payment_method: str | None = None
) -> Answer | None:
    """For a returned or cancelled order: the refund time from the policy, counted from today at the latest."""
    if order is None or order.status not in ("returned", "cancelled"):
        return None
    slot = "cancellation.refund_time" if order.status == "cancelled" else "refunds.time"
    fact = facts.get(slot, payment_method=payment_method) or facts.get("refunds.time", payment_method=payment_method)
    if fact is None or not isinstance(fact.value, int | float):
        return None
    high = fact.max_value if fact.max_value is not None else fact.value
    due = add_duration(as_utc(now).date(), high, fact.unit)
    return Answer(
        key="refund_expected",
        slot=fact.slot,
        value=due.isoformat(),
        holds=True,
        inputs={
            "order.status": order.status,
            fact.slot: describe(fact),
            "counted from": as_utc(now).date().isoformat(),
        },
        facts=[fact],
        note=f"refund due by {due.isoformat()} at the latest ({describe(fact)} from today, order {order.status})",
    )


def since_order(key: str, slot: str, order: Order | None, facts: PolicyFacts, now: datetime) -> Answer | None:
    fact = facts.get(slot)
    if fact is None or order is None or not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
        return None
    until = add_duration(as_utc(order.placed_at).date(), fact.value, fact.unit)
    holds = as_utc(now).date() <= until
    return Answer(
        key=key,
        slot=slot,
        value=until.isoformat(),
        holds=holds,
        inputs={"order.placed_at": as_utc(order.placed_at).date().isoformat(), slot: describe(fact)},
        facts=[fact],
        note=f"{slot}: {'open until' if holds else 'ended on'} {until.isoformat()}",
    )


def effective_topics(topics: list[str], order: Order | None) -> list[str]:
    """The topics to answer: a return ask about an order already returned is about its refund."""
    if order is not None and order.status in ("returned", "cancelled"):
        topics = ["refund" if t == "return" else t for t in topics]  # what is left to answer is the refund
    return list(dict.fromkeys(topics))


def answers_for(
    topics: list[str],
    facts: PolicyFacts,
    order: Order | None,
    now: datetime,
    *,
    text: str = "",
    skus: list[str] | None = None,
    payment_method: str | None = None,
    currency: str | None = None,
) -> list[Answer]:
    """Every answer the topics of one ask call for: computed answers first, then the facts as they stand."""
    out: list[Answer] = []
    guess = _country(order, text, facts)  # shipping, customs and even return rules may differ by region
    home = regions.home_country(currency or (order.currency if order else None))
    if guess is None and order is None and home is not None:
        guess = regions.CountryGuess(home, "shop", "no order and no country named: the shop's own country")
    if guess is not None:
        where = order_region(guess, facts, home)
        if where is not None:
            out.append(where)
    seen: set[tuple[str, str]] = set()

    def add(answer: Answer | None) -> None:
        if answer is not None and (answer.key, answer.slot or "") not in seen:
            seen.add((answer.key, answer.slot or ""))
            out.append(answer)

    topics = effective_topics(topics, order)
    for topic in topics:
        if topic in ("return", "return_cost", "cancel"):
            pclass = product_class("returns.window", facts, order, skus)
            add(return_deadline(order, facts, now, pclass) if topic == "return" else None)
            for answer in excluded_items(order, facts, text=text) if topic == "return" else []:
                add(answer)
        if topic == "wrong_item":  # a shop may give wrong or missing items their own window
            add(_running("wrong_item_report_until", "wrong_item.report_window", order, facts, now))
        if topic in ("damage", "wrong_item"):
            add(_running("damage_report_until", "damage.report_window", order, facts, now))
        if topic in ("warranty", "damage"):  # a defect found after the damage-report window is a warranty case
            pclass = product_class("warranty.length", facts, order, skus)
            add(_running("warranty_until", "warranty.length", order, facts, now, pclass))
        if topic == "cancel":
            add(change_possible("cancel_possible", "cancellation.rule", order, facts, now))
        if topic == "address_change":
            add(change_possible("address_change_possible", "address_change.rule", order, facts, now))
        if topic in ("refund", "cancel"):
            add(refund_expected(order, facts, now, payment_method))
        if topic == "price_adjustment":
            add(since_order("price_adjustment_open", "prices.adjustment_window", order, facts, now))
        if topic == "discount_code":
            add(since_order("code_window_open", "prices.code_after_purchase", order, facts, now))
        slots = TOPIC_SLOTS.get(topic, ())
        if topic == "order_status" and order is None:  # no order yet: "when does it ship?" asks the dispatch too
            slots = TOPIC_SLOTS["shipping_time"]
        if topic == "refund" and order is not None and order.status in ("processing", "cancelled"):
            slots = ("cancellation.refund_time", "refunds.method")  # the refund of a cancellation
        for slot in slots:
            if ("fact", slot) in seen:
                continue
            place = guess.country if guess else None
            hint = product_class(slot, facts, order, skus)
            chosen = scoped_facts.choose(
                slot,
                facts,
                place,
                home,
                order=order,
                skus=skus,
                text=text,
                payment_method=payment_method,
                hint=hint,
                every_class=slot in PER_CLASS_SLOTS,
            )
            if chosen:
                seen.add(("fact", slot))
                out.append(_fact_answer(chosen[0]))
            if len(chosen) > 1:  # the product class stays open, or the order holds several: each class's fact
                out.append(
                    Answer(
                        key="by_class",
                        slot=slot,
                        value=[describe(f) for f in chosen],
                        facts=chosen,
                        inputs={f.scope.product_class or f.scope.region or "": describe(f) for f in chosen},
                        note=f"{slot} per scope (no item or place decides one): "
                        + "; ".join(f"{f.scope.product_class or f.scope.region} {describe(f)}" for f in chosen),
                    )
                )
    return out
