"""Rules that read slot values out of one unit (sentence, table row or list item).

A value (duration, money, clock time) belongs to the topic whose cue stands nearest before it in the
sentence (else nearest after it, else the section's topic); the topic and the value's kind name the
slot. Enum, boolean and phrase slots are read from word lists. Scope comes from the clause the value
is in: a region or payment method there, or the row's first cell, or the list item's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assist.policy_extract.clauses import no_warranty_elsewhere, payment_deadline, prefixed_scope, set_by_law
from assist.policy_extract.columns import caption_business_days, column_class
from assist.policy_extract.cues import label_patterns, labels_in, topic_hits, topic_patterns
from assist.policy_extract.labels import leading_label
from assist.policy_extract.products import covered_products, quantified_class
from assist.policy_extract.scope import (
    carrier_pattern,
    customer_group_in,
    is_universal,
    payment_methods_in,
    region_label,
    regions_in,
    strip_leading,
    subject_before,
)
from assist.policy_extract.text import Unit, clauses
from assist.policy_extract.values import Value, all_values, is_dispatch, money_values

SECTION_ONLY = 0.7  # confidence when only the section heading names the topic
IN_SENTENCE = 0.85

DURATION_SLOTS = {
    "returns": "returns.window",
    "refunds": "refunds.time",
    "warranty": "warranty.length",
    "damage": "damage.report_window",
    "wrong_item": "wrong_item.report_window",
    "cancellation": "cancellation.window",
    "shipping": "shipping.transit_time",
    "lost_report": "lost.report_after",
    "lost_trace": "lost.trace_time",
    "not_received": "lost.not_received_wait",
    "price_drop": "prices.adjustment_window",
    "discount_code": "prices.code_after_purchase",
    "invoice": "invoice.company_request_window",
    "address_change": "address_change.window",
}


@dataclass
class Candidate:
    slot: str
    value: object
    unit_: Unit
    max_value: float | None = None
    unit: str | None = None
    scope: dict[str, str] = field(default_factory=dict)
    confidence: float = IN_SENTENCE
    sentence: str | None = None  # the cited text when it is not the unit's own (a list's intro)


def has(frame: str, text: str) -> bool:
    return bool(label_patterns("frames")[frame].search(text))


def section_topics(unit: Unit) -> list[str]:
    """Topics named by the unit's own heading (last part of the path), then by the table header or list intro."""
    # A rule line ("━━━━", "====") a plain-text writer put under a heading is no heading of its own.
    named = [part for part in unit.section.split(" > ") if re.search(r"\w", part)] if unit.section else []
    heading = named[-1] if named else ""
    # A FAQ question heading that names no topic ("Em que condições a peça precisa voltar?") reads in the light of
    # the heading above it ("Trocas e devoluções").
    if len(named) > 1 and heading.rstrip().endswith(("?", "？")) and not topic_hits(heading):
        heading = named[-2]
    context = " ".join([heading, " ".join(unit.header), unit.intro or ""])
    return [t for _, _, t in topic_hits(context)]


_EXCHANGE = re.compile(
    r"\bexchanges?\b|échanges?|umtausch|\bcambios?\b|\btrocas?\b|\bcambi\b|交換|交换|换货|換貨", re.IGNORECASE
)


def exchange_only(text: str) -> bool:
    """Whether the sentence's only return words are exchange words: an exchange rule ("Trocas de tamanho podem ser
    pedidas em até 30 dias", "The first exchange is on us"), which is no rule for returns as such."""
    found = [text[s:e] for s, e, t in topic_hits(text) if t == "returns"]
    return bool(found) and all(_EXCHANGE.search(word) for word in found)


def question_topics(unit: Unit) -> set[str]:
    """Topics of the FAQ question a sentence answers, when the sentence names none of its own besides shipping:
    "Posso cancelar meu pedido?" / "Pode, enquanto ele ainda não foi postado." is a cancellation rule."""
    own = {t for _, _, t in topic_hits(unit.text)}
    if not unit.asked or own - {"shipping"}:
        return set()
    return {t for _, _, t in topic_hits(unit.asked)}


