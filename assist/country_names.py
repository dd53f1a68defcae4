"""Country names in the languages shops and buyers write (CLDR through babel, plus the gazetteer's aliases and
areas), and demonyms and country adjectives ("Schweizer" -> CH, "canadiennes" -> CA): which countries a text
names. Split from :mod:`assist.regions`, which still exports these names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assist.char_classes import UNSPACED_SCRIPTS

RESOURCE = Path(__file__).parent / "resources" / "regions.yaml"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ja", "zh")
# buyers write in more languages than shops: their country names count too (Latin words of 5+ letters)
BUYER_LANGUAGES = (
    *("nl", "pl", "sv", "da", "nb", "fi", "cs", "sk", "hu", "ro", "ca", "tr", "ko", "vi", "el", "ru"),
    *("id", "fil", "zh_Hant"),
)
# shops and buyers in still more languages: their country names count where 5 letters or longer in any script (a
# shorter one is often a word there: "малі", "того"); a region named in Bulgarian ("Гърция и Румъния") is read
MORE_LANGUAGES = (
    *("bg", "uk", "be", "sr", "sr_Latn", "hr", "bs", "sl", "mk", "sq", "et", "lv", "lt"),
    *("he", "ar", "th", "ms", "ka", "is", "ga"),
)
# languages whose CLDR names are often the long official ones ("المملكة العربية السعودية"): pycountry's ISO 3166-1
# translations, which carry the short ones ("السّعوديّة", "ערב הסעודית"), count too (5 letters or longer)
SHORT_NAME_LANGUAGES = ("ar", "he", "fa", "ur", "hi", "bn")


@lru_cache(maxsize=1)
def official_languages() -> tuple[str, ...]:
    """Every language CLDR calls official (or de facto, or regionally official) in some country, that CLDR writes
    country names in: the languages a shop may write its region names in ("Тажикстан" in a Kyrgyz shop, "भुटान" in
    a Nepali one), read by the same rule as :data:`MORE_LANGUAGES`, after the languages listed above."""
    from babel import Locale
    from babel.languages import get_official_languages
    from babel.localedata import locale_identifiers

    known = set(locale_identifiers())
    listed = {*LANGUAGES, *BUYER_LANGUAGES, *MORE_LANGUAGES, *SHORT_NAME_LANGUAGES}
    found: dict[str, None] = {}
    for code in sorted(str(c) for c in Locale("en").territories if len(str(c)) == 2 and str(c).isalpha()):
        for language in get_official_languages(code, regional=True, de_facto=True):
            if language in known and language not in listed:
                found[str(language)] = None
    return tuple(sorted(found))


_NOT_PERSON = r"(?!인|사람|人(?!民)|系)"  # after a country name in Hangul or Han, these make a person of that country


# Arabic and Hebrew vowel points and cantillation: written in some names ("السّعوديّة", "عُمان"), left out in most texts
_POINTS = re.compile(r"[\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def _fold(text: str) -> str:
    return _POINTS.sub("", unicodedata.normalize("NFKC", text)).casefold().strip()


def _pycountry_names(language: str) -> dict[str, str]:
    """pycountry's ISO 3166-1 names of every country in ``language`` (none where it has no translation)."""
    import gettext

    import pycountry

    try:
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return {}
    return {str(c.alpha_2): translation.gettext(c.name) for c in pycountry.countries}


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def gazetteer() -> dict[str, Any]:
    """The country-name resource as read (aliases, group names, areas, currencies, words that name no region):
    shared, so never to be changed by a caller."""
    return _data()


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Folded country or area name (any of the 8 languages, plus common short forms) -> ISO code."""
    from babel import Locale

    names: dict[str, str] = {}
    for language in LANGUAGES:
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(_fold(name), code)
    stop = {_fold(w) for w in _data()["not_regions"]}
    for language in BUYER_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            folded = _fold(name)
            shortest = 5 if folded.isascii() else 2  # a short Latin word is often an ordinary word; 캐나다 is not
            if len(code) == 2 and code.isalpha() and len(folded) >= shortest and folded not in stop:
                names.setdefault(folded, code)
    for language in (*MORE_LANGUAGES, *official_languages()):
        for code, name in Locale.parse(language).territories.items():
            folded = _fold(name)  # its length as written: "عُمان" is read, as before points were folded away
            if len(code) == 2 and code.isalpha() and len(name.strip()) >= 5 and folded not in stop:
                names.setdefault(folded, code)
    for language in SHORT_NAME_LANGUAGES:
        for code, name in _pycountry_names(language).items():
            folded = _fold(name)
            if len(folded) >= 5 and not folded.isascii() and folded not in stop:
                names.setdefault(folded, code)
    for name, code in _data()["aliases"].items():
        names[_fold(name)] = code
    for code, area in _data()["areas"].items():
        for name in [*area.get("name", {}).values(), *area.get("other", [])]:
            names[_fold(re.sub(r"^(the|die|les|le|la|l’|las|os|as|a) ", "", name))] = code
    return names


@lru_cache(maxsize=1)
def union_abbreviations() -> frozenset[str]:
    """The European Union's abbreviation in the languages whose CLDR name for it is two words: their initials ("Európska
    únia" -> "EÚ", "Avrupa Birliği" -> "AB", "Європейський Союз" -> "ЄС"), upper case, in a script with capitals;
    never a country's ISO code ("ES" is Spain, whatever "Europos Sąjunga" abbreviates to)."""
    from babel import Locale

    codes = {str(c) for c in Locale("en").territories if len(str(c)) == 2}
    out: set[str] = set()
    for language in (*LANGUAGES, *BUYER_LANGUAGES, *MORE_LANGUAGES):
        words = str(Locale.parse(language).territories.get("EU", "")).split()
        initials = "".join(w[0] for w in words).upper()
        if len(words) == 2 and initials != initials.lower() and (initials == "EU" or initials not in codes):
            out.add(initials)
    return frozenset(out)


