"""Claims read as frames: what a clause is about, what it says of it, and whether it is negated or supposed.

A phrase list reads "free returns" but not "il reso è sempre gratuito" or "UK postage is free". A frame
reads both: a topic word (the policy extractor's own multilingual topic cues, :mod:`assist.policy_extract.cues`,
plus a few more in ``resources/claims.yaml``) and a value word from a small class ("free", "you pay",
"we cover", "included") in one part of a clause; a negation before the value word (or, in Japanese, right
after it) flips it. Done actions and states are frames too: a change verb in the past with an address
("I've updated the delivery address"), a cancel verb with the order ("votre commande est annulée"), a
hand-over verb with a carrier ("confié à Colissimo ce matin", "is still with Royal Mail"), "still being
prepared" / "will leave on Monday" / "has not left yet". A clause that asks or supposes ("if", "once",
"?") claims no done action.

The claims carry the kinds of :mod:`assist.quality.claims`, plus ``cancelled``, ``free_shipping``,
``return_window_closed`` and ``no_price_match``; :mod:`assist.quality.fact_contradictions` compares them
with the shop's facts and the order.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

from assist.quality.claims import RESOURCE, Claim
from assist.quality.text_spans import Span, sentence_at

CLAUSE_END = re.compile(r"[.;!?。；！？\n]|\s[–—]\s|\s-\s")
PART_END = re.compile(
    r"[,，:：、]\s*|\s(?:and|but|so|und|aber|et|mais|donc|y|pero|e|ma|quindi|mas|en|maar|而且|并且|所以)\s"
)
_NO = r"no(?! (?:problem|worries|doubt|hay problema|se preocupe))"
NEGATION = re.compile(
    rf"(?:n't|\b(?:not|no longer|never|nicht|kein\w*|nie|pas|plus|jamais|{_NO}|ya no|non|più|não|nunca|niet|geen"
    r"|nigdy|nada|не|нема|nem|δεν|μην|değil|inte|ikke|ikkje|tidak|bukan|belum|không|chưa|emme|eivät"
    r"|nu(?=\s+(?:a|au|este|sunt|mai|s-a|se|o|le|îl|vă|vom|putem|pot|poate|puteți)\b)|ei(?=\s+(?:voi|voida|ole|enää)\b)"
    r"|ne(?=\s+(?:mo\w*|bo\w*|smemo|smijemo|smiju|gre)\b))\b)[^.!?。！？,;:–—]{0,30}$"
    r"|(?:[不没無未非]|无(?!理由))[^。！？，、]{0,3}$",
    re.IGNORECASE,
)
ONLY = re.compile(
    r"\b(only|just|nur|seulement|uniquement|solo|sólo|solamente|apenas|somente|alleen|tylko|doar|jen|jenom|iba|len"
    r"|csak|samo|само|только|лише|тільки|μόνο|sadece|yalnızca|bara|kun|vain|hanya|chỉ)\b|のみ|だけ|只|만",
    re.IGNORECASE,
)
NEGATION_WORD = re.compile(
    r"n't|\b(?:not|never|nicht|kein\w*|nie|pas|jamais|no|non|não|nunca|niet|geen|nigdy)\b|[不没無未]|できません|かねます",
    re.IGNORECASE,
)


def _compile(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE)


@lru_cache(maxsize=1)
def _frames() -> dict[str, Any]:
    from assist.policy_extract.cues import topic_patterns

    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))["frames"]
    own = topic_patterns()
    extra = data.pop("extra_topics")
    topics = {
        "returns": _compile([own["returns"].pattern, *extra["returns"]]),
        "customs": _compile([own["customs"].pattern, *extra["customs"]]),
        "shipping_cost": _compile(extra["shipping_cost"]),
        "warranty": _compile([own["warranty"].pattern, *extra["warranty"]]),
        "refunds": own["refunds"],
    }
    return {"topics": topics, **{name: _compile(words) for name, words in data.items()}}


def _pattern(name: str) -> re.Pattern[str]:
    return _frames()[name]  # type: ignore[no-any-return]


def bounds(text: str, start: int, pattern: re.Pattern[str], lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The stretch of ``text[lo:hi]`` around ``start`` between the nearest matches of ``pattern`` on each side."""
    hi = len(text) if hi is None else hi
    left = max((m.end() for m in pattern.finditer(text, lo, start)), default=lo)
    right = next((m.start() for m in pattern.finditer(text, start, hi)), hi)
    return left, right


