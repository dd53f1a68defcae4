"""What frames a value in a policy unit: the topic its cue words or heading name, and the scope (region,
payment method, customer group) its clause, row or label gives; the clause helpers the readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assist.policy_extract.columns import column_of
from assist.policy_extract.coverage import covered
from assist.policy_extract.cues import label_patterns, topic_hits
from assist.policy_extract.pairing import UNREAD, paired_region
from assist.policy_extract.scope import (
    customer_group_in,
    is_universal,
    payment_methods_in,
    region_label,
    regions_in,
)
from assist.policy_extract.text import Unit, clauses
from assist.policy_extract.values import Value, all_values

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


def section_topics(unit: Unit, numbers: bool = False) -> list[str]:
    """Topics named by the unit's own heading (last part of the path), then by the table header or list intro.
    ``numbers``: for the unit's values, which a context read only by the learned reader does not frame when the
    unit's own words hold a cue word (the two readings disagree as often as not)."""
    # A rule line ("━━━━", "====") a plain-text writer put under a heading is no heading of its own.
    named = [part for part in unit.section.split(" > ") if re.search(r"\w", part)] if unit.section else []
    heading = named[-1] if named else ""
    # A FAQ question heading that names no topic ("Em que condições a peça precisa voltar?") reads in the light of
    # the heading above it ("Trocas e devoluções").
    if len(named) > 1 and heading.rstrip().endswith(("?", "？")) and not topic_hits(heading):
        heading = named[-2]
    context = " ".join([heading, " ".join(unit.header), unit.intro or ""])
    # No cue word of any language names the context: what the learned reader read it as (extractor.read_topics), the
    # context with the unit when neither names a topic, else the context alone.
    named = [t for _, _, t in topic_hits(context)]
    if named or unit.unnamed:
        return named or list(unit.read_topics)
    return [] if numbers else list(unit.context_topics)


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


