"""What a draft's clause claims about a possibility or the order's status, read by a classifier over the encoder.

The rule patterns (:mod:`assist.quality.claims`, :mod:`assist.quality.claim_frames`) read the phrasings they were
written for; a writer in another language or with other words ("una vez realizado el pedido ya no es posible
modificar la dirección", "nehmen wir ... zurück", "als buono regalo") slips past them. This reader classifies each
clause of a draft into a topic and a reading (``cancel:granted``, ``cancel:refused``, ``cancel:done``,
``address:*``, ``return:*``, ``match:*``, ``adjust:*``, ``ship:*``, ``refund:credit``/``refund:payment``,
``status:preparing``/``shipped``/``delivered``, ``tracking:stated``) or ``none``.

It is trained on sentences generated here, never on a shop's drafts: the frames of
``resources/claim_readings.yaml`` (8 languages, slots filled with made-up items, places, numbers) and the reply
templates of ``assist/resources/replies/**`` (the shop-neutral sentences the product itself writes, filled with
made-up values), each with a few openers; ``none`` holds questions, conditionals, the buyer's words quoted back
and every other template sentence. The multilingual encoder (USE-m v3, 16 languages) carries it to languages
it was not trained in. Trained once per encoder and kept in memory and, given a cache folder, on disk under
``<cache_dir>/claim_polarity/`` by a hash of its inputs. An encoder without a name (test fakes) gets no reader.

:func:`reader_claims` adds the reader's claims where the rules read none of that topic in the sentence, and lets a
confident reading replace a rule claim of the opposite reading on the same words.

The generated training sentences live in :mod:`assist.quality.claim_training`, the reading of shipping places in
:mod:`assist.quality.claim_places`; their public names stay importable from here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assist.model_cache import content_key, load_model, save_model
from assist.quality.claim_training import (
    AMBIGUOUS,
    ANSWER_KEYS,
    CARRIERS,
    LANGUAGES,
    NONE,
    PHRASE_KEYS,
    RESOURCE,
    language_pairs,
    training_pairs,
)
from assist.quality.claims import Claim, name_forms, reader_cue_missing
from assist.quality.reading_floors import ADD_FLOOR, FLOORS, add_floor
from assist.quality.text_spans import Span, sentences

Embed = Callable[[list[str]], Any]

# floors, chosen on the TUNE and HELD-OUT drafts and checked on FRESH-A..E (bench/claim_reader.py prints the
# reader's accuracy on sentences written for the test in other languages)
# ADD_FLOOR, the floor of a reading of a kind without one of its own, and the floors per kind: reading_floors.py
VETO_FLOOR = 0.9
DONE_FLOOR = 0.75  # done rather than promised, for a cancellation the rules read


# a reading -> the claim kind the draft checks know
KIND = {
    "cancel:granted": "can_cancel",
    "cancel:refused": "cannot_cancel",
    "cancel:done": "cancelled",
    "address:granted": "can_change_address",
    "address:refused": "cannot_change_address",
    "return:granted": "can_return",
    "return:refused": "cannot_return",
    "match:granted": "price_match",
    "match:refused": "no_price_match",
    "adjust:granted": "price_adjust",
    "adjust:refused": "no_price_adjust",
    "refund:credit": "refund_as_credit",
    "status:preparing": "preparing",
    "status:shipped": "shipped",
    "status:delivered": "delivered",
    "return_cost:free": "free_return",
    "return_cost:buyer": "buyer_pays_return",
    "duties:none": "no_duties",
    "duties:buyer": "buyer_pays_duties",
}
# a rule claim kind -> its topic (a rule claim of the topic in a sentence means the rules read it)
TOPIC = {
    "can_cancel": "cancel",
    "cannot_cancel": "cancel",
    "cancelled": "cancel",
    "can_change_address": "address",
    "cannot_change_address": "address",
    "can_return": "return",
    "cannot_return": "return",
    "return_window_closed": "return",
    "price_match": "match",
    "no_price_match": "match",
    "price_adjust": "adjust",
    "no_price_adjust": "adjust",
    "refund_as_credit": "refund",
    "preparing": "status",
    "not_shipped": "status",
    "shipped": "status",
    "in_transit": "status",
    "delivered": "status",
    "free_return": "return_cost",
    "buyer_pays_return": "return_cost",
    "no_duties": "duties",
    "buyer_pays_duties": "duties",
}


@dataclass(frozen=True)
class Reading:
    label: str
    probability: float
    span: Span  # the clause read
    sentence: Span


class PolarityReader:
    def __init__(self, model: Any, embed: Embed) -> None:
        self.model = model
        self.embed = embed
        # over the second encoder: a reading of a topic with cue words needs one in its sentence (reader_cues)
        self.cued = False
        self._cache: dict[str, dict[str, float]] = {}
        self._lock = threading.Lock()

    def read(self, texts: list[str]) -> list[tuple[str, float]]:
        """The most likely reading of each text and its probability."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            vectors = _normalised(np.asarray(self.embed(todo), dtype=np.float32))
            probs = self.model.predict_proba(vectors)
            with self._lock:
                if len(self._cache) > 20_000:
                    self._cache.clear()
                for text, row in zip(todo, probs, strict=True):
                    self._cache[text] = {str(c): float(p) for c, p in zip(self.model.classes_, row, strict=True)}
        return [max(self._cache[t].items(), key=lambda kv: kv[1]) for t in texts]

    def probabilities(self, text: str) -> dict[str, float]:
        """Every reading's probability for ``text``."""
        self.read([text])
        return self._cache[text]

    def readings(self, draft: str, carriers: Sequence[str] = ()) -> list[Reading]:
        """The reading of every clause of ``draft`` (and of each whole sentence of several clauses). ``carriers``:
        names of carriers read as the one carrier the training sentences name most, so that a carrier the encoder
        has never seen ("remise à <a regional carrier> hier") reads like one it has."""
        pieces = [(piece, sent) for sent in sentences(draft) for piece in clauses(draft, sent)]
        labels = self.read([as_known_carrier(draft[p.start : p.end], carriers) for p, _ in pieces])
        return [Reading(label, prob, p, s) for (p, s), (label, prob) in zip(pieces, labels, strict=True)]


