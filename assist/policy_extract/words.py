"""Rules for slots whose value is a word, not a number: who pays, refund method, conditions, exclusions,
evidence, remedies, cancellation and address-change rules, price rules, carriers per region."""

from __future__ import annotations

import re

from assist.policy_extract.cues import (
    introduces_exclusions,
    label_patterns,
    labels_in,
    negation,
    topic_hits,
    topic_patterns,
)
from assist.policy_extract.framing import payment_label
from assist.policy_extract.rules import (
    CARRIER_COLUMN,
    IN_SENTENCE,
    ORIGIN,
    SECTION_ONLY,
    Candidate,
    exchange_only,
    express,
    has,
    heading_region,
    paid_with_spans,
    payment_near,
    question_topics,
    region_near,
    scope_at,
    section_topics,
)
from assist.policy_extract.scope import carrier_pattern, payment_methods_in, regions_in
from assist.policy_extract.text import Unit
from assist.policy_extract.values import all_values


def read_words(unit: Unit) -> list[Candidate]:
    """Enum, boolean and phrase slots."""
    text = unit.text
    topics = {t for _, _, t in topic_hits(text)} | question_topics(unit)
    sections = section_topics(unit)
    both = topics | set(sections)
    conf_of = lambda topic: IN_SENTENCE if topic in topics else SECTION_ONLY  # noqa: E731
    out: list[Candidate] = []
    if unit.kind == "sentence":
        out.extend(_return_shipping(unit, text, topics, sections))
        if "returns" in both and "excluded" not in topics and has("condition_frame", text):
            found = labels_in("conditions", text)
            if found:
                out.append(Candidate("returns.conditions", found, unit, confidence=conf_of("returns")))
    if "refunds" in both and not ({"price_drop", "warranty"} & both):
        out.extend(_refund_method(unit, text, conf_of("refunds")))
    if "damage" in both and "warranty" not in topics:
        conf = conf_of("damage")
        if label_patterns("evidence")["photo_item"].search(text):  # a photo asked for, in any language written
            out.append(Candidate("damage.evidence", _evidence(text), unit, confidence=conf))
        # The remedy is read from the parts that hold no number: "report within 48 hours; we then send a new one".
        plain = " ".join(part for part in re.split(r"[;；]", text) if not all_values(part))
        remedy = [r for r in labels_in("remedies", plain) if r != "repair" or "warranty" not in both]
        if remedy and "lost" not in topics:
            out.append(Candidate("damage.remedy", remedy, unit, confidence=conf))
        if has("no_return_needed", text):
            out.append(Candidate("damage.return_required", False, unit, confidence=conf))
        elif has("return_needed", text) and not negation().search(text):  # "a courier collects the item"
            out.append(Candidate("damage.return_required", True, unit, confidence=conf))
    if "lost" in topics:
        remedy = labels_in("remedies", text)
        if remedy:
            out.append(Candidate("lost.outcome", [r for r in remedy if r != "repair"], unit))
    if "cancellation" in topics and has("before_shipping", text):
        out.append(Candidate("cancellation.rule", "before_shipping", unit))
    if "address_change" in topics and has("before_shipping", text):
        out.append(Candidate("address_change.rule", "before_shipping", unit))
    elif "address_change" in topics and has("after_placed", text) and negation().search(text):
        out.append(Candidate("address_change.rule", "not_allowed", unit))  # "we can't change it once placed"
    if "excluded" in topics and unit.kind == "sentence":
        out.extend(_inline_exclusions(unit, text))
    if "customs" in topics or ("customs" in sections and unit.kind == "sentence" and labels_in("payer", text)):
        out.extend(_customs(unit, text))  # under "Douane et taxes": "Pour la Belgique, aucun frais supplémentaire"
    if "price_drop" in topics:
        out.append(Candidate("prices.adjustment", not _negated(text, "price_drop"), unit))
    if "price_match" in topics:
        out.append(Candidate("prices.price_match", not _negated(text, "price_match"), unit))
    if "warranty_excludes" in topics and "warranty" in both:
        cue = topic_patterns()["warranty_excludes"].search(text)
        after_colon = re.match(r"[^:：]{0,4}[:：]\s*(.+)", text[cue.end() :]) if cue else None
        if after_colon:  # "以下情况不在保修范围内：A、B、C" / "Not covered: A, B"
            phrases = _split_phrases(after_colon.group(1))
        elif cue and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text):
            # "A、B，以及C，不在保修范围内": the comma-joined parts before the cue are the excluded items, back to
            # a part that states something of its own ("茶具享有1年质保，人为损坏不在质保范围内": only 人为损坏)
            parts = re.split(r"[，。；]", re.split(r"[。；]", text[: cue.start()].rstrip("，,、 "))[-1])
            kept = [parts[-1]]
            for part in reversed(parts[:-1]):
                if all_values(part) or topic_hits(part):
                    break
                kept.insert(0, part)
            head = "，".join(kept)
            phrases = _split_phrases(re.sub(r"(による損傷)?[はがも]$", "", head) or head)
        else:
            phrases = _split_phrases(text[cue.end() :] if cue else text)
        if phrases:
            out.append(Candidate("warranty.excludes", phrases, unit))
    return out


