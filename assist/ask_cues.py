"""The cue lines of ask reading (``assist/resources/asks.yaml``): the topics a piece's words name, questions,
follow-ups, payment-method words; and the text side of asks: sentences, clauses, and the order items a piece
names. Used by :mod:`assist.asks`, which splits a turn into asks."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assist.char_classes import UNSPACED_SCRIPTS
from assist.models import Order
from assist.places import MARKED_SCRIPTS

RESOURCE = Path(__file__).parent / "resources" / "asks.yaml"
# a run of sentence marks ends a sentence ("!!", "?!", "..."); a full stop between digits does not ("19.9", "1.5 kg");
# the Arabic-script question mark and full stop (؟ ۔), the Ethiopic (። ፧), Burmese (။), Armenian (։), Devanagari and
# Bengali (। ॥), Khmer (។) and Tibetan (།) full stops and question marks end one too; Greek
# asks with ";" (its question mark, U+037E or the semicolon it is typed as) after a Greek letter, or before a Greek
# letter after any word ("η παραγγελία 1074; Και ...")
_MARKS = "!?。！？\u037e\u061f\u06d4\u1362\u1367\u104b\u0589\u0964\u0965\u17d4\u0f0d"
_SENTENCE_END = re.compile(
    rf"(?<=[{_MARKS}])(?![{_MARKS}.])\s*|(?<=\.)(?![.{_MARKS}\d])\s*|(?<=[\u0370-\u03ff];)\s+"
    r"|(?<=[\w)];)\s+(?=[\u0370-\u03ff])|\n+"
)
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|No|Nr|ca|z\.B|e\.g|i\.e|bzw|etc|approx|Mr|Mrs|Dr)\.$", re.IGNORECASE)
_STOPWORDS = frozenset(
    "with from pack pcs piece pieces set size color colour black white grey gray blue green small large medium "
    "for the and mit und der die das für avec pour les des con para los las com per della".split()
)


def _as_read(pattern: str) -> str:
    """``pattern`` as the NFKC text it is matched against: Thai and Lao letters change under NFKC (ทำ: SARA AM
    splits in two), every other character is kept (NFKC would turn a fullwidth "？" into the quantifier "?")."""
    return "".join(unicodedata.normalize("NFKC", c) if "\u0e00" <= c <= "\u0eff" else c for c in pattern)


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_as_read(RESOURCE.read_text(encoding="utf-8")))
    return {
        "topics": {
            name: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
            for name, patterns in data["topics"].items()
        },
        "from_intent": data["from_intent"],
        "questions": re.compile("|".join(f"(?:{p})" for p in data["questions"]), re.IGNORECASE),
        "clause_split": [re.compile(p, re.IGNORECASE) for p in data["clause_split"]],
        "follow_ups": re.compile("|".join(f"(?:{p})" for p in data["follow_ups"]), re.IGNORECASE),
        "how_long": re.compile("|".join(f"(?:{p})" for p in data["how_long"]), re.IGNORECASE),
        "done": re.compile("|".join(f"(?:{p})" for p in data["done"]), re.IGNORECASE),
        "no_topic": re.compile("|".join(f"(?:{p})" for p in data["no_topic"]), re.IGNORECASE),
        "own_mistake": re.compile("|".join(f"(?:{p})" for p in data["own_mistake"]), re.IGNORECASE),
        "payment_methods": {
            kind: re.compile("|".join(f"(?:{p})" for p in words), re.IGNORECASE)
            for kind, words in data["payment_methods"].items()
        },
    }


def topic_names() -> list[str]:
    return [*_rules()["topics"], "other"]


def topics_of(text: str, intent: str | None = None) -> list[str]:
    """Every topic whose pattern matches ``text``, in priority order; else the intent's topic."""
    return list(_topics_of(text, intent))


