"""Where an address is: its postcode, city, state or province field, or its country, read into a place code
(see :mod:`assist.places`), saying which field told. Postcode prefixes are ``postcodes`` in
``resources/places.yaml``."""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assist.places import (
    country_of,
    data,
    fold,
    localities,
    plain,
    subdivision_named,
    subdivision_names,
    subdivisions,
)


@dataclass(frozen=True)
class AddressPlace:
    """Where an address is, and which of its fields told (``postcode``, ``city``, ``state`` or ``country``)."""

    code: str
    source: str
    evidence: str


def postcode_place(country: str, postcode: str) -> str | None:
    """The subdivision (with its locality flags) a postcode starts with; the longest known prefix wins."""
    table = data()["postcodes"].get(country.upper())
    if not table:
        return None
    plain = re.sub(r"[^0-9A-Z]", "", postcode.upper())
    keys = sorted((k for k in map(str, table) if plain.startswith(re.sub(r"[^0-9A-Z]", "", k.upper()))), key=len)
    return str(table[keys[-1]]) if keys else None


def country_code(value: str) -> str | None:
    """An address's country field as its ISO 3166-1 alpha-2 code: a code (alpha-2 or alpha-3, any case) through
    pycountry, else a name in any language CLDR gives the gazetteer ("México", "Deutschland", "日本", "UK"; an area
    such as "Kanarische Inseln" gives its country); None when it names no country."""
    import pycountry

    from assist.regions import country_names

    written = value.strip()
    if re.fullmatch(r"[A-Za-z]{2,3}", written):
        found = pycountry.countries.get(alpha_2=written) if len(written) == 2 else None
        found = found or (pycountry.countries.get(alpha_3=written) if len(written) == 3 else None)
        if found is not None:
            return str(found.alpha_2)
        if len(written) == 2 and _inhabited_territory(written.upper()):
            return _as_country(written.upper())
    named = country_names().get(fold(written)) or _translated_countries().get(fold(written))
    if named is None:
        try:
            named = str(pycountry.countries.lookup(written).alpha_2)
        except LookupError:
            return None
    return _as_country(named)


def _as_country(code: str) -> str | None:
    """A territory code as the country it belongs to ("IC" -> "ES"); None for a code that is no two-letter country."""
    code = country_of(code)
    return code if len(code) == 2 and code.isalpha() and code.isupper() else None


def _inhabited_territory(code: str) -> bool:
    """Whether CLDR gives a two-letter code outside ISO 3166-1's assigned list both languages spoken there and a
    currency: a place people live and pay in, as order exports write it ("XK" for Kosovo, "IC" for the Canary
    Islands), not a grouping ("EU", "UN") or the unknown region ("ZZ")."""
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    return code in get_global("territory_languages") and bool(get_territory_currencies(code, tender=True))


@lru_cache(maxsize=1)
def _translated_countries() -> dict[str, str]:
    """Every country's name, official name and common name in every language pycountry's ISO 3166-1 translations
    give ("中华人民共和国", "Российская Федерация", "Estados Unidos Mexicanos") -> alpha-2; built on first use."""
    import pycountry

    out: dict[str, str] = {}
    root = Path(pycountry.LOCALES_DIR)
    for language in sorted(p.parent.parent.name for p in root.glob("*/LC_MESSAGES/iso3166-1.mo")):
        translation = gettext.translation("iso3166-1", str(root), languages=[language])
        for country in pycountry.countries:
            for attribute in ("name", "official_name", "common_name"):
                value = getattr(country, attribute, None)
                if value:
                    out.setdefault(fold(translation.gettext(value)), str(country.alpha_2))
    return out


def address_place(
    country: str | None, state: str | None = None, postcode: str | None = None, city: str | None = None
) -> AddressPlace | None:
    """Where an address is, most specific field first: postcode, city, state or province, country."""
    from assist.cities import city_code, city_in

    code = country_code(country) if country else None
    if code is None:
        return None
    if postcode and (hit := postcode_place(code, postcode)):
        return AddressPlace(hit, "postcode", postcode)
    if city:
        local = localities().get(fold(city))
        found = local if local and country_of(local) == code else city_code(city)
        if found is None or country_of(found) != code or found == code:
            found = city_in(code, city)  # the country's own cities, any script ("Córdoba" in Spain, "札幌市")
        if found and country_of(found) == code and found != code:
            return AddressPlace(found, "city", city)
    if state:
        named = subdivision_names().get(fold(state)) or _state_code(code, state) or subdivision_named(code, state)
        named = named or _state_by_word(code, state)
        if named and country_of(named) == code:
            return AddressPlace(named, "state", state)
    return AddressPlace(code, "country", country or code)


def _state_by_word(country: str, state: str) -> str | None:
    """A state field written with an administrative word the subdivision names do not carry ("Harju maakond",
    "Provincia X"): the one subdivision its other words name (words of 4 letters or more; every word that names one
    names the same), by the top-level subdivisions' own names (a town's name in the field is no state)."""
    from assist.places import subdivision_index

    index = subdivision_index(country, top_only=True)
    codes = {index[w] for w in re.split(r"[\s,]+", plain(state)) if len(w) >= 4 and w in index}
    return codes.pop() if len(codes) == 1 else None


def _state_code(country: str, state: str) -> str | None:
    """An address's state field as written: a name or the ISO suffix ("MG", "Ceará", "NSW")."""
    from assist.regions import country_names

    wanted = {plain(state), re.sub(r"[県都府道省市州]$", "", plain(state))}
    for code, name in subdivisions().get(country, []):
        if wanted & {plain(name), code.split("-", 1)[1].casefold()}:
            return code
    area = next((country_names().get(w) for w in wanted if country_names().get(w)), None)
    return area if area and country_of(area) == country else None


# after a label: an optional colon and one short word ("CEP é", "PLZ ist", "ZIP is"), then the code's digits
_CODE_AFTER_LABEL = r"\s*[:：]?\s*(?:[^\W\d]{1,4}\s+)?([0-9０-９][0-9０-９\s-]{2,9}[0-9０-９]|[0-9]{3,5})"


def postcode_in_text(text: str, country: str | None = None) -> AddressPlace | None:
    """A postcode the buyer writes, labelled ("CEP 60165-121", "〒907-0004", "PLZ 25980") or by its shape (UK,
    Canada), placed by its prefix; ``country`` (named or the shop's) reads a label several countries share."""
    for code, labels in data()["postcode_labels"].items():
        for label in labels:
            m = re.search(rf"(?<![\w]){re.escape(label)}" + _CODE_AFTER_LABEL, text)
            if m is None:
                continue
            where = code if code != "ES" or country in (None, "ES") else country
            found = postcode_place(where, unicodedata.normalize("NFKC", m.group(1)))
            if found:
                return AddressPlace(found, "postcode", m.group(0).strip())
    for code, shape in data()["postcode_shapes"].items():
        m = re.search(shape, text)
        if m and (found := postcode_place(code, m.group(1))):
            return AddressPlace(found, "postcode", m.group(1))
    return None