def _return_shipping(unit: Unit, text: str, topics: set[str], sections: list[str]) -> list[Candidate]:
    at_shop_cost = "shop" in labels_in("payer", text) and labels_in("shop_pays_cases", text)
    if not (has("return_shipping", text) or at_shop_cost) or not ({"returns"} & (topics | set(sections))):
        return []
    # Return shipping for damaged or wrong items is the damage policy, not the change-of-mind rule.
    damage_context = {"damage", "wrong_item"} & {t for _, _, t in topic_hits(unit.section)}
    out = []
    # "Labels are free in the US; customers in Canada pay CAD 12": each part has its own payer and region.
    for part in re.split(r"\s*[;；]\s*", text):
        payers = labels_in("payer", part)
        cases = labels_in("shop_pays_cases", part)
        scope = {}
        region = region_near(part, 0) or (unit.label if unit.label and regions_in(unit.label) else None)
        if region:
            scope["region"] = region
        if damage_context and not cases:
            continue
        doubt = 0.5 if exchange_only(part) else IN_SENTENCE  # "the first exchange is on us": an exchange rule
        if "buyer" in payers:
            out.append(Candidate("returns.shipping_paid_by", "buyer", unit, scope=scope, confidence=doubt))
            if cases and has("exception", part):
                out.append(Candidate("returns.shop_pays_when", cases, unit))
        elif "shop" in payers:
            if cases:
                out.append(Candidate("returns.shop_pays_when", cases, unit))
            else:
                # "If you exchange for another size, return shipping is on us": the shop pays under that condition
                # only, which is no general rule (for review)
                doubt = min(doubt, 0.5) if has("if_clause", part) else doubt
                out.append(Candidate("returns.shipping_paid_by", "shop", unit, scope=scope, confidence=doubt))
    return out


def _ships_with(text: str) -> bool:
    topics = {t for _, _, t in topic_hits(text)}
    return "shipping" in topics and not topics & {"returns", "refunds", "lost_trace"}


_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_EXCEPT = re.compile(r"\b(?:unless|except|sauf|salvo|außer|tranne|exceto)\b|除非")


def _inline_exclusions(unit: Unit, text: str) -> list[Candidate]:
    """ "We cannot accept returns of A, B or C." / "名入れの包丁、食品は返品できません。" (CJK: items first)."""
    cue = topic_patterns()["excluded"].search(text)
    if cue is None or text.rstrip().endswith((":", "：")):
        return []  # an intro: the list that follows holds the items
    if _CJK.search(text) and cue.start() > 0:
        head = re.split(r"[，。；]", text[: cue.start()])[-1]
        phrases = _split_phrases(re.sub(r"[はもの]$", "", head))
    else:
        tail = _EXCEPT.split(text[cue.end() :])[0]
        # "articoli personalizzati: borse, portafogli ... sono fatti su richiesta": the class, not its examples
        labelled = re.match(r"^\s*([^:：]{3,60}?)\s*[:：]", tail)
        tail = labelled.group(1) if labelled else re.split(_PREDICATE, tail)[0]
        phrases = _split_phrases(tail) if len(tail.strip(" :：.。")) > 3 else []
        if not phrases and not tail.strip(" :：.。"):  # "Gift cards can't be returned.": the items come first
            head = re.split(r"[,;:]\s*", text[: cue.start()])[-1]
            phrases = _split_phrases(re.sub(_TRAILING_VERB, "", head))
    return [Candidate("returns.excluded", phrases, unit)] if phrases else []


