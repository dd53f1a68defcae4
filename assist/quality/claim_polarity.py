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
"""

from __future__ import annotations

import random
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assist.model_cache import content_key, load_model, save_model
from assist.quality.claims import Claim
from assist.quality.extract import Span, sentences

Embed = Callable[[list[str]], Any]

RESOURCE = Path(__file__).parent / "resources" / "claim_readings.yaml"
REPLIES = Path(__file__).resolve().parents[1] / "resources" / "replies"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ja", "zh")
NONE = "none"
# floors, chosen on the TUNE and HELD-OUT drafts and checked on FRESH-A..E (bench/claim_reader.py prints the
# reader's accuracy on sentences written for the test in other languages)
ADD_FLOOR = 0.75
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
}

# reply-template keys -> the reading their sentence states (the rest of the templates are ``none``)
ANSWER_KEYS = {
    "cancel_yes": "cancel:granted",
    "cancel_rule_before_shipping": "cancel:granted",
    "cancel_rule_within_window": "cancel:granted",
    "cancel_no_shipped": "cancel:refused",
    "cancel_window_over": "cancel:refused",
    "cancel_not_allowed": "cancel:refused",
    "cancel_already": "cancel:done",
    "address_yes": "address:granted",
    "address_rule_before_shipping": "address:granted",
    "address_no": "address:refused",
    "address_not_allowed": "address:refused",
    "return_until": "return:granted",
    "return_not_started": "return:granted",
    "return_window": "return:granted",
    "return_ended": "return:refused",
    "return_excluded": "return:refused",
    "return_refused_opened": "return:refused",
    "return_refused_used": "return:refused",
    "price_no_adjust": "adjust:refused",
    "price_adjust_window": "adjust:granted",
    "price_no_match": "match:refused",
    "price_match": "match:granted",
}
PHRASE_KEYS = {
    "status.processing": "status:preparing",
    "status.shipped": "status:shipped",
    "status.delivered": "status:delivered",
    "status.cancelled": "cancel:done",
    "return.window": "return:granted",
    "return.others": "return:granted",
    "return.window_over": "return:refused",
    "return.window_ended": "return:refused",
    "return.excluded": "return:refused",
    "refund.method": "refund:payment",
    "cancel.window": "cancel:granted",
    "cancel.shipped": "cancel:refused",
    "change.shipped": "address:refused",
    "price.no_match": "match:refused",
}
# template sentences that mix readings or state them only in part: left out of training
AMBIGUOUS = re.compile(
    r"^(transit|return_excluded_(opened|used)|cancel_refund|price_adjust_(open|over)|code_|customs_unknown|open_question"
    r"|cancel\.(try|refund)|change\.try|price\.(drop|code)|warranty|return\.(warranty|excluded_damage|unchecked)"
    r"|status\.returned|refund\.status|track\.)"
)
PLACES = ("US", "CA", "BR", "JP", "AU", "NO", "MX", "KR", "ZA", "IN")
CARRIERS = ("DHL", "UPS", "GLS", "FedEx", "Hermes")


@lru_cache(maxsize=1)
def _frames() -> dict[str, Any]:
    return yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _place(code: str, language: str) -> str:
    from babel import Locale

    return str(Locale.parse(language).territories.get(code, code))


def _fill(template: str, language: str, rng: random.Random, words: dict[str, Any]) -> str:
    """The template with made-up values in its slots (items, places, numbers, dates, carriers)."""
    items = _frames()["slots"]["item"][language]

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("cite") or name in ("return_all", "window_over", "in_warranty", "personalised"):
            return ""
        n = rng.choice((2, 3, 5, 7, 10, 14, 21, 30, 45, 60))
        if name in ("item", "items", "phrases", "list", "excluded_items", "returnable_items", "unchecked_items"):
            return str(rng.choice(items))
        if name in ("place", "region"):
            return _place(rng.choice(PLACES), language)
        if name == "method":
            return str(words.get("method") or "")
        if name == "duration":
            units = words.get("units") or {}
            forms = units.get("day") or ["day", "days"]
            return f"{n} {forms[-1]}" if language not in ("ja", "zh") else f"{n}{forms[-1]}"
        if name in ("carrier",):
            return rng.choice(CARRIERS)
        if name in ("tracking", "tracking_number"):
            return f"{rng.choice(('JD', 'LX', ''))}{rng.randrange(10**9, 10**12)}"
        if name in ("order", "order_id"):
            return f"#{rng.randrange(10000, 99999)}"
        if "at" in name.split("_") or name in ("date", "until", "return_deadline", "event"):
            return f"{rng.randrange(1, 28)}.{rng.randrange(1, 12)}."
        return str(n)

    return re.sub(r"\{([a-z_:|-]+)\}", value, template).strip()


def _texts(entry: Any) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, list):
        return [t for e in entry for t in _texts(e)]
    if isinstance(entry, dict):
        return [t for e in entry.values() for t in _texts(e)]
    return []


def _template_pairs(language: str, rng: random.Random) -> list[tuple[str, str]]:
    """The product's own reply sentences in ``language`` with the reading each states (``none`` for the rest)."""
    pairs: list[tuple[str, str]] = []
    answers = yaml.safe_load((REPLIES / "answers" / f"{language}.yaml").read_text(encoding="utf-8"))
    words = {"units": answers.get("units") or {}}
    methods = (answers.get("words") or {}).get("refund_method") or {}
    for key, entry in (answers.get("sentences") or {}).items():
        if AMBIGUOUS.match(key):
            continue
        for template in _texts(entry):
            if key == "refund_method":
                for method, label in (("store_credit", "refund:credit"), ("voucher", "refund:credit")):
                    pairs.append((_fill(template, language, rng, {**words, "method": methods.get(method)}), label))
                for method in ("original_payment_method", "bank_transfer"):
                    pairs.append(
                        (_fill(template, language, rng, {**words, "method": methods.get(method)}), "refund:payment")
                    )
                continue
            pairs.append((_fill(template, language, rng, words), ANSWER_KEYS.get(key, NONE)))
    replies = yaml.safe_load((REPLIES / f"{language}.yaml").read_text(encoding="utf-8"))
    for key, entry in (replies.get("phrases") or {}).items():
        if AMBIGUOUS.match(key):
            continue
        for template in _texts(entry):
            pairs.append((_fill(template, language, rng, words), PHRASE_KEYS.get(key, NONE)))
    return [(text, label) for text, label in pairs if text]