def _nearest_topic(
    hits: list[tuple[int, int, str]], at: int, accepted: set[str], after: bool = True, until: int | None = None
) -> str | None:
    # Shipping words are everywhere in a policy: they name the topic only when no other topic is named.
    if any(t in accepted and t != "shipping" for _, _, t in hits):
        accepted = accepted - {"shipping"}
    # A cue that spans the value ("追跡情報が7営業日更新されない") is its topic.
    around = [t for s, e, t in hits if s < at < e and t in accepted]
    if around:
        return around[0]
    before = [(at - e, t) for s, e, t in hits if e <= at and t in accepted]
    if before:
        return min(before)[1]
    if not after:
        return None
    # A cue after the value is only its topic when no cue stands before it; "30 days from delivery"
    # names the start event, not the shipping topic.
    # ... and only in the value's own clause: "Wir löschen es innerhalb von 30 Tagen, sobald Rücksendungen
    # abgeschlossen sind" is no return window.
    following = [
        (s - at, t)
        for s, e, t in hits
        if s >= at and t in accepted and t != "shipping" and (until is None or s < until)
    ]
    return min(following)[1] if following else None


def scope_at(unit: Unit, text: str, at: int) -> dict[str, str]:
    """Region / payment method / customer group that frames the value at offset ``at``."""
    scope: dict[str, str] = {}
    if unit.kind == "row" and unit.cells:
        label = unit.cells[0]
        if payment_methods_in(label) or (unit.header and _PAYMENT_COLUMN.search(unit.header[0])):
            scope["payment_method"] = label
        elif (
            region_label(label)
            or (unit.header and _REGION_COLUMN.search(unit.header[0]))
            or unit.roles[:1] == ["region"]
        ):
            scope["region"] = label
    elif unit.kind == "item" or unit.label:
        label = unit.label or re.split(r"\s*[(:：]", text, maxsplit=1)[0]
        if label != text and payment_methods_in(label):
            scope["payment_method"] = label.strip(" *")
        elif label != text and region_label(label):
            scope["region"] = label.strip(" *")
    if "region" not in scope:
        region = region_near(text, at) or heading_region(unit) or group_region(unit)
        if region:
            scope["region"] = region
    if "payment_method" not in scope:
        method = payment_near(text, at)
        if method:
            scope["payment_method"] = method
    group = customer_group_in(text)
    if group:
        scope["customer_group"] = group
    return scope


def group_region(unit: Unit) -> str | None:
    """A list item naming a region ("1. Taiwan:") scopes the rule bullets nested under it ("(1) T-cat, 1-2 days.")."""
    label = unit.group
    if not label or len(label) > 40 or re.search(r"[.!?。！？]", label) or not regions_in(label):
        return None
    return label


def heading_region(unit: Unit) -> str | None:
    """A short heading that names a region ("## Canada", "### Alaska, Hawaii and Puerto Rico") scopes its section."""
    named = [part for part in unit.section.split(" > ") if re.search(r"\w", part)] if unit.section else []
    if not named:
        return None
    heading = named[-1].strip(" *:：")
    if len(heading.split()) > 6 or re.search(r"[.!?。！？]", heading) or not regions_in(heading):
        return None
    return heading


_REGION_COLUMN = re.compile(
    r"region|regi[aã]o|destination|country|zone|area|lieferland|land\b|gebiet|destino|zona|país|paese|destinazione|"
    r"pays|地区|地域|配送先|お届け先|国家|目的地|区域",
    re.IGNORECASE,
)
CARRIER_COLUMN = re.compile(
    r"carrier|courier|versand(dienstleister|art)?|spediteur|transporteur|transportista|corriere|modalidade|"
    r"transportadora|快递|配送業者|運送会社|承运",
    re.IGNORECASE,
)
_PAYMENT_COLUMN = re.compile(r"payment|zahlung|paiement|pago|pagamento|支払|支付|付款", re.IGNORECASE)


def _clause_of(text: str, at: int) -> tuple[int, str, int]:
    parts = clauses(text)
    for i, (start, piece) in enumerate(parts):
        if start <= at < start + len(piece) + 1:
            return start, piece, i
    return 0, text, 0


ORIGIN = re.compile(
    r"(?:\bfrom|\baus|\bdepuis|\bdesde|\bdal|\bdalla|\bvon|从|自)\s*(?:our \w+ in |unserem \w+ in )?$", re.I
)