# clauses end at punctuation and before a reason ("..., da die Bestellung bereits verschickt wurde", "no podemos
# cancelarlo porque ya salió"): a refusal's reason states a status of its own
REASONS = r"(?:because|since|da|weil|parce que|car|puisque|porque|ya que|perché|poiché|já que)\s|因为|由于"
# Korean puts the reason first and ends it with a connective ("아직 발송 전이라 ...", "이미 출고되어서 ...", "...기
# 때문에"): the clause ends after that ending
KO_REASON_ENDS = ("이라", "라서", "어서", "아서", "해서", "되어", "돼서", "니까", "으니", "므로", "때문에")
KO_REASON_CUT = "|".join(f"(?<={end})" for end in KO_REASON_ENDS)
CLAUSE_CUT = re.compile(
    r"\s*(?:[,;:，；：]|\s[-–—]\s)\s*|\s+(?=" + REASONS + r")|(?=因为|由于)|(?:" + KO_REASON_CUT + r")\s+",
    re.IGNORECASE,
)
REASON = re.compile(REASONS, re.IGNORECASE)


def is_reason(clause: str) -> bool:
    """Whether a clause is a reason ("because it has shipped", "이미 출고되어서")."""
    return bool(REASON.match(clause)) or clause.rstrip(" .,").endswith(KO_REASON_ENDS)


# a status given as the reason of a refusal ("..., da die Bestellung bereits verschickt wurde"): the clause exists to
# state it, so a lower floor reads it
REASON_FLOOR = 0.6


def clauses(text: str, sent: Span) -> list[Span]:
    """The sentence and, where it has several, its clauses (cut at commas, semicolons, colons and dashes);
    fragments too short to claim anything (a greeting) are left out."""
    out = [sent]
    cuts = list(CLAUSE_CUT.finditer(text, sent.start, sent.end))
    if not cuts:
        return out
    start = sent.start
    for m in [*cuts, None]:
        end = m.start() if m is not None else sent.end
        piece = text[start:end].strip()
        if len(piece.split()) >= 3 or (piece and not piece.isascii() and len(piece) >= 5):
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            out.append(Span(piece, start + lead, start + lead + len(piece)))
        start = m.end() if m is not None else end
    return out


def _normalised(vectors: np.ndarray) -> np.ndarray:
    return np.asarray(vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12))


_READERS: dict[tuple[int, str], PolarityReader] = {}
_KNOWN: dict[tuple[int, str], PolarityReader] = {}  # per encoder in this process: the training set is fixed
_LOCK = threading.Lock()


def _encoder_name(embed: Embed | None) -> str | None:
    from assist.ask_topics import encoder_name

    return encoder_name(embed) if callable(embed) else None


def polarity_reader(embed: Embed, cache_dir: Path | None = None) -> PolarityReader | None:
    """The reader for this encoder (trained once, then from memory or ``<cache_dir>/claim_polarity/``); None for an
    encoder without a name (test fakes)."""
    name = _encoder_name(embed)
    if name is None:
        return None
    owner = id(getattr(embed, "__self__", embed))
    known = _KNOWN.get((owner, name))
    if known is not None:
        return known
    # an encoder that reads every language (the second) also learns the frames written for the languages the
    # first does not read; the first's training set stays as it was
    wide = getattr(getattr(embed, "__self__", embed), "languages", ()) is None
    pairs = training_pairs(wide=wide)
    key = _content_key(name, pairs)
    with _LOCK:
        found = _READERS.get((owner, key))
        if found is None:
            model = _load(cache_dir, key) or _train(embed, pairs, cache_dir, key, wide)
            found = _READERS[(owner, key)] = PolarityReader(model, embed)
        _KNOWN[(owner, name)] = found
    return found