# Verbs that end the subject of "X are non-returnable" / start the predicate after "returns of X".
_TRAILING_VERB = re.compile(
    r"\s+(?:are|is|can|may|will|must|sind|werden|können|sont|ne sont|son|no son|sono|non sono|são|não são)"
    r"(?:\s+(?:not|nicht|pas|no|non|não))?(?:\s+be)?\s*$",
    re.IGNORECASE,
)
_PREDICATE = re.compile(r"\s+(?:are|is|sind|werden|sont|son|sono|são|because|weil|car|porque|perché)\s", re.IGNORECASE)


# "... lie outside the EU": the place a sentence is outside of is not the place the next sentence's rule is for.
_OUTSIDE = re.compile(
    r"(?:\boutside(?: of)?(?: the)?|außerhalb(?: der| des| von)?|\bhors d[eu']?|en dehors d[eu']?|fuera de(?:l| la)?|"
    r"(?:al di )?fuori d[aei]l?l?[ao]?|\bfora d[aeo]s?|\bbuiten|utanför|uden for|utenfor|ulkopuolell\w*|\bpoza|\bmimo|"
    r"\bizvan|\bzunaj|извън|\bвне|за межами|\bngoài|นอก|di luar|خارج|מחוץ ל|εκτός(?: της| του| των)?)\s*$",
    re.IGNORECASE,
)


def _customs(unit: Unit, text: str) -> list[Candidate]:
    payers = labels_in("payer", text)
    payer = "none" if "none" in payers else "buyer" if "buyer" in payers else "shop" if "shop" in payers else None
    if re.search(r"\bDAP\b", text):
        payer = "buyer"
    elif re.search(r"\bDDP\b", text):
        payer = "shop"
    found = [r for r in regions_in(text) if not ORIGIN.search(text[: r[0]])]
    region = found[0][2] if found else None
    if region is None:  # "## Worldwide delivery" + "Import duties are the recipient's responsibility."
        region = heading_region(unit)
        region = regions_in(region)[0][2] if region else None
    if region is None and unit.previous:  # "Q. Do I pay duties abroad?" / "A. Yes, the recipient pays them."
        before = [
            r
            for r in regions_in(unit.previous)
            if not ORIGIN.search(unit.previous[: r[0]]) and not _OUTSIDE.search(unit.previous[: r[0]])
        ]
        region = before[-1][2] if before else None
    if payer is None or region is None:
        return []
    return [Candidate("customs.paid_by", payer, unit, scope={"region": region})]


# Where a sentence turns ("We don't match other stores, but if our price drops we refund the difference"): each
# side has its own negation.
_TURN = re.compile(
    r"[;；]|,?\s+(?:but|however|yet|aber|jedoch|doch|mais|cependant|pero|sin embargo|ma|però|tuttavia|mas|porém|maar|"
    r"men|ale)\s+|(?:ただし|但是|但|不过)",
    re.IGNORECASE,
)


def _negated(text: str, topic: str) -> bool:
    """Whether the part of the sentence that names ``topic`` is negated (the whole sentence when no cue names it
    or it does not turn)."""
    cue = topic_patterns()[topic].search(text)
    if cue is None:
        return bool(negation().search(text))
    start = 0
    for turn in _TURN.finditer(text):
        if turn.start() >= cue.end():
            return bool(negation().search(text[start : turn.start()]))
        if turn.end() <= cue.start():
            start = turn.end()
    return bool(negation().search(text[start:]))


def _refund_method(unit: Unit, text: str, confidence: float) -> list[Candidate]:
    out = []
    for part in re.split(r"\s*[;；]\s*", text):  # "cards are refunded to the card; PIX by transfer"
        out.extend(_refund_method_in(unit, part, confidence))
    return out