@lru_cache(maxsize=8192)  # the topic patterns were ~19% of a card's CPU: re-sent conversations match once
def _topics_of(text: str, intent: str | None) -> tuple[str, ...]:
    rules = _rules()
    plain = unicodedata.normalize("NFKC", text)
    found = [name for name, pattern in rules["topics"].items() if pattern.search(plain)]
    if "refund" in found:  # "when does the refund arrive?": the money's arrival, not the parcel's transit
        found = [name for name in found if name != "shipping_time"]
    if "wrong_item" in found and rules["own_mistake"].search(plain):  # "I ordered the wrong size": a change of mind
        found = [name for name in found if name != "wrong_item"]
    if not found and intent in rules["from_intent"]:
        found = [rules["from_intent"][intent]]
    return tuple(found)


_LEADING_MARKS = re.compile(r"^[\s¿¡\"'“”„«»「『(\-–—•*]+")


def is_question(text: str) -> bool:
    return bool(_rules()["questions"].search(_LEADING_MARKS.sub("", unicodedata.normalize("NFKC", text).strip())))


@lru_cache(maxsize=2048)
def payment_kinds(text: str) -> frozenset[str]:
    """The kinds of payment method ``text`` names ("contrassegno", "Nachnahme" -> cash_on_delivery)."""
    plain = unicodedata.normalize("NFKC", text)
    kinds = _rules()["payment_methods"].items()
    found = {kind for kind, pattern in kinds if kind != "card" and pattern.search(plain)}
    if not found and _rules()["payment_methods"]["card"].search(plain):
        found.add("card")  # "carte cadeau", "tarjeta regalo" are gift cards, not cards
    return frozenset(found)


def own_mistake(text: str) -> bool:
    """The buyer says they chose the wrong thing themselves ("I ordered the wrong size", "me equivoqué de color"): no
    report of a wrong item the shop sent (``asks.yaml``: ``own_mistake``)."""
    return bool(_rules()["own_mistake"].search(unicodedata.normalize("NFKC", text)))


def asks_no_topic(text: str) -> bool:
    """A piece about something no topic answers: an invoice, how or with what to pay (``asks.yaml``: ``no_topic``,
    and the payment-method words): no learned reader or intent gives it a topic ("Can I pay cash on delivery?")."""
    plain = unicodedata.normalize("NFKC", text)
    return bool(_rules()["no_topic"].search(plain)) or "cash_on_delivery" in payment_kinds(text)


def is_follow_up(text: str) -> bool:
    """A question that asks nothing new ("What should I do?", "Geht das noch?"): it belongs to the ask before."""
    return bool(_rules()["follow_ups"].search(_LEADING_MARKS.sub("", unicodedata.normalize("NFKC", text).strip())))


def reports_done(text: str) -> bool:
    """The buyer reports a cancellation or return they already made ("I cancelled it", "devolvi o maiô")."""
    return bool(_rules()["done"].search(unicodedata.normalize("NFKC", text)))


def asks_how_long(text: str) -> bool:
    """A bare "how long does it take?" (``asks.yaml``: ``how_long``)."""
    return bool(_rules()["how_long"].search(_LEADING_MARKS.sub("", unicodedata.normalize("NFKC", text).strip())))


# Thai, Lao, Khmer and Burmese write no space between words: a space between two of their letters ends a phrase
# or sentence (they rarely use "?" or "."), so it splits like a sentence mark ("ส่งไปได้ไหม ใช้เวลากี่วัน")
_SCRIPT_SPACE = re.compile(rf"(?<=[{UNSPACED_SCRIPTS}])\s+(?=[{UNSPACED_SCRIPTS}])")
# ...but a Thai phrase of question and polite particles alone ("ได้ไหมคะ", "หรือเปล่าครับ") ends the phrase before it
_THAI_TAIL = re.compile(
    "^(?=.)(ทำ|ทํา)?(ได้|บ้าง)?(ไหม|มั้ย|มั๊ย|หรือเปล่า|รึเปล่า|หรือไม่|หรือยัง|เท่าไหร่|เท่าไร)?(คะ|ค่ะ|ครับ|ครับผม|นะ|จ้ะ|จ้า|คับ)*$"
)


def sentences(text: str) -> list[str]:
    """Sentences of ``text`` (any script); abbreviations such as "No." do not end one."""
    pieces: list[str] = []
    carry = ""
    parts = [p for part in _SENTENCE_END.split(text) for p in _script_phrases(part)]
    for part in parts:
        part = part.strip()
        if not part:
            continue
        part = f"{carry} {part}".strip() if carry else part
        if _ABBREVIATION.search(part):
            carry = part
            continue
        carry = ""
        pieces.append(part)
    if carry:
        pieces.append(carry)
    return pieces


