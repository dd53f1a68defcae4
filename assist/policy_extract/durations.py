"""Durations read as slot values: the return window, refund time, warranty length, cancellation window,
transit time... A duration belongs to the topic whose cue stands nearest before it (else after it, else the
section's); the clause decides its scope and whether it is a rule of the shop at all."""

from __future__ import annotations

import re
from dataclasses import replace

from assist.char_classes import LETTER
from assist.policy_extract import coverage
from assist.policy_extract.clauses import no_warranty_elsewhere, payment_deadline, prefixed_scope, set_by_law
from assist.policy_extract.columns import caption_business_days, cell_span, column_class, in_service_name
from assist.policy_extract.cues import label_patterns, labels_in, topic_hits, topic_patterns
from assist.policy_extract.framing import (
    DURATION_SLOTS,
    Candidate,
    clause_of,
    column_role,
    exchange_only,
    has,
    heading_region,
    nearest_topic,
    own_clause_end,
    question_topics,
    scope_at,
    topic_confidence,
)
from assist.policy_extract.labels import leading_label
from assist.policy_extract.products import covered_products, quantified_class
from assist.policy_extract.scope import (
    carrier_pattern,
    is_universal,
    regions_in,
    strip_leading,
    subject_before,
)
from assist.policy_extract.text import Unit
from assist.policy_extract.values import Value, all_values


