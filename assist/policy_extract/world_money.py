"""Amounts in any currency CLDR knows, written the way a policy in any language writes them: "AED 120", "120 SAR"
(an ISO code of a currency in use beside the number), "20 درهم", "150 שקלים", "۵۰۰ ریال" (a word of the currency's
CLDR name in the text's language, or an inflected form of one), "99 د.إ" (its CLDR symbol in that language or one
of its regional locales), "399 ש״ח" (the initials of its name, as Hebrew shortens a name).

The main parsers (:mod:`assist.quality.extract`, :mod:`assist.money`) read the currencies of the policy and buyer
languages; this module reads the rest, for policies only. A word several currencies' names share (the Arabic
"درهم" is the dirham of the Emirates and of Morocco) is read as the one the shop's documents name by ISO code or
unambiguous symbol (:func:`shop_currencies`), else not at all.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from assist.char_classes import LETTER

_SPACES = " \u00a0\u202f"
_MARKS = "\u200e\u200f\u061c"  # direction marks CLDR writes into right-to-left symbols ("د.إ.\u200f")
_NUMBER = r"(?P<{0}>\d{{1,3}}(?:[,.\u00a0\u202f ]\d{{3}})+(?:[.,]\d{{1,2}})?|\d+(?:[.,]\d{{1,2}})?)"
_SHOP: ContextVar[frozenset[str]] = ContextVar("shop_currencies", default=frozenset())


_LETTER = LETTER
_NEXT_WORD = re.compile(rf"\s+({_LETTER}+)")


@lru_cache(maxsize=1)
def codes_in_use() -> frozenset[str]:
    """ISO codes of every currency some territory tenders today (CLDR)."""
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    found: set[str] = set()
    for territory in get_global("territory_currencies"):
        try:
            found.update(get_territory_currencies(territory, tender=True))
        except Exception:  # noqa: BLE001, S112 - a territory babel cannot read names no currency
            continue
    return frozenset(c for c in found if re.fullmatch(r"[A-Z]{3}", c))


@lru_cache(maxsize=1)
def _iso_pattern() -> re.Pattern[str]:
    codes = "|".join(sorted(codes_in_use()))
    return re.compile(
        rf"(?<![A-Za-z])(?P<code>{codes})[{_SPACES}]?{_NUMBER.format('a')}(?![\d])"
        rf"|(?<![\d.,]){_NUMBER.format('b')}[{_SPACES}]?(?P<code2>{codes})(?![A-Za-z])"
    )


def _amount(number: str) -> float:
    """ "1,250.50", "1.250,50", "1 250", "25,5" as a number."""
    compact = re.sub(rf"[{_SPACES}]", "", number)
    grouped = re.fullmatch(r"\d{1,3}(?:([,.])\d{3})+(?:([.,])\d{1,2})?", compact)
    if grouped:
        group = grouped.group(1)
        compact = compact.replace(group, "")
    return float(compact.replace(",", "."))


def iso_amounts(text: str) -> list[tuple[int, int, float, str]]:
    """(start, end, amount, code) of each amount written with the ISO code of a currency in use."""
    out = []
    for m in _iso_pattern().finditer(text):
        code = m.group("code") or m.group("code2")
        out.append((m.start(), m.end(), _amount(m.group("a") or m.group("b") or m.group("c")), code))
    return out


@lru_cache(maxsize=64)
def _names(language: str) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(word -> codes, symbol -> codes) of the currencies in use as CLDR writes them in ``language`` and its regional
    locales: every word of three letters or more of a currency's names (singular and plural), and its symbols."""
    from babel import Locale, localedata

    words: dict[str, set[str]] = {}
    symbols: dict[str, set[str]] = {}
    locales = [language, *(i for i in localedata.locale_identifiers() if i.startswith(f"{language}_"))]
    for ident in locales:
        try:
            locale = Locale.parse(ident)
            names, plural, signs = locale.currencies, locale._data["currency_names_plural"], locale.currency_symbols
        except Exception:  # noqa: BLE001, S112 - a locale babel cannot read names no currency
            continue
        for code in codes_in_use():
            written = {names.get(code, ""), *(str(v) for v in dict(plural.get(code) or {}).values())}
            for word in {_one_apostrophe(w.casefold()) for name in written for w in name.split()}:
                if len(word) >= 3 and re.fullmatch(rf"{_LETTER}+", word):
                    words.setdefault(word, set()).add(code)
            for acronym in _acronyms(names.get(code, "")):
                symbols.setdefault(acronym, set()).add(code)
            sign = _one_apostrophe(_bare_symbol(signs.get(code, "")))
            if sign and sign != code and not re.fullmatch(r"[A-Za-z]{1,2}|\W", sign):
                symbols.setdefault(sign, set()).add(code)
    return (
        {w: frozenset(c) for w, c in words.items()},
        {s: frozenset(c) for s, c in symbols.items()},
    )


