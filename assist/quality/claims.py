"""What a draft claims about the order and the shop's rules, in en, de, fr, es, it, pt, ja and zh.

Claims are read clause by clause with paraphrase-tolerant patterns (``resources/claims.yaml``):
"it was handed over to the courier yesterday" is ``in_transit``, "配達完了となっております" is
``delivered``, "you can still send it back" is ``can_return``. A positive claim preceded by a
negation in its clause ("has not been delivered", "ne peut plus être annulée") is dropped, and the
explicit negative claims (``cannot_cancel``, ``not_shipped``...) have their own patterns.
:mod:`assist.quality.fact_contradictions` compares the claims with the policy facts and the order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assist.quality.text_spans import Span, sentence_at

RESOURCE = Path(__file__).parent / "resources" / "claims.yaml"
# positive claim -> the negative claim that overrides it where both match the same words
OPPOSITE = {
    "can_cancel": "cannot_cancel",
    "can_change_address": "cannot_change_address",
    "shipped": "not_shipped",
    "in_transit": "not_shipped",
    "delivered": "not_delivered",
    "damage_return_required": "no_damage_return",
    "can_return": "cannot_return",
}
# positive claim -> the refusal its negation states (checked where the shop does offer it)
REFUSED = {"price_adjust": "no_price_adjust"}


# claims about one thing (a frame's reading replaces a phrase's on the same words)
FAMILY = {
    "free_return": "return_cost",
    "buyer_pays_return": "return_cost",
    "no_duties": "duties",
    "buyer_pays_duties": "duties",
    "shipped": "status",
    "in_transit": "status",
    "not_shipped": "status",
    "delivered": "status",
    "cancelled": "status",
}


@dataclass(frozen=True)
class Claim:
    kind: str
    span: Span
    sentence: Span


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))
    return {
        "claims": {
            kind: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
            for kind, patterns in data["claims"].items()
        },
        "negation": re.compile(data["negation"], re.IGNORECASE),
        "damage": re.compile("|".join(f"(?:{p})" for p in data["damage_context"]), re.IGNORECASE),
        "carriers": data["carriers"],
        "number_topics": {slot: re.compile(p, re.IGNORECASE) for slot, p in data["number_topics"].items()},
        "money_topics": {slot: re.compile(p, re.IGNORECASE) for slot, p in data["money_topics"].items()},
        "money_cues": {slot: re.compile(p, re.IGNORECASE) for slot, p in data["money_cues"].items()},
        "return_trip": re.compile(data["return_trip"], re.IGNORECASE),
        "return_received": re.compile(data["return_received"], re.IGNORECASE),
        "takes_time": re.compile(data["takes_time"], re.IGNORECASE),
        "parcel_words": re.compile(data["parcel_words"], re.IGNORECASE),
        "money_words": re.compile(data["money_words"], re.IGNORECASE),
        "reader_cues": {topic: re.compile(p, re.IGNORECASE) for topic, p in data["reader_cues"].items()},
    }


# "delivered to the courier": a delivery verb whose receiver is a carrier hands the parcel over, it does not deliver it
# ("fue entregado a la empresa de transporte", "ble levert til Posten", "er afleveret til GLS", "kargoya teslim
# edildi"): a preposition of receiving, then a carrier's name or a carrier word, in any language
_TO_CARRIER = re.compile(
    r"^\s*(?:\S+\s+){0,2}?(?:to|an|à|au|aux|a|al|alla|allo|ao|aos|aan|til|till|la|către|kepada|ke|cho|на|до|σ?την|στο)"
    r"\s+(?:the|la|le|l'|l’|el|il|lo|o|a|de|het|den|det|dem|die|der|unser\w*|our|notre|nuestra|nostro|onze|vår\w*)?\s*"
    r"(?:courier|carrier|shipping company|delivery (?:company|service|partner)|postal service|postman"
    r"|Paketdienst\w*|Zusteller\w*|Versanddienstleister\w*|Spediteur\w*|Transportunternehmen|transporteur\w*|livreur"
    r"|mensajer\w*|transportista\w*|empresa de (?:transporte|mensajería|paquetería)|paqueter\w*|corriere|vettore"
    r"|transportadora|koerier\w*|vervoerder\w*|bezorg\w*|kurier\w*|przewoźnik\w*|transportør\w*|transportör\w*"
    r"|budfirma\w*|fragtfirma\w*|fraktselskap\w*|speditør\w*|curier\w*|transportator\w*|firm\w* de curierat"
    r"|kurýr\w*|kuriér\w*|dopravc\w*|futár\w*|kurir\w*|куриер\w*|курьер\w*|кур.єр\w*|перевоз\w*|перевізник\w*"
    r"|ταχυμεταφορ\w*|courier|μεταφορ\w*|kargo\w*|kurye\w*|ekspedisi|đơn vị vận chuyển|shipper"
    r"|(?:post|poste|posta|posten|posti|pošt\w*|poczt\w*|correo\w*|correios|пошт\w*|почт\w*|ταχυδρομ\w*)"
    r"(?!\s?(?:box|boks|låda|lådan|kasse|kassen|schrank|fach|ka|kutija|schránk\w*|office|kontor\w*|filial\w*|amt|ufficio|oficina))"
    r")\b",
    re.IGNORECASE,
)


def _to_carrier(text: str, end: int) -> bool:
    """Whether the words after a delivery verb name a carrier as its receiver (the parcel was handed over)."""
    after = text[end : end + 45]
    if _TO_CARRIER.search(after):
        return True
    from assist.policy_extract.scope import carrier_pattern

    head = re.match(r"^\s*(?:\S+\s+){0,2}?(?:to|an|à|au|a|al|ao|à|aan|til|till|la|către|kepada|ke|cho)\s+", after)
    return head is not None and carrier_pattern().match(after, head.end()) is not None


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    return bool(_patterns()["negation"].search(before))


# a negation that closes the clause after the verb and its object ("erstatten wir die Differenz leider nicht", "we
# refund the difference – not"): German and Dutch put it last
_CLOSING_NEGATION = re.compile(
    r"^(?:\s+\w+){0,2}?\s+(?:nicht|niet|nie|not|pas|no|non|não)\b\s*(?:[.!;,]|$)", re.IGNORECASE
)


def _denied_after(text: str, end: int) -> bool:
    return bool(_CLOSING_NEGATION.match(text[end : end + 30]))


def find_claims(draft: str) -> list[Claim]:
    """Every claim in ``draft`` with its span and its sentence, negated positives dropped."""
    return list(_claims_of(draft))


@lru_cache(maxsize=512)
def _claims_of(draft: str) -> tuple[Claim, ...]:  # the order and policy checks read the same draft
    found: list[Claim] = []
    for kind, pattern in _patterns()["claims"].items():
        for m in pattern.finditer(draft):
            # a refusal may put its negation inside the phrase ("wir erstatten nie eine Preisdifferenz")
            denied = _negated(draft, m.start()) or (
                kind in REFUSED and (_negated(draft, m.end()) or _denied_after(draft, m.end()))
            )
            if not kind.startswith(("cannot_", "not_", "no_")) and denied:
                if kind in REFUSED:  # "we never refund price differences" refuses what the shop may offer
                    found.append(
                        Claim(REFUSED[kind], Span(m.group(0), m.start(), m.end()), sentence_at(draft, m.start()))
                    )
                continue  # "non rimborsiamo la differenza", "has not been delivered"
            if kind == "delivered" and _to_carrier(draft, m.end()):
                kind = "in_transit"  # "ble levert til Posten": handed to the carrier, not delivered
            found.append(Claim(kind, Span(m.group(0), m.start(), m.end()), sentence_at(draft, m.start())))
    negatives = [c for c in found if c.kind.startswith(("cannot_", "not_", "no_damage"))]
    kept = [c for c in found if not any(_overlap(n, c) for n in negatives if n is not c)]
    from assist.quality.claim_frames import frame_claims, supposed

    # "Could you tell us whether it was handed to GLS?", "It will be handed to DHL tomorrow", "if your return has not
    # reached us by Friday": no status claimed
    kept = [
        c
        for c in kept
        if c.kind not in ("shipped", "in_transit", "delivered", "not_returned") or not supposed(draft, c.span.start)
    ]

    frames = frame_claims(draft)
    # a frame reads polarity in its clause: it overrides another reading of the same words about the same thing,
    # except that a bare departure ("saiu") does not override the more specific "saiu para entrega"
    kept = [c for c in kept if not any(_overlap(f, c) and _overrides(f, c) for f in frames)]
    # a frame's reading that a negative phrase on the same words denies ("kann ... nicht zurückgegeben werden") goes
    frames = [f for f in frames if not any(_overlap(f, n) and OPPOSITE.get(f.kind) == n.kind for n in negatives)]
    return tuple(kept + [f for f in frames if not any(_overlap(f, c) and f.kind == c.kind for c in kept)])


def _overrides(frame: Claim, phrase: Claim) -> bool:
    same = FAMILY.get(frame.kind) is not None and FAMILY.get(frame.kind) == FAMILY.get(phrase.kind)
    specific = frame.kind == "shipped" and phrase.kind in ("in_transit", "delivered")
    return same and frame.kind != phrase.kind and not specific


def _overlap(a: Claim, b: Claim) -> bool:
    return a.span.start <= b.span.start < a.span.end or b.span.start <= a.span.start < b.span.end


def number_topics() -> dict[str, re.Pattern[str]]:
    """Policy slot -> the words that say a duration in a draft is that slot's number."""
    return _patterns()["number_topics"]  # type: ignore[no-any-return]