def _refund_method_in(unit: Unit, text: str, confidence: float) -> list[Candidate]:
    out = []
    named = [(a, b) for a, b, _ in payment_methods_in(text)] + paid_with_spans(text)
    key = payment_label(unit)
    keyed = len(key) if key and text.startswith(key) else 0  # the row's payment-method key cell
    for label, pattern in label_patterns("refund_methods").items():
        # A word inside a payment method's name ("銀行振込でお支払いの場合") names the scope, not how money goes back.
        found = [x for x in pattern.finditer(text) if x.start() >= keyed]
        m = next((x for x in found if not any(a <= x.start() < b for a, b in named)), found[0] if found else None)
        if m:
            scope = {}
            method = payment_near(text, m.start())
            paid_with = re.search(
                r"paid (with|by|using|at)|pay(ing)? with|bezahlt|payé|pagad|pagat|pagaste|pag[óo] |pagou|pago com"
                r"|でお?支払|支付|付款",
                text,
            )
            if method and pattern.search(method) and not paid_with:
                continue  # "Store credit is given on request" names the method, not a payment scope
            at = text.rfind(method, 0, m.start() + 1) if method else -1
            if method and at >= 0 and 0 <= m.start() - (at + len(method)) <= 3 and at + len(method) <= m.start():
                method = None  # "to the card or PayPal account you paid with": the method names the original one
            if method:
                scope["payment_method"] = method
            out.append(Candidate("refunds.method", label, unit, scope=scope, confidence=confidence))
    return out


def _evidence(text: str) -> list[str]:
    found = labels_in("evidence", text)
    # "photos of the X and the box": a second object next to the packaging is the item itself.
    objects = re.search(r"(?:photos?|fotos?|fotografias?)\s+(?:\w+\s+){0,2}\w+\s+(?:and|e|et|y|und)\s+", text, re.I)
    if "photo_item" in found and not has("item_words", text) and not (objects and "photo_packaging" in found):
        found.remove("photo_item")
    return found or ["photo_item"]


_SPLIT = re.compile(
    r"(?<!-)(?:\s*(?:,|;|、|，|；)\s*|\s+(?:and|or|und|oder|sowie|et|ou|ni|y|o|e|和|或)\s+)", re.IGNORECASE
)
_VERB = re.compile(r"^(?:sind|are|is|sont|son|sono|são|include|includes)\s+", re.IGNORECASE)
_ARTICLE = re.compile(
    r"^(?:(?:the|a|an|der|die|das|le|la|les|el|los|las|il|lo|gli|i|o|os|as)\s+|[ld]['’]\s*)", re.IGNORECASE
)


_EXAMPLE = re.compile(
    r"\s*(?:[,:(（]\s*)?(?:for example|such as|e\.g\.|z\. ?b\.|etwa|zum beispiel|par exemple|comme|por ejemplo|como|"
    r"ad esempio|come|per esempio|例えば|たとえば|例如|比如)\b.*$|\s*[（(].*$",
    re.IGNORECASE,
)
_LIST_INTRO = re.compile(r"次の|以下|following|folgende|suivant|siguiente|seguinte|seguenti|如下")


def short_phrase(item: str) -> str:
    """A list item without its examples or explanation: "normal wear, such as ..." -> "normal wear"."""
    item = re.split(r"\s+[—–]\s+", _EXAMPLE.sub("", item).strip())[0]  # "A — why A is excluded": the class A
    item = re.split(r"[:：;；。]\s*", item)[0] if re.search(r"[:：;；。]", item[3:]) else item
    return item.strip(" .;,、")


def split_phrases(tail: str) -> list[str]:
    """The items of an inline list ("A, B and C."), each a short phrase."""
    return _split_phrases(tail)


def _split_phrases(tail: str) -> list[str]:
    tail = re.split(r"[.。]", tail.strip(" :：,"))[0]
    tail = re.sub(r"\s*[（(][^（()）]*[)）]", "", tail)  # "damage (drops, crushing)": the examples are no items
    if _LIST_INTRO.search(tail):
        return []
    out = []
    for piece in _SPLIT.split(tail):
        piece = _ARTICLE.sub("", _VERB.sub("", piece.strip(" .;:()"))).strip()
        piece = _CJK_AND.sub("", piece)  # "以及使用洗碗机造成的损坏": the joining word is no part of the item
        if 2 <= len(piece) <= 80 and not _CONNECTIVE.fullmatch(piece):
            out.append(piece)
    return out