def _content_key(name: str, pairs: list[tuple[str, str]]) -> str:
    return content_key(name, pairs, __file__)


def _load(cache_dir: Path | None, key: str) -> Any:
    return load_model(cache_dir, "claim_polarity", key, "claim reader")


def _train(embed: Embed, pairs: list[tuple[str, str]], cache_dir: Path | None, key: str, wide: bool = False) -> Any:
    texts = [text for text, _ in pairs]
    model = fit_readings(np.asarray(embed(texts), dtype=np.float32), [label for _, label in pairs], wide)
    save_model(cache_dir, "claim_polarity", key, model)
    return model


WIDE_C = 0.1  # the second encoder's reader: standardised features (its vectors all point much the same way)


def fit_readings(vectors: np.ndarray, labels: list[str], wide: bool = False) -> Any:
    """Logistic regression on the (normalised) sentence vectors. The second encoder's vectors sit close together
    (unrelated sentences ~0.8 apart): on them, the features are standardised first, else every reading comes out
    unsure."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if not wide:
        model: Any = LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced")
    else:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=WIDE_C, max_iter=3000, class_weight="balanced"))
    model.fit(_normalised(vectors), labels)
    return model


def first_embed(ctx: Any) -> Embed | None:
    """The service's first encoder (carried by the number-role reader or the tone classifier), or None."""
    embed = getattr(getattr(ctx, "claim_reader", None), "embed", None)
    if embed is None:
        embed = getattr(getattr(getattr(ctx, "tone", None), "embedder", None), "embed", None)
    return embed  # type: ignore[no-any-return]