def return_trip(text: str) -> bool:
    """Whether the text speaks of the return parcel's trip back to the shop ("should reach us in 3 days")."""
    return bool(_patterns()["return_trip"].search(text))


def return_received(text: str) -> bool:
    """Whether the text counts from the return's arrival at the shop ("of receiving your return"): a refund's
    reference point, never a return window's."""
    return bool(_patterns()["return_received"].search(text))


def parcel_takes(part: str, clause: str) -> bool:
    """Whether the number's part says how long the parcel or its carrier takes ("DPD braucht 4 bis 7 Werktage",
    "el paquete ya está en camino y tarda entre 3 y 6 días"): a verb of taking time in the part, and a parcel word or
    a carrier named in the clause."""
    if not _patterns()["takes_time"].search(part):
        return False
    return bool(_patterns()["parcel_words"].search(clause)) or bool(carriers_named(clause))


def parcel_words(text: str) -> bool:
    """Whether the text names the parcel or the shipment ("Paket", "colis", "zásilka")."""
    return bool(_patterns()["parcel_words"].search(text))


def money_returned(part: str) -> bool:
    """Whether a number's part returns money, not goods: a return word and a money word together ("o valor é
    devolvido em 4 dias úteis", "zwracamy przelewem w ciągu 7 dni"), where one verb returns both."""
    return bool(_patterns()["money_words"].search(part)) and bool(number_topics()["returns.window"].search(part))


