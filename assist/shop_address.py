"""Where the shop itself stands, as its own policy documents say: a VAT id with its country prefix
("NL858912345B01", "ATU12345678", "CHE-123.456.789"), a postal address's postcode and city ("21000 Split",
"8400 Winterthur": the city placed by GeoNames), and the country-code domain of the shop's e-mail or web address
("hello@shop.ie", "www.shop.hu"). Read at ingest, one reading per policy document, kept in the shop's settings
under :data:`SETTINGS_KEY` ({source: {"country", "evidence"}}), beneath the shop's own ``country``.

Each kind of evidence votes for a country (a VAT id weighs most, a web address least, and a web address only
where it carries the shop's own name); only the countries that pay in the shop's currency may win, and a tie is
no answer: a reading is one country or None, never a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SETTINGS_KEY = "policy_country"

# EU VAT ids (their own prefix: EL is Greece, XI Northern Ireland), the Swiss UID, British and Norwegian VAT ids
_VAT = re.compile(
    r"(?<![\w+])(ATU\d{8}|BE[01]\d{9}|BG\d{9,10}|CY\d{8}[A-Z]|CZ\d{8,10}|DE\d{9}|DK\d{8}|EE\d{9}|EL\d{9}|"
    r"ES[A-Z0-9]\d{7}[A-Z0-9]|FI\d{8}|FR[A-Z0-9]{2}\d{9}|HR\d{11}|HU\d{8}|IE\d[A-Z0-9+*]\d{5}[A-Z]{1,2}|IT\d{11}|"
    r"LT\d{9}(?:\d{3})?|LU\d{8}|LV\d{11}|MT\d{8}|NL\d{9}B\d{2}|PL\d{10}|PT\d{9}|RO\d{2,10}|SE\d{10}01|SI\d{8}|"
    r"SK\d{10}|CHE\d{9}|GB\d{9}(?:\d{3})?|XI\d{9}|NO\d{9}MVA)(?![\w])"
)
_VAT_COUNTRY = {"EL": "GR", "XI": "GB", "CH": "CH"}
# a postcode of four or five digits (a "D-" or "A-" country letter before it, Dutch letters after it) and the
# one to three words after it
_POSTCODE_CITY = re.compile(
    r"(?<![\w.,-])(?:[A-Z]{1,2}-)?\d{4,5}[ \t]+(?:[A-Z]{2}[ \t]+)?([^\W\d_][\w'’.-]*(?:[ \t-][^\W\d_][\w'’.-]*){0,2})"
)
_EMAIL = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+)([a-z]{2})\b", re.I)
_WEB = re.compile(r"(?:https?://|www\.)((?:[\w-]+\.)+)([a-z]{2})\b", re.I)
# country-code domains sold worldwide as generic names: they say nothing of where a shop is
_GENERIC_DOMAINS = frozenset(
    "ac ad ag ai am as bz cc cd cf co eu fm ga gg gl gq gs im io je la ly me ml ms nu pw sc sh so st tk to tv vc "
    "vg ws".split()
)
WEIGHTS = {"vat id": 3, "postcode and city": 2, "e-mail address": 1, "web address": 1}


@dataclass(frozen=True)
class ShopCountry:
    """The shop's country as one document states it, and the words that told."""

    country: str
    evidence: str

    def as_setting(self) -> dict[str, str]:
        return {"country": self.country, "evidence": self.evidence}


def country_in_text(text: str, allowed: Iterable[str] = (), names: Iterable[str] = ()) -> ShopCountry | None:
    """The country one policy text says the shop stands in (see the module docstring); ``allowed``: the countries
    that pay in the shop's currency (empty: any); ``names``: the shop's own names, which a web address must carry."""
    within = frozenset(allowed)
    votes: Counter[str] = Counter()
    evidence: dict[str, str] = {}
    for kind, country, words in _evidence(text, tuple(names)):
        if within and country not in within:
            continue
        votes[country] += WEIGHTS[kind]
        evidence.setdefault(country, f"{kind} {words}")
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ShopCountry(ranked[0][0], evidence[ranked[0][0]])