def names_union_by_abbreviation(region: str) -> bool:
    """Whether a region name writes the EU by its abbreviation in upper case ("ostatné krajiny EÚ")."""
    return any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", region) for a in union_abbreviations())


def _countries_in(text: str) -> set[str]:
    return set(_countries_in_folded(_fold(text)))


@lru_cache(maxsize=1)
def _name_patterns() -> tuple[dict[str, list[tuple[re.Pattern[str], str]]], list[tuple[str, str]]]:
    """ASCII names compiled once, grouped by their first word (a name can only match where that word
    is a whole word of the text); the other names, matched as substrings."""
    by_first: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    substrings: list[tuple[str, str]] = []
    for name, code in country_names().items():
        if len(name) < 2:
            continue
        if not name.isascii():
            substrings.append((name, code))
            if name.startswith("ال") and len(name) > 4:  # "to Kuwait": "للكويت", the article's alif dropped after "ل"
                substrings.append(("لل" + name[2:], code))
            continue
        words = re.findall(r"\w+", name)
        pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
        by_first.setdefault(words[0] if words else "", []).append((pattern, code))
    return by_first, substrings


def word_start(name: str) -> str:
    """Where a name written in a script with spaces between words must start: where a word starts ("Omán" is not
    inside "Románia"; its end stays open for case endings, "Ελλάδας"), or after the one-letter words Hebrew and
    Arabic write joined to the next ("לגרמניה", "בצרפת", "والكويت", "بالسعودية"). Han, kana, Hangul, Thai, Lao,
    Myanmar and Khmer names match anywhere."""
    if _UNSPACED.match(name):
        return ""
    if _HEBREW.match(name):
        return r"(?:(?<!\w)|(?<=(?<!\w)[ובלמהכש])|(?<=(?<!\w)[ובלמהכש][ובלמהכש]))"
    if _ARABIC.match(name):
        return r"(?:(?<!\w)|(?<=(?<!\w)[وفبكل])|(?<=(?<!\w)[وف][بكل]))"
    return r"(?<!\w)"


