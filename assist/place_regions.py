"""The places inside countries a shop's region name covers: macro-regions ("Sudeste", "Sud Italia"), subdivisions
and localities it names, and flagged areas ("離島", "remote areas", "islands"). Split from :mod:`assist.places`,
whose place codes and names it reads."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from assist.places import (
    CJK,
    MARKED_SCRIPTS,
    _area_flags,
    _text_patterns,
    country_of,
    data,
    fold,
    localities,
    locality_flags,
    romanized,
    subdivision_names,
)


@lru_cache(maxsize=1)
def _macro_words() -> list[tuple[re.Pattern[str], str, str, bool]]:
    """(pattern, country, macro code, short): a short Latin word ("Sul", "Nord", "Centro") names a macro-region
    only in a name made of such words ("Norte e Nordeste", "Sud Italia"), never inside a longer one ("Sud America")."""
    out = []
    for country, macros in data()["macro_regions"].items():
        for key, macro in macros.items():
            for word in macro["words"]:
                folded = fold(word)
                cjk = bool(CJK.search(folded))
                pattern = re.escape(folded) if cjk else rf"(?<![\w-]){re.escape(folded)}(?![\w-])"
                short = not cjk and len(folded) < 7 and " " not in folded
                out.append((re.compile(pattern), country, f"{country}:{key}", short))
    return out


def _only_macro_words(folded: str, spans: list[tuple[int, int]], context: set[str]) -> bool:
    from assist.regions import country_names

    rest = "".join("#" if any(s <= i < e for s, e in spans) else ch for i, ch in enumerate(folded))
    names = [n for n, c in country_names().items() if c in context]
    for word in sorted([*names, *map(fold, data()["macro_fillers"])], key=len, reverse=True):
        rest = re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", " ", rest)
    return not re.search(r"[^\W\d_]", rest)


@lru_cache(maxsize=1)
def _flag_words() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for flag, words in data()["flag_words"].items():
        for word in sorted(words, key=len, reverse=True):
            folded = fold(word)
            if CJK.search(folded):
                out.append((re.compile(re.escape(folded)), flag))
            else:
                out.append((re.compile(rf"(?<![\w-]){re.escape(folded)}(?![\w-])"), flag))
    return out


@lru_cache(maxsize=4096)
def region_place_codes(region: str, home: str | None, countries: frozenset[str]) -> frozenset[str]:
    """The places inside countries a shop's region name covers: macro-regions ("Sudeste": of a country the name
    names, else of the shop's own country; a long word also with no country known), subdivisions and
    localities it names, and flagged areas ("離島", "remote areas": of that country, when the name names no
    area of its own: "Islas Baleares" is the Balearics, not every island). ``countries``: the ones the name names."""
    folded = fold(region)
    nations = {c for c in countries if len(c) == 2}
    context = nations or ({home} if home else set())
    out: set[str] = set()
    hits = [
        (m.span(), code, short)
        for pattern, country, code, short in _macro_words()
        if country in context or (not context and not short)
        for m in pattern.finditer(folded)
    ]
    plain_name = _only_macro_words(folded, [span for span, _, _ in hits], context) if hits else False
    out.update(code for _, code, short in hits if plain_name or not short)
    pattern, cjk = _text_patterns()
    written = romanized(unicodedata.normalize("NFKC", region))  # Greek names as ISO 3166-2 writes them
    named = [m.group(0) for m in pattern.finditer(written) if m.group(0)[:1].isupper()]
    named += [name for name, _ in cjk if name in folded]
    if not named:
        out.update(_own_subdivisions(region, frozenset(context)))  # a country the place resource has no table for
    out.update(world_subdivisions(region, frozenset(context)))
    for name in named:
        code = localities().get(fold(name)) or subdivision_names().get(fold(name))
        if not code or (context and country_of(code) not in context):
            continue
        sub, flags = code.split("/", 1)[0], set(locality_flags(code))
        if flags and not flags <= set(_area_flags().get(sub, ())):
            out.update(f"{country_of(code)}:{flag}" for flag in flags)  # "Highlands" -> GB:remote, not Scotland
        else:
            out.add(sub)  # a subdivision, or a locality that is its whole flagged area ("澎湖" -> TW-PEN)
    rest = folded  # a flag word inside a place's own name ("Islas Baleares", "Canary Islands") is that place
    for name in _proper_names():
        if name in rest:
            rest = rest.replace(name, " # ")
    for pattern_, flag in _flag_words():
        if pattern_.search(rest):
            out.update(f"{c}:{flag}" for c in context)
            if not context:
                out.add(f"*:{flag}")
    return frozenset(out)


def world_subdivisions(region: str, countries: frozenset[str]) -> set[str]:
    """The subdivisions of ``countries`` a region name names by a place in a script or form the tables above do not
    hold ("Улаанбаатарын ...", "አዲስ አበባ", "Naxçıvan MR"), and the other countries it names so ("ጅቡቲ" in an
    Ethiopian shop): :func:`assist.world_places.places_in`."""
    from assist.world_places import places_in

    if not countries:
        return set()
    outside = re.sub(r"[(（][^()（）]*[)）]", " ", region)  # towns listed in brackets: see listed_town_places
    found = {code for _, _, code in places_in(outside, countries)}
    inside = {code for code in found if "-" in code and country_of(code) in countries}
    return inside | {code for code in found if len(code) == 2 and code not in countries}  # "ጅቡቲ": Djibouti


def _own_subdivisions(region: str, countries: frozenset[str]) -> set[str]:
    """The subdivisions of ``countries`` a region name writes out ("Nội thành Hà Nội" -> VN-HN) or by the initials
    of a name of several words ("TP.HCM": Hồ Chí Minh), for countries outside the place resource (whose names
    :func:`assist.places.subdivision_names` reads) and, in a script without capitals, for every country:
    pycountry's names of any country, as addresses write them."""
    from assist.places import plain, subdivision_index

    out: set[str] = set()
    words = [w for w in re.split(rf"[^\w{MARKED_SCRIPTS}]+", plain(region)) if w]
    capitals = set(re.findall(r"(?<![^\W\d_])[A-Z]{3,}(?![^\W\d_])", region))
    # the countries of the place resource are read by its own names, which are read capitalised: a name in a script
    # without capitals ("उत्तराखंड", "სვანეთი") is read here for them too
    cased = any(c.isupper() for c in region)
    tabled = set(data()["macro_regions"]) | set(data()["areas"]) if cased else set()
    for country in countries - tabled:
        index = subdivision_index(country)
        found: set[str] = set()
        for size in (3, 2, 1):  # a one-word name only when long: short ones are often ordinary words
            for i in range(len(words) - size + 1):
                name = " ".join(words[i : i + size])
                if name in index and len(name) >= (4 if size > 1 else 6):
                    found.add(index[name])
        if found:  # a list of the country's subdivisions ("Sabah, Sarawak & Labuan"): its shorter names are some too
            found.update(index[w] for w in words if w in index and len(w) >= 4)
        found |= _sharing_a_name(region, index)
        out |= found
        for name, code in index.items():
            parts = name.split()
            if len(parts) >= 3 and "".join(p[0] for p in parts).upper() in capitals:
                out.add(code)
    return out