def training_pairs() -> list[tuple[str, str]]:
    return list(_training_pairs())


@lru_cache(maxsize=1)
def _training_pairs() -> tuple[tuple[str, str], ...]:
    """Every generated (sentence, reading) pair: frames x slot values x openers, and the filled reply templates."""
    return tuple(dict.fromkeys(pair for language in LANGUAGES for pair in language_pairs(language)))


def language_pairs(language: str) -> list[tuple[str, str]]:
    """The generated (sentence, reading) pairs of one language (the bench leaves one language out with these)."""
    rng = random.Random(f"claim-reader-{language}")
    frames = _frames()
    openers = frames["slots"]["opener"][language]
    pairs: list[tuple[str, str]] = []
    for label, by_language in frames["classes"].items():
        for template in by_language.get(language) or []:
            for _ in range(3):
                pairs.append((rng.choice(openers) + _fill(template, language, rng, {}), label))
    for text, label in _template_pairs(language, rng):
        pairs.append((text, label))
        pairs.append((rng.choice(openers) + text, label))
    return pairs


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

    def readings(self, draft: str) -> list[Reading]:
        """The reading of every clause of ``draft`` (and of each whole sentence of several clauses)."""
        pieces = [(piece, sent) for sent in sentences(draft) for piece in clauses(draft, sent)]
        labels = self.read([draft[p.start : p.end] for p, _ in pieces])
        return [Reading(label, prob, p, s) for (p, s), (label, prob) in zip(pieces, labels, strict=True)]


# clauses end at punctuation and before a reason ("..., da die Bestellung bereits verschickt wurde", "no podemos
# cancelarlo porque ya salió"): a refusal's reason states a status of its own
REASONS = r"(?:because|since|da|weil|parce que|car|puisque|porque|ya que|perché|poiché|já que)\s|因为|由于"
CLAUSE_CUT = re.compile(r"\s*(?:[,;:，；：]|\s[-–—]\s)\s*|\s+(?=" + REASONS + r")|(?=因为|由于)", re.IGNORECASE)
REASON = re.compile(REASONS, re.IGNORECASE)
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
    pairs = training_pairs()
    key = _content_key(name, pairs)
    with _LOCK:
        found = _READERS.get((owner, key))
        if found is None:
            model = _load(cache_dir, key) or _train(embed, pairs, cache_dir, key)
            found = _READERS[(owner, key)] = PolarityReader(model, embed)
        _KNOWN[(owner, name)] = found
    return found


def _content_key(name: str, pairs: list[tuple[str, str]]) -> str:
    return content_key(name, pairs, __file__)


def _load(cache_dir: Path | None, key: str) -> Any:
    return load_model(cache_dir, "claim_polarity", key, "claim reader")


def _train(embed: Embed, pairs: list[tuple[str, str]], cache_dir: Path | None, key: str) -> Any:
    from sklearn.linear_model import LogisticRegression

    texts = [text for text, _ in pairs]
    vectors = _normalised(np.asarray(embed(texts), dtype=np.float32))
    model = LogisticRegression(C=8.0, max_iter=3000, class_weight="balanced")
    model.fit(vectors, [label for _, label in pairs])
    save_model(cache_dir, "claim_polarity", key, model)
    return model