def clause_at(text: str, start: int) -> tuple[int, int]:
    """The clause around ``start`` (between sentence marks, semicolons and dashes)."""
    return bounds(text, start, CLAUSE_END)


def part_at(text: str, start: int) -> tuple[int, int]:
    """The part of the clause around ``start`` (between commas and conjunctions)."""
    lo, hi = clause_at(text, start)
    return bounds(text, start, PART_END, lo, hi)


def negated(text: str, start: int, lo: int, end: int | None = None) -> bool:
    """A negation between ``lo`` and ``start`` ("returns aren't free", "nessun costo"), or a Japanese one right
    after the value (``無料ではありません``)."""
    if NEGATION.search(text[lo:start]):
        return True
    if end is not None and FRENCH_NE.search(text[max(lo, start - 12) : start]) and FRENCH_PAS.match(text[end:]):
        return True  # "nous ne livrons pas", "on n'expédie plus": the verb between the two halves
    return end is not None and bool(_pattern("post_negation").search(text[end : end + 12]))


FRENCH_NE = re.compile(r"\b(?:ne\s+|n['’])(?:\w+\s+)?$", re.IGNORECASE)  # "ne", "ne vous", "n'"
FRENCH_PAS = re.compile(r"\s*(?:pas|plus|jamais|point|guère)\b", re.IGNORECASE)


def _claim(kind: str, text: str, start: int, end: int) -> Claim:
    return Claim(kind, Span(text[start:end], start, end), sentence_at(text, start))


def topic_words(name: str) -> re.Pattern[str]:
    """The words of a cost or rule topic (``returns``, ``customs``, ``warranty``...) in every language read here."""
    return _frames()["topics"][name]  # type: ignore[no-any-return]


def _topic_in(name: str, text: str, lo: int, hi: int) -> bool:
    return bool(topic_words(name).search(text, lo, hi))


def _nearer(name: str, other: str, text: str, at: int, clause: tuple[int, int]) -> bool:
    """Whether a word of topic ``name`` stands nearer to ``at`` in its clause than any word of topic ``other``."""

    def distance(topic: str) -> int:
        found = topic_words(topic).finditer(text, *clause)
        return min((abs(m.start() - at) for m in found), default=len(text))

    return distance(name) < distance(other)


# --- costs: who pays return shipping, duties, delivery --------------------------------------------------


COST_CLAIMS = {  # topic -> (claim when the shop bears the cost, claim when the buyer does)
    "returns": ("free_return", "buyer_pays_return"),
    "customs": ("no_duties", "buyer_pays_duties"),
    "shipping_cost": ("free_shipping", None),
}


def _cost_topic(text: str, lo: int, hi: int, clause: tuple[int, int], loose: bool) -> str | None:
    """The cost topic of a value word's part; with ``loose``, else of its clause when it names only one."""
    for topic in ("customs", "returns", "shipping_cost"):
        if _topic_in(topic, text, lo, hi):
            return topic
    if not loose:
        return None
    named = [t for t in ("customs", "returns") if _topic_in(t, text, *clause)]
    if len(named) != 1:
        return None
    # "ne peuvent pas être retournés, mais les retouches sont gratuites": where the clause names the topic only in
    # another part and denies it there, the value speaks of something else
    mention = topic_words(named[0]).search(text, *clause)
    if mention is not None and not lo <= mention.start() < hi:
        other = part_at(text, mention.start())[0]
        if negated(text, mention.start(), other, mention.end()):
            return None
    return named[0]


ON_DELIVERY = re.compile(  # "pay on delivery": when the buyer pays, not what for
    r"\b(on|at|upon) (delivery|arrival)|\bbei (der )?(Lieferung|Zustellung)|\bà la (livraison|réception)"
    r"|\ben la entrega|\balla consegna|\bna entrega|配達時|お届け時|(送达|收货|签收)时",
    re.IGNORECASE,
)