# Han, kana, Hangul, and the scripts written without spaces between words (Thai, Lao, Myanmar, Khmer: "ប្រទេសវៀតណាម")
_UNSPACED = re.compile(rf"[{UNSPACED_SCRIPTS}\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_HEBREW = re.compile(r"[\u05d0-\u05ea]")
_ARABIC = re.compile(r"[\u0620-\u064a\u0671-\u06d3]")


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _demonym_stems() -> dict[str, dict[str, str]]:
    """Per language: stem of a country's CLDR name (accents folded) -> ISO code (see ``demonyms`` in the
    gazetteer). The longest stem wins where two names share one ("nigeri" for Nigeria over "niger")."""
    from babel import Locale

    config = _data()["demonyms"]
    stop = {_plain(w) for w in _data()["not_regions"]}
    out: dict[str, dict[str, str]] = {}
    for language in config["endings"]:
        stems: dict[str, str] = {}
        for code, name in Locale(language).territories.items():
            plain = _plain(name)
            if len(code) != 2 or not code.isalpha() or " " in plain or plain in stop:
                continue
            for stem in {plain, plain[:-1] if plain[-1] in "aeiouy" else plain, re.sub(r"(ie|en)$", "", plain)}:
                if len(stem) >= int(config["min_stem"]) and stem.isalpha():
                    stems.setdefault(stem, code)
        out[language] = stems
    return out


@lru_cache(maxsize=1)
def _demonym_stop() -> frozenset[str]:
    return frozenset(_plain(w) for w in _data()["demonyms"]["not"])


@lru_cache(maxsize=8192)
def demonym_country(word: str) -> str | None:
    """The country a demonym or country adjective names ("Schweizer" -> CH, "canadiennes" -> CA, "brasileiros"
    -> BR); None for any other word."""
    plain = _plain(word)
    if len(plain) < 6 or not plain.isalpha() or plain in _demonym_stop():
        return None
    names = country_names()
    if plain in names or _fold(word) in names:
        return None  # the country's own name, read as such
    endings = _data()["demonyms"]["endings"]
    best: tuple[int, str] | None = None
    for language, stems in _demonym_stems().items():
        for ending in endings[language]:
            stem = plain[: len(plain) - len(ending)]
            if plain.endswith(ending) and stem in stems and (best is None or len(stem) > best[0]):
                best = (len(stem), stems[stem])
    return best[1] if best else None


_VOWELS = "aeiouyаеёиоуыэюяіїєь"
_NAME_WORDS = re.compile(r"[^\W\d_]+")
# CLDR's codes for groups that are no place a parcel goes to (the EU is one: "kraje Unii Europejskiej")
_NOT_PLACES = frozenset({"EZ", "UN", "QO", "ZZ"})


def _stem(word: str) -> str:
    """A name's word less its final vowels ("polska" -> "polsk", "norvegia" -> "norveg", "suomi" -> "suom")."""
    return word.rstrip(_VOWELS)


@lru_cache(maxsize=1)
def _inflected_names() -> tuple[dict[str, list[tuple[str, tuple[str, ...], str]]], dict[str, frozenset[str]]]:
    """The declined forms' index (``inflections`` in the gazetteer): a name's first word, whole and as its stem
    -> [(language, the name's words, ISO code)]; and each language's case endings (accents folded)."""
    from babel import Locale

    config = _data()["inflections"]
    endings = {lang: frozenset(_plain(e) for e in ends) for lang, ends in config["endings"].items()}
    stop = {_plain(w) for w in [*_data()["not_regions"], *config["not"]]}
    index: dict[str, list[tuple[str, tuple[str, ...], str]]] = {}
    for language in endings:
        for code, name in Locale.parse(language).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_PLACES or re.search(r"[^\w\s-]", name):
                continue
            words = tuple(_NAME_WORDS.findall(_plain(name)))
            if not words or _plain(name) in stop or (len(words) == 1 and len(words[0]) < 5):
                continue
            for head in {words[0], _stem(words[0])}:
                if len(head) >= 2:
                    index.setdefault(head, []).append((language, words, code))
    return index, endings


def _declines(token: str, word: str, endings: frozenset[str], shortest: int) -> bool:
    """Whether ``token`` is ``word`` (a name's word) as written, or declined: the word or its stem plus an ending."""
    if token == word:
        return True
    stem = _stem(word)
    for base in (word, stem):
        if len(base) >= shortest and token.startswith(base) and token[len(base) :] in endings:
            return True
    return False


def _declined_in(plain_text: str) -> set[str]:
    """The countries (and the EU) the text names in a declined form (see ``inflections`` in the gazetteer)."""
    index, endings = _inflected_names()
    tokens = _NAME_WORDS.findall(plain_text)
    shortest = int(_data()["inflections"]["min_stem"])
    stop = {_plain(w) for w in _data()["inflections"]["not"]}
    found: set[str] = set()
    for i, token in enumerate(tokens):
        if len(token) < 3 or token in stop:
            continue
        heads = {token[: len(token) - k] for k in range(0, 6) if len(token) - k >= 2}
        for head in heads:
            for language, words, code in index.get(head, ()):
                if code in found or len(tokens) - i < len(words):
                    continue
                several = len(words) > 1  # each word of a longer name may be short: the whole name must fit
                if not several and len(token) < 5:
                    continue
                if all(
                    _declines(t, w, endings[language], 2 if several else shortest)
                    for t, w in zip(tokens[i : i + len(words)], words, strict=False)
                ):
                    found.add(code)
    return found


@lru_cache(maxsize=4096)
def _countries_in_folded(folded: str) -> frozenset[str]:
    by_first, substrings = _name_patterns()
    # a country name that a person word follows is the buyer's nationality, not a place ("한국인", "日本人")
    found = {
        code
        for name, code in substrings
        if name in folded and re.search(word_start(name) + re.escape(name) + _NOT_PERSON, folded)
    }
    found.update(c for w in re.findall(r"[^\W\d_]{6,}", folded) if (c := demonym_country(w)))
    for word in {"", *re.findall(r"\w+", folded)}:
        found.update(code for pattern, code in by_first.get(word, ()) if pattern.search(folded))
    found.update(_declined_in(_plain(folded)))
    return frozenset(found)


@lru_cache(maxsize=64)
def _home_short_names(country: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The country names of 3 and 4 letters in the official languages of ``country`` ("Iraq", "Peru", "Oman"), which
    :func:`country_names` leaves out (a short word is often an ordinary word in buyers' text), as whole words: a shop
    names its regions in its own language ("Läti" in Estonian), and a region name is a list of places."""
    from babel import Locale
    from babel.languages import get_official_languages

    out: dict[str, str] = {}
    for language in get_official_languages(country, regional=True, de_facto=True):
        try:
            territories = Locale.parse(language).territories
        except Exception:  # a language babel has no locale for
            continue
        for code, name in territories.items():
            folded = _fold(name)
            if len(code) == 2 and code.isalpha() and 3 <= len(folded) <= 4:
                out.setdefault(folded, code)
    return tuple(
        (re.compile(word_start(name) + re.escape(name) + r"(?!\w)"), code) for name, code in sorted(out.items())
    )


@lru_cache(maxsize=1)
def _english_initials() -> dict[str, str]:
    """The initials of CLDR's English country names of three words or more ("United Arab Emirates": UAE), where
    they are no ISO code: how shops often write those countries in a region name."""
    from babel import Locale

    codes = {str(c) for c in Locale("en").territories}
    out: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        words = [w for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()]
        if len(code) == 2 and code.isalpha() and len(words) >= 3 and not any(w.isupper() for w in words):
            initials = "".join(w[0] for w in words)
            if initials not in codes:
                out.setdefault(initials, code)
    return out


def region_short_names(region: str, home: str | None) -> set[str]:
    """Countries a shop's region name writes by a short name in the shop's own languages, or by the initials of its
    English name in capitals ("Läti ja Leedu" in an Estonian shop, "Gulf (UAE, Oman)")."""
    folded = _fold(region)
    own = home.split("-")[0] if home else None
    # the shop's own country by its short name is left to the reading as before: a shop that names it ("भारत",
    # "rest of ...") often names finer parts of it beside, which a place must not lose to the whole country
    short = _home_short_names(own) if own else ()
    found = {code for pattern, code in short if code != own and pattern.search(folded)}
    initials = _english_initials()
    found |= {initials[w] for w in re.findall(r"(?<![^\W\d_])[A-Z]{3,}(?![^\W\d_])", region) if w in initials}
    return found
