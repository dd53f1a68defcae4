"""Money amounts in agent drafts and policy texts: "€49.90", "49,90 €", "5.000円", "USD 12", "120元", "5万円"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assist.quality.text_spans import FULLWIDTH, Span

CURRENCY_SYMBOLS = {
    "€": "EUR",
    "$": "USD",
    "US$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "￥": "JPY",
    "円": "JPY",
    "元": "CNY",
    "R$": "BRL",
    "CHF": "CHF",
    "EUR": "EUR",
    "USD": "USD",
    "GBP": "GBP",
    "JPY": "JPY",
    "CNY": "CNY",
    "RMB": "CNY",
    "BRL": "BRL",
    "euros": "EUR",
    "euro": "EUR",
    "Euro": "EUR",
    "ユーロ": "EUR",
    "欧元": "EUR",
    "ドル": "USD",
    "美元": "USD",
    "ポンド": "GBP",
    "英镑": "GBP",
    # dollars and yuan of other places: the sign before "$" or "元" says whose
    "NT$": "TWD",
    "NTD": "TWD",
    "TWD": "TWD",
    "新台幣": "TWD",
    "新台币": "TWD",
    "台幣": "TWD",
    "台币": "TWD",
    "HK$": "HKD",
    "HKD": "HKD",
    "港幣": "HKD",
    "港币": "HKD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "加幣": "CAD",
    "加币": "CAD",
    "S$": "SGD",
    "SGD": "SGD",
    "₩": "KRW",
    "KRW": "KRW",
    "원": "KRW",
    "엔": "JPY",
    "유로": "EUR",
    "日圓": "JPY",
    "日元": "JPY",
    "日圆": "JPY",
    "美金": "USD",
    "₽": "RUB",
    "руб.": "RUB",
    "рублей": "RUB",
    "RUB": "RUB",
    "฿": "THB",
    "บาท": "THB",
    "THB": "THB",
    "₺": "TRY",
    "TL": "TRY",
    "TRY": "TRY",
    "zł": "PLN",
    "PLN": "PLN",
    # currencies of shops beyond the first eight languages, by the sign or code their buyers write
    "₫": "VND",
    "đ": "VND",
    "VND": "VND",
    "Rp": "IDR",
    "IDR": "IDR",
    "RM": "MYR",
    "MYR": "MYR",
    "₴": "UAH",
    "грн": "UAH",
    "UAH": "UAH",
    "лв.": "BGN",
    "лв": "BGN",
    "BGN": "BGN",
    "Ft": "HUF",
    "HUF": "HUF",
    "Kč": "CZK",
    "CZK": "CZK",
    "RON": "RON",
    "₱": "PHP",
    "₹": "INR",
    "₪": "ILS",
}
_CUR_ALT = "|".join(sorted((re.escape(c) for c in CURRENCY_SYMBOLS), key=len, reverse=True))
_AMOUNT = r"\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
# East Asian counting units written between the number and the currency ("5万円", "5만원", "3천원", "1.2亿元")
MYRIADS = {"千": 1e3, "천": 1e3, "万": 1e4, "萬": 1e4, "만": 1e4, "亿": 1e8, "億": 1e8, "억": 1e8}
# a code of letters before the number stands apart from it ("TL 850") or groups its digits ("Rp350.000"); the order
# number "TL1001296" is no amount; a sign is no word's first letter ("đ" of "đã")
MONEY = re.compile(
    rf"(?<![A-Za-z])(?P<pre>{_CUR_ALT})(?:(?<=[A-Za-z])(?:\s|(?=\d{{1,3}}[.,]\d))|(?<![A-Za-z])\s?)(?P<a1>{_AMOUNT})"
    rf"|(?<![A-Za-z\d])(?P<a2>{_AMOUNT})\s?(?P<mult>[{''.join(MYRIADS)}])?\s?(?P<post>{_CUR_ALT})(?![A-Za-zÀ-ɏḀ-ỿ])"
)


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str
    span: Span


def parse_amount(raw: str) -> float:
    raw = re.sub(r"\s", "", raw)  # a space, no-break or narrow no-break space groups thousands ("1\u202f250")
    if re.search(r"[.,]\d{1,2}$", raw):
        whole, frac = raw[: -3 if raw[-3] in ".," else -2], raw[-2:] if raw[-3] in ".," else raw[-1:]
        return float(re.sub(r"[.,]", "", whole) + "." + frac)
    return float(re.sub(r"[.,]", "", raw))


def amounts(text: str) -> list[Amount]:
    """Money amounts with a currency: "€49.90", "49,90 €", "5.000円", "USD 12", "120元"."""
    norm = text.translate(FULLWIDTH)
    out = []
    for m in MONEY.finditer(norm):
        raw = m.group("a1") or m.group("a2")
        cur = CURRENCY_SYMBOLS[m.group("pre") or m.group("post")]
        value = parse_amount(raw.strip()) * MYRIADS.get(m.group("mult") or "", 1)
        out.append(Amount(value, cur, Span(text[m.start() : m.end()], m.start(), m.end())))
    return out


def draft_amounts(text: str, currency: str | None = None) -> list[Amount]:
    """The money amounts of a draft, in any CLDR currency: the sign-and-code amounts of :func:`amounts` ("€49.90",
    "1.299,00 €", "¥1,980", "11,99 zł") and, where those read none, the amounts :mod:`assist.money` reads with the
    symbols and (inflected) names CLDR gives in the draft's language ("2 500 Kč", "199 kr", "150 злотих").
    ``currency``: the shop's or the order's; a bare "$" is its dollar (CAD, AUD, MXN...) and a "kr" its crown."""
    from assist.money import local_amounts

    found = [in_currency_dollars(a, currency) for a in amounts(text)]
    read = local_amounts(text, foreign=True, prefer=currency)
    read += shop_currency_amounts(text, currency.upper()) if currency else []
    for start, end, value, code in read:
        if not any(a.span.start < end and start < a.span.end for a in found):
            found.append(Amount(value, code, Span(text[start:end], start, end)))
    return sorted(found, key=lambda a: a.span.start)


# a number as any language groups it ("15 000", "25,000", "1.500") with an East Asian counting unit after it ("30만")
def _number(n: int) -> str:
    return rf"(?P<a{n}>\d{{1,3}}(?:[,.\s\u00a0\u202f]\d{{3}})+|\d+)(?P<m{n}>[{''.join(MYRIADS)}])?"


@lru_cache(maxsize=64)
def _shop_currency_pattern(code: str, language: str | None) -> re.Pattern[str] | None:
    """The words and signs CLDR writes the shop's currency with: its symbols in the locales of its own countries ("R",
    "රු.", "֏") and its name in the draft's language with the country's name and the adjective made of it left out
    ("درام" of "درام أرميني", "卢比" of "斯里兰卡卢比", "숨" of "우즈베키스탄 숨")."""
    from babel import Locale
    from babel.core import get_global

    territories = [t for t, codes in get_global("territory_currencies").items() if codes and codes[0][0] == code]
    words: set[str] = set()
    try:
        locale = Locale.parse(language) if language else None
    except Exception:  # noqa: BLE001 - a language babel does not know: its symbols only
        locale = None
    if locale is not None:
        country = [str(locale.territories.get(t, "")).casefold() for t in territories]
        forms = {str(locale.currencies.get(code) or "")}
        forms |= {str(v) for v in dict(locale._data["currency_names_plural"].get(code) or {}).values()}
        for form in forms:
            words |= _currency_words(form.casefold(), country)
    signs: set[str] = set()
    for territory in territories:
        for spoken in get_global("territory_languages").get(territory, {}):
            try:
                symbol = Locale.parse(f"{spoken}_{territory}").currency_symbols.get(code)
            except Exception:  # noqa: BLE001 - no locale for that language in that country
                continue
            if symbol and symbol != code and not symbol.isdigit():
                signs.add(symbol.casefold())
    spaced = sorted(words | {w for w in signs if len(w) > 1}, key=len, reverse=True)
    tight = sorted(signs - set(spaced), key=len, reverse=True)  # "R1 000": a one-letter sign stands on the number
    if not spaced and not tight:
        return None
    before = "|".join([*(re.escape(w) + r"\s?" for w in spaced), *(re.escape(w) for w in tight)])
    # a word of a script written without spaces ends where the next one starts ("25,000卢比即可", "500ルピーです")
    after = "|".join(re.escape(w) + ("" if _UNSPACED.search(w) else r"(?!\w)") for w in [*spaced, *tight])
    return re.compile(
        rf"(?<![\w.,])(?:{before}){_number(1)}(?![\d\w])|(?<![\d.,]){_number(2)}\s?(?:{after})", re.IGNORECASE
    )


_UNSPACED = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _currency_words(name: str, country: list[str]) -> set[str]:
    """The words of a currency's name that are not its country's name or an adjective of it (sharing its first four
    letters); in a name written without spaces, what is left when the country's name is taken out."""
    for place in country:
        if place and place in name:
            name = name.replace(place, " ")
    kept = set()
    for word in name.split():
        word = word.strip("-.,()")
        if len(word) < 2 and not _UNSPACED.fullmatch(word):
            continue
        if any(p[:4] and word[:4] == w[:4] for p in country for w in p.split()):
            continue
        kept.add(word)
    return kept