def cost_claims(draft: str) -> list[Claim]:
    """Who pays, read per part of a clause: "il reso è sempre gratuito" (free_return), "bij levering betaalt u
    invoerrechten" (buyer_pays_duties), "übernehmen wir Zoll" (no_duties), "UK postage is free" (free_shipping)."""
    found: list[Claim] = []
    values = (
        ("free", True, False),
        ("shop_pays", True, True),
        ("nothing_to_pay", True, True),
        ("buyer_pays", False, True),
    )
    # "нема да доплаќате", "nu plătiți nimic": a verb of paying inside a phrase that says nothing is paid
    nothing = [(m.start(), m.end()) for m in _pattern("nothing_to_pay").finditer(draft)]
    for name, shop_bears, loose in values:
        for m in _pattern(name).finditer(draft):
            if not shop_bears and any(a <= m.start() < b for a, b in nothing):
                continue
            clause = clause_at(draft, m.start())
            lo, hi = part_at(draft, m.start())
            topic = _cost_topic(draft, lo, hi, clause, loose)
            if topic == "shipping_cost" and ON_DELIVERY.search(draft, lo, hi) and _topic_in("customs", draft, *clause):
                topic = "customs"  # "duties are covered by us, so you won't pay anything on delivery"
            if topic is None or (topic == "shipping_cost" and _topic_in("returns", draft, lo, hi)):
                continue
            bears = shop_bears != negated(draft, m.start(), lo, m.end())
            kind = COST_CLAIMS[topic][0 if bears else 1]
            if kind is not None:
                found.append(_claim(kind, draft, m.start(), m.end()))
    for label, pattern in _payer_words().items():  # the policy extractor's own who-pays words, same frame
        for m in pattern.finditer(draft):
            clause = clause_at(draft, m.start())
            lo, hi = part_at(draft, m.start())
            topic = _cost_topic(draft, lo, hi, clause, True)
            if topic not in ("returns", "customs") or (label == "none" and topic != "customs"):
                continue
            ours = label == "buyer" and WE.search(
                draft[max(lo, m.start() - 12) : m.start()]
            )  # "we are responsible for"
            bears = (label != "buyer" or bool(ours)) != negated(draft, m.start(), lo, m.end())
            kind = COST_CLAIMS[topic][0 if bears else 1]
            if kind is not None:
                found.append(_claim(kind, draft, m.start(), m.end()))
    for m in topic_words("customs").finditer(draft):  # "no customs fees", "duties included"
        lo, hi = part_at(draft, m.start())
        before = draft[max(lo, m.start() - 14) : m.start()]
        if _pattern("none_before").search(before) or _pattern("included").search(draft, m.end(), min(hi, m.end() + 30)):
            found.append(_claim("no_duties", draft, m.start(), m.end()))
    return found


@lru_cache(maxsize=1)
def _payer_words() -> dict[str, re.Pattern[str]]:
    """Who pays, in the words the policy extractor reads policies with (``policy_slots.yaml``: payer)."""
    from assist.policy_extract.cues import label_patterns

    return dict(label_patterns("payer"))


def universal(draft: str, claim: Claim) -> bool:
    """Whether the claim's clause says it holds for every order ("always", "whatever the order value")."""
    lo, hi = clause_at(draft, claim.span.start)
    return bool(_pattern("universal").search(draft, lo, hi))


# --- done actions and order states ---------------------------------------------------------------------


def _stated(draft: str, start: int, end: int) -> bool:
    """The words at ``start`` are stated as done: not negated, not asked, not supposed."""
    lo, hi = clause_at(draft, start)
    clause = draft[lo : hi + 1]
    part = part_at(draft, start)[0]
    if _pattern("hedge").search(clause) or _pattern("modal").search(draft, part, start):
        return False
    return not negated(draft, start, part, end)


WE = re.compile(r"\b(we|wir|nous|nosotros|noi|nós|wij)\b", re.IGNORECASE)
FUTURE = re.compile(
    r"\b(will|won't|shall|going to|wird|werden|sera|seront|será|serán|sarà|saranno|vai|vão|zal|zullen)\b[^.;!?]{0,20}$",
    re.IGNORECASE,
)


def supposed(draft: str, start: int) -> bool:
    """Whether the words at ``start`` are asked, supposed or still to come: a question, "if"/"once" in the clause,
    or a future auxiliary before them in their part ("will be handed to DHL tomorrow")."""
    lo, hi = clause_at(draft, start)
    part = part_at(draft, start)[0]
    return bool(_pattern("hedge").search(draft[lo : hi + 1]) or FUTURE.search(draft[part:start]))


