"""Money amounts in any CLDR currency, one parser for the draft checks and the policy reader.

Amounts in the currency of a language's own country, written as CLDR writes them there ("69 Kč", "250 Ft",
"50 lei", "199 kr") or in an inflected form of the currency's name ("79 euron"), with CLDR's thousands separators
("2 500 Kč", "1.299,00 €" is the sign-and-code parser's, :mod:`assist.quality.extract`). Symbols and names come
from babel (CLDR), for the languages buyers and shops write; a name is read inflected only in the text's own
language (:func:`assist.language.language_of`), and a symbol several countries share ("kr") only
in the language of one of them.

``foreign=True`` (the draft checks, :func:`assist.quality.extract.draft_amounts`) also reads the names the text's
language gives other countries' currencies, inflected ("150 злотих" in Ukrainian is zloty): a word that names
one currency only.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SPACES = " \u00a0\u202f"
_LETTERS = r"A-Za-zÀ-ɏͰ-ϿЀ-ӿ"
# languages read beyond the buyer languages of assist.country_names, for foreign currency names in drafts
_MORE_LANGUAGES = ("uk", "lt", "lv", "et", "bg", "hr", "sl", "sr", "is")


@lru_cache(maxsize=1)
def _currencies() -> dict[str, tuple[str, set[str], set[str], str]]:
    """Language -> (currency code, symbols, names (folded), group symbol) of the country CLDR links it to."""
    from babel.core import get_global
    from babel.numbers import get_currency_name, get_currency_symbol, get_group_symbol, get_territory_currencies

    from assist.country_names import BUYER_LANGUAGES

    out: dict[str, tuple[str, set[str], set[str], str]] = {}
    for language in BUYER_LANGUAGES:
        base = language.split("_")[0]
        if base == "zh":
            continue  # Chinese amounts have a parser of their own (assist.policy_extract.values)
        territory = str(get_global("likely_subtags").get(base, "")).split("_")[-1]
        codes = get_territory_currencies(territory) if territory else []
        if not codes:
            continue
        code = codes[0]
        symbol = get_currency_symbol(code, locale=language)
        names = {get_currency_name(code, count=n, locale=language).casefold() for n in (1, 2, 5, 1.5)}
        words = {w for name in names for w in name.split() if len(w) >= 3 and re.fullmatch(rf"[{_LETTERS}]+", w)}
        out[base] = (code, {symbol} - {code}, words, get_group_symbol(language))
    return out


def _number(language: str | None) -> str:
    groups = _SPACES + (_currencies()[language][3] if language in _currencies() else "")
    group = "[" + re.escape("".join(sorted(set(groups)))) + "]"
    return rf"(?<![\d.,])(?P<a>\d{{1,3}}(?:{group}\d{{3}})+(?:,\d{{1,2}})?|\d+(?:[.,]\d{{1,2}})?)"


@lru_cache(maxsize=64)
def _pattern(language: str | None) -> re.Pattern[str]:
    symbols = {s for _, found, _, _ in _currencies().values() for s in found}
    alternatives = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    return re.compile(rf"{_number(language)}[{_SPACES}]?(?P<word>{alternatives}|[{_LETTERS}]+)(?![\w])")


@lru_cache(maxsize=64)
def _foreign_names(language: str) -> dict[str, str]:
    """Word (folded) -> the one currency whose CLDR names in ``language`` hold it (words of several dropped)."""
    from babel import Locale

    try:
        locale = Locale.parse(language)
    except Exception:  # a language babel does not know: no names
        return {}
    owners: dict[str, set[str]] = {}
    plural = locale._data["currency_names_plural"]
    for code, name in locale.currencies.items():
        if len(code) != 3 or not code.isupper():
            continue
        names = {name, *(str(v) for v in dict(plural.get(code) or {}).values())}
        for word in {w.casefold() for n in names for w in n.split()}:
            if len(word) >= 5 and re.fullmatch(rf"[{_LETTERS}]+", word):
                owners.setdefault(word, set()).add(code)
    return {word: codes.pop() for word, codes in owners.items() if len(codes) == 1}


def _code_of(word: str, language: str | None, foreign: bool = False, prefer: str | None = None) -> str | None:
    from assist.policy_extract.unit_words import inflected_from  # the policy reader's package imports this module

    folded = word.casefold()
    own = _currencies().get(language or "")
    # "449 kr." at a sentence's end in Swedish is the Swedish "kr" and its full stop, not the Danish "kr."
    if own and (word in own[1] or word.rstrip(".") in own[1] or folded in own[2] or inflected_from(folded, own[2])):
        return own[0]
    codes = {code for code, symbols, _, _ in _currencies().values() if word in symbols}
    if prefer in codes:  # "kr" from a Swedish shop: its own crown, whatever a short text's language reads as
        return prefer
    if len(codes) == 1:
        return codes.pop()
    if codes or not foreign or not language:
        return None  # "kr" names three crowns: only the text's language tells
    names = _foreign_names(language)
    if folded in names:
        return names[folded]
    found = {code for name, code in names.items() if inflected_from(folded, {name})}
    return found.pop() if len(found) == 1 else None


def local_amounts(text: str, foreign: bool = False, prefer: str | None = None) -> list[tuple[int, int, float, str]]:
    """(start, end, amount, currency code) of each amount followed by a CLDR symbol or currency name; ``prefer``:
    the currency a symbol several countries write ("kr") is read as when it is one of them (the shop's)."""
    from assist.language import language_of

    if not re.search(r"\d", text):
        return []
    language = language_of(text)
    out = []
    for m in _pattern(language).finditer(text):
        code = _code_of(m.group("word"), language, foreign, prefer.upper() if prefer else None)
        if code is None:
            continue
        number = (
            re.sub(rf"[{_SPACES}.]", "", m.group("a")) if re.search(r"\d[^\d,]\d{3}", m.group("a")) else m.group("a")
        )
        out.append((m.start(), m.end(), float(number.replace(",", ".")), code))
    return out


__all__ = ["local_amounts"]