_NOT_DESTINATION = re.compile(r"\s*(から|发货|时间|時間|time|zeit|heure|hora|ora\b|的仓库|の倉庫)", re.I)


def region_near(text: str, at: int) -> str | None:
    found = [
        r for r in regions_in(text) if not ORIGIN.search(text[: r[0]]) and not _NOT_DESTINATION.match(text[r[1] :])
    ]
    if not found:
        return None
    if is_universal(text) and len(found) == 1 and re.search(r"[,、・]", found[0][2]):
        return None
    # "(EU)" right after the value names its region.
    for start, _, name in found:
        if 0 <= start - at <= 40 and re.fullmatch(r"[^()]*\(\s*", text[at:start]) and len(text[at:start]) < 30:
            return name
    if len(found) == 1:
        return found[0][2]
    before = [(at - s, name) for s, e, name in found if s <= at]
    return min(before)[1] if before else None


# "If you paid by ...", and the German verb-first condition ("Hast du auf Rechnung gekauft, ...").
_CONDITIONAL = re.compile(
    r"^(if|when|wenn|bei|falls|si|se|para|per|for|如|如果|若|hast|hat|haben|habt|bist|ist|sind|zahlst|zahlen)\b|場合"
    r"|(付款|支付|结帐|购买)者$",  # "以信用卡付款者，退款将刷退至原卡": those who paid by card
    re.IGNORECASE,
)


def payment_near(text: str, at: int) -> str | None:
    start, piece, index = _clause_of(text, at)
    found = payment_methods_in(piece)
    if found:
        return found[0][2]
    if index > 0:
        prev_start, prev = clauses(text)[index - 1]
        if _CONDITIONAL.search(prev.strip()) and not all_values(prev):
            found = payment_methods_in(prev)
            if found:
                return found[0][2]
    return None


def _confidence(topic: str, sentence_topics: set[str]) -> float:
    return IN_SENTENCE if topic in sentence_topics else SECTION_ONLY


def read_values(unit: Unit) -> list[Candidate]:
    """Slots whose value is a duration, an amount or a clock time."""
    text = unit.text
    hits = topic_hits(text)
    in_sentence = {t for _, _, t in hits}
    sections = section_topics(unit)
    out: list[Candidate] = []
    for value in all_values(text):
        if value.kind == "duration" and not is_dispatch(text, value):  # dispatch times: assist.policy_extract.dispatch
            out.extend(_duration(unit, text, value, hits, in_sentence, sections))
        elif value.kind == "money":
            out.extend(_money(unit, text, value, in_sentence, sections))
        elif value.kind == "time" and ("dispatch_same_day" in in_sentence):
            out.append(Candidate("shipping.dispatch_cutoff", value.value, unit))
    return out