# a reading topic whose cue is another topic's words: who pays for a return needs a word of returning (else "shipping
# is free for this order" reads as a free return: fi "Toimitus on tähän tilaukseen ilmainen" 0.87 over the second
# encoder); who pays duties needs a word of customs (the claim frames' customs words, in every language they read:
# "shipping to Hungary is free on every order" read as duties the buyer pays)
CUE_TOPICS = {"return_cost": "return", "duties": "customs"}


def _cue(name: str) -> re.Pattern[str] | None:
    if name == "customs":
        from assist.quality.claim_frames import topic_words

        return topic_words("customs")
    return _patterns()["reader_cues"].get(name)  # type: ignore[no-any-return]


def reader_cue_missing(topic: str, sentence: str) -> bool:
    """Whether ``sentence`` names none of ``topic``'s words where the topic has a cue list (cancel, address, return,
    customs): a reading of that topic there is the encoder's guess, not the sentence's claim."""
    cue = _cue(CUE_TOPICS.get(topic, topic))
    if cue is None:
        return False
    return not cue.search(sentence)


def money_topics() -> dict[str, re.Pattern[str]]:
    """Policy slot -> the words that say a money amount in a draft is that slot's amount."""
    return _patterns()["money_topics"]  # type: ignore[no-any-return]


def threshold_cue(slot: str, before: str, after: str) -> bool:
    """Whether the words next to an amount make it ``slot``'s threshold ("from €49", "30ユーロ以上"); True for
    slots that need no such word."""
    cue = _patterns()["money_cues"].get(slot)
    return cue is None or bool(cue.search(before[-25:]) or cue.search(after[:6]))


def damage_context(text: str) -> bool:
    """Whether the text is about a damaged, defective or wrong item (the shop's own fault cases)."""
    return bool(_patterns()["damage"].search(text))


_UNSPACED = re.compile(r"[\u3000-\u9fff\uac00-\ud7af]")  # CJK and Hangul: no case endings to strip


_CAPITALISING = ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN")  # scripts that write a name with a capital


def _name_word(word: str) -> bool:
    """Whether a word of a carrier's name is a name's word: capitalised, or in a script that writes names without
    capitals (Georgian, Arabic, Hebrew, Devanagari...)."""
    import unicodedata

    return word[0].isupper() or not unicodedata.name(word[0], "").startswith(_CAPITALISING)


@lru_cache(maxsize=512)
def name_forms(name: str) -> re.Pattern[str]:
    """A carrier's name with its case endings ("Укрпошта" -> "Укрпоштою", "Нова Пошта" -> "Новій Пошті", "Packeta" ->
    "Packetou", "საქართველოს ფოსტა" -> "საქართველოს ფოსტით"): each capitalised word (or word of a script without
    case) of five letters or more (four in a name of several words) keeps its stem and takes any short ending, as
    languages that decline names write them; shorter words, lower-case words and scripts without spaces are matched
    as written."""
    words = []
    shortest = 4 if len(name.split()) > 1 else 5  # a word of a longer name is anchored by the others
    for word in name.split():
        letters = len(re.findall(r"[^\W\d_]", word))
        if letters < shortest or not word.isalpha() or not _name_word(word) or _UNSPACED.search(word):
            words.append(re.escape(word))
            continue
        stem = word[:-2] if letters >= 7 else word[:-1]
        words.append(re.escape(stem) + r"\w{0,4}")
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def carriers_named(draft: str) -> list[Span]:
    """Carrier names in the draft (known carriers, any language)."""
    spans = []
    for name in _patterns()["carriers"]:
        boundary = r"\b" if name[:1].isascii() else ""
        for m in re.finditer(boundary + re.escape(name) + (r"\b" if name[-1:].isascii() else ""), draft, re.IGNORECASE):
            spans.append(Span(m.group(0), m.start(), m.end()))
    return spans