def action_claims(draft: str) -> list[Claim]:
    from assist.policy_extract.scope import carrier_pattern

    found: list[Claim] = []
    for m in _pattern("change_done").finditer(draft):
        lo, hi = clause_at(draft, m.start())
        if _pattern("address").search(draft, lo, hi) and _stated(draft, m.start(), m.end()):
            found.append(_claim("can_change_address", draft, m.start(), m.end()))
    for m in _pattern("cancel_done").finditer(draft):
        lo, hi = clause_at(draft, m.start())
        if _pattern("cancel_object").search(draft, lo, hi) and _stated(draft, m.start(), m.end()):
            found.append(_claim("cancelled", draft, m.start(), m.end()))
    for m in _pattern("cancel_verb").finditer(draft):  # "puoi annullare", "you can cancel it anytime"
        lo, _ = part_at(draft, m.start())
        before = draft[max(lo, m.start() - 30) : m.end()]
        modal = _pattern("modal").search(before)
        after = draft[m.end() : min(part_at(draft, m.start())[1], m.end() + 25)]  # "pot fi anulate doar în 12 ore"
        if modal and (ONLY.search(before[modal.start() :]) or ONLY.search(after)):
            continue  # "orders can only be cancelled within 24 hours" states the rule, not this order's case
        if modal and not negated(draft, m.start(), lo, m.end()) and not _pattern("hedge").search(draft, lo, m.start()):
            found.append(_claim("can_cancel", draft, m.start(), m.end()))
    for m in _pattern("handover").finditer(draft):
        lo, hi = clause_at(draft, m.start())
        near = draft[max(lo, m.start() - 30) : min(hi, m.end() + 40)]  # ja/zh name the carrier before the verb
        carrier = carrier_pattern().search(near) or _pattern("carrier_words").search(near)
        if carrier is None and m.group(0).lower() not in ("posted", "mailed"):
            continue
        if _pattern("will_leave").search(draft, lo, hi) or re.search(
            r"\b(will|wird|sera|será|sarà|zal)\b", draft[lo : m.start()], re.I
        ):
            continue  # "will be handed to DHL tomorrow" promises; it does not state
        if _stated(draft, m.start(), m.end()):  # "is still with Royal Mail", "handed to DHL this morning"
            found.append(_claim("in_transit", draft, m.start(), m.end()))
    for m in _pattern("delivered_at").finditer(draft):
        if _stated(draft, m.start(), m.end()):
            found.append(_claim("delivered", draft, m.start(), m.end()))
    for m in _pattern("departed").finditer(draft):  # "your package left us on Tuesday", "il pacco è partito"
        lo, hi = clause_at(draft, m.start())
        if _pattern("parcel").search(draft, lo, hi) and _stated(draft, m.start(), m.end()):
            found.append(_claim("shipped", draft, m.start(), m.end()))
    for name in ("preparing", "will_leave"):
        for m in _pattern(name).finditer(draft):
            if _stated(draft, m.start(), m.end()):
                found.append(_claim("not_shipped", draft, m.start(), m.end()))
    for m in _pattern("not_left").finditer(draft):
        lo, _ = clause_at(draft, m.start())
        if not _pattern("hedge").search(draft[lo : m.start()]):
            found.append(_claim("not_shipped", draft, m.start(), m.end()))
    return found


# --- returns, codes, price match ---------------------------------------------------------------------