def _duration(
    unit: Unit, text: str, value: Value, hits: list[tuple[int, int, str]], in_sentence: set[str], sections: list[str]
) -> list[Candidate]:
    accepted = set(DURATION_SLOTS)
    if _REPLY.search(text[max(0, value.start - 30) : value.start]):
        return []  # "we reply within 24 hours" is a service time, not a policy window
    topic = _nearest_topic(hits, value.start, accepted, after=False)
    if topic == "shipping" and not scope_at(unit, text, value.start).get("region"):
        topic = None  # "within 7 days of arrival": arrival is the start event; the topic is the context's
    text_for_frames = text
    if topic is None and unit.previous:
        before = [t for _, _, t in topic_hits(unit.previous) if t in accepted and t != "shipping"]
        topic = before[-1] if before else None
        text_for_frames = f"{unit.previous} {text}"
    if topic is None:
        topic = _nearest_topic(hits, value.start, accepted, until=own_clause_end(text, value))
        if topic == "shipping" and not scope_at(unit, text, value.start).get("region"):
            topic = None  # the arrival word before the value again ("商品到着後7日以内"): still the start event
    from_section = topic is None
    if topic is None:  # shipping words are everywhere: the heading's other topic, if it names one
        topic = next((t for t in sections if t in accepted and t != "shipping"), None)
        topic = topic or ("shipping" if "shipping" in sections else None)
    if (
        topic is None
        and (
            unit.kind in ("row", "item")
            or unit.label
            or heading_region(unit)
            or carrier_pattern().search(text)
            or "shipping" in question_topics(unit)
        )
        and scope_at(unit, text, value.start).get("region")
    ):
        # "| Austria | 2-4 days |", "## Canada" + "UPS Standard, 5-9 business days.", "Italia: 1-2 giorni, € 9,90."
        # under the question "How much is shipping and how long does it take?"
        topic = "shipping"
    if topic is None:
        return []
    confidence = _confidence(topic, in_sentence)
    if topic == "damage" and from_section and labels_in("shop_pays_cases", text) == ["defective"]:
        return []  # a window for faults ("a fault within 15 days: exchange") is not the transport-damage window
    named = {t for t in sections if t in accepted and t != "shipping"}
    # Under "Damaged or wrong items" a bare "tell us within 7 days" is the window for both; under a heading
    # naming other topics too, which of them the number is for is a guess.
    both_reports = from_section and unit.kind == "sentence" and named == {"damage", "wrong_item"}
    if from_section and unit.kind == "sentence" and len(named) > 1 and not both_reports:
        confidence = min(confidence, 0.5)
    if topic == "returns" and "refunds" in in_sentence and has("return_received", text):
        topic = "refunds"
    if (
        topic == "cancellation"
        and "refunds" in in_sentence
        and not has("order_start", text[value.end : value.end + 30])
    ):
        topic = "refunds"  # "refunds for canceled orders take 3-5 days": the refund time of a cancellation
    scope = scope_at(unit, text, value.start)
    slot = DURATION_SLOTS[topic]
    extra: list[Candidate] = []
    if topic == "refunds":
        if "cancellation" in in_sentence or "cancellation" in sections:
            slot = "cancellation.refund_time"
        elif any(t in sections for t in ("price_drop", "warranty", "damage", "wrong_item")) and not has(
            "return_received", text
        ):
            return []
        else:
            if not has("return_received", text) and (
                _THIRD_PARTY.search(text) or not ({"refunds", "returns"} & set(sections))
            ):
                confidence = min(confidence, 0.5)
            starts = _refund_start(text, value.start)
            if starts:
                extra.append(Candidate("refunds.time_starts", starts, unit, confidence=confidence))
    elif topic == "returns":
        durations = [v for v in all_values(text) if v.kind == "duration"]
        if set_by_law(text, value.start) or (  # "beyond the 14 days the law gives, we give you 30": 14 is the law's
            len(durations) == 1 and re.search(r"statutory|gesetzlich|légal|legal|法定", text, re.IGNORECASE)
        ):
            confidence = min(confidence, 0.5)
        if exchange_only(text):
            confidence = min(confidence, 0.5)  # "exchanges of size or colour within 30 days": not the return window
        if has("inspection", text):
            return []
        starts = _window_start(text, value.end)
        if starts:
            extra.append(Candidate("returns.window_starts", starts, unit, confidence=confidence))
        scope.pop("payment_method", None)
    elif topic == "warranty":
        long_enough = value.unit in ("month", "year") or (value.unit == "day" and float(value.value) >= 30)
        if not long_enough or _REMAINING.search(text) or no_warranty_elsewhere(text, value.start):
            return []  # "Supplements carry no warranty; we guarantee 6 months of shelf life": not a warranty length
        scope = {}
        covered = covered_products(text, value.start)
        if covered:
            scope["product_class"] = covered
            extra.append(Candidate("warranty.products", [covered], unit, confidence=confidence))
        elif group := prefixed_scope(text, _cue_start(text, "warranty", value.start)).get("customer_group"):
            scope["customer_group"] = group  # "For purchases with a VAT number the warranty is 12 months"
        elif not _COVERED.search(text):
            cue = topic_patterns()["warranty"].search(text)
            labelled = leading_label(text, value.start)  # "- Frame and solid wood (frames, tables): 10 years"
            subject = labelled or conjunct_subject(text, value)
            subject = subject or subject_before(text, cue.start() if cue else value.start)
            if subject and not labelled:  # "En plus, nos luminaires": the noun phrase after the last comma
                subject = strip_leading(re.split(r"[,，;]\s*", subject)[-1])
            if is_universal(subject or ""):
                subject = quantified_class(subject)  # "all garden tools": a class; "all our products": none
            defect = label_patterns("shop_pays_cases")["defective"]
            # "製造上の不具合は1年間保証": the phrase goes on to name defects; it is what is covered, not a product
            at = text.find(subject) if subject else -1
            names_defects = at >= 0 and bool(defect.search(text[at : at + len(subject or "") + 6]))
            if (
                subject
                and not topic_patterns()["warranty"].search(subject)
                and content_words(subject)
                and not defect.search(subject)
                and not names_defects
            ):
                scope["product_class"] = subject
                extra.append(Candidate("warranty.products", [subject], unit, confidence=confidence))
    elif topic == "cancellation":
        near = text[max(0, value.start - 20) : value.end + 30]
        if value.unit not in ("hour", "day", "business_day") or not has("order_start", near):
            return []
        if payment_deadline(text):  # "if payment is not made within 48 hours, the order is cancelled"
            return []
        labelled = leading_label(text, value.start)  # "Made-to-order furniture: cancellation is free within 3 days"
        cue = topic_patterns()["cancellation"].search(text)
        for_whom = prefixed_scope(text, cue.start()) if cue else {}  # "For custom instruments, cancelling is ..."
        if labelled or for_whom.get("product_class"):
            scope["product_class"] = labelled or for_whom["product_class"]
        rule_scope = {"product_class": scope["product_class"]} if "product_class" in scope else {}
        extra.append(Candidate("cancellation.rule", "within_window", unit, scope=rule_scope, confidence=confidence))
        # "you have 1 hour after ordering to cancel it or change the shipping address": the same window for both
        own = text[value.end : own_clause_end(text, value)]
        if topic_patterns()["address_change"].search(own):
            extra.append(Candidate("address_change.rule", "within_window", unit, confidence=confidence))
    elif topic == "address_change":
        return [Candidate("address_change.rule", "within_window", unit, confidence=confidence)]
    elif topic == "shipping":
        if "region" not in scope or (unit.kind == "sentence" and express(text)):
            return []
        scope = {"region": scope["region"]}
        product_class = column_class(unit, value.start)  # "| Region | Small items | Furniture |": one per column
        if product_class:
            scope["product_class"] = product_class
        if value.unit == "day" and caption_business_days(unit):  # "Times in business days:" over the table
            value = replace(value, unit="business_day")
    elif topic == "lost_report" and not has("contact", text) and "lost_trace" not in in_sentence:
        return []  # "if tracking has not moved for 5 days, contact us" / "..., we open an investigation"
    elif topic == "not_received" and not has("wait", text):
        return []
    elif topic == "price_drop" and not has("order_start", text[max(0, value.start - 20) : value.end + 30]):
        return []
    elif topic == "discount_code" and not has("forgot", text_for_frames):
        return []
    elif topic == "invoice" and not has("company", text):
        return []
    clause = _clause_of(text, value.start)[1]
    if _THIRD_PARTY.search(clause) and slot != "shipping.transit_time":
        confidence = min(confidence, 0.5)
    if slot not in ("shipping.transit_time", "refunds.time", "cancellation.refund_time"):
        scope.pop("payment_method", None)
    if slot not in ("shipping.transit_time", "returns.window", "lost.report_after"):
        scope.pop("region", None)
    main = Candidate(slot, value.value, unit, value.max_value, value.unit, scope, confidence)
    if both_reports and slot == "damage.report_window":
        extra.append(Candidate("wrong_item.report_window", value.value, unit, value.max_value, value.unit, {}))
    for c in extra:
        c.confidence = min(c.confidence, confidence)
    return [main, *extra]