def reader_of(ctx: Any) -> PolarityReader | None:
    """The reader for a draft check's context: over the second encoder where the first does not read the draft's
    language (``ctx.reading_encoder``), else over the first; None without a named encoder."""
    embed = getattr(ctx, "reading_encoder", None) or first_embed(ctx)
    if _encoder_name(embed) is None:
        return None
    try:
        from assist.config import get_settings

        cache_dir: Path | None = get_settings().cache_dir
    except Exception:  # no settings (a library caller): memory only
        cache_dir = None
    reader = polarity_reader(embed, cache_dir)  # type: ignore[arg-type]
    if reader is not None and getattr(ctx, "reading_encoder", None) is not None:
        reader.cued = True  # this encoder reads only drafts the first does not: its guesses need a topic word
    return reader


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def as_known_carrier(text: str, carriers: Sequence[str]) -> str:
    """``text`` with each of ``carriers`` written as a carrier of the training sentences."""
    for name in sorted({c for c in carriers if c and len(c) >= 2}, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", CARRIERS[0], text, flags=re.IGNORECASE)
        text = name_forms(name).sub(CARRIERS[0], text)  # declined as the sentence's grammar wants ("Новій Пошті")
    return text


_CARRIER_LIST = re.compile(r"\s+(?:or|ou|o|oder|and|et|und|y|e)\s+|[,/、，]|或|または")


def carrier_names(ctx: Any, draft: str) -> list[str]:
    """The carriers a draft check knows of: the shop's (its carrier facts), the order's, and the well-known ones the
    draft names."""
    from assist.policy_extract.scope import carrier_pattern

    names: list[str] = []
    facts = getattr(ctx, "facts", None)
    for fact in facts.all("shipping.carrier") if facts is not None else []:
        for value in fact.value if isinstance(fact.value, list) else [fact.value]:
            names += [n.strip() for n in _CARRIER_LIST.split(str(value)) if n.strip()]  # "Postes Canada ou Purolator"
    order = getattr(ctx, "order", None)
    if order is not None and order.carrier:
        names.append(order.carrier)
    names += [m.group(0) for m in carrier_pattern().finditer(draft)]
    return [n for n in dict.fromkeys(names) if n.casefold() not in {c.casefold() for c in CARRIERS}]


def reader_claims(
    draft: str, claims: list[Claim], reader: PolarityReader | None, carriers: Sequence[str] = (), facts: Any = None
) -> list[Claim]:
    """``claims`` with the reader's: a confident reading of a topic the rules read nothing of in its sentence is
    added; a very confident reading that contradicts a rule claim of its topic on the same clause replaces it.
    ``facts``: the shop's; the words its policy uses only for a topic are cues of that topic too
    (:mod:`assist.quality.shop_cues`)."""
    from assist.quality.shop_cues import shop_names_topic

    if reader is None:
        return claims
    out = list(claims)
    for reading in reader.readings(draft, carriers):
        kind = KIND.get(reading.label)
        reason = reading.label.startswith("status:") and is_reason(reading.span.text)
        if kind is None or reading.probability < (min(REASON_FLOOR, add_floor(kind)) if reason else add_floor(kind)):
            continue
        topic = reading.label.split(":", 1)[0]
        if kind == "preparing" and not reader_cue_missing("duties", reading.sentence.text):
            continue  # "it is held at customs": a parcel at customs has left the shop
        if (
            reader.cued
            and reader_cue_missing(topic, reading.sentence.text)
            and not shop_names_topic(topic, reading.sentence.text, facts)
        ):
            continue  # "така че е покрита" read as a cancellation: no word of cancelling in the sentence
        ruled = [c for c in out if TOPIC.get(c.kind) == topic and _within(c.span, reading.sentence)]
        if not ruled:
            out.append(Claim(kind, reading.span, reading.sentence))
            continue
        refined = [c for c in ruled if REFINES.get(kind) == c.kind and _within(c.span, reading.span)]
        if refined and not any(c.kind == kind for c in ruled):  # "発送準備中": not shipped, and being prepared
            out.append(Claim(kind, refined[0].span, reading.sentence))
            continue
        against = [c for c in ruled if c.kind != kind and _within(c.span, reading.span) and _opposed(c.kind, kind)]
        if against and reading.probability >= VETO_FLOOR and reading.span != reading.sentence:
            out = [c for c in out if c not in against] + [Claim(kind, reading.span, reading.sentence)]
    return out


# a reading that says more than a rule claim on the same words: the rule's claim stays, the reading's is added
REFINES = {"preparing": "not_shipped", "cancelled": "can_cancel"}


def _opposed(rule: str, read: str) -> bool:
    """Whether a rule claim and a reading of the same topic say opposite things (granted vs refused)."""
    positive = {"can_cancel", "can_change_address", "can_return", "price_match", "price_adjust", "free_return"}
    negative = {"cannot_cancel", "cannot_change_address", "cannot_return", "no_price_match", "no_price_adjust"}
    negative |= {"buyer_pays_return"}
    if {rule, read} == {"no_duties", "buyer_pays_duties"}:
        return True
    return (rule in positive and read in negative) or (rule in negative and read in positive)


def reads_done(draft: str, claim: Claim, reader: PolarityReader | None) -> bool:
    """Whether the reader reads the clause of a cancellation as done ("I've cancelled it"), not as a promise or a
    possibility ("we'll cancel it right away")."""
    if reader is None:
        return False
    for reading in reader.readings(draft):
        if reading.span.start <= claim.span.start < reading.span.end and reading.label.startswith("cancel:"):
            if reading.span != reading.sentence or len(clauses(draft, reading.sentence)) == 1:
                # within the topic: done rather than granted (the rules already read a cancellation here)
                probs = reader.probabilities(reading.span.text)
                done, granted = probs.get("cancel:done", 0.0), probs.get("cancel:granted", 0.0)
                return done >= DONE_FLOOR and done > 2 * granted
    return False


def draft_claims(draft: str, ctx: Any) -> list[Claim]:
    """The rule claims of ``draft`` with the reader's (:func:`reader_claims`), for the draft checks."""
    from assist.quality.claims import find_claims

    facts = getattr(ctx, "facts", None)
    return reader_claims(draft, find_claims(draft), reader_of(ctx), carrier_names(ctx, draft), facts)


def tracking_stated(ctx: Any, sentence: str) -> bool:
    """Whether the reader reads ``sentence`` as giving a tracking number ("운송장 번호는 ...입니다")."""
    reader = reader_of(ctx)
    if reader is None:
        return False
    label, probability = reader.read([sentence])[0]
    return label == "tracking:stated" and probability >= ADD_FLOOR


def place_claims(draft: str, ctx: Any, known: list[tuple[Claim, str]]) -> list[tuple[Claim, str]]:
    """See :func:`assist.quality.claim_places.place_claims`."""
    from assist.quality.claim_places import place_claims as read_places

    return read_places(draft, ctx, known)


__all__ = [
    "ADD_FLOOR",
    "FLOORS",
    "AMBIGUOUS",
    "CARRIERS",
    "ANSWER_KEYS",
    "KIND",
    "LANGUAGES",
    "NONE",
    "PHRASE_KEYS",
    "RESOURCE",
    "PolarityReader",
    "add_floor",
    "Reading",
    "clauses",
    "draft_claims",
    "first_embed",
    "language_pairs",
    "place_claims",
    "polarity_reader",
    "reader_claims",
    "reader_of",
    "reads_done",
    "tracking_stated",
    "training_pairs",
]
