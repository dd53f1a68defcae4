"""A reply that answers each ask in order, from policy facts and computed answers, in the buyer's language.

Sentences live in ``assist/resources/replies/answers/<language>.yaml`` (written natively for en, de,
fr, es, it, pt, ja, zh). Numbers, money, dates and lists are written in the buyer's locale with babel;
durations use the file's unit words with CLDR plural rules. Item classes the policy excludes stay in
the shop's own words, quoted.

Each ask gets the sentences its answers call for; an ask no fact answers is reported as *uncovered*
(:class:`AskCoverage`) and the reply says nothing about it: no generic filler. The reply declares every
fact it states (``policy_fact.<slot>`` and ``answer.<key>``) and cites the policy chunks they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from assist import regions, replies
from assist.answers import Answer, answers_for, effective_topics, reply_region
from assist.asks import Ask
from assist.models import AskCoverage, Fact, Order, PolicyPassage
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.quality.claims import damage_context
from assist.reply_variety import Variety, convert, in_variety, reply_variety

ANSWERS_DIR = Path(__file__).parent / "resources" / "replies" / "answers"
# topics whose answer needs the order (without it, the reply asks for the order number)
NEEDS_ORDER = frozenset({"order_status", "cancel", "address_change"})


@dataclass
class Sentence:
    text: str
    facts: list[Fact] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


@lru_cache(maxsize=16)
def load_answers(language: str) -> dict[str, Any]:
    path = ANSWERS_DIR / f"{language}.yaml"
    if not path.is_file():
        raise KeyError(language)
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def answer_languages() -> list[str]:
    return sorted(p.stem for p in ANSWERS_DIR.glob("*.yaml"))


# --- locale formatting ----------------------------------------------------------------------


def format_number(value: float, language: str) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=language))


class Duration(str):
    """A formatted duration; ``dative`` is its dative form where the language has one ("30 Tagen")."""

    dative: str | None = None


def format_duration(
    value: float,
    max_value: float | None,
    unit: str | None,
    language: str,
    forms_key: str = "units",
    data: dict[str, Any] | None = None,
) -> str:
    """``3–5 business days`` / ``3～5営業日`` / ``30 Tage``, with the locale's plural rule (``data``: the
    templates of the reply's variety, else the language's)."""
    from babel import Locale

    data = data or load_answers(language)
    high = max_value if max_value is not None else value
    number = format_number(value, language)
    if max_value is not None:
        number = data["range"].format(low=number, high=format_number(max_value, language))
    forms = data[forms_key].get(unit or "day") or [str(unit)]
    plural = Locale(language).plural_form(high if float(high) != 1 else 1)
    word = forms[0] if plural == "one" or len(forms) == 1 else forms[-1]
    return f"{number}{data.get('unit_joiner', ' ')}{word}"


def format_money(value: float, currency: str, language: str) -> str:
    return replies.format_amount(float(value), currency, language)


def format_day(value: str | date, language: str) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return replies.format_date(day, language)


def format_words(
    values: list[str],
    kind: str,
    language: str,
    style: Literal["standard", "or"] = "standard",
    data: dict[str, Any] | None = None,
) -> str | None:
    """Canonical tokens (``photo_item``) as the buyer's words, joined the locale's way ("a, b and c",
    or "a or b" with ``style="or"``); None when one is unknown."""
    from babel.lists import format_list

    words = (data or load_answers(language))["words"].get(kind, {})
    if any(v not in words for v in values):
        return None
    return str(format_list([words[v] for v in values], style=style, locale=language))


def quoted(phrases: list[str], language: str) -> str:
    return replies._item_list(language, phrases)


# --- sentences -------------------------------------------------------------------------------


class _Writer:
    def __init__(self, language: str, region_name: str | None, variety: Variety | None = None) -> None:
        self.language = language
        self.variety = variety
        self.data = in_variety(load_answers(language), variety, "answers", language)
        self.region_name = self.written(region_name) if region_name else None
        self.out: list[Sentence] = []
        self.notes: list[str] = []
        self.own_fault = False  # a damaged, defective or wrong item: the shop's own-fault rules apply
        self.facts: PolicyFacts | None = None  # the shop's facts, for per-region lists when the place is unknown
        self.place_known = False

    def say(self, key: str, answers: list[Answer], **values: Any) -> bool:
        if any(v is None for v in values.values()):
            return False
        template = self.data["sentences"][key]
        if isinstance(template, dict):  # number agreement: the CLDR plural form of ``count``
            from babel import Locale

            form = Locale(self.language).plural_form(values.pop("count", 1))
            template = template.get(form) or template["other"]
        else:
            values.pop("count", None)
        if "{duration_dat}" in template and "duration" in values:
            values["duration_dat"] = getattr(values["duration"], "dative", None) or values["duration"]
        text_template = template
        text = template.format(**values)
        if any(said.text == text for said in self.out):  # two asks led to the same sentence: say it once
            return True
        facts: list[Fact] = []
        citations: list[str] = []
        for answer in answers:
            if answer.key == "fact":
                facts.append(Fact(field=f"policy_fact.{answer.slot}", value=fact_text(answer.value)))
            else:
                if answer.value is not None:  # a deadline that starts at a delivery still to come has no date
                    facts.append(Fact(field=f"answer.{answer.key}", value=fact_text(answer.value)))
                if answer.holds is not None:
                    facts.append(Fact(field=f"answer.{answer.key}.open", value=str(answer.holds).lower()))
                if "{duration}" in text_template and answer.facts:  # the sentence also states the policy number
                    used = answer.facts[0]
                    facts.append(Fact(field=f"policy_fact.{used.slot}", value=fact_text(used.value)))
            citations += answer.citations
            self.notes.append(answer.note)
        self.out.append(Sentence(text, facts, list(dict.fromkeys(citations))))
        return True

    def per_region(self, slot: str, render: Any) -> tuple[list[Answer], str] | None:
        """Where the buyer's place is unknown and the shop states ``slot`` only per region: each region's value
        ("60 € (France métropolitaine) and 90 € (Belgique)"), at most four; None otherwise."""
        from babel.lists import format_list

        from assist.answers import _fact_answer

        if self.place_known or self.facts is None:
            return None
        # A policy kept in several languages states each region's value once per language: one per region
        # (the places it covers) and value, the buyer's language first.
        chosen: dict[tuple[Any, str], PolicyFact] = {}
        for f in sorted(self.facts.all(slot), key=lambda f: f.language != self.language):
            text = render(f) if f.scope.region else None
            if text:
                chosen.setdefault((regions.region_key(f.scope.region or ""), text), f)
        parts = [(f, text) for (_, text), f in chosen.items()][:4]
        if not parts:
            return None
        listed = format_list([f"{text} ({self.region_of(f)})" for f, text in parts], locale=self.language)
        return [_fact_answer(f) for f, _ in parts], str(listed)

    def written(self, text: str) -> str:
        """A name the reply writes itself (a CLDR region name) in the variety's script (台湾 -> 台灣)."""
        return convert(text, self.variety.convert) if self.variety and self.variety.convert else text

    def words(self, values: list[str], kind: str, style: Literal["standard", "or"] = "standard") -> str | None:
        return format_words(values, kind, self.language, style, self.data)

    def carrier(self, answer: Answer) -> str | None:
        """The carrier's name as this reply writes it: the policy's words where they are in the reply's language or
        a bare name ("DHL Express", "ヤマト運輸"); from a phrase in another language only its name ("日本郵便のEMS"
        -> "EMS", "Deutsche Post, Zustellung durch Correios" -> "Deutsche Post"); None (no carrier) when no name
        can be told from the words around it."""
        fact = answer.facts[0] if answer.facts else None
        value = str(answer.value)
        if fact is None or fact.language in (None, self.language):
            return value
        return carrier_name(value, self.language, fact.language)

    def region_of(self, fact: PolicyFact) -> str:
        """The fact's region in the reply's language (the shop's words when they are in it)."""
        return self.written(regions.region_display(fact.scope.region or "", self.language, fact.language))

    def duration(self, fact: PolicyFact) -> str | None:
        if not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
            return None
        text = Duration(format_duration(fact.value, fact.max_value, fact.unit, self.language, data=self.data))
        if "units_dative" in self.data:
            text.dative = format_duration(
                fact.value, fact.max_value, fact.unit, self.language, "units_dative", self.data
            )
        return text

    def money(self, fact: PolicyFact) -> str | None:
        if not isinstance(fact.value, int | float) or not fact.unit or len(fact.unit) != 3:
            return None
        return format_money(fact.value, fact.unit, self.language)

    def region(self, fact: PolicyFact) -> str | None:
        if self.region_name and fact.scope.region:
            return self.region_name
        return self.region_of(fact) if fact.scope.region else None


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_CJK_PHRASE = re.compile(r"[のの的]|(?:経由|による|により|配送|寄送)")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9&.\-]*(?:\s+[A-Z0-9][A-Za-z0-9&.\-]*)*")
_LOWER_WORD = re.compile(r"(?<![\w(])[a-zà-ÿß][a-zà-ÿß]{2,}")


