"""Money amounts in agent drafts and policy texts: "€49.90", "49,90 €", "5.000円", "USD 12", "120元", "5万円"."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    for start, end, value, code in local_amounts(text, foreign=True, prefer=currency):
        if not any(a.span.start < end and start < a.span.end for a in found):
            found.append(Amount(value, code, Span(text[start:end], start, end)))
    return sorted(found, key=lambda a: a.span.start)


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