def _cue_start(text: str, topic: str, default: int) -> int:
    cue = topic_patterns()[topic].search(text)
    return cue.start() if cue else default


_CONJUNCT = re.compile(
    r"(?:^|[\s,;])(?:and|et|und|y|e|while|whereas|mentre|alors que|mientras que|enquanto)\s+", re.IGNORECASE
)


def conjunct_subject(text: str, value: Value) -> str | None:
    """The noun phrase of a later conjunct: "nos luminaires sont garantis 3 ans et notre mobilier 2 ans" -> for
    "2 ans", "notre mobilier" (the first number's subject comes from the sentence's opening)."""
    before = [v for v in all_values(text) if v.kind == "duration" and v.end <= value.start]
    if not before:
        return None
    segment = text[before[-1].end : value.start]
    found = list(_CONJUNCT.finditer(segment))
    if not found or len(segment[: found[-1].start()].split()) > 2:  # "... 5 Jahre Garantie und unsere Zelte 3 Jahre"
        return None
    m = found[-1]
    phrase = segment[m.end() :].strip(" ,;:")
    phrase = re.split(r"\s+(?:have|has|get|gets|come|comes|ont|ha|hanno|tienen|têm|haben|hat|bekommen)\b", phrase)[0]
    phrase = re.sub(r"\s+(?:di|de|of|von|du|des|da|del|do)$", "", phrase, flags=re.IGNORECASE)
    return phrase if 0 < len(phrase.split()) <= 5 and not topic_patterns()["warranty"].search(phrase) else None