def carrier_name(value: str, language: str, written_in: str | None = None) -> str | None:
    """A carrier named in another language's words (``written_in``), as a reply in ``language`` can write it
    (see _Writer.carrier)."""
    plain = re.sub(r"\([^)]*\)|（[^）]*）", "", value).strip()  # "(Exporta Fácil)": a service of the name before it
    if _CJK.search(value):
        latin = _LATIN_NAME.findall(value)
        if language in ("ja", "zh") or not latin:
            return value if not _CJK_PHRASE.search(plain) or not latin else latin[-1]
        return latin[-1]  # "日本郵便のEMS", "中華郵政國際快捷（EMS）": the name a Latin-script reader knows
    first = re.split(r"[,;:]", plain)[0].strip()
    if not _LOWER_WORD.search(first) and first:
        return value if first == plain else first
    names = _LATIN_NAME.findall(first)
    if names and written_in != "de":  # "livraison par Colissimo", "corriere BRT"; German nouns are capitalised too
        return str(names[-1])
    return None


def fact_text(value: Any) -> str:
    """A fact's value as a reply declares it (dicts and lists joined with commas)."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _by(answers: list[Answer], key: str, slot: str | None = None) -> Answer | None:
    return next((a for a in answers if a.key == key and (slot is None or a.slot == slot)), None)


def _fact(answers: list[Answer], slot: str) -> Answer | None:
    return _by(answers, "fact", slot)


def _values(answer: Answer) -> list[str]:
    return [str(v) for v in answer.value] if isinstance(answer.value, list) else [str(answer.value)]


def _write_topic(w: _Writer, topic: str, answers: list[Answer], order: Order | None) -> None:  # noqa: C901
    f, by = (lambda s: _fact(answers, s)), (lambda k, s=None: _by(answers, k, s))
    lang = w.language
    if topic in ("order_status", "shipping_time"):
        transit, carrier = f("shipping.transit_time"), f("shipping.carrier")
        if transit and (order is None or order.status in ("processing", "shipped")):
            dur, region = w.duration(transit.facts[0]), w.region(transit.facts[0])
            if (
                region
                and carrier
                and not w.say("transit", [transit, carrier], region=region, duration=dur, carrier=w.carrier(carrier))
            ):
                w.say("transit_nocarrier", [transit], region=region, duration=dur)
            elif region and not carrier:
                w.say("transit_nocarrier", [transit], region=region, duration=dur)
            elif not region:
                w.say("transit_general", [transit], duration=dur)
        elif not transit and (topic == "shipping_time" or order is None):
            if listed := w.per_region("shipping.transit_time", w.duration):
                w.say("transit_general", listed[0], duration=listed[1])
        if topic == "shipping_time":
            if cutoff := f("shipping.dispatch_cutoff"):
                w.say("dispatch_cutoff", [cutoff], time=cutoff.value)
            if dispatch := f("shipping.dispatch_time"):
                w.say("dispatch_time", [dispatch], duration=w.duration(dispatch.facts[0]))
    elif topic == "shipping_cost":
        if free := f("shipping.free_threshold"):
            region = w.region(free.facts[0])
            key = "free_shipping" if region else "free_shipping_general"
            w.say(key, [free], region=region or "", amount=w.money(free.facts[0]))
        elif listed := w.per_region("shipping.free_threshold", w.money):
            w.say("free_shipping_general", listed[0], amount=listed[1])
    elif topic == "customs":
        paid = f("customs.paid_by")
        if paid:
            region = w.region(paid.facts[0])
            if region:
                w.say(f"customs_{paid.value}", [paid], region=region)
            else:
                w.say(f"customs_{paid.value}_general", [paid])
        if threshold := f("customs.threshold"):
            w.say("customs_threshold", [threshold], amount=w.money(threshold.facts[0]))
    elif topic == "return":
        excluded = by("excluded_items")
        if excluded and excluded.holds and order is not None:
            names = [i.name for i in order.items if i.sku in excluded.value]
            phrases = list(dict.fromkeys(excluded.value.values()))
            w.say("return_excluded", [excluded], items=quoted(names, lang), phrases=quoted(phrases, lang))
        opened = by("excluded_if_opened")
        if opened and order is not None:
            names = [i.name for i in order.items if i.sku in opened.value]
            phrases = list(dict.fromkeys(opened.value.values()))
            condition, says = opened.inputs.get("condition", "opened"), opened.inputs.get("buyer_says")
            # the buyer says it was opened or used: it cannot be returned for that reason; else the condition
            w.say(
                f"return_refused_{condition}" if says == "broken" else f"return_excluded_{condition}",
                [opened],
                items=quoted(names, lang),
                phrases=quoted(phrases, lang),
                count=len(names),
            )
        deadline, window = by("return_deadline"), f("returns.window")
        starts = f("returns.window_starts")
        event_key = str(starts.value) if starts else "delivery"
        event = w.data["words"]["window_starts"].get(event_key)
        if (
            deadline
            and window
            and deadline.value
            and not (
                deadline.holds
                and excluded
                and excluded.holds
                and len(excluded.value) == len(order.items if order else [])
            )
        ):
            dur = w.duration(window.facts[0])
            used = [deadline] + ([starts] if starts else [])
            if deadline.holds:
                w.say("return_until", used, date=format_day(deadline.value, lang), duration=dur, event=event)
            else:
                w.say("return_ended", used, date=format_day(deadline.value, lang), duration=dur)
        elif window and not (deadline and deadline.value):
            w.say(
                "return_window",  # not delivered yet: the window, and that a return will be open (the deadline's .open)
                [window] + ([starts] if starts else []) + ([deadline] if deadline and deadline.holds else []),
                duration=w.duration(window.facts[0]),
                event=event,
            )
        if w.own_fault:  # a defective or damaged item: the shop's own-fault rule, never "you pay the return"
            if when := f("returns.shop_pays_when"):
                w.say("return_shop_pays_when", [when], list=w.words(_values(when), "shop_pays_when", "or"))
        elif (deadline is None or deadline.holds) and f("returns.shipping_paid_by"):
            _return_cost(w, answers, with_amount=False)
    elif topic == "return_cost":
        if w.own_fault:
            if when := f("returns.shop_pays_when"):
                w.say("return_shop_pays_when", [when], list=w.words(_values(when), "shop_pays_when", "or"))
        else:
            _return_cost(w, answers, with_amount=True)
    elif topic == "refund":
        if expected := by("refund_expected"):
            w.say("refund_expected", [expected], date=format_day(expected.value, lang))
        if time := f("refunds.time"):
            starts = f("refunds.time_starts")
            event = w.data["words"]["time_starts"].get(str(starts.value)) if starts else None
            if not (
                starts
                and event
                and w.say("refund_time", [time, starts], duration=w.duration(time.facts[0]), event=event)
            ):
                w.say("refund_time_plain", [time], duration=w.duration(time.facts[0]))
        cancelled_order = order is not None and order.status in ("cancelled", "processing")
        if (cancelled := f("cancellation.refund_time")) and (cancelled_order or not by("refund_expected")):
            w.say("cancel_refund", [cancelled], duration=w.duration(cancelled.facts[0]))
        if method := f("refunds.method"):
            w.say("refund_method", [method], method=w.data["words"]["refund_method"].get(str(method.value)))
    elif topic in ("damage", "wrong_item"):
        until, window = by("damage_report_until"), f("damage.report_window")
        wrong_until, wrong_window = by("wrong_item_report_until"), f("wrong_item.report_window")
        if topic == "wrong_item" and wrong_window:  # the shop's own window for wrong or missing items
            until, window = None, None
            if wrong_until:
                key = "wrong_until" if wrong_until.holds else "wrong_ended"
                dur = w.duration(wrong_window.facts[0])
                w.say(key, [wrong_until], date=format_day(wrong_until.value, lang), duration=dur)
            else:
                w.say("wrong_window", [wrong_window], duration=w.duration(wrong_window.facts[0]))
        if until and window:
            key = "damage_until" if until.holds else "damage_ended"
            w.say(key, [until], date=format_day(until.value, lang), duration=w.duration(window.facts[0]))
            warranty = by("warranty_until")
            if not until.holds and warranty and warranty.holds and warranty.facts:  # a defect found later
                duration = w.duration(warranty.facts[0])
                w.say("warranty_until", [warranty], date=format_day(warranty.value, lang), duration=duration)
        elif window:
            w.say("damage_window", [window], duration=w.duration(window.facts[0]))
        if evidence := f("damage.evidence"):
            w.say("damage_evidence", [evidence], list=w.words(_values(evidence), "evidence"))
        if topic == "damage":
            required = f("damage.return_required")
            if required is not None:
                w.say("damage_return" if required.value else "damage_no_return", [required])
            if remedy := f("damage.remedy"):
                w.say("damage_remedy", [remedy], list=w.words(_values(remedy), "remedy", "or"))
        elif when := f("returns.shop_pays_when"):
            w.say("return_shop_pays_when", [when], list=w.words(_values(when), "shop_pays_when", "or"))
    elif topic == "warranty":
        until, length = by("warranty_until"), f("warranty.length")
        if until and length:
            key = "warranty_until" if until.holds else "warranty_ended"
            w.say(key, [until], date=format_day(until.value, lang), duration=w.duration(length.facts[0]))
        elif length:
            w.say("warranty_length", [length], duration=w.duration(length.facts[0]))
        elif w.facts is not None and (by_class := [f for f in w.facts.all("warranty.length") if f.scope.product_class]):
            from babel.lists import format_list

            from assist.answers import _fact_answer

            # no item tells the class: each class's warranty, in the shop's words ("1 year (万年筆)")
            parts = [(f, w.duration(f)) for f in by_class[:4]]
            per_class = format_list([f"{d} ({f.scope.product_class})" for f, d in parts if d], locale=lang)
            w.say("warranty_by_class", [_fact_answer(f) for f, d in parts if d], list=str(per_class))
        if (excludes := f("warranty.excludes")) and w.out:  # "is it covered?": what the warranty never covers
            w.say("warranty_excludes", [excludes], phrases=quoted(_values(excludes), lang))
    elif topic == "cancel":
        possible, rule = by("cancel_possible"), f("cancellation.rule")
        if possible and order is not None:
            window = f("cancellation.window")
            if possible.holds:
                w.say("cancel_yes", [possible])
            elif order.status == "cancelled":
                w.say("cancel_already", [possible])
            elif rule and rule.value == "not_allowed":
                w.say("cancel_not_allowed", [possible])
            elif order.status == "processing" and window:
                w.say("cancel_window_over", [possible], duration=w.duration(window.facts[0]))
            else:
                w.say("cancel_no_shipped", [possible])
        elif rule:
            window = f("cancellation.window")
            if rule.value == "within_window" and window:
                w.say("cancel_rule_within_window", [rule, window], duration=w.duration(window.facts[0]))
            elif rule.value == "before_shipping":
                w.say("cancel_rule_before_shipping", [rule])
            elif rule.value == "not_allowed":
                w.say("cancel_not_allowed", [rule])
        refund = f("cancellation.refund_time")
        if refund and (possible is None or possible.holds):
            w.say("cancel_refund", [refund], duration=w.duration(refund.facts[0]))
    elif topic == "address_change":
        possible, rule = by("address_change_possible"), f("address_change.rule")
        if possible:
            w.say("address_yes" if possible.holds else "address_no", [possible])
        elif rule and rule.value == "before_shipping":
            w.say("address_rule_before_shipping", [rule])
        elif rule and rule.value == "not_allowed":
            w.say("address_not_allowed", [rule])
    elif topic == "lost":
        wait = f("lost.not_received_wait")
        if wait and (order is None or order.status == "delivered"):
            w.say("lost_not_received", [wait], duration=w.duration(wait.facts[0]))
        report = f("lost.report_after")
        if report and (order is None or order.status != "delivered"):
            w.say("lost_report", [report], duration=w.duration(report.facts[0]))
        if trace := f("lost.trace_time"):
            w.say("lost_trace", [trace], duration=w.duration(trace.facts[0]))
        if outcome := f("lost.outcome"):
            w.say("lost_outcome", [outcome], list=w.words(_values(outcome), "remedy", "or"))
    elif topic == "price_adjustment":
        allowed, window, still = f("prices.adjustment"), f("prices.adjustment_window"), by("price_adjustment_open")
        if allowed is not None and allowed.value is False:
            w.say("price_no_adjust", [allowed])
        elif window:
            w.say(
                "price_adjust_window", [window, *([allowed] if allowed else [])], duration=w.duration(window.facts[0])
            )
            if still and order is not None:
                key = "price_adjust_open" if still.holds else "price_adjust_over"
                placed, ends = format_day(order.placed_at.date(), lang), format_day(str(still.value), lang)
                w.say(key, [still], date=placed, until=ends)
    elif topic == "discount_code":
        window, still = f("prices.code_after_purchase"), by("code_window_open")
        if window:
            w.say("code_window", [window], duration=w.duration(window.facts[0]))
            if still and order is not None:
                placed, ends = format_day(order.placed_at.date(), lang), format_day(str(still.value), lang)
                w.say("code_open" if still.holds else "code_over", [still], date=placed, until=ends)
    elif topic == "price_match":
        if match := f("prices.price_match"):
            w.say("price_match" if match.value else "price_no_match", [match])


def _return_cost(w: _Writer, answers: list[Answer], *, with_amount: bool) -> None:
    paid = _fact(answers, "returns.shipping_paid_by")
    if paid is None:
        return
    if paid.value == "shop":
        w.say("return_cost_shop", [paid])
        return
    w.say("return_cost_buyer", [paid])
    cost = _fact(answers, "returns.shipping_cost")
    if with_amount and cost:
        w.say("return_cost_amount", [cost], amount=w.money(cost.facts[0]))
    when = _fact(answers, "returns.shop_pays_when")
    if with_amount and when:
        w.say("return_shop_pays_when", [when], list=w.words(_values(when), "shop_pays_when", "or"))


# --- the reply -----------------------------------------------------------------------------


@dataclass
class AskReply:
    text: str | None
    facts: list[Fact]
    citations: list[str]
    coverage: list[AskCoverage]
    language: str
    per_ask: list[list[Sentence]] = field(default_factory=list)  # each ask's own sentences, in order
    variety: str | None = None  # the variety of ``language`` it is written in ("pt-BR", "zh-Hant"), if any


def answer_asks(
    language: str,
    asks: list[Ask],
    facts: PolicyFacts,
    order: Order | None,
    now: datetime,
    *,
    buyer_name: str | None = None,
    policies: list[PolicyPassage] | None = None,
    shop_settings: dict[str, Any] | None = None,
    currency: str | None = None,
) -> AskReply:
    """The reply that answers ``asks`` in order, and each ask's coverage. An ask no fact answers gets a holding
    line that names it (the agent checks it); ``text`` is None only when there are no asks."""
    slots = replies.build_slots(language, order, policies or [], shop_settings or {}, buyer_name, now)
    body: list[Sentence] = []
    coverage: list[AskCoverage] = []
    per_ask: list[list[Sentence]] = []
    turn = " ".join(a.text for a in asks)
    # the buyer's variety (pt-BR / pt-PT, zh-Hant / zh-Hans, es-419 / es-ES): their words, else the order's country
    where_to = regions.order_country(order, turn)
    variety = reply_variety(language, turn, regions.country_of(where_to.country) if where_to else None)
    phrases = in_variety(replies.load_replies(language), variety, "phrases", language)
    sentences_of = in_variety(load_answers(language), variety, "answers", language)["sentences"]
    paid_with = payment_scope(turn, facts)
    own_fault = any(t in ("damage", "wrong_item", "warranty") for a in asks for t in a.topics) or damage_context(turn)
    for ask in asks:
        where = ask.text if regions.country_in_text(ask.text) else turn
        found = answers_for(
            ask.topics,
            facts,
            order,
            now,
            text=where,
            skus=ask.items or None,
            currency=currency,
            payment_method=paid_with,
        )
        guess = next((a for a in found if a.key == "order_region"), None)
        region_name = reply_region(guess, facts, language) if guess and guess.value else None
        w = _Writer(language, region_name, variety)
        w.own_fault, w.facts, w.place_known = own_fault, facts, guess is not None
        status_asked = ask.topic == "order_status" or (
            "order_status" in ask.topics
            and ask.topic in ("lost", "shipping_time")  # "shipped today: when will it come?"
        )
        if status_asked and order is not None:
            status = replies._phrase(phrases, f"status.{order.status}", slots, policies or [])
            if status is not None:
                w.out.append(Sentence(status.text, status.facts, status.citations))
                w.notes.append(f"order status: {order.status}")
        for topic in effective_topics(ask.topics, order):
            _write_topic(w, topic, found, order)
        if not w.out and ask.topic in NEEDS_ORDER and order is None:
            w.out.append(Sentence(sentences_of["need_order"]))
            w.notes.append("no order found: the reply asks for the order number")
        regional = any(
            f.field.startswith(("policy_fact.shipping", "policy_fact.customs")) for s in w.out for f in s.facts
        )
        if guess is not None and guess.value and regional:  # which input placed the order, for the agent
            w.notes.append(guess.note)
        per_ask.append(list(w.out))
        covered = bool(w.out)
        if not covered:  # an honest holding line that names the open question, never filler
            w.out.append(Sentence(sentences_of["open_question"].format(ask=ask_quote(ask))))
        for sentence in w.out:
            if all(sentence.text != b.text for b in body):
                body.append(sentence)
        coverage.append(
            AskCoverage(
                text=ask.text,
                intent=ask.intent,
                topics=effective_topics(ask.topics, order),
                items=ask.items,
                covered=covered,
                answers=list(dict.fromkeys(w.notes)),
                note=None if covered else _uncovered_note(ask),
            )
        )
    tag = variety.tag if variety else None
    if variety is not None and coverage:  # the card says which variety the reply follows, and why
        coverage[0].answers.append(variety.note)
    if not body:
        return AskReply(None, [], [], coverage, language, per_ask, tag)
    data = phrases
    greeting = data["greeting"]["named"] if "first_name" in slots else data["greeting"]["anonymous"]
    opening = replies._fill(greeting, slots, policies or []) or replies.Rendered(data["greeting"]["anonymous"])
    text = f"{opening.text}\n\n{data['joiner'].join(s.text for s in body)}\n\n{data['closing']}"
    facts_out: list[Fact] = []
    for s in body:
        facts_out += [f for f in s.facts if f not in facts_out]
    citations = list(dict.fromkeys(c for s in body for c in s.citations))
    return AskReply(text, facts_out, citations, coverage, language, per_ask, tag)


def payment_scope(text: str, facts: PolicyFacts) -> str | None:
    """The payment-method scope of the shop's facts that the buyer's words name ("contrassegno" ~ "contra
    reembolso"), as the facts write it; None when the buyer names none of them."""
    from assist.asks import payment_kinds

    named = payment_kinds(text)
    if not named:
        return None
    for scope in dict.fromkeys(f.scope.payment_method for f in facts.facts if f.scope.payment_method):
        if scope and payment_kinds(scope) & named:
            return scope
    return None


def ask_quote(ask: Ask, limit: int = 90) -> str:
    """The ask in the buyer's words, for a holding line: its question (else the sentence with its topic, else
    its first sentence). Figures and ids are left out ("…"): the reply never repeats an unchecked number."""
    from assist.asks import is_question, sentences, topics_of

    pieces = sentences(ask.text) or [ask.text]
    asking = [p for p in pieces if is_question(p)] or [p for p in pieces if topics_of(p)] or pieces
    text = _FIGURE.sub("…", asking[0]).strip().strip('“”„"«»「」')
    text = re.sub(r"…(\s*…)+", "…", text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_FIGURE = re.compile(r"[^\s]*\d[^\s]*")


def _uncovered_note(ask: Ask) -> str:
    if ask.topic == "other":
        return "no policy fact answers this ask (topic not recognised): answer it yourself"
    return f"no policy fact of this shop answers this ask ({ask.topic}): answer it yourself or add the fact"