def rule_claims(draft: str) -> list[Claim]:
    found: list[Claim] = []
    for m in _pattern("returnable").finditer(draft):
        lo, _ = part_at(draft, m.start())
        if not negated(draft, m.start(), lo, m.end()):
            found.append(_claim("can_return", draft, m.start(), m.end()))
    for m in _pattern("window_closed").finditer(draft):  # "la finestra per il reso è già scaduta"
        lo, hi = clause_at(draft, m.start())
        if negated(draft, m.start(), part_at(draft, m.start())[0]):
            continue
        if _topic_in("warranty", draft, lo, hi) and _nearer("returns", "warranty", draft, m.start(), (lo, hi)):
            lo, hi = part_at(draft, m.start())  # "the return period ended, so ... but the warranty runs two years"
        if _topic_in("warranty", draft, lo, hi):  # "the warranty has expired": the topic word is the window
            found.append(_claim("warranty_expired", draft, m.start(), m.end()))
        elif _pattern("window_noun").search(draft, lo, hi) and _topic_in("returns", draft, lo, hi):
            found.append(_claim("return_window_closed", draft, m.start(), m.end()))
    for m in _pattern("store_credit").finditer(draft):  # a refund paid as a voucher
        lo, hi = clause_at(draft, m.start())
        part = part_at(draft, m.start())
        offered = _pattern("hedge").search(draft, *part)  # "or a voucher if you prefer" offers a choice
        if _topic_in("refunds", draft, lo, hi) and not offered and not negated(draft, m.start(), part[0], m.end()):
            found.append(_claim("refund_as_credit", draft, m.start(), m.end()))
    for m in _pattern("warranty_running").finditer(draft):
        if not negated(draft, m.start(), part_at(draft, m.start())[0], m.end()):
            found.append(_claim("warranty_running", draft, m.start(), m.end()))
    for m in _pattern("code_words").finditer(draft):
        lo, hi = clause_at(draft, m.start())
        if NEGATION_WORD.search(draft, lo, hi) and _pattern("after_words").search(draft, lo, hi):
            found.append(_claim("no_code_after", draft, m.start(), m.end()))
    for m in _pattern("price_match").finditer(draft):
        lo, _ = part_at(draft, m.start())
        if negated(draft, m.start(), lo, m.end()):
            found.append(_claim("no_price_match", draft, m.start(), m.end()))
    return found


SHIP_VERB = re.compile(
    r"\b(ship\w*|deliver\w*|send|sent|post(ed|age)?|versand\w*|versend\w*|verschick\w*|liefer\w*|exp[ée]di\w*"
    r"|livr\w*|envoy\w*|envi\w*|entreg\w*|spedi\w*|spedizion\w*|consegn\w*|verzend\w*|bezorg\w*)\b"
    r"|発送|配送|お届け|送れ|发货|寄(到|往|送)|配送|送达|运送",
    re.IGNORECASE,
)
NOT_POSSIBLE = re.compile(
    r"\b(not possible|impossible|nicht möglich|pas possible|no es posible|non è possibile|não é possível|niet mogelijk)"
    r"|できません|いたしかねます|不支持|无法|不能|暂不",
    re.IGNORECASE,
)


def destination_claims(draft: str) -> list[tuple[Claim, str]]:
    """Where the draft says the shop ships, or does not ("we ship to Canada too", "Versand nach Norwegen ist nicht
    möglich", "カナダへの発送も可能です"): a shipping verb and a country named in one clause, with the country."""
    from assist import regions

    found: list[tuple[Claim, str]] = []
    seen: set[tuple[int, int]] = set()
    for m in SHIP_VERB.finditer(draft):
        lo, hi = clause_at(draft, m.start())
        if (lo, hi) in seen or _pattern("hedge").search(draft[lo : hi + 1]):
            continue
        seen.add((lo, hi))
        part = part_at(draft, m.start())
        # the place and the negation of the verb's own part ("nous livrons uniquement en Australie | et ne pouvons
        # pas expédier au Canada"), else of its clause
        own = regions.country_in_text(draft[part[0] : part[1]])
        country = own or regions.country_in_text(draft[lo:hi])
        if country is None:
            continue
        refused = negated(draft, m.start(), part[0], m.end()) or NOT_POSSIBLE.search(
            draft, m.start(), part[1] if own else hi
        )
        kind = "no_ship_to" if refused else "ships_to"
        found.append((_claim(kind, draft, m.start(), m.end()), country))
    return found


def credit_asked(text: str) -> bool:
    """Whether the buyer's words ask for store credit themselves."""
    return bool(_pattern("store_credit").search(text))


def frame_claims(draft: str) -> list[Claim]:
    """Every frame claim in ``draft``."""
    return cost_claims(draft) + action_claims(draft) + rule_claims(draft)


__all__ = [
    "action_claims",
    "clause_at",
    "cost_claims",
    "frame_claims",
    "part_at",
    "rule_claims",
    "supposed",
    "universal",
]
