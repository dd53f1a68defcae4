"""Which product class of the shop's facts an order item belongs to, by shared word stems (also the head of a
compound: "Kuppelzelt" is one of the "Zelte") or Han and kana terms; and whether an item falls under a phrase of
the return exclusions (:func:`matches_class`)."""

from __future__ import annotations

import re
import unicodedata

from assist.char_classes import UNSPACED_SCRIPTS
from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.return_conditions import policy_condition

_COMMON = frozenset({"items", "item", "marked", "artikel", "articles", "articoli", "artículos", "sizes"}) | frozenset(
    {"with", "and", "for", "the", "from", "und", "mit", "der", "die", "das", "les", "des", "con", "per"}
)


def product_class(slot: str, facts: PolicyFacts, order: Order | None, skus: list[str] | None = None) -> str | None:
    """The product class of ``slot``'s scoped facts that the order's items (or the named ones) belong to:
    a shared word stem of the class name and an item name ("LED devices" ~ "GLOW LED Mask"), or the class as
    the head of a compound item name ("Zelte" ~ "Kuppelzelt", "tafels" ~ "eettafel")."""
    if order is None:
        return None
    items = [i for i in order.items if not skus or i.sku in skus] or order.items
    for fact in facts.all(slot):
        name = fact.scope.product_class
        if name and any(
            _stem_words(name, 3) & _stem_words(i.name, 3)
            or _cjk_class(name, i.name)
            or _cjk_ends(name, i.name)
            or _unspaced_class(name, i.name)
            or _words_match(_stem_words(name, 4, full=True), _stem_words(i.name, 4, full=True))
            for i in items
        ):
            return name
    # Korean class names by their words ("체어·테이블" ~ "릴렉스 캠핑 체어"): only when one class alone fits (a tent's
    # poles and its fabric are two classes that both name the tent: the item does not tell which is meant)
    hangul = {f.scope.product_class for f in facts.all(slot) if f.scope.product_class}
    fitting = [c for c in hangul if any(_hangul_class(c, i.name) for i in items)]
    return fitting[0] if len(fitting) == 1 else None


_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{2,}")
_CLASS_PARTS = re.compile(r"[、,，・/／;；]|及|和|与|與|や|および")
_CLASS_TAIL = re.compile(r"(?:等|类|類|など|などの)(?:配件|商品|製品|产品)?$")


def _cjk_class(class_name: str, item_name: str) -> bool:
    """A Chinese or Japanese class name that names the item: one of its parts ("耳机、解码器、耳放") stands in
    the item's name ("K7 头戴式耳机"), or the item's head noun (the last character of a Han word: 音频线 -> 线)
    begins a part ("线材、耳塞套等配件": 线材, cables)."""
    plain = unicodedata.normalize("NFKC", item_name)
    words = _CJK_RUN.findall(plain)
    for part in _CLASS_PARTS.split(unicodedata.normalize("NFKC", class_name)):
        part = _CLASS_TAIL.sub("", part.strip())
        if len(part) < 2 or not _CJK_RUN.fullmatch(part):
            continue
        if part in plain or any(w[-1] == part[0] and not ("\u3040" <= w[-1] <= "\u30ff") for w in words):
            return True
    return False


_TERM_RUN = re.compile(r"[\u3400-\u9fff]{2,}|[\u30a0-\u30ff]{3,}")  # a Han word, a katakana word
_GENERIC_TAIL = re.compile(r"(?:商品|製品|产品|產品|品)$")


def _cjk_runs(name: str) -> list[str]:
    """The Han and katakana words of a class name, without a generic tail ("名入れ商品" -> 名入)."""
    runs = (_GENERIC_TAIL.sub("", r) for r in _TERM_RUN.findall(unicodedata.normalize("NFKC", name)))
    return [r for r in runs if len(r) >= 2]


def _cjk_ends(class_name: str, item_name: str) -> bool:
    """A Japanese or Chinese class name whose first and last terms both stand in the item's name: its head noun
    and what sets the class apart ("羽毛布団" names "羽毛掛け布団"; "オーダーメイド布団" names "オーダーメイド綿布団",
    not "羽毛掛け布団", which shares only the head 布団)."""
    plain = unicodedata.normalize("NFKC", item_name)
    for part in _CLASS_PARTS.split(unicodedata.normalize("NFKC", class_name)):
        runs = _cjk_runs(_CLASS_TAIL.sub("", part.strip()))
        if not runs:
            continue
        size = 3 if "\u30a0" <= runs[0][0] <= "\u30ff" else 2
        first, last = runs[0][:size], runs[-1][-(3 if "\u30a0" <= runs[-1][-1] <= "\u30ff" else 2) :]
        if first in plain and last in plain:
            return True
    return False


# Thai, Lao, Khmer and Burmese write a phrase without spaces between its words, so a class name's words are not
# found by word: a class name is its parts between spaces, commas and the word for "and" or "or" in those scripts
_UNSPACED_RUN = re.compile(rf"[{UNSPACED_SCRIPTS}]+")
_UNSPACED_PARTS = re.compile(r"\s+|[,、/;]|และ|หรือ|ແລະ|ຫຼື|និង|ឬ|နှင့်|နဲ့|သို့မဟုတ်")
UNSPACED_SHORTEST = 4  # a part of fewer characters is a syllable or two, shared by unrelated names