def _script_phrases(text: str) -> list[str]:
    """``text`` split at the spaces that end a phrase in a script without word spaces (Thai...); a phrase of
    particles alone stays with the phrase before it."""
    phrases: list[str] = []
    for phrase in _SCRIPT_SPACE.split(text):
        if phrases and _THAI_TAIL.match(phrase.strip()):
            phrases[-1] = f"{phrases[-1]} {phrase.strip()}"
        else:
            phrases.append(phrase)
    return phrases


def clauses(sentence: str) -> list[str]:
    """A sentence split where a conjunction starts another question ("..., and will I pay duties?")."""
    parts = [sentence]
    for pattern in _rules()["clause_split"]:
        parts = [p.strip(" ,;、，") for part in parts for p in pattern.split(part) if p and p.strip(" ,;、，")]
    out: list[tuple[int, int]] = []  # spans in ``sentence``: every part is a substring of it, in order
    cursor = 0
    for part in parts:
        start = sentence.find(part, cursor)
        if start < 0:  # not expected; keep the part as it is
            return parts
        cursor = start + len(part)
        if out and _bare(part):  # a bare question word or mark ("..., and when?") stays with the clause before
            out[-1] = (out[-1][0], cursor)
        else:
            out.append((start, cursor))
    return [sentence[a:b] for a, b in out]


def _bare(part: str) -> bool:
    """A clause too small to ask anything on its own: no letters, or one word (two Han/kana characters)."""
    letters = re.findall(r"[^\W\d_]+", part)
    if not letters:
        return True
    wide = sum(len(w) for w in letters if re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", w))
    return len(letters) == 1 and (wide <= 2 if wide else True)


# a letter, or a vowel sign or virama of a script that writes them as marks after the letter (Devanagari to Sinhala,
# Thai, Lao, Myanmar, Khmer): "स्मार्टवॉच" is one word, not the letters between its marks
_LETTER = rf"(?:[^\W\d_]|[{MARKED_SCRIPTS}])"
_ITEM_WORD = re.compile(rf"{_LETTER}{{4,}}")


def _item_words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKC", name).casefold()
    words = [w for w in _ITEM_WORD.findall(plain) if w not in _STOPWORDS]
    cjk = re.findall(r"[\u3040-\u30ff\u3400-\u9fff]{2,}", plain)
    return words + cjk


def items_named(text: str, order: Order | None) -> list[str]:
    """SKUs of the order lines whose name (a distinctive word of it) or SKU the text mentions."""
    if order is None:
        return []
    from assist.answers import cjk_terms

    plain = unicodedata.normalize("NFKC", text).casefold()
    text_terms = cjk_terms(text)
    # a word several of the order's items share ("watch" of a wrist watch and a smartwatch) names none of them
    counts = Counter(w for item in order.items for w in set(_item_words(item.name)))
    named = []
    for item in order.items:
        if text_terms & cjk_terms(item.name):  # 水着 ~ ワンピース水着
            named.append(item.sku)
            continue
        sku = item.sku.casefold()
        words = [w for w in _item_words(item.name) if counts[w] < 2]
        if (
            (len(sku) >= 3 and re.search(rf"(?<![\w-]){re.escape(sku)}(?![\w-])", plain))
            or any(re.search(rf"(?<!{_LETTER}){re.escape(w[:-1] if len(w) > 5 else w)}", plain) for w in words)
            or _compound_head(plain, words)
        ):
            named.append(item.sku)
    return named


def _compound_head(plain: str, item_words: list[str]) -> bool:
    """A word of the text that ends a compound of the item name (Kartusche ~ Gaskartusche, Seil ~ Kletterseil)."""
    for word in set(_ITEM_WORD.findall(plain)) - _STOPWORDS:
        head = word[:-1] if len(word) > 5 and word[-1] in "ens" else word
        if any(len(w) - len(head) >= 3 and w.endswith(head) for w in item_words):
            return True
    return False
