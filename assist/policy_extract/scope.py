"""Scope of a policy statement: the region, payment method, customer group or product class it is about.

Regions are found with a gazetteer: country names in the 8 policy languages and the buyers' other languages
(``assist.country_names.BUYER_LANGUAGES``) from CLDR (babel), plus
group and area words (EU, overseas, domestic, mainland, islands) from the one gazetteer,
``resources/regions.yaml`` (``region_words``, ``not_regions``; also read by :mod:`assist.regions`).
Coordinated names ("Japan, China and Brazil", "Belgique, Luxembourg", "北海道・沖縄") become one
region phrase, kept in the shop's own words.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assist.country_names import BUYER_LANGUAGES, MORE_LANGUAGES
from assist.policy_extract.cues import resource

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ja", "zh")
REGIONS_FILE = Path(__file__).resolve().parent.parent / "resources" / "regions.yaml"  # shared with assist.regions
_JOINERS = (
    r"(?:\s*(?:,|、|・|·|/|&|和|及|与|und|and|et|y|e|ou|or|oder|o)\s*"
    r"|\s+(?:and|und|et|y|e|ou|or|oder|o|and the|und die)\s+)"
)
_NOT_JOINERS = frozenset({"at", "in"})  # CLDR's "and" in Tagalog and Slovenian, English prepositions too


@lru_cache(maxsize=1)
def _joiners() -> re.Pattern[str]:
    """What joins two place names into one place phrase: :data:`_JOINERS`, and the word for "and" in every language
    the gazetteer reads, as CLDR's list patterns write it ("Færeyjar og Grænland", "Singapura dan Brunei")."""
    from babel import Locale

    from assist.country_names import MORE_LANGUAGES

    words: set[str] = set()
    for language in (*LANGUAGES, *BUYER_LANGUAGES, *MORE_LANGUAGES):
        patterns = Locale.parse(language).list_patterns.get("standard", {})
        for part in ("2", "end"):
            pattern = str(patterns.get(part, ""))
            if "{0}" in pattern and "{1}" in pattern:
                word = pattern.split("{0}")[1].split("{1}")[0].strip(" ,")
                if re.fullmatch(r"[^\W\d_]+", word) and word.casefold() not in _NOT_JOINERS:
                    words.add(word)
    spoken = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"{_JOINERS}|\s+(?:{spoken})\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _regions_data() -> dict[str, Any]:
    return yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def region_names() -> list[str]:
    """Every region word the gazetteer knows, longest first."""
    from babel import Locale

    names: set[str] = set()
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if code.isalpha() and len(code) == 2 and len(name) >= 2:
                names.add(name)
    for lang in BUYER_LANGUAGES:  # a policy in any language names countries in it ("Duitsland", "캐나다", "Польша")
        for code, name in Locale.parse(lang).territories.items():
            # a short Latin word is often an ordinary word in another language; a short Hangul or Cyrillic name is not
            shortest = 5 if re.fullmatch(r"[A-Za-zÀ-ÿ' .-]+", name) else 2
            if code.isalpha() and len(code) == 2 and len(name) >= shortest:
                names.add(name)
    for words in _regions_data().get("region_words", {}).values():
        names.update(words)
        names.update(_capitalised())
    names.update(_regions_data().get("aliases", {}))  # the names CLDR does not give ("Great Britain", "Holland")
    names.update(_place_words())
    names = {n for n in names if n.casefold() not in {w.casefold() for w in _regions_data().get("not_regions", [])}}
    return sorted(names, key=len, reverse=True)


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Region words for places inside a country (``resources/places.yaml``): macro-region words ("Sudeste",
    "Centro-Oeste", "関東", "华东") and the words for remote or island areas ("離島", "偏远地区", "remote areas"),
    only the distinctive ones: a short Latin word ("Sul", "Nord") is read only beside another one ("Norte e
    Nordeste", see :func:`regions_in`), and one lower-case Latin word ("islands") never alone."""
    from assist import places

    words: set[str] = set()
    for macros in places.data()["macro_regions"].values():
        for macro in macros.values():
            words.update(w for w in macro["words"] if not _short(w))
    for group in _regions_data().get("groups", []):  # "Mercosul", "Benelux", "Nordics", "中南米": groups of countries
        if all("-" not in str(p) for p in group["places"]):  # a group of provinces ("江浙沪") is no destination
            words.update(w for w in group["words"] if len(w) >= 4 or places.CJK.search(w))
    for flag_words in places.data()["flag_words"].values():
        words.update(w for w in flag_words if places.CJK.search(w) or (" " in w and len(w) >= 9))
    return frozenset(words)


def _short(word: str) -> bool:
    from assist import places

    return not places.CJK.search(word) and len(word) < 7 and " " not in word


@lru_cache(maxsize=1)
def _short_macro_before() -> re.Pattern[str]:
    """A short macro-region word and a joiner just before a region word ("Norte e " before "Nordeste")."""
    from assist import places

    macros = [m for country in places.data()["macro_regions"].values() for m in country.values()]
    short = {w for m in macros for w in m["words"] if _short(w)}
    alts = "|".join(re.escape(w) for w in sorted(short, key=len, reverse=True))
    joiner = r"\s*(?:,|/|&|\s(?:e|y|and|und|et|ed|o|ou)\s)\s*(?:(?:o|a|the|il|la|el|le)\s+)?$"
    return re.compile(rf"(?<![\w-])(?:{alts}){joiner}")


@lru_cache(maxsize=1)
def _capitalised() -> frozenset[str]:
    """Lower-case region words as a heading or sentence begins with them ("Worldwide delivery"): read only there
    ("Royal Mail International Tracked" names a service)."""
    words = {w for ws in _regions_data().get("region_words", {}).values() for w in ws}
    return frozenset(w[:1].upper() + w[1:] for w in words if w[:1].islower()) - words


@lru_cache(maxsize=1)
def _region_pattern() -> re.Pattern[str]:
    # a German name written with "ss" is also written with "ß" ("Grossbritannien", "Großbritannien")
    alts = "|".join(re.escape(n).replace("ss", "(?:ss|ß)") for n in region_names())
    # Latin names need word boundaries; CJK names do not have them.
    # A Hangul name starts a word ("이란" in "반품이란" is no Iran); the particle after it is joined ("미국으로").
    return re.compile(rf"(?<![A-Za-zÀ-ÿ\uac00-\ud7a3])(?:{alts})(?:s|n)?(?![A-Za-zÀ-ÿ])")


@lru_cache(maxsize=1)
def carrier_pattern() -> re.Pattern[str]:
    words = sorted(resource()["carriers"], key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(w) for w in words) + r")(?![A-Za-z])")