def _unspaced_class(class_name: str, item_name: str) -> bool:
    """A class name in a script written without word spaces (Thai, Lao, Khmer, Burmese) that names the item: one
    of its parts ("เสื้อการ์ด", "ถุงมือ" of "เสื้อการ์ดและถุงมือ") stands whole in the item's name ("ถุงมือขี่รถทัวริ่ง");
    a class of one longer phrase ("หมวกกันน็อกทำสีลายสั่งทำ", made-to-order helmets) names only items that hold all of
    it, not every helmet."""
    plain = unicodedata.normalize("NFC", item_name)
    for part in _UNSPACED_PARTS.split(unicodedata.normalize("NFC", class_name)):
        part = part.strip()
        if len(part) >= UNSPACED_SHORTEST and _UNSPACED_RUN.fullmatch(part) and part in plain:
            return True
    return False


_HANGUL_WORD = re.compile(r"[\uac00-\ud7af]{2,}")


def _hangul_class(class_name: str, item_name: str) -> bool:
    """A Korean class name that names the item: one of its words ("체어·테이블": 체어) stands in the item's name
    ("릴렉스 캠핑 체어"; also inside a compound: "돔텐트" holds 텐트)."""
    plain = unicodedata.normalize("NFC", item_name)
    return any(word in plain for word in _HANGUL_WORD.findall(unicodedata.normalize("NFC", class_name)))


def _stem_words(text: str, shortest: int = 4, full: bool = False) -> set[str]:
    # a script without word spaces has no words to stem (its vowel signs would cut a word into syllables that many
    # names share): its class names are read by their parts (:func:`_unspaced_class`)
    plain = _UNSPACED_RUN.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    words = {w if full else w[:5] for w in re.findall(rf"[^\W\d_]{{{shortest},}}", plain)} - _COMMON
    words |= set(re.findall(r"[\u3040-\u30ff\u3400-\u9fff]{2,}", plain))
    return words


_SEALED = re.compile(
    r"\bsealed|unopened|versiegelt|originalverpackt|scellé|sellad|precintad|lacrad|sigillat|未開封|未拆封|全新",
    re.IGNORECASE,
)
_CJK_MODIFIER = re.compile(r"^.*[的の]")  # 已拆封的茶葉 -> 茶葉: the class's head noun
_CJK_STOP = frozenset({"商品", "的茶", "の商", "产品", "製品"})


_PLURAL = re.compile(r"(?:en|es|er|e|n|s)$")


def _names_word(name: str, word: str) -> bool:
    """Whether ``name`` holds ``word`` or its singular ("Mystery Box" holds "boxes")."""
    stem = _PLURAL.sub("", word) if len(word) >= 5 else word
    if re.search(rf"(?<![^\W\d_]){re.escape(stem)}", unicodedata.normalize("NFKC", name).casefold()):
        return True
    return _words_match(_stem_words(name, 4, full=True), {word})  # "cadeaux" ~ "cadeau"


def _words_match(a: set[str], b: set[str]) -> bool:
    """A shared word: equal, one a prefix of the other (vélo ~ vélos), the same first five letters, or the
    head of a compound (Kletterseil ~ Seile, Trekkingrucksack ~ Rucksäcke: the shorter word, without a
    plural ending, ends the longer one after at least three letters)."""
    for x in a:
        for y in b:
            if x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x) or x[:5] == y[:5])):
                return True
            short, long = (x, y) if len(x) <= len(y) else (y, x)
            head = _PLURAL.sub("", short) if len(short) >= 5 else short
            if len(head) >= 4 and len(long) - len(head) >= 3 and long.endswith(head):
                return True
    return False


def cjk_terms(text: str) -> set[str]:
    """Shared-term probes: pairs of Han characters, and runs of three kana (two kana say too little:
    ウールカーディガン and セール品 share ール)."""
    plain = unicodedata.normalize("NFKC", text)
    han = re.findall(r"[\u3400-\u9fff]{2,}", plain)
    kana = re.findall(r"[\u3040-\u30ff]{3,}", plain)
    grams = {r[i : i + 2] for r in han for i in range(len(r) - 1)}
    grams |= {r[i : i + 3] for r in kana for i in range(len(r) - 2)}
    return grams - _CJK_STOP


def _matches_class(item_name: str, item_sku: str, phrase: str) -> bool:
    from assist.replies import item_category, load_exclusions

    item_words, phrase_words = _stem_words(item_name, 4, full=True), _stem_words(phrase, 4, full=True)
    if _words_match(item_words, phrase_words):
        # A two-word English compound names its class by both words: "gift cards" is no "card sleeves".
        compound = (
            phrase.isascii()
            and len(phrase.split()) == 2
            and len(phrase_words) == 2
            and policy_condition(phrase) is None
        )
        return not compound or all(_names_word(item_name, w) for w in phrase_words)
    if cjk_terms(item_name) & cjk_terms(phrase):
        # a phrase of several words (a katakana or Han word before its head noun: "オーダーメイド布団") names an
        # item that has both ends of it, not one that shares only the head ("羽毛掛け布団")
        # (a phrase of a condition, "一度でも研いだ包丁", names its class by the head alone)
        bare = _CJK_MODIFIER.sub("", phrase)
        if policy_condition(phrase) is not None or len(_cjk_runs(phrase)) < 2:
            return True
        if _cjk_ends(phrase, item_name) or _cjk_ends(bare, item_name):
            return True
    if _cjk_class(_CJK_MODIFIER.sub("", phrase), item_name):  # 已拆封的茶葉 (opened tea) names 大禹嶺高冷茶
        return True
    if _unspaced_class(phrase, item_name):
        return True
    category = item_category(item_name, item_sku)
    keywords = load_exclusions()["categories"].get(category or "", [])
    return category not in (None, "not_goods") and any(k.casefold() in phrase.casefold() for k in keywords)
