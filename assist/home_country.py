"""The shop's own country, for the regions a shop names from where it stands ("domestic", "Inland", "mainland",
"islands", "Continente", "νησιά", "rest of the country").

Read in this order: the shop's settings (``country``, also ``home_country``: an ISO 3166-1 code or a country name);
the currency when one country alone uses it (GBP, JPY, HUF; ``currencies`` in ``resources/regions.yaml`` and CLDR's
territory currencies through babel); else the currency together with the language the shop writes its policies in
(settings ``language``, else the facts' own language, else the language the offline detector reads in their
sentences). A language narrows a shared currency through CLDR: the country the language is most likely written in
when that country pays in the currency (el + EUR -> GR, de + EUR -> DE, ca + EUR -> ES, fr + EUR -> FR), else the
one country using the currency where the language is official (pt + EUR -> PT, fr + CHF -> CH). Where that leaves
several (en + EUR: Ireland or Malta; fr + XOF) the shop's country is unknown: None, never a guess.

Before the language, the shop's own documents: the country its policies state through a VAT id, a postal address
or its e-mail domain (:mod:`assist.shop_address`, read at ingest into the settings' ``policy_country``), where the
currency alone leaves it open (an Irish shop in euros writing English; an Austrian one writing German).
:func:`shop_home` says which of these told.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

OFFICIAL = ("official", "de_facto_official")
REGIONAL = (*OFFICIAL, "official_regional")


def home_country(currency: str | None, language: str | None = None, country: str | None = None) -> str | None:
    """The shop's own country from its settings' ``country``, else its currency, else its currency and its
    policy language (see the module docstring); None when they leave it open."""
    from assist.country_names import gazetteer

    if country:
        named = _country_code(country)
        if named is not None:
            return named
    if not currency:
        return _territory(language)
    code = currency.upper()
    by_currency = gazetteer()["currencies"].get(code) or _sole_users().get(code)
    if by_currency:
        return str(by_currency)
    return _by_language(code, language) if language else None


@dataclass(frozen=True)
class HomeReading:
    """The shop's own country and what told it: ``settings``, ``currency``, ``documents`` (with the words that
    told, in ``evidence``) or ``currency and language``; ``country`` None when nothing did."""

    country: str | None
    source: str | None = None
    evidence: str = ""


def shop_home(currency: str | None, settings: Mapping[str, Any] | None = None, facts: Any = None) -> HomeReading:
    """The shop's own country: its settings' ``country``/``home_country``, else the one country that pays in its
    currency, else the country its documents state (where it pays in that currency), else its currency and the
    language of its settings or of its policy facts (``facts``: a :class:`assist.policy_facts.PolicyFacts`)."""
    stated = stated_home(currency, settings)
    if stated.country is not None:
        return stated
    from assist.shop_address import SETTINGS_KEY, documents_country

    read = documents_country((settings or {}).get(SETTINGS_KEY))
    if read is not None and (not currency or read.country in currency_users(str(currency).upper())):
        return HomeReading(read.country, "documents", read.evidence)
    if not currency:
        return stated
    language = (settings or {}).get("language") or policy_language(facts)
    guess = home_country(currency, str(language) if language else None)
    return HomeReading(guess, "currency and language" if guess else None)


def shop_home_country(currency: str | None, settings: Mapping[str, Any] | None = None, facts: Any = None) -> str | None:
    """:func:`shop_home`'s country."""
    return shop_home(currency, settings, facts).country


def stated_home(currency: str | None, settings: Mapping[str, Any] | None = None) -> HomeReading:
    """The shop's own country where its settings or its currency state it (not read from its documents or its
    language): the one that may stand in for a buyer's place no input names. Documents and a language tell the
    shop's words, not the buyer's place: a buyer of a Croatian shop who writes of Vis or Novi Sad is no mainland
    address because the shop's address is in Split (measured: three such replies stated the mainland time)."""
    own = settings or {}
    country = own.get("country") or own.get("home_country")
    named = home_country(None, None, str(country)) if country else None
    if named is not None:
        return HomeReading(named, "settings", str(country))
    by_currency = home_country(currency) if currency else None
    if by_currency is not None:
        return HomeReading(by_currency, "currency", str(currency))
    return HomeReading(None)