# A legal-form suffix after a place name makes it part of a company's name ("… Hungary Kft.", "… Polska Sp. z o.o.",
# "… Deutschland GmbH"): the company, not a place.
_COMPANY = re.compile(
    r"\s+(?:Kft|Zrt|Nyrt|Bt|GmbH|AG|KG|Ltd|Limited|LLC|Inc|PLC|S\.A|S\.A\.S|S\.L|S\.p\.A|S\.r\.l|SRL|B\.V|N\.V|"
    r"Sp\. z o\.o|s\.r\.o|a\.s|d\.o\.o|A/S|ApS|AB|AS|Oy|Oyj|OÜ|UAB|SIA|EOOD|OOD|ΑΕ|Α\.Ε|ΕΠΕ|ΙΚΕ|Ltda|A\.Ş)(?![\w])"
)


_CAPITALISED_WORD = re.compile(r"(?<!\w)[^\W\d_a-zà-ÿα-ωά-ώа-я]\w{3,}")
_NAME_DROPPED = 2  # letters of the name an inflected form may change ("Polska" -> "Polski", "Κύπρος" -> "Κύπρο")
_NAME_ENDING = 4  # letters it may add ("Magyarország" -> "Magyarországon", "Ελλάδα" -> "Ελλάδας")


def _inflected_names(text: str) -> list[tuple[int, int]]:
    """Country names as a language without full word lists inflects them ("Magyarországon", "Κύπρο", "Polski"), read
    in a text written in that language (fastText) against the country names CLDR writes in it: a capitalised word
    that keeps all but the last two letters (and four or more) of a one-word name of five letters or more, and adds at
    most four."""
    from assist.policy_extract.coverage import cue_languages, detected_language

    words = list(_CAPITALISED_WORD.finditer(text))
    if not words:
        return []
    language = detected_language(text).replace("-", "_").split("_")[0]
    if language in cue_languages() or language in ("", "und"):
        return []
    names = _names_in(language)
    out = []
    for m in words:
        before = re.search(r"(\w+)\s+$", text[max(0, m.start() - 40) : m.start()])
        if before and before.group(1)[0].isupper():
            continue  # a capitalised word before it: one proper name ("Почта России", "Posta Română"), no place
        word = m.group(0).casefold()
        for name in names:
            shared = len(os.path.commonprefix([word, name]))
            # an ending in "s" makes a name an adjective ("Nederlandse", "Belgische"), a genitive ("Sveriges") or a
            # word of its own: no place
            adjective = word[shared:].startswith("s") and not name[shared:].startswith("s")
            if shared >= max(4, len(name) - _NAME_DROPPED) and len(word) - shared <= _NAME_ENDING and not adjective:
                out.append((m.start(), m.end()))
                break
    return out