def _duration(
    unit: Unit, text: str, value: Value, hits: list[tuple[int, int, str]], in_sentence: set[str], sections: list[str]
) -> list[Candidate]:
    accepted = set(DURATION_SLOTS)
    if in_service_name(unit, value.start):
        return []  # "| DPD Two Day | 2-3 working days |": the time column says it
    if _REPLY.search(text[max(0, value.start - 30) : value.start]):
        return []  # "we reply within 24 hours" is a service time, not a policy window
    topic = nearest_topic(hits, value.start, accepted, after=False)
    if topic is None and column_role(unit, value.start) == "transit_time":
        topic = "shipping"  # "| Region | Carrier | Delivery time |" under a heading about returns and shipping
    if topic == "shipping" and not scope_at(unit, text, value.start).get("region"):
        topic = None  # "within 7 days of arrival": arrival is the start event; the topic is the context's
    text_for_frames = text
    if topic is None and unit.previous:
        before = [t for _, _, t in topic_hits(unit.previous) if t in accepted and t != "shipping"]
        topic = before[-1] if before else None
        text_for_frames = f"{unit.previous} {text}"
    if topic is None:
        topic = nearest_topic(hits, value.start, accepted, until=own_clause_end(text, value))
        if topic == "shipping" and not scope_at(unit, text, value.start).get("region"):
            topic = None  # the arrival word before the value again ("商品到着後7日以内"): still the start event
    from_section = topic is None
    if topic is None:  # shipping words are everywhere: the heading's other topic, if it names one
        topic = next((t for t in sections if t in accepted and t != "shipping"), None)
        topic = topic or ("shipping" if "shipping" in sections else None)
    if from_section and (topic in (None, "shipping") or "warranty" in sections) and warranty_row(unit, text, value):
        # "| Split kondisionerlər | 2 il |" under a heading the readers do not read, or under one that names the
        # warranty among other topics ("Sales, returns and warranty terms"): a product's period in years is its
        # guarantee, not a return window
        topic = "warranty"
    elif from_section and warranty_by_length(unit, text, value):
        topic = "warranty"  # "- Motors: 6 months" in a language no cue list covers, whatever the heading was read as
    by_payment = from_section and topic != "warranty" and refund_by_payment(unit, text, value)
    if by_payment:
        topic = "refunds"  # "b) PayPal: 5-7 working days" in a language no cue list covers
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
    confidence = topic_confidence(topic, in_sentence)
    if not coverage.covered(unit.chunk) and len({t for t in in_sentence if t in accepted and t != "shipping"}) > 1:
        # In a language without full word lists, which of two topics a sentence names the number is for is a guess
        # (verb-final word order puts the topic after the number: "a visszaküldött termék ... 5 munkanapon belül
        # térítjük vissza"): for review, and open to the learned reader.
        confidence = min(confidence, 0.5)
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
    if topic == "returns" and unit.kind == "row" and scope_at(unit, text, value.start).get("payment_method"):
        topic = "refunds"  # "| Credit card | up to 10 days |" under returns: a time per payment method is a refund's
    # ... the refund named in the value's own part of the sentence: "After 2 hours it can no longer be cancelled;
    # you may return it under our Refund Policy" gives no refund time.
    part_start = max(text.rfind(";", 0, value.start), text.rfind("；", 0, value.start)) + 1
    part_end = min((at for at in (text.find(";", value.end), text.find("；", value.end)) if at >= 0), default=len(text))
    if (
        topic == "cancellation"
        and any(t == "refunds" and part_start <= start < part_end for start, _, t in hits)
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
                _THIRD_PARTY.search(text) or not ({"refunds", "returns"} & set(sections) or by_payment)
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
        if not warranty_length(value) or _REMAINING.search(text) or no_warranty_elsewhere(text, value.start):
            return []  # "Supplements carry no warranty; we guarantee 6 months of shelf life": not a warranty length
        scope = {}
        # "| Sleeping bags | 2 years |": a row's first cell names what its warranty covers, in any language.
        covered = row_label(unit, value.start) or covered_products(text, value.start)
        part = cell_label(unit, value.start)
        if covered and part and unit.kind == "row":  # "| Soyuducular | 2 il | kompressor — 5 il |": the part's
            covered = f"{covered}: {part}"
        if covered:
            scope["product_class"] = covered
            extra.append(Candidate("warranty.products", [covered], unit, confidence=confidence))
        elif group := prefixed_scope(text, _cue_start(text, "warranty", value.start)).get("customer_group"):
            scope["customer_group"] = group  # "For purchases with a VAT number the warranty is 12 months"
        elif not coverage.covered(unit.chunk):  # no word lists to find the subject with: only a label names one
            labelled = leading_label(text, value.start)
            if labelled and content_words(labelled) and not topic_patterns()["warranty"].search(labelled):
                scope["product_class"] = labelled
                extra.append(Candidate("warranty.products", [labelled], unit, confidence=confidence))
            else:  # the products it is for may be named in words not read here: for review, not for every product
                confidence = min(confidence, 0.5)
        elif not _COVERED.search(_ASIDE.sub("", text)):  # "(seams and stitching are covered)" is an aside
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
    clause = clause_of(text, value.start)[1]
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


def warranty_length(value: Value) -> bool:
    """Whether a duration can be a warranty's length: months or years, or 30 days and more ("we handle warranty
    claims within 7 working days" is a handling time)."""
    return value.unit in ("month", "year") or (value.unit == "day" and float(value.value) >= 30)


LONG_MONTHS = 3  # months from which a period no word names is a warranty's length (return and refund times run in days)
_YEAR_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # a calendar year: the sentence is dated ("5 September 2026")


def warranty_by_length(unit: Unit, text: str, value: Value) -> bool:
    """Whether a list item or sentence, in a language no cue list covers, gives a warranty's length by the period's
    length alone: a year or more, or :data:`LONG_MONTHS` months or more, that no word of the sentence gives another
    topic, in a text that names no calendar year (a date line), no share (a discount for that long), no destination
    and no payment method (an instalment plan). In the tuning shops' hand-read facts, 276 of 288 periods counted in
    months or years are warranty lengths; return windows, refund, delivery and report times run in hours, days and
    weeks. Only a leading label ("- Motors: 6 months") names what it covers (:func:`_duration` sends one without a
    label to review)."""
    if unit.kind not in ("item", "sentence") or coverage.covered(unit.chunk) or unit.question:
        return False
    if value.unit != "year" and not (value.unit == "month" and float(value.value) >= LONG_MONTHS):
        return False
    if _YEAR_DATE.search(text) or "%" in text:  # a share or a discount: the period is the offer's
        return False
    scope = scope_at(unit, text, value.start)
    return not scope.get("region") and not scope.get("payment_method")


_REFUND_UNITS = frozenset({"hour", "day", "business_day", "week"})


def refund_by_payment(unit: Unit, text: str, value: Value) -> bool:
    """Whether a duration, in a language no cue list covers and with no topic word beside it, is a refund time by its
    scope alone: a time given for a way of paying ("b) PayPal: 5-7 working days", "| Card | 10 days |") is how long
    the money takes to come back to it. In the tuning shops' hand-read facts, all 128 times scoped by a payment
    method are refund times. A calendar date (a year named) is no such time."""
    if coverage.covered(unit.chunk) or unit.question or value.unit not in _REFUND_UNITS or _YEAR_DATE.search(text):
        return False
    return bool(scope_at(unit, text, value.start).get("payment_method"))


def row_label(unit: Unit, at: int) -> str | None:
    """The first cell of a table row whose value at ``at`` stands in a later cell (a product or payment method)."""
    if unit.kind != "row" or len(unit.cells) < 2 or at < len(unit.cells[0]) or regions_in(unit.cells[0]):
        return None
    label = unit.cells[0].strip()
    return label if re.search(r"[^\W\d_]{2}", label) and not all_values(label) else None


def warranty_row(unit: Unit, text: str, value: Value) -> bool:
    """Whether a table row, in a language no cue list covers, gives a product's warranty by its shape alone: a first
    cell naming no place and no payment method, and a period of a year or more, or of six months and more, in a
    later cell of a table that is no delivery table. Return windows, refund and delivery times run in days; a period
    counted in years next to a product is what its guarantee lasts, whatever words the heading uses."""
    if unit.kind != "row" or coverage.covered(unit.chunk) or "region" in unit.roles:
        return False
    if value.unit != "year" and not (value.unit == "month" and float(value.value) >= 6):
        return False
    scope = scope_at(unit, text, value.start)
    return bool(row_label(unit, value.start)) and not scope.get("region") and not scope.get("payment_method")


_PART_LABEL = re.compile(r"^\s*([^\W\d_][^|:：—–]{1,40}?)\s*(?:[:：]|\s[—–-])\s*$")


def cell_label(unit: Unit, at: int) -> str | None:
    """The label a row's cell gives the value at ``at`` before a dash or colon ("kompressor — 5 il": the part of
    the product the period is for), when the cell holds one."""
    span = cell_span(unit, at) if unit.kind == "row" else None
    if span is None:
        return None
    m = _PART_LABEL.match(unit.text[span[0] : at])
    return m.group(1).strip() if m and not all_values(m.group(1)) else None


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
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")
_COVERED = re.compile(r"\bcover|abgedeckt|gedeckt|couvert|cubiert|copert|coberto|対象|范围内", re.IGNORECASE)
# An express option, or one named for next-day delivery ("DPD Next Day", "Next-Day-Zustellung").
_EXPRESS = re.compile(r"express|exprés|expresso|espresso|加急|速達|特急|\bNext[- ]Day\b", re.IGNORECASE)


def express(text: str) -> bool:
    """An express option ("Express delivery 1-2 days"), not a carrier named so ("DHL Express", "SF Express")."""
    return bool(_EXPRESS.search(carrier_pattern().sub(" ", text)))


_STOP = {"the", "a", "an", "and", "or", "our", "der", "die", "das", "le", "la", "les", "el", "il", "i"}


def content_words(phrase: str) -> bool:
    words = [w for w in re.findall(rf"{LETTER}+|\d+", phrase) if w.casefold() not in _STOP]  # "ਮੋਟਰਾਂ": marks too
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
