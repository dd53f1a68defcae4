"""The generated sentences the claim reader (:mod:`assist.quality.claim_polarity`) is trained on: the frames of
``resources/claim_readings.yaml`` (the 8 template languages and ko, nl, pl, ru, tr; slots filled with made-up items,
places, numbers) and the product's own reply templates (``assist/resources/replies/**``, template languages only)
with the reading each states, each with a few openers. No shop's drafts: a test checks the frames copy no fixture
shop's items.

Each frame and each reply template draws its made-up values and openers from a generator of its own, seeded by a
digest of its language and words (:func:`_rng`): adding a template adds its own sentences and leaves every other
sentence as it was, so the reader learns from the same sentences as before plus the new ones."""

from __future__ import annotations

import hashlib
import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RESOURCE = Path(__file__).parent / "resources" / "claim_readings.yaml"
# frames in languages the first encoder does not read: only the second encoder's reader learns them
WIDE_RESOURCE = Path(__file__).parent / "resources" / "claim_readings_wide.yaml"
REPLIES = Path(__file__).resolve().parents[1] / "resources" / "replies"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ja", "zh")
# languages the encoder reads that have no reply templates: their sentences come from the frames alone, so that a
# draft written in the buyer's language (any the encoder covers) is read from examples of its own language too
FRAME_LANGUAGES = (*LANGUAGES, "ko", "nl", "pl", "ru", "tr")
# languages the first encoder does not read, with frames of their own for the second encoder's reader
WIDE_LANGUAGES = tuple("sv da nb fi cs sk hu ro uk vi id hr bg el sl lt lv et he hi".split())  # hr: sr, bs too
NONE = "none"

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
TEMPLATE_FILLINGS = 3  # fillings of each reply template (the frames: ``fillings``, three by default)
PLACES = ("US", "CA", "BR", "JP", "AU", "NO", "MX", "KR", "ZA", "IN")
CARRIERS = ("DHL", "UPS", "GLS", "FedEx", "Hermes")
# syllables of made-up carrier names: half the carrier slots take one, so that "sent with <a carrier the reader has
# never seen>" reads as shipped, not as the delivered frames' courier (measured: "Pakken ble sendt med Posten i går"
# read delivered 0.98, the same sentence with DHL shipped 1.00)
CARRIER_SYLLABLES = ("ka", "lo", "mir", "tes", "vo", "dar", "pen", "ru", "sal", "bex", "no", "tri", "zan", "gol", "ef")


def made_up_carrier(rng: random.Random) -> str:
    """A carrier name no language has ("Voteslo", "Bexnoka")."""
    return "".join(rng.choice(CARRIER_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


@lru_cache(maxsize=1)
def _frames() -> dict[str, Any]:
    """Both frame files as one: classes and slots by language."""
    data: dict[str, Any] = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))
    wide = yaml.safe_load(WIDE_RESOURCE.read_text(encoding="utf-8"))
    for section in ("classes", "slots"):
        for key, by_language in wide[section].items():
            data[section].setdefault(key, {}).update(by_language)
    return data


def _rng(*parts: str) -> random.Random:
    """A generator of its own for one frame or template: seeded by a digest of ``parts`` (stable across runs and
    processes, unlike ``hash()``), so no other template's values shift when one is added or removed."""
    digest = hashlib.sha256("\x1f".join(("claim-reader", *parts)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


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
            return rng.choice(CARRIERS) if rng.random() < 0.5 else made_up_carrier(rng)
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


def _template_pairs(language: str, fillings: int = 1) -> list[tuple[str, str, random.Random]]:
    """The product's own reply sentences in ``language`` with the reading each states (``none`` for the rest), each
    template filled ``fillings`` times, with the generator of its template (by key) that filled it, for the opener
    drawn after it."""
    pairs: list[tuple[str, str, random.Random]] = []
    answers = yaml.safe_load((REPLIES / "answers" / f"{language}.yaml").read_text(encoding="utf-8"))
    words = {"units": answers.get("units") or {}}
    methods = (answers.get("words") or {}).get("refund_method") or {}
    for key, entry in (answers.get("sentences") or {}).items():
        if AMBIGUOUS.match(key):
            continue
        rng = _rng(language, "answers", key)
        for template in [t for t in _texts(entry) for _ in range(fillings)]:
            if key == "refund_method":
                for method, label in (("store_credit", "refund:credit"), ("voucher", "refund:credit")):
                    filled = _fill(template, language, rng, {**words, "method": methods.get(method)})
                    pairs.append((filled, label, rng))
                for method in ("original_payment_method", "bank_transfer"):
                    filled = _fill(template, language, rng, {**words, "method": methods.get(method)})
                    pairs.append((filled, "refund:payment", rng))
                continue
            pairs.append((_fill(template, language, rng, words), ANSWER_KEYS.get(key, NONE), rng))
    replies = yaml.safe_load((REPLIES / f"{language}.yaml").read_text(encoding="utf-8"))
    for key, entry in (replies.get("phrases") or {}).items():
        if AMBIGUOUS.match(key):
            continue
        rng = _rng(language, "phrases", key)
        for template in [t for t in _texts(entry) for _ in range(fillings)]:
            pairs.append((_fill(template, language, rng, words), PHRASE_KEYS.get(key, NONE), rng))
    return [(text, label, rng) for text, label, rng in pairs if text]


def training_pairs(wide: bool = False) -> list[tuple[str, str]]:
    """The generated pairs; ``wide``: with the frames of the languages the first encoder does not read."""
    return list(_training_pairs(wide))


@lru_cache(maxsize=2)
def _training_pairs(wide: bool) -> tuple[tuple[str, str], ...]:
    """Every generated (sentence, reading) pair: frames x slot values x openers, and the filled reply templates.
    ``wide`` (the second encoder, about 15x slower to train): the frames of the languages the first encoder does
    not read, three fillings each, and every other language's frames and reply templates filled once."""
    if not wide:
        return tuple(dict.fromkeys(pair for language in FRAME_LANGUAGES for pair in language_pairs(language)))
    pairs = [pair for language in WIDE_LANGUAGES for pair in language_pairs(language)]
    pairs += [pair for language in FRAME_LANGUAGES for pair in language_pairs(language, fillings=1, openers=False)]
    return tuple(dict.fromkeys(pairs))


def language_pairs(language: str, fillings: int = 3, openers: bool = True) -> list[tuple[str, str]]:
    """The generated (sentence, reading) pairs of one language (the bench leaves one language out with these):
    each frame ``fillings`` times, and the reply templates (again with an opener where ``openers``). Every frame
    and template fills from its own generator (:func:`_rng`)."""
    frames = _frames()
    opening = frames["slots"]["opener"][language]
    pairs: list[tuple[str, str]] = []
    for label, by_language in frames["classes"].items():
        for template in by_language.get(language) or []:
            rng = _rng(language, label, template)
            for _ in range(fillings):
                pairs.append((rng.choice(opening) + _fill(template, language, rng, {}), label))
    # each reply template three times (once where the frames are filled once), so that no one draw of made-up values
    # decides what the reader learns from a template
    templates = _template_pairs(language, min(fillings, TEMPLATE_FILLINGS)) if language in LANGUAGES else []
    for text, label, rng in templates:
        pairs.append((text, label))
        if openers:
            pairs.append((rng.choice(opening) + text, label))
    return pairs