def reader_of(ctx: Any) -> PolarityReader | None:
    """The reader for a draft check's context, over the service's encoder (carried by the number-role reader or
    the tone classifier); None without a named encoder."""
    embed = getattr(getattr(ctx, "claim_reader", None), "embed", None)
    if embed is None:
        embed = getattr(getattr(getattr(ctx, "tone", None), "embedder", None), "embed", None)
    if _encoder_name(embed) is None:
        return None
    try:
        from assist.config import get_settings

        cache_dir: Path | None = get_settings().cache_dir
    except Exception:  # no settings (a library caller): memory only
        cache_dir = None
    return polarity_reader(embed, cache_dir)  # type: ignore[arg-type]


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def reader_claims(draft: str, claims: list[Claim], reader: PolarityReader | None) -> list[Claim]:
    """``claims`` with the reader's: a confident reading of a topic the rules read nothing of in its sentence is
    added; a very confident reading that contradicts a rule claim of its topic on the same clause replaces it."""
    if reader is None:
        return claims
    out = list(claims)
    for reading in reader.readings(draft):
        kind = KIND.get(reading.label)
        reason = reading.label.startswith("status:") and bool(REASON.match(reading.span.text))
        if kind is None or reading.probability < (REASON_FLOOR if reason else ADD_FLOOR):
            continue
        topic = reading.label.split(":", 1)[0]
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
    positive = {"can_cancel", "can_change_address", "can_return", "price_match", "price_adjust"}
    negative = {"cannot_cancel", "cannot_change_address", "cannot_return", "no_price_match", "no_price_adjust"}
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

    return reader_claims(draft, find_claims(draft), reader_of(ctx))


def place_claims(draft: str, ctx: Any, known: list[tuple[Claim, str]]) -> list[tuple[Claim, str]]:
    """Where the reader reads that the shop ships to a place, or does not ("we ship worldwide, including the
    USA"), in a clause naming a country the rule frames (``known``) did not read: the claim and the country.
    Each place gets the reading of its own part of the clause ("we only deliver within Canada | and can't ship to
    the United States"); a bare place in a list ("including the USA and Canada") takes the clause's."""
    reader = reader_of(ctx)
    if reader is None:
        return []
    found: list[tuple[Claim, str]] = []
    carried: dict[int, str] = {}  # per sentence: the reading of its last clause that says something of its own
    for reading in reader.readings(draft):
        shipping = reading.label in ("ship:granted", "ship:refused") and reading.probability >= ADD_FLOOR
        if reading.span == reading.sentence and len(clauses(draft, reading.sentence)) > 1:
            if shipping:  # its clauses are read one by one; the sentence's reading carries to bare lists
                carried[reading.sentence.start] = reading.label
            continue
        if not _bare(reading.span.text):
            if reading.label not in ("ship:granted", "ship:refused"):
                carried.pop(reading.sentence.start, None)  # a clause about something else ends the list
                continue
            carried[reading.sentence.start] = reading.label  # its likeliest reading, for the bare list after it
            if not shipping:
                continue
        elif reading.sentence.start not in carried:
            continue  # a list of places with no reading before it in its sentence
        last = carried[reading.sentence.start]  # a bare place continues the list it stands in
        for piece in LIST_CUT.split(reading.span.text):
            if not piece.strip():
                continue
            label = _piece_reading(reader, piece, last)
            last = label if label is not None and not _bare(piece) else last
            country = _shop_place(piece, ctx)
            if country is None or any(regions_country(c) == regions_country(country) for _, c in known + found):
                continue
            if label is None:
                continue
            kind = "ships_to" if label == "ship:granted" else "no_ship_to"
            found.append((Claim(kind, reading.span, reading.sentence), country))
    return found


def _bare(text: str) -> bool:
    """A list continuation: four words at most and no shipping word ("Liechtenstein and EU countries")."""
    from assist.quality.claim_frames import SHIP_VERB

    return len(text.split()) <= 4 and not SHIP_VERB.search(text)


def _piece_reading(reader: PolarityReader, piece: str, clause_label: str) -> str | None:
    """The shipping reading of one place's part of a clause: the clause's for a bare place (:func:`_bare`), else its
    own when the reader is sure of it, else none (the part says something the clause's reading may not)."""
    if _bare(piece):
        return clause_label
    label, probability = reader.read([piece.strip()])[0]
    if label in ("ship:granted", "ship:refused") and probability >= ADD_FLOOR:
        return label
    return None


def _shop_place(text: str, ctx: Any) -> str | None:
    from assist import regions
    from assist.quality.fact_scopes import place_for_shop

    order = getattr(ctx, "order", None)
    settings = getattr(ctx, "shop_settings", None) or {}
    home = regions.home_country(order.currency if order is not None else settings.get("currency"))
    return place_for_shop(text, [home, getattr(order, "shipping_country", None)])


def regions_country(code: str) -> str:
    from assist import regions

    return regions.country_of(code)


LIST_CUT = re.compile(r"\s+(?:and|und|et|y|e|i|ve|и|or|oder|ou|o)\s+|[,、，/&]|と|和|及")  # not "en": French "in"


def tracking_stated(ctx: Any, sentence: str) -> bool:
    """Whether the reader reads ``sentence`` as giving a tracking number ("운송장 번호는 ...입니다")."""
    reader = reader_of(ctx)
    if reader is None:
        return False
    label, probability = reader.read([sentence])[0]
    return label == "tracking:stated" and probability >= ADD_FLOOR