_CJK_AND = re.compile(r"^(?:以及|及|和|与|並びに|および|及び)")


# Words that open a clause ("ただし、A、B は対象外"), not items of a list.
_CONNECTIVE = re.compile(
    r"ただし|なお|また|但是|但|另外|此外|however|but|also|aber|jedoch|cependant|mais|sin embargo|pero|però|"
    r"tuttavia|porém",
    re.IGNORECASE,
)


def read_list(intro: str, items: list[Unit]) -> list[Candidate]:
    """A list introduced by an exclusion or warranty-exclusion sentence: its items are the phrases."""
    topics = {t for _, _, t in topic_hits(intro)}
    phrases = [short_phrase(i.text) for i in items]
    phrases = [p for p in phrases if p]
    if introduces_exclusions(intro):
        return [Candidate("returns.excluded", phrases, items[0], sentence=items[0].intro_raw)]
    if "warranty_excludes" in topics or (re.search(r"not covered|nicht abgedeckt", intro, re.I)):
        return [Candidate("warranty.excludes", phrases, items[0], sentence=items[0].intro_raw)]
    return []


def _carrier_column(unit: Unit) -> int | None:
    """The header's carrier column: as the learned reader reads the header ("Shipped with", "Zusteller"), else the
    first header with a carrier word that the reader does not read as another column ("Dauer nach Versand")."""
    if "carrier" in unit.roles:
        return unit.roles.index("carrier")
    other = ("region", "transit_time", "cost", "payment_method", "free_threshold")
    return next(
        (
            i
            for i, h in enumerate(unit.header)
            if CARRIER_COLUMN.search(h) and not (i < len(unit.roles) and unit.roles[i] in other)
        ),
        None,
    )


def carriers(unit: Unit) -> list[Candidate]:
    """Carrier per region: a table's carrier column, a list item's parenthesis, a sentence naming one."""
    text = unit.text
    if unit.kind == "row" and unit.header:
        column = _carrier_column(unit)
        if column is not None and column < len(unit.cells) and unit.cells[column]:
            scope = scope_at(unit, text, 0)
            if "region" in scope:
                return [Candidate("shipping.carrier", unit.cells[column], unit, scope={"region": scope["region"]})]
    found = list(carrier_pattern().finditer(text))
    if not found or (unit.kind == "sentence" and has("return_shipping", text)):
        return []  # a return label's carrier ("a free prepaid UPS label") is not how orders are delivered
    own = {t for _, _, t in topic_hits(text)}
    topics = own | set(section_topics(unit))
    if "shipping" not in topics and unit.kind == "sentence" and not heading_region(unit):
        return []
    if unit.kind == "sentence" and "customs" in own:
        return []  # "duties are collected by DHL before delivery": the carrier collects, it is no shipping rule
    if unit.kind == "sentence" and "returns" in section_topics(unit) and not _ships_with(text):
        return []  # a carrier named under "Return shipping" carries returns
    # Adjacent names ("日本郵便のEMS", "Deutsche Post, delivered by Japan Post") form one carrier.
    spans: list[list[int]] = []
    for m in found:
        if spans and m.start() - spans[-1][1] <= 16 and not regions_in(text[spans[-1][1] : m.start()]):
            spans[-1][1] = m.end()
        else:
            spans.append([m.start(), m.end()])
    out = []
    for start, end in spans:
        if unit.kind == "sentence" and express(text):
            continue
        if unit.kind == "sentence" and re.search(r"[(（][^)）]*$", text[:start]):
            continue  # "(DHL hazardous-goods service)": an aside on one product, not how orders ship
        if unit.kind == "row":
            cell = next((c for c in unit.cells if carrier_pattern().search(c)), None)
            value = cell or text[start:end]
        else:
            value = text[start:end]
        scope = scope_at(unit, text, start)
        if "region" in scope:
            out.append(Candidate("shipping.carrier", value, unit, scope={"region": scope["region"]}))
        elif len(spans) == 1 and unit.kind == "sentence" and not regions_in(text) and _ships_with(text):
            out.append(Candidate("shipping.carrier", value, unit))  # "We ship with DHL": every destination
    return out