def _sharing_a_name(region: str, index: dict[str, str]) -> set[str]:
    """The subdivisions whose names share a capitalised word of the region name that names a part of the country
    and no administrative kind ("Karjala": Pohjois-Karjala and Etelä-Karjala; "Appenzell": both half-cantons): two
    or more subdivisions whose names hold the word, which no subdivision name of another country holds, and which
    is neither a subdivision's whole name ("Sachsen" is not Sachsen-Anhalt) nor a country's."""
    from assist.places import plain
    from assist.regions import country_names

    out: set[str] = set()
    for word in {plain(w) for w in re.findall(r"(?<![^\W\d_])[A-Z][^\W\d_]{4,}", region)}:
        if word in index or word in country_names():
            continue
        codes = {code for name, code in index.items() if word in re.split(r"[\s-]+", name)}
        if len(codes) >= 2 and _name_word_countries().get(word, 0) <= 1:
            out |= codes
    return out


@lru_cache(maxsize=1)
def _name_word_countries() -> dict[str, int]:
    """Per word of ISO 3166-2's English subdivision names (folded): how many countries' names hold it ("region",
    "northern": many; "visayas": one)."""
    import pycountry

    from assist.places import plain

    seen: dict[str, set[str]] = {}
    for record in pycountry.subdivisions:
        for word in re.findall(r"\w+", plain(str(record.name))):
            seen.setdefault(word, set()).add(str(record.country_code))
    return {word: len(countries) for word, countries in seen.items()}


@lru_cache(maxsize=1024)
def listed_town_places(region: str, country: str) -> frozenset[str]:
    """The subdivisions of the towns a region lists in brackets ("Huyện đảo (Phú Quốc, Côn Đảo)"), where GeoNames
    knows them as towns of ``country``. Coarser than the towns (a province, a whole municipality): they say where
    a place of the country may fall in that region, not that it does."""
    from assist.cities import cities_of
    from assist.world_places import places_in

    table = cities_of(country)
    out: set[str] = set()
    for listed in re.findall(r"[(（]([^()（）]+)[)）]", region):
        for member in re.split(r"\s*[,;、，/]\s*", listed):
            code = table.get(fold(member.strip(" .…")))
            if code is None:  # a town written in a form or script GeoNames does not list it by ("Дархан")
                code = next((c for _, _, c in places_in(member, [country]) if "-" in c), None)
            if code is not None and code != country and len(member.strip()) >= 4:
                out.add(code.split("/", 1)[0])
    return frozenset(out)


@lru_cache(maxsize=1)
def _proper_names() -> list[str]:
    """Folded names of areas, localities and subdivisions, longest first."""
    from assist.regions import country_names

    names = {n for n, code in country_names().items() if "-" in code}
    names |= set(localities()) | set(subdivision_names())
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)