_REMAINING = re.compile(r"rest of|remainder|restlichen|reste de|resto de|resto del|剩余|残り", re.I)
_REPLY = re.compile(r"\b(reply|respond|answer)|antworten|répond|respond|rispond|responde|返信|回答|回复|答复", re.I)
_THIRD_PARTY = re.compile(
    r"marketplace|amazon|ebay|marktplatz|your bank|payment provider|\bbanque\b|\bbanco\b|銀行|银行", re.I
)
_COVERED = re.compile(r"\bcover|abgedeckt|gedeckt|couvert|cubiert|copert|coberto|対象|范围内", re.IGNORECASE)
# An express option, or one named for next-day delivery ("DPD Next Day", "Next-Day-Zustellung").
_EXPRESS = re.compile(r"express|exprés|expresso|espresso|加急|速達|特急|\bNext[- ]Day\b", re.IGNORECASE)


def express(text: str) -> bool:
    """An express option ("Express delivery 1-2 days"), not a carrier named so ("DHL Express", "SF Express")."""
    return bool(_EXPRESS.search(carrier_pattern().sub(" ", text)))


_STOP = {"the", "a", "an", "and", "or", "our", "der", "die", "das", "le", "la", "les", "el", "il", "i"}


def content_words(phrase: str) -> bool:
    words = [w for w in re.findall(r"\w+", phrase) if w.casefold() not in _STOP]
    return bool(words) and (len(words[0]) >= 3 or bool(re.search(r"[\u3040-\u9fff]", phrase)))


def _refund_start(text: str, at: int) -> str | None:
    if has("inspection", text[:at]):
        return "inspection"
    if has("return_received", text):
        return "return_received"
    return None


def _window_start(text: str, after: int) -> str | None:
    # CJK names the start event before the number: "签收后7天", "商品到着後8日以内".
    head = text[max(0, after - 24) : after]
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", head):
        before = re.split(r"[\d０-９]", head)[0]
        if label_patterns("frames")["delivery_start"].search(before):
            return "delivery"
        if label_patterns("frames")["order_start"].search(before):
            return "order"
    tail = text[after : after + 60]
    delivery = label_patterns("frames")["delivery_start"].search(tail)
    order = label_patterns("frames")["order_start"].search(tail)
    if delivery and (not order or delivery.start() < order.start()):
        return "delivery"
    if order:
        return "order"
    return None


_BELOW = re.compile(r"未满|不满|未満|\bunder\b|\bbelow\b|\bunter\b|\bbajo\b|\bsous\b|\bsotto\b|abaixo|por debajo", re.I)


_DUTY_FREE_BELOW = re.compile(
    r"\b(?:under|below|up to|less than|unter|bis zu|moins de|jusqu.à|menos de|inferior a|hasta|sotto|fino a|abaixo de|"
    r"até)\b|未満|以下|不超过|以内|以下の",
    re.IGNORECASE,
)


# "Parcels declared above CAD 20 may be taxed", "申报价值超过20加币时": the value from which duties are due.
_DUTY_ABOVE = re.compile(
    r"\b(?:over|above|exceeding|more than|über|au-delà de|plus de|más de|por encima de|oltre|più di|acima de|"
    r"mais de)\s*$|(?:超过|超過|高于|を超える)\s*$",
    re.IGNORECASE,
)


def column_header(unit: Unit, text: str, at: int) -> str | None:
    """The header of the table column holding offset ``at`` of a row's text (cells joined by " | ")."""
    if unit.kind != "row" or not unit.header:
        return None
    start = 0
    for i, cell in enumerate(unit.cells):
        end = start + len(cell)
        if start <= at < end + 1:
            return unit.header[i] if i < len(unit.header) else None
        start = end + 3
    return None