def shop_currency_amounts(text: str, code: str) -> list[tuple[int, int, float, str]]:
    """(start, end, amount, ``code``) of each amount written with a word or sign of the shop's currency
    (:func:`_shop_currency_pattern`), before or after the number."""
    from assist.language import language_of

    if not re.search(r"\d", text):
        return []
    pattern = _shop_currency_pattern(code, language_of(text))
    if pattern is None:
        return []
    out = []
    norm = text.translate(FULLWIDTH)
    for m in pattern.finditer(norm):
        n = 1 if m.group("a1") else 2
        value = parse_amount(m.group(f"a{n}")) * MYRIADS.get(m.group(f"m{n}") or "", 1)
        out.append((m.start(), m.end(), value, code))
    return out


def in_currency_dollars(amount: Amount, currency: str | None) -> Amount:
    """A bare "$" amount in the given dollar-sign currency (CAD, AUD, MXN...): "150 $" from a Canadian shop is
    Canadian dollars; an amount that says "US" stays US dollars."""
    if amount.currency != "USD" or not currency or currency.upper() == "USD":
        return amount
    if re.search(r"US|USD|U\.S\.", amount.span.text) or "$" not in amount.span.text:
        return amount
    from babel.numbers import get_currency_symbol

    if "$" not in get_currency_symbol(currency.upper(), locale="en"):
        return amount
    return Amount(amount.value, currency.upper(), amount.span)