def nearest_topic(
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


def payment_label(unit: Unit) -> str | None:
    """The key cell of a table row that names how the buyer paid ("| Bank transfer | 7 days |" under "Payment
    method"): the row's payment scope, never a refund method."""
    if unit.kind != "row" or not unit.cells:
        return None
    label = unit.cells[0]
    if (
        payment_methods_in(label)
        or (unit.header and _PAYMENT_COLUMN.search(unit.header[0]))
        or unit.roles[:1] == ["payment_method"]
    ):
        return label
    return None


def scope_at(unit: Unit, text: str, at: int) -> dict[str, str]:
    """Region / payment method / customer group that frames the value at offset ``at``."""
    scope: dict[str, str] = {}
    if unit.kind == "row" and unit.cells:
        label = unit.cells[0]
        if (
            payment_methods_in(label)
            or (unit.header and _PAYMENT_COLUMN.search(unit.header[0]))
            or unit.roles[:1] == ["payment_method"]
        ):
            scope["payment_method"] = label
        elif region_column(unit, text, at):  # "| | Germany | Austria |" over "| Delivery | 2-3 days | 4-6 days |"
            scope["region"] = region_column(unit, text, at) or ""
        elif "region" in unit.roles[1 : len(unit.cells)]:  # "| Courier | Country | Price |": a later region column
            scope["region"] = unit.cells[unit.roles.index("region")]
        elif (
            region_label(label)
            or (unit.header and _REGION_COLUMN.search(unit.header[0]))
            or unit.roles[:1] == ["region"]
            or _delivery_table(unit)
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


def region_column(unit: Unit, text: str, at: int) -> str | None:
    """The header of the column holding ``at`` when the header names places across and the rows name what is
    priced or timed: each column is a destination's."""
    header = column_header(unit, text, at)
    if header is None or not unit.header or region_label(unit.header[0]) or region_label(unit.cells[0]):
        return None
    places = [cell for cell in unit.header[1:] if region_label(cell)]
    return header.strip(" *:：") if region_label(header) and len(places) >= 2 else None


def _delivery_table(unit: Unit) -> bool:
    """A row of a table whose later column holds delivery times and whose first column the reader read as nothing
    else, in a language the region words do not cover: its first cell is where the parcel goes ("Wadden Islands
    (Texel, ...)", a place no gazetteer knows). In a covered language such a first column holds product classes or
    services as often (a place there is known by its words)."""
    return (
        not covered(unit.chunk)
        and unit.roles[:1] == ["other"]
        and "transit_time" in unit.roles[1:]
        and "region" not in unit.roles
    )


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


def clause_of(text: str, at: int) -> tuple[int, str, int]:
    parts = clauses(text)
    for i, (start, piece) in enumerate(parts):
        if start <= at < start + len(piece) + 1:
            return start, piece, i
    return 0, text, 0


ORIGIN = re.compile(
    r"(?:\bfrom|\baus|\bdepuis|\bdesde|\bdal|\bdalla|\bvon|从|自)\s*(?:our \w+ in |unserem \w+ in )?$", re.I
)


_NOT_DESTINATION = re.compile(r"\s*(から|发货|时间|時間|time|zeit|heure|hora|ora\b|的仓库|の倉庫)", re.I)


# A place named as an exception ("free shipping (excluding Hokkaido)", "außer Inseln", "北海道・沖縄・離島を除く") is
# where the rule does not apply: never the rule's scope.
_EXCEPT_BEFORE = re.compile(
    r"(?:\bexcept(?:\s+for|\s+to)?|\bexcluding|\bnot\s+(?:to|for|including)|\bother\s+than|\bau(?:ß|ss)er(?:\s+nach)?|"
    r"\bausgenommen|\bohne|\bsauf|\bhors|\bà\s+l'exception\s+(?:de|du|des)|\bexcept[oa]|\bsalvo|\bmenos|\btranne|"
    r"\beccetto|\bescluso|\bescluse|\buitgezonderd|\bbehalve|\bundtagen|\butom|\bunntatt|\bbortsett\s+fra|"
    r"\bz\s+wyjątkiem|\bkromě|\bпомимо|\bкроме|除了|不含|不包括|不包含)\s*(?:the\s+|die\s+|den\s+|la\s+|le\s+|les\s+|el\s+|"
    r"los\s+|las\s+|os\s+|as\s+)?$",
    re.IGNORECASE,
)
_EXCEPT_AFTER = re.compile(
    r"\s*(?:を除く|を除き|を除いて|は除く|除く|以外|を対象外|は対象外|除外|不含|ausgenommen\b|undtaget\b|excluded\b)"
)


def excepted(text: str, start: int, end: int) -> bool:
    """Whether the place at ``text[start:end]`` is named as an exception to the rule."""
    return bool(_EXCEPT_BEFORE.search(text[max(0, start - 30) : start]) or _EXCEPT_AFTER.match(text[end:]))


def region_near(text: str, at: int) -> str | None:
    found = [
        r
        for r in regions_in(text)
        if not ORIGIN.search(text[: r[0]])
        and not _NOT_DESTINATION.match(text[r[1] :])
        and not excepted(text, r[0], r[1])
    ]
    if not found:
        return None
    if is_universal(text) and len(found) == 1 and re.search(r"[,、・]", found[0][2]):
        return None
    paired = paired_region(text, at, found, _spans_like(text, at))  # "X to A and Y to B", "X (A Y)"
    if paired != UNREAD:
        return paired
    # "(EU)" right after the value names its region.
    for start, _, name in found:
        if 0 <= start - at <= 40 and re.fullmatch(r"[^()]*\(\s*", text[at:start]) and len(text[at:start]) < 30:
            return name
    if len(found) == 1:
        return found[0][2]
    before = [(at - s, name) for s, e, name in found if s <= at]
    return min(before)[1] if before else None


@lru_cache(maxsize=512)
def _spans_like(text: str, at: int) -> list[tuple[int, int]]:
    """(start, end) of the values in ``text`` of the kind of the one at ``at`` (none when no value starts there)."""
    found = all_values(text)
    kind = next((v.kind for v in found if v.start == at), None)
    return [(v.start, v.end) for v in found if v.kind == kind] if kind else []


# "If you paid by ...", and the German verb-first condition ("Hast du auf Rechnung gekauft, ...").
_CONDITIONAL = re.compile(
    r"^(if|when|wenn|bei|falls|si|se|para|per|for|如|如果|若|hast|hat|haben|habt|bist|ist|sind|zahlst|zahlen)\b|場合"
    r"|(付款|支付|结帐|购买)者$"  # "以信用卡付款者，退款将刷退至原卡": those who paid by card
    # ... and in Japanese: "代金引換でお支払いのお客様には、…ご返金いたします"
    r"|(?:お支払い|ご購入|ご注文)(?:の|された|いただいた|になった)(?:お客様|お客さま|方)(?:には|は)?$",
    re.IGNORECASE,
)


def payment_near(text: str, at: int) -> str | None:
    start, piece, index = clause_of(text, at)
    found = payment_methods_in(piece)
    if found:
        return found[0][2]
    if index > 0:
        prev_start, prev = clauses(text)[index - 1]
        if _CONDITIONAL.search(prev.strip()) and not all_values(prev):
            found = payment_methods_in(prev)
            if found:
                return found[0][2]
            paid = _PAID_WITH.search(prev)  # "If you paid at OXXO or by transfer (SPEI), ...": any method named so
            if paid:
                return paid.group("method").strip(" ,")
        if index == 1 and not all_values(prev) and not _names_refund_method(prev):
            # The sentence opens on how the buyer paid, in any language's condition ("Har du betalt med Vipps, får
            # du pengene tilbake innen 3 dager", "Ako je narudžba plaćena pouzećem, novac vraćamo u roku od 5 dana")
            found = payment_methods_in(prev)
            if found:
                return found[0][2]
    return None


def _names_refund_method(text: str) -> bool:
    """Whether ``text`` says how the money goes back ("to the original card", "as store credit")."""
    return any(pattern.search(text) for pattern in label_patterns("refund_methods").values())


def paid_with_spans(text: str) -> list[tuple[int, int]]:
    """Where a condition names how the buyer paid ("If you paid at OXXO or by transfer, ..."): no refund method."""
    out = []
    for start, piece in clauses(text):
        paid = _PAID_WITH.search(piece) if _CONDITIONAL.search(piece.strip()) else None
        if paid:
            out.append((start + paid.start("method"), start + paid.end("method")))
    return out


# "paid with / by / at X" in a condition: the words after it name how the buyer paid, in any shop's terms.
_PAID_WITH = re.compile(
    r"\b(?:paid|pagaste|pag[óo]|pagas|payé|payez|bezahlt|bezahlst|pagato|paghi|pagou|pagar)\s+"
    r"(?:with|by|via|using|at|en|con|por|par|avec|mit|per|com|in|tramite)\s+(?P<method>[^,;:]{2,60})$",
    re.IGNORECASE,
)


def topic_confidence(topic: str, sentence_topics: set[str]) -> float:
    return IN_SENTENCE if topic in sentence_topics else SECTION_ONLY


def column_header(unit: Unit, text: str, at: int) -> str | None:
    """The header of the table column holding offset ``at`` of a row's text (cells joined by " | ")."""
    if unit.kind != "row" or not unit.header:
        return None
    column = column_of(unit, at)
    return unit.header[column] if column is not None and column < len(unit.header) else None


def column_role(unit: Unit, at: int) -> str | None:
    """What the learned reader read the header of the column holding offset ``at`` as (``transit_time``...)."""
    header = column_header(unit, unit.text, at)
    if header is None or not unit.roles:
        return None
    index = unit.header.index(header)
    return unit.roles[index] if index < len(unit.roles) else None


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