def _acronyms(name: str) -> list[str]:
    """A name of several words as its initials with the acronym mark before the last one, the way Hebrew shortens
    a name ("שקל חדש" -> "ש״ח", also written with a plain double quote)."""
    initials = [w[0] for w in name.split() if re.match(_LETTER, w)]
    if len(initials) < 2 or len(initials) != len(name.split()):
        return []
    return [f"{''.join(initials[:-1])}{mark}{initials[-1]}" for mark in ("\u05f4", '"')]


def _bare_symbol(symbol: str) -> str:
    """A symbol without direction marks or the period that ends it ("د.إ.\u200f" -> "د.إ")."""
    return symbol.translate({ord(m): None for m in _MARKS}).strip().rstrip(".")


@lru_cache(maxsize=64)
def _patterns(language: str) -> tuple[re.Pattern[str], ...] | None:
    """(amount then name or symbol, symbol then amount) in ``language``; None where CLDR names none."""
    words, symbols = _names(language)
    if not words and not symbols:
        return None
    signs = "|".join(_sign(s) for s in sorted(symbols, key=len, reverse=True))
    name = rf"(?P<name>{signs}|{_LETTER}+)" if signs else rf"(?P<name>{_LETTER}+)"
    before = (  # a name before its amount is a symbol only ("د.إ 99"): a word there is as often a preposition
        re.compile(rf"(?<!\w)(?P<name>{signs})[{_SPACES}]?{_NUMBER.format('a')}(?![\d])") if signs else None
    )
    after = re.compile(rf"(?<![\d.,]){_NUMBER.format('a')}[{_SPACES}]?{name}(?!\w)")
    return (after, before) if before is not None else (after,)


def _sign(symbol: str) -> str:
    """A symbol as a pattern: one of three letters or more in any case ("KSh" for CLDR's "Ksh"), the others as
    CLDR writes them; a period may end it."""
    if len(symbol) >= 3 and re.fullmatch(rf"{_LETTER}+", symbol):
        return rf"(?i:{re.escape(symbol)})\.?"
    return re.escape(symbol) + r"\.?"