# A value's own clause: commas that are no thousands separators, semicolons, CJK commas, full stops, dashes.
_VALUE_CLAUSE = re.compile(r"[;；，、。!?！？]|,(?!\d{3}(?!\d))|\s[—–]\s")


def value_clause(text: str, at: int, until: int) -> tuple[int, str]:
    """(offset, text) of the clause holding ``text[at:until]``: "free from €49" in "free from €49; below that
    €4.90"."""
    start, end = 0, len(text)
    for m in _VALUE_CLAUSE.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= until:
            end = m.start()
            break
    return start, text[start:end]


# Words that open a subordinate clause: a topic named after one is the condition's, not the number's.
_SUBORDINATE = re.compile(
    r"\b(?:once|as soon as|when|until|sobald|nachdem|wenn|bis|dès que|une fois|lorsque|quand|una vez|cuando|"
    r"hasta que|una volta|quando|finché|assim que|depois que)\b",
    re.IGNORECASE,
)


def own_clause_end(text: str, value: Value) -> int:
    """Where the clause holding ``value`` ends for a topic named after it: at a subordinating word ("sobald",
    "once"), whose clause is a condition of its own."""
    m = _SUBORDINATE.search(text, value.end)
    return m.start() if m else len(text)


def free_threshold(text: str, value: Value, topics: set[str]) -> bool:
    """Whether the amount ``value`` is a free-shipping threshold, read from the clause that holds it: the clause
    names free shipping (or says "free" under a shipping topic) and the amount is the one nearest that word; or
    it names only an order value ("from €49", "以上") while the free-shipping clause holds no amount. An amount
    in a clause of its own ("below that it costs €4.90", "Spedizione 7 €") is a fee."""
    start, clause = value_clause(text, value.start, value.end)
    free = topic_patterns()["free_shipping"].search(clause)
    if free is None and ({"shipping", "free_shipping"} & topics):
        free = label_patterns("frames")["free_word"].search(clause)
    if free is not None:
        amounts = money_values(clause)
        cue_at = (free.start() + free.end()) / 2
        nearest = min(amounts, key=lambda v: abs((v.start + v.end) / 2 - cue_at), default=None)
        return nearest is not None and nearest.start + start == value.start
    if "free_shipping" not in topics or not has("order_value_from", clause):
        return False
    cue = topic_patterns()["free_shipping"].search(text)
    if cue is None:
        return False
    _, cue_clause = value_clause(text, cue.start(), cue.end())
    return not money_values(cue_clause)


def _money(unit: Unit, text: str, value: Value, in_sentence: set[str], sections: list[str]) -> list[Candidate]:
    scope = scope_at(unit, text, value.start)
    region = {"region": scope["region"]} if "region" in scope else {}
    header = column_header(unit, text, value.start)
    if header is not None:
        # A table names its columns: the free-shipping column holds thresholds, a price column holds fees.
        free = topic_patterns()["free_shipping"].search(header) and not _BELOW.search(header)
        return [Candidate("shipping.free_threshold", value.value, unit, None, value.unit, region)] if free else []
    if (
        ("customs" in in_sentence or "customs" in sections)
        and "free_shipping" not in in_sentence
        and (
            _DUTY_FREE_BELOW.search(text[max(0, value.start - 25) : value.end + 12])
            or _DUTY_ABOVE.search(text[max(0, value.start - 20) : value.start])
        )
    ):
        # "Orders valued under CAD $150 enter without duties", "1万円以下は関税がかかりません"
        return [Candidate("customs.threshold", value.value, unit, None, value.unit, region)]
    if free_threshold(text, value, in_sentence | set(sections)) and not (unit.kind == "sentence" and express(text)):
        return [Candidate("shipping.free_threshold", value.value, unit, None, value.unit, region)]
    if ("returns" in in_sentence or "returns" in sections) and has("return_shipping", text):
        context = "refunds" not in in_sentence or has("return_shipping", text)
        if context and not labels_in("shop_pays_cases", text):
            return [Candidate("returns.shipping_cost", value.value, unit, None, value.unit, region)]
    return []