@lru_cache(maxsize=64)
def _names_in(language: str) -> tuple[str, ...]:
    """The one-word country names (folded) CLDR writes in ``language``."""
    from babel import Locale, UnknownLocaleError

    try:
        territories = Locale.parse({"no": "nb"}.get(language, language)).territories
    except (UnknownLocaleError, ValueError):
        return ()
    named = {n.casefold() for c, n in territories.items() if c.isalpha() and len(c) == 2 and " " not in n}
    return tuple(sorted(n for n in named if len(n) >= 5))


@lru_cache(maxsize=32)
def _more_pattern(language: str, declared: bool = False) -> re.Pattern[str] | None:
    """The country names CLDR writes in ``language``, one of the languages shops write beyond the buyers'
    (``country_names.MORE_LANGUAGES``: "Црна Гора", "Færeyjar"), or any language CLDR names countries in where it is
    the document's own (``declared``: "Nijar", "Kamaru" in Hausa, "Iwerddon" in Welsh), five letters or more as the
    gazetteer reads them; read in a text written in that language only (the Icelandic "Indland" is India, the Danish
    "indland" home)."""
    from babel import Locale, UnknownLocaleError

    if language not in MORE_LANGUAGES and not declared:
        return None
    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return None
    names = {name for code, name in territories.items() if code.isalpha() and len(code) == 2 and len(name.strip()) >= 5}
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alts})(?:s|n)?(?![^\W\d_])") if alts else None


def _more_names(text: str) -> list[tuple[int, int]]:
    """Spans of the country names of the text's language where it is one of ``MORE_LANGUAGES``, or any language that
    is the document's own (:func:`.values.written_in`): the document's language (:func:`.values.text_language`), else
    the detector's reading of the text."""
    from assist.policy_extract.values import _declared, text_language

    language = (text_language(text) or "").replace("-", "_")
    pattern = _more_pattern(language) or _more_pattern(language.split("_")[0])
    if pattern is None and _declared() and language.split("_")[0] == _declared():  # a document in any language
        pattern = _more_pattern(language.split("_")[0], declared=True)
    return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern is not None else []


def regions_in(text: str) -> list[tuple[int, int, str]]:
    """Region phrases (start, end, text) in ``text``; neighbouring names joined by lists become one."""
    merged: list[tuple[int, int]] = []
    for start, end in _region_hits(text):
        gap = text[merged[-1][1] : start] if merged else None
        # "欧盟境内": two names with nothing between them are one place phrase
        if merged and (gap == "" or _joiners().fullmatch(gap or "")):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [(s, e, text[s:e]) for s, e in merged]


def region_names_in(text: str) -> list[tuple[int, int, str]]:
    """Each region name in ``text`` on its own (start, end, text): "Nederland en België" as two names, where
    :func:`regions_in` reads one place phrase."""
    return [(s, e, text[s:e]) for s, e in _region_hits(text)]


def _region_hits(text: str) -> list[tuple[int, int]]:
    masked = carrier_pattern().sub(lambda m: "#" * len(m.group(0)), text)
    hits = [
        (m.start(), m.end())
        for m in _region_pattern().finditer(masked)
        if (m.group(0) not in _capitalised() or not re.search(r"[^\W_]|#", masked[: m.start()].split(". ")[-1]))
        and not _COMPANY.match(masked, m.end())
    ]
    hits += [h for h in _more_names(masked) if not any(s < h[1] and h[0] < e for s, e in hits)]
    named = [h for h in _inflected_names(masked) if not _COMPANY.match(masked, h[1])]
    hits += [h for h in named if not any(s < h[1] and h[0] < e for s, e in hits)]
    hits = sorted(hits + [h for h in _demonyms(masked) if not any(s <= h[0] < e for s, e in hits)])
    for i, (start, end) in enumerate(hits):  # "Norte e Nordeste", "Sul e Centro-Oeste": the short word joins
        before = _short_macro_before().search(masked[max(0, start - 24) : start])
        if before is not None:
            hits[i] = (start - (len(masked[max(0, start - 24) : start]) - before.start()), end)
    return hits


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    return frozenset(w.casefold() for w in _regions_data()["demonyms"]["nouns"])


def _demonyms(text: str) -> list[tuple[int, int]]:
    """Demonyms that qualify customers, orders or addresses ("Schweizer Kunden", "clients canadiens"): a region."""
    from assist.regions import demonym_country

    words = list(re.finditer(r"[^\W\d_]+", text))
    out = []
    for i, m in enumerate(words):
        near = {w.group(0).casefold() for w in words[max(0, i - 1) : i + 2] if w is not m}
        if near & _nouns() and demonym_country(m.group(0)):
            out.append((m.start(), m.end()))
    return out