def _evidence(text: str, names: tuple[str, ...]) -> Iterable[tuple[str, str, str]]:
    """(kind, country, the words) for each piece of evidence in a text."""
    compact = re.sub(r"(?<=[A-Z\d])[ .-](?=\d)", "", text)  # "DE 123 456 789", "CHE-123.456.789"
    for m in _VAT.finditer(compact):
        prefix = m.group(1)[:2]
        yield "vat id", _VAT_COUNTRY.get(prefix, prefix), m.group(1)
    for m in _POSTCODE_CITY.finditer(text):
        found = _city(m.group(1))
        if found is not None:
            yield "postcode and city", found, m.group(0)
    for m in _EMAIL.finditer(text):
        country = _domain_country(m.group(2))
        if country is not None:
            yield "e-mail address", country, m.group(0)
    for m in _WEB.finditer(text):
        country = _domain_country(m.group(2))
        if country is not None and _carries_name(m.group(1), names):
            yield "web address", country, m.group(0)


def _city(words: str) -> str | None:
    """The country of the longest run of the words that GeoNames knows as a city ("Split" -> HR)."""
    from assist.cities import city_code
    from assist.places import country_of

    parts = re.split(r"[ \t]+", words.strip(" .,"))
    for end in range(len(parts), 0, -1):
        code = city_code(" ".join(parts[:end]).strip(" .,"))
        if code is not None:
            return country_of(code)
    return None


def _domain_country(tld: str) -> str | None:
    import pycountry

    folded = tld.lower()
    if folded in _GENERIC_DOMAINS:
        return None
    code = "GB" if folded == "uk" else folded.upper()
    return code if pycountry.countries.get(alpha_2=code) is not None else None


def _carries_name(host: str, names: tuple[str, ...]) -> bool:
    """Whether a web address's host carries one of the shop's names ("errigalknitwear." for "Errigal Knitwear")."""
    squeezed = re.sub(r"[^a-z0-9]", "", host.lower())
    words = {w for n in names for w in re.findall(r"[a-z0-9]{4,}", _ascii(n))}
    return any(w in squeezed for w in words)


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def documents_country(readings: Mapping[str, Any] | None) -> ShopCountry | None:
    """The one country the shop's documents state (``readings``: the settings' {source: {country, evidence}});
    None when none does or when two documents disagree."""
    found = [r for r in (readings or {}).values() if isinstance(r, Mapping) and r.get("country")]
    countries = {str(r["country"]) for r in found}
    if len(countries) != 1:
        return None
    return ShopCountry(countries.pop(), "; ".join(dict.fromkeys(str(r.get("evidence") or "") for r in found)))


def read_documents(
    paths: Iterable[tuple[Path, str]], currency: str | None, names: Iterable[str] = ()
) -> dict[str, dict[str, str]]:
    """One reading per policy file ((file, source name) pairs): {source: {country, evidence}} for the files that
    state the shop's country."""
    from assist.home_country import currency_users
    from assist.policy_extract.sources import load_policy

    allowed = currency_users(currency.upper()) if currency else frozenset()
    out: dict[str, dict[str, str]] = {}
    for path, source in paths:
        document = load_policy(path)
        text = "\n".join(s.body for s in document.sections)
        found = country_in_text(text, allowed, tuple(names))
        if found is not None:
            out[source] = found.as_setting()
    return out


def shop_names(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """The names a shop goes by in its settings (``display_name``, ``name``)."""
    return tuple(str(settings[k]) for k in ("display_name", "name") if settings.get(k))


def folder_readings(folder: Path, settings: Mapping[str, Any]) -> dict[str, Any]:
    """The settings key a shop folder's ``policies/`` give: {:data:`SETTINGS_KEY`: {source: reading}}, or nothing."""
    from retrievers.policies import policy_sources

    if not folder.is_dir():
        return {}
    currency = settings.get("currency")
    names = (*shop_names(settings), folder.parent.name)
    readings = read_documents(policy_sources([folder]), str(currency) if currency else None, names)
    return {SETTINGS_KEY: readings} if readings else {}
