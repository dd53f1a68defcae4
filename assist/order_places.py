"""Where an order goes and which place a buyer's words name, as place codes (see :mod:`assist.places`).

:func:`order_country` tells where an order goes and says how it knows: the shipping address when the order has one,
else the place the buyer names (:func:`place_in_text`: a postcode, city, area or country), else the currency, the
carrier or the tracking number's format (UPU S10: ``RR123456785CN`` ends in the country code). Which of the shop's
regions that place is in is :func:`assist.regions.match_region`'s business.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from assist import places
from assist.country_names import _countries_in, _countries_in_folded, _fold, country_names, gazetteer
from assist.home_country import (  # noqa: F401 - names regions imports from here
    home_country,
    shop_home_country,
    stated_home_country,
)
from assist.models import Order
from assist.places import country_of

_UPPER = {"US": "US", "USA": "US", "UK": "GB"}
_S10 = re.compile(r"^[A-Z]{2}\d{9}([A-Z]{2})$")


@dataclass(frozen=True)
class CountryGuess:
    country: str
    source: str  # "address" | "postcode" | "city" | "text" | "currency" | "carrier" | "tracking" | "shop"
    evidence: str


def city_in_text(text: str) -> str | None:
    """The place of a city the text names (see :mod:`assist.cities`)."""
    from assist.cities import city_in_text as found

    return found(text)


def _ordinary_word(code: str, text: str) -> bool:
    """Whether the text names ``code`` only by a name that is also an ordinary word (``not_regions``: "Island",
    "Jersey", "Chad"), written in lower case ("coming over to the island"): a word, not the place."""
    stop = [n for n in gazetteer()["not_regions"] if country_names().get(_fold(n)) == code]
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


@lru_cache(maxsize=4096)  # read for every ask and draft clause of a card: the same texts repeat
def place_in_text(text: str) -> str | None:
    """The one place the text names, as specific as it says: a locality or subdivision ("石垣島" ->
    JP-47/island+remote, "moro em Fortaleza" -> BR-CE, "Soy de Rosario, Argentina" -> AR-S), else its country;
    None when it names none or several countries. A place read only as its country is looked up once more among
    that country's own cities, in every script GeoNames writes them ("в Нячанг" -> VN-34, "호치민" -> VN-SG)."""
    found = _place_in_text(text)
    if found is None or found != country_of(found):
        return found
    return _own_city(text, found) or found


def _own_city(text: str, country: str) -> str | None:
    """The subdivision of the one city of ``country`` the text names by a name (a capitalised word or words not
    opening a sentence, or a word in a script without capitals); None when it names none or several."""
    from assist.cities import cities_of

    table = cities_of(country)
    hits: set[str] = set()
    tokens = list(re.finditer(r"[^\W\d_][\w'’-]*", unicodedata.normalize("NFKC", text)))
    for i, token in enumerate(tokens):
        word = token.group(0)
        caseless = word.lower() == word.upper()
        opening = not re.search(r"[^\W\d_][\s,;:]*$", text[: token.start()])
        if not (caseless or (word[:1].isupper() and not opening)):
            continue
        for size in (4, 3, 2, 1):
            span = tokens[i : i + size]
            if len(span) < size:
                continue
            name = _fold(text[span[0].start() : span[-1].end()])
            if caseless and size == 1:  # a particle after the name: "하노이에", "ハノイで"
                name = next((name[:end] for end in range(len(name), 1, -1) if name[:end] in table), name)
            code = places.subdivision_index(country).get(places.plain(name)) or table.get(name)  # "Đà Nẵng" is one
            if (
                code is not None
                and code != country
                and len(name) >= (2 if caseless else 4)
                and not (
                    country_names().get(name) == country  # the country's own name ("México"), not its capital
                )
            ):
                hits.add(code)
                break
    return hits.pop() if len(hits) == 1 else None


def _place_in_text(text: str) -> str | None:
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


def order_country(order: Order | None, text: str = "", home: str | None = None) -> CountryGuess | None:
    """Where the order goes, as specific as the input says: the shipping address (postcode, city, state,
    country), else a place the buyer names (a city or locality: source ``city``; a country: ``text``), else
    the currency, the carrier or the tracking number's format. ``home``: the shop's own country, whose places the
    buyer's words are read for in any script when no order tells the country ("أنا في بوصاصو" to a Somali shop)."""
    data = gazetteer()
    address = _address(order)
    currency_country = data["currencies"].get(order.currency.upper()) if order else None
    hint = country_of(address.country) if address else currency_country
    # where the shop's places lie: the address's or currency's country (MNT -> MN), else the shop's own
    world = hint or (home_country(order.currency) if order else None) or home
    named = _named_place(text, hint, world) if text else None
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


def _named_place(text: str, country: str | None = None, world: str | None = None) -> CountryGuess | None:
    """The place the text names: a postcode it writes (a label several countries share, "código postal", read for
    ``country``: the address's or the currency's), else a city, area or country; a place of ``world`` (the
    address's country, else the currency's) in any script or inflected form where those name none."""
    from assist.addresses import postcode_in_text

    written = postcode_in_text(text, country)
    if written is not None:
        return CountryGuess(written.code, "postcode", f"{written.evidence}, written in the message")
    named = place_in_text(text)
    if world and (named is None or named == world):  # "Дарханы", "ባህር ዳር": the country's place in its script
        named = _world_place(text, world) or named
    if named is None:
        return None
    if named != country_of(named):
        return CountryGuess(named, "city", f"{_where(named)} ({named}), named in the message")
    return CountryGuess(named, "text", named)


def _world_place(text: str, country: str) -> str | None:
    """The one subdivision of ``country`` the text names by a place in any script or inflected form
    (:func:`assist.world_places.places_in`); None when it names none or several."""
    from assist.world_places import places_in

    found = {code for _, _, code in places_in(text, [country]) if "-" in code and country_of(code) == country}
    return found.pop() if len(found) == 1 else None


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