def stated_home_country(currency: str | None, settings: Mapping[str, Any] | None = None) -> str | None:
    """:func:`stated_home`'s country."""
    return stated_home(currency, settings).country


def policy_language(facts: Any) -> str | None:
    """The language most of the shop's facts are written in: their own ``language`` where the extractor set it,
    else the offline detector's reading of their sentences (a sample: the language of a shop's rules is one)."""
    items = list(getattr(facts, "facts", None) or [])
    languages = Counter(str(f.language) for f in items if getattr(f, "language", None))
    if languages:
        return languages.most_common(1)[0][0]
    sentences = tuple(dict.fromkeys(str(f.sentence) for f in items if getattr(f, "sentence", None)))
    return _detected(sentences[:24]) if sentences else None


@lru_cache(maxsize=64)
def _detected(sentences: tuple[str, ...]) -> str | None:
    from assist.policy_extract.coverage import detect

    votes: Counter[str] = Counter()
    for sentence in sentences:
        guess = detect(sentence)
        if guess.language not in ("", "und") and guess.confidence >= 0.5:
            votes[str(guess.language)] += 1
    if not votes:
        return None
    language, count = votes.most_common(1)[0]
    return language if count * 2 > sum(votes.values()) else None


def _country_code(country: str) -> str | None:
    """An ISO 3166-1 code, or the code of a country name in any language CLDR names."""
    from assist.country_names import _fold, country_names

    text = country.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    code = country_names().get(_fold(text))
    return code if code and "-" not in code else None


def _split(language: str) -> tuple[str, str | None]:
    """("pt", "PT") for "pt-PT" / "pt_PT"; ("el", None) for "el"."""
    from babel import Locale

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except Exception:  # an unknown tag
        return language.split("-")[0].split("_")[0].lower(), None
    return locale.language, locale.territory


def _territory(language: str | None) -> str | None:
    """The country a language tag names itself ("pt-PT" -> PT); None for a bare language."""
    return _split(language)[1] if language else None


def _by_language(currency: str, language: str) -> str | None:
    from babel.core import get_global

    users = currency_users(currency)
    base, written = _split(language)
    if written in users:
        return written
    spoken = get_global("territory_languages")
    status = {t: (spoken.get(t, {}).get(base) or {}).get("official_status") for t in users}
    likely = str(get_global("likely_subtags").get(base, "")).split("_")
    territory = likely[-1] if len(likely) > 1 else None
    if territory in users and status.get(territory) in REGIONAL:
        return territory  # the country the language is most likely written in pays in this currency
    official = sorted(t for t, s in status.items() if s in OFFICIAL)
    return official[0] if len(official) == 1 else None


def currency_users(currency: str) -> frozenset[str]:
    """The countries that pay in ``currency`` today (CLDR through babel)."""
    return _users().get(currency, frozenset())


@lru_cache(maxsize=1)
def _users() -> dict[str, frozenset[str]]:
    """Currency -> the countries that use it today (CLDR through babel), groups such as EU left out."""
    from babel import Locale
    from babel.numbers import get_territory_currencies

    users: dict[str, set[str]] = {}
    for code in map(str, Locale("en").territories):
        if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "QO", "ZZ"):
            for currency in get_territory_currencies(code):
                users.setdefault(currency, set()).add(code)
    return {currency: frozenset(c) for currency, c in users.items()}


@lru_cache(maxsize=1)
def _sole_users() -> dict[str, str]:
    """Currency -> the one country that uses it today (CLP -> CL; EUR, used by many, is none)."""
    return {currency: next(iter(c)) for currency, c in _users().items() if len(c) == 1}