def world_places_in(text: str) -> list[tuple[int, int, str]]:
    """The places of the shop's world ``text`` names in any script or inflected form (:mod:`assist.world_places`):
    the world of the currencies the documents being read name; none where those say nothing of where it is."""
    from assist.policy_extract.world_money import current_currencies
    from assist.world_places import places_in, shop_world

    world = shop_world(current_currencies())
    return places_in(text, world) if world else []


def names_place(text: str) -> bool:
    """Whether ``text`` names a place: one the gazetteer reads, or one of the shop's world."""
    return bool(regions_in(text) or world_places_in(text))


def region_label(cell: str) -> str | None:
    """The region named by a table cell or list label, or None when it names none."""
    cell = cell.strip(" *:：")
    return cell if cell and regions_in(cell) else None


@lru_cache(maxsize=1)
def _payment_pattern() -> re.Pattern[str]:
    words = sorted(resource()["payment_methods"], key=len, reverse=True)
    # an acronym as written ("COD"): the Welsh "cod" (a code) or a lower-case word is no payment method
    alternatives = [f"(?-i:{re.escape(w)})" if w.isupper() else re.escape(w) for w in words]
    return re.compile(r"(?<![A-Za-zÀ-ÿ])(?:" + "|".join(alternatives) + r")(?![A-Za-zÀ-ÿ])", re.I)


def payment_methods_in(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _payment_pattern().finditer(text)]


_GROUP = re.compile(
    r"\b([A-Z][a-z]+) (?:members?|customers?|tier)\b|\b(?:members?|Mitglieder|membres|miembros|membri) ([A-Z][a-z]+)\b"
    r"|\b(?i:members) of (?:the |our )?([A-Z][a-z]+)|\b([A-Z][a-z]+) (?:club|program|programme|tier) members\b"
)


def customer_group_in(text: str) -> str | None:
    m = _GROUP.search(text)
    if not m:
        return None
    name = next(g for g in m.groups() if g)
    return None if name.lower() in {"our", "all", "new", "every", "the", "business", "eu", "us"} else name


@lru_cache(maxsize=1)
def _universal() -> re.Pattern[str]:
    return re.compile("|".join(resource()["universal"]), re.IGNORECASE)


def is_universal(text: str) -> bool:
    return bool(_universal().search(text))


_LEADING = re.compile(
    r"^(?:for|für|pour|para|per|on|auf|our|unsere?[nrs]?|nos|notre|nuestr[oa]s?|nostr[oaie]|noss[oa]s?|les|los|las|"
    r"gli|i|os|as|the|die|der|le|la|il|el|lo)\s+",
    re.IGNORECASE,
)


def strip_leading(phrase: str) -> str:
    """A noun phrase without its leading articles, possessives and prepositions ("notre mobilier" -> "mobilier")."""
    while True:
        stripped = _LEADING.sub("", phrase.strip())
        if stripped == phrase.strip():
            return stripped
        phrase = stripped


_VERBS = re.compile(
    r"\s+(?:come|comes|are|is|sont|son|sono|são|gewähren|gilt|haben|have|has|bénéficient|tienen|hanno|têm)\b"
)


def subject_before(text: str, end: int) -> str | None:
    """The noun phrase a statement opens with, up to ``end`` (a warranty word): its product class."""
    head = text[:end]
    head = re.split(
        r"\s+(?:come|comes|are|is|sont|son|sono|são|gewähren|gilt|haben|have|has|bénéficient|tienen|hanno|têm|享有|には|は"
        r"|need|needs|require|requires|take|takes|brauchen|benötigen|dauern|nécessitent|demandent|prennent|necesitan|"
        r"requieren|llevan|se hacen|richiedono|richiede|necessitano|precisam|levam|demoram)\b|\s*[:：]",
        head,
    )[0]
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", head):
        head = re.split(r"(享有|提供|には|は)", head)[0]
        # "当店でお買い上げの万年筆": what comes before the last の (or 的) qualifies the noun after it.
        tail = re.split(r"[の的]", head)[-1]
        head = (
            tail
            if len(tail) >= 2 and re.search(r"[でにがを]|买|購入|お買", head[: len(head) - len(tail)])
            else (re.split(r"の", head)[0])
        )
    while True:
        stripped = _LEADING.sub("", head.strip())
        if stripped == head.strip():
            break
        head = stripped
    head = head.strip(" ,:;")
    if not head or len(head) > 80 or len(head.split()) > 10:
        return None
    return head
