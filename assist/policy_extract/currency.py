"""Which dollar a bare "$" means: the one the shop's document names.

"$" alone reads as US dollars. A Canadian, Mexican or Australian shop writes "$" too, and says once which currency
its prices are in ("Tous les prix sont en dollars canadiens", "Prices in AUD", "$999.00 MXN"). When a document names
exactly one currency written with a dollar sign (CLDR via babel: every currency whose symbol in some locale
contains "$"), and does not name US dollars, its bare-"$" amounts are in that currency. A fact scoped to one country
that pays in a dollar ("US orders over $75") takes that country's dollar first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assist.policy_facts import PolicyFact

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ja", "zh")
_US_MARK = re.compile(r"US\$|U\$S|\bUSD\b|US-\$", re.IGNORECASE)


@lru_cache(maxsize=1)
def dollar_currencies() -> frozenset[str]:
    """ISO codes of every currency written with "$" in some locale (CLDR)."""
    from babel import localedata
    from babel.numbers import get_currency_symbol, get_territory_currencies

    found: set[str] = set()
    for ident in localedata.locale_identifiers():
        territory = ident.split("_")[-1]
        if "_" not in ident or len(territory) != 2 or not territory.isupper():
            continue
        try:
            codes = get_territory_currencies(territory, tender=True)[:1]
            found.update(c for c in codes if "$" in get_currency_symbol(c, ident))
        except Exception:  # noqa: S112 - a locale babel cannot fully read names no currency
            continue
    return frozenset(found)


@lru_cache(maxsize=1)
def _names() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, code) for each dollar currency's ISO code and its names, singular and plural, in the policy
    languages."""
    from babel import Locale

    out = []
    for code in sorted(dollar_currencies()):
        names = {code}
        for language in LANGUAGES:
            locale = Locale.parse(language)
            if code in locale.currencies:
                names.add(locale.currencies[code])
            plural = locale._data["currency_names_plural"].get(code)
            if plural:
                names.update(str(v) for v in dict(plural).values())
        words = sorted((n for n in names if len(n) >= 3), key=len, reverse=True)
        flags = 0 if words == [code] else re.IGNORECASE
        alternatives = "|".join(re.escape(w) if w != code else rf"(?-i:{re.escape(w)})" for w in words)
        out.append((re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", flags), code))
    return out


def named_dollar(text: str) -> str | None:
    """The one dollar currency a document names other than the US dollar, else None."""
    if "$" not in text and not re.search(r"\b[A-Z]{3}\b", text):
        return None
    named = {code for pattern, code in _names() if pattern.search(text)}
    return next(iter(named - {"USD"})) if len(named - {"USD"}) == 1 and "USD" not in named else None


def bare_dollar(sentence: str) -> bool:
    """Whether a sentence writes an amount with a bare "$" (no "US$", "USD")."""
    return "$" in sentence and not _US_MARK.search(sentence)


def settle_dollars(facts: list[PolicyFact], text_of: dict[str | None, str]) -> list[PolicyFact]:
    """Money facts read as US dollars from a bare "$" take the dollar currency their document names
    (``text_of`` maps a chunk id to its whole document's text)."""
    out = []
    for fact in facts:
        text = text_of.get(fact.chunk_id)
        if fact.unit == "USD" and text and bare_dollar(fact.sentence or ""):
            code = region_dollar(fact.scope.region) or named_dollar(text)
            if code:
                fact = fact.model_copy(update={"unit": code})
        out.append(fact)
    return out


def region_dollar(region: str | None) -> str | None:
    """The dollar of the one country a fact's region names ("US orders over $75" -> USD), else None."""
    from babel.numbers import get_territory_currencies

    from assist.regions import region_countries

    countries = region_countries(region) if region else None
    if not countries or len(countries) != 1:
        return None
    try:
        codes = get_territory_currencies(next(iter(countries)), tender=True)[:1]
    except Exception:  # an area code babel does not know ("EU")
        return None
    return codes[0] if codes and codes[0] in dollar_currencies() else None