def _symbol_codes(symbol: str, symbols: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """The codes of a symbol as written, or of the letter symbol it writes in another case ("KSh" -> "Ksh")."""
    if symbol in symbols:
        return symbols[symbol]
    if len(symbol) < 3 or not re.fullmatch(rf"{_LETTER}+", symbol):
        return None
    found = {c for s, codes in symbols.items() if s.casefold() == symbol.casefold() for c in codes}
    return frozenset(found) or None


def _codes_of(word: str, language: str) -> frozenset[str]:
    from assist.policy_extract.unit_words import inflected_from

    words, symbols = _names(language)
    sign = _bare_symbol(word)
    if (by_symbol := _symbol_codes(sign, symbols)) is not None:
        return by_symbol
    folded = word.casefold()
    if folded in words:
        return words[folded]
    if len(folded) < 4:  # "do" is no "dong"
        return frozenset()
    # the name's word without the ending CLDR writes on it ("Azərbaycan manatı" -> "60 manat"): one letter less
    bare = frozenset(c for w, codes in words.items() if len(folded) >= _BARE_STEM and w[:-1] == folded for c in codes)
    if bare:
        return bare
    # another form of a name's word at least as long ("دراهم" beside "درهم"); a form sharing only two letters with
    # the word is read only from a word that names currencies as such (in several currencies' names: "درهم"), not
    # from a place's name ("تومان" is no form of "تونس" in "دینار تونس")
    return frozenset(
        c
        for w, codes in words.items()
        if len(folded) >= len(w) >= 4
        and inflected_from(folded, {w})
        and (len(codes) > 1 or len(os.path.commonprefix([folded, w])) >= _OWN_WORD_SHARED)
        for c in codes
    )


_BARE_STEM = 5  # letters a name's word keeps without its ending ("manat", not "lev" from "leva")
_OWN_WORD_SHARED = 3  # letters an inflected form shares with a word only one currency's name holds


# Letters the Latin scripts of Uzbek and others write as an apostrophe, in the forms keyboards give them ("so‘m",
# "so'm", "soʼm" for CLDR's "soʻm"): one form, the one CLDR writes (same length: the spans stay offsets into the text)
_APOSTROPHES = str.maketrans({"‘": "ʻ", "’": "ʻ", "'": "ʻ", "`": "ʻ", "ʼ": "ʻ"})


def _one_apostrophe(text: str) -> str:
    return text.translate(_APOSTROPHES)


def named_amounts(text: str, language: str | None) -> list[tuple[int, int, float, str]]:
    """(start, end, amount, code) of each amount written with a currency's CLDR name or symbol in ``language``: the
    one currency the word names, or among several the one the shop's documents name (:func:`shop_currencies`)."""
    text = _one_apostrophe(text)
    base = language.split("-")[0].split("_")[0] if language else ""
    patterns = _patterns(base) if base else None
    if patterns is None:
        return []
    out: list[tuple[int, int, float, str]] = []
    for pattern in patterns:  # "20 درهم" first: a word before a number is read only where none after it is
        for m in pattern.finditer(text):
            if any(start < m.end() and m.start() < end for start, end, *_ in out):
                continue
            codes = _codes_of(m.group("name"), base)
            following = _NEXT_WORD.match(text, m.end())
            if len(codes) > 1 and following:  # "35 ريال سعودي": the name's next word tells which rial
                codes = (codes & _codes_of(following.group(1), base)) or codes
            if len(codes) > 1:
                codes = codes & _SHOP.get()
            if len(codes) == 1:
                out.append((m.start(), m.end(), _amount(m.group("a")), next(iter(codes))))
    return sorted(out)


@lru_cache(maxsize=1)
def _signs() -> dict[str, str]:
    """Sign -> currency, for the signs without letters ("₦", "₮", "֏") that CLDR writes for one currency in use only,
    in the locales of the countries that pay in it: a sign read in a text whatever its language."""
    from babel import Locale, localedata

    from assist.home_country import currency_users

    identifiers = localedata.locale_identifiers()
    by_country: dict[str, list[str]] = {}
    for ident in identifiers:
        by_country.setdefault(ident.rsplit("_", 1)[-1], []).append(ident)
    found: dict[str, set[str]] = {}
    for code in codes_in_use():
        for country in currency_users(code):
            for ident in by_country.get(country, []):
                try:
                    sign = _bare_symbol(Locale.parse(ident).currency_symbols.get(code, ""))
                except Exception:  # noqa: BLE001, S112 - a locale babel cannot read names no currency
                    continue
                if sign and not re.search(r"[\w\s]", sign) and not any(unicodedata.category(c)[0] == "C" for c in sign):
                    found.setdefault(sign, set()).add(code)
    return {sign: next(iter(codes)) for sign, codes in found.items() if len(codes) == 1}


@lru_cache(maxsize=1)
def _sign_pattern() -> re.Pattern[str] | None:
    signs = "|".join(re.escape(s) for s in sorted(_signs(), key=len, reverse=True))
    if not signs:
        return None
    return re.compile(
        rf"(?<!\w)(?P<sign>{signs})[{_SPACES}]?{_NUMBER.format('a')}(?![\d])"
        rf"|(?<![\d.,]){_NUMBER.format('b')}[{_SPACES}]?(?P<sign2>{signs})(?!\w)"
    )


def sign_amounts(text: str) -> list[tuple[int, int, float, str]]:
    """(start, end, amount, code) of each amount written with a sign that names one currency only ("₦3,500",
    "2 500 ֏"), in any language."""
    pattern = _sign_pattern()
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        sign, number = (m.group("sign"), m.group("a")) if m.group("sign") else (m.group("sign2"), m.group("b"))
        out.append((m.start(), m.end(), _amount(number), _signs()[sign]))
    return out


def named_in(text: str) -> frozenset[str]:
    """The currencies a text names unambiguously: by ISO code beside an amount, or alone as a word ("prices in
    AED"), or by a sign beside an amount that names one currency only ("₦3,500")."""
    found = {code for *_, code in iso_amounts(text)} | {code for *_, code in sign_amounts(text)}
    found |= {w for w in re.findall(r"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])", text) if w in codes_in_use()}
    return frozenset(found)


def current_currencies() -> frozenset[str]:
    """The currencies the documents being read name (inside :func:`shop_currencies`; none outside it)."""
    return _SHOP.get()


@contextmanager
def shop_currencies(texts: list[str]) -> Iterator[None]:
    """Read amounts, inside the block, with the currencies the shop's documents name (:func:`named_in`, and the
    main parsers' readings) as the ones an ambiguous currency word means."""
    from assist.policy_extract.values import money_values

    found: set[str] = set()
    for text in texts:
        found |= named_in(text)
        found |= {str(v.unit) for v in money_values(text) if v.unit}
    token = _SHOP.set(frozenset(found))
    try:
        yield
    finally:
        _SHOP.reset(token)


@lru_cache(maxsize=64)
def _own_pattern(language: str) -> tuple[str, re.Pattern[str]] | None:
    """The currency of the country CLDR links ``language`` to ("is" -> Iceland's crown) and a pattern of amounts
    written with its CLDR symbols there, after the number or before it ("15.000 kr.", "RM150"), or with a word of its
    name that names currencies as such, or that word cut to three letters and a period ("390,00 дин.", "500
    динара"); None where CLDR gives no such currency or only its ISO code."""
    from babel.core import get_global
    from babel.numbers import get_currency_symbol, get_territory_currencies

    try:
        territory = str(get_global("likely_subtags").get(language, "")).split("_")[-1]
        codes = get_territory_currencies(territory, tender=True) if territory else []
    except Exception:  # noqa: BLE001 - a language babel cannot place has no currency of its own
        return None
    if not codes:
        return None
    code = codes[0]
    signs: set[str] = set()
    letters: set[str] = set()
    for form in ("", "narrow"):
        try:
            sign = get_currency_symbol(code, locale=language, **({"format_type": form} if form else {}))
        except (TypeError, ValueError, KeyError, AttributeError):
            continue
        bare = _one_apostrophe(_bare_symbol(sign))
        if bare and bare != code:
            (letters if re.fullmatch(r"[A-Za-z]", bare) else signs).add(bare)
    nouns = _own_nouns(language, code)
    if not signs and not nouns and not letters:
        return None
    written = [re.escape(s) + r"\.?" for s in sorted(signs, key=len, reverse=True)]
    written += [re.escape(n) for n in sorted(nouns, key=len, reverse=True)]
    written += [re.escape(a) + r"\." for a in sorted({n[:3] for n in nouns if len(n) > 3})]  # "дин." for "динар"
    sign = "|".join(written) or r"(?!)"
    # a one-letter sign ("R" of the rand in zu, af, xh) only written onto the number before it ("R85", "ngu-R85"),
    # with no letter after the number: "R 2" or "85 R" may be a size or a grade
    letter = "|".join(sorted(letters)) or r"(?!)"
    pattern = re.compile(
        rf"(?<![\d.,]){_NUMBER.format('a')}[{_SPACES}]?(?:{sign})(?!\w)"
        rf"|(?<![^\W\d_])(?:{sign})[{_SPACES}]?{_NUMBER.format('b')}(?![\d]|[.,]\d)"
        rf"|(?<![^\W\d_])(?:{letter}){_NUMBER.format('c')}(?![\d]|[.,]\d|[^\W\d_])"
    )
    return code, pattern


def _own_nouns(language: str, code: str) -> set[str]:
    """The words of the name of ``language``'s own currency that name a currency as such: those other currencies'
    names in the language share ("динар", "динара" in "српски динар", "тунижански динар"), not the country's
    adjective or name ("српски"); a shared word is read as the own currency in a document in the language."""
    words, _ = _names(language)
    # four letters at least: a short word shared by names is as often an adjective or a place ("חדש" new, "nam")
    return {w for w, codes in words.items() if code in codes and len(codes) > 1 and len(w) >= 4}


def own_amounts(text: str, language: str | None) -> list[tuple[int, int, float, str]]:
    """(start, end, amount, code) of each amount written with the symbol of the currency of ``language``'s own country
    (the document's language): in an Icelandic policy "kr." is Iceland's crown, whichever crown the symbol also
    names elsewhere."""
    base = language.replace("-", "_").split("_")[0] if language else ""
    own = _own_pattern(base) if base else None
    if own is None:
        return []
    code, pattern = own
    out = []
    text = _one_apostrophe(text)
    for m in pattern.finditer(text):
        named = re.sub(rf"[\d.,{_SPACES}]+", " ", m.group(0)).strip().rstrip(".").casefold()
        if not _own_reading(named, code, base, text[m.end() :]):
            continue
        out.append((m.start(), m.end(), _amount(m.group("a") or m.group("b") or m.group("c")), code))
    for m in _ABBREVIATED.finditer(text):
        if _abbreviates(m.group("abbr"), base, code) and not any(s < m.end() and m.start() < e for s, e, *_ in out):
            out.append((m.start(), m.end(), _amount(m.group("a")), code))
    return sorted(out)


# a short word and its period before an amount ("रु. २००", "ரூ. 500")
_ABBREVIATED = re.compile(rf"(?<![^\W\d_])(?P<abbr>{_LETTER}{{1,5}})\.[{_SPACES}]?{_NUMBER.format('a')}(?![\d]|[.,]\d)")


def _abbreviates(word: str, language: str, code: str) -> bool:
    """Whether ``word`` (written before a period) shortens the noun of the name of ``language``'s own currency as a
    document in the language writes it: its Latin form (anyascii, which writes the short and long vowel signs of
    Indic scripts alike: "रु" and "रू" are both "ru") two letters or more, the start of a word of the currency's
    CLDR name that does not name its country ("रूपैयाँ", not "नेपाली" beside "नेपाल")."""
    from anyascii import anyascii

    short = anyascii(word).casefold()
    if len(short) < 2 or not short.isalpha():
        return False
    words, _ = _names(language)
    country = _country_latin(language)
    return any(
        code in codes and len(latin) > len(short) and latin.startswith(short) and latin[:4] != country[:4]
        for w, codes in words.items()
        if (latin := anyascii(w).casefold())
    )


@lru_cache(maxsize=64)
def _country_latin(language: str) -> str:
    """The Latin form of the name of ``language``'s own country as CLDR writes it in the language ("" where none)."""
    from anyascii import anyascii
    from babel import Locale
    from babel.core import get_global

    try:
        territory = str(get_global("likely_subtags").get(language, "")).split("_")[-1]
        return anyascii(Locale.parse(language).territories.get(territory, "")).casefold()
    except Exception:  # noqa: BLE001 - a language babel cannot place names no country
        return ""


def _own_reading(named: str, code: str, language: str, after: str) -> bool:
    """Whether a word of a name several currencies share is the own currency here: not where the next word names
    another ("جنيه إسترليني"), nor where the shop's documents name another currency the word names ("lei" of
    Moldova beside Romania's)."""
    words, _ = _names(language)
    shared = words.get(named) or frozenset(
        code for w, codes in words.items() if len(named) >= 3 and w.startswith(named) for code in codes
    )
    if len(shared) <= 1:
        return True  # a symbol, or a word only the own currency's name holds
    following = _NEXT_WORD.match(after)
    if following and (narrowed := _codes_of(following.group(1), language)) and code not in narrowed:
        return False
    return not (shared & _SHOP.get()) - {code}
