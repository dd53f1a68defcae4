"""Values in policy sentences: durations, money, times of day, in en, de, fr, es, it, pt, ja, zh.

Durations and money come from :mod:`assist.quality.extract` (the draft checks read the same way);
this module adds times of day ("14:00", "1 pm", "14h", "午前11時", "下午4点") and turns a duration into
the units of :mod:`assist.policy_facts` (``business_day`` when the text says business/working days).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from assist.char_classes import LETTER
from assist.policy_extract.cues import label_patterns
from assist.policy_extract.local_money import local_amounts
from assist.policy_extract.unit_words import PARSER_LANGUAGES, business_after, cldr_durations
from assist.policy_extract.world_money import iso_amounts, named_amounts, own_amounts, sign_amounts
from assist.quality.extract import Amount, amounts, durations
from assist.quality.money_mentions import CURRENCY_SYMBOLS


@dataclass(frozen=True)
class Value:
    kind: str  # "duration" | "money" | "time"
    value: float | str
    max_value: float | None
    unit: str | None
    start: int
    end: int


_TIMES = [
    (re.compile(r"(午前|上午|早上)\s*(\d{1,2})\s*[時点]"), "am"),
    (re.compile(r"(午後|下午|晚上)\s*(\d{1,2})\s*[時点]"), "pm"),
    (re.compile(r"(?<![\d:])(\d{1,2})\s*[時点](?!間)"), "cjk"),
    (re.compile(r"(?<![\d:.,])(\d{1,2})[:.h](\d{2})(?![\d])\s*(uhr|h)?", re.IGNORECASE), "hm"),
    (re.compile(r"(?<![\d:.,])(\d{1,2})\s*(a\.?m\.?|p\.?m\.?)(?![a-z])", re.IGNORECASE), "ampm"),
    (re.compile(r"(?<![\d:.,])(\d{1,2})\s*(?:h|uhr)(?![a-zà-ÿ])", re.IGNORECASE), "h"),
]


def times_of_day(text: str) -> list[Value]:
    """Clock times, as ``HH:MM`` (24 h)."""
    found: list[Value] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _TIMES:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            hour, minute = _clock(m, kind)
            if hour is None or not (0 <= hour <= 24 and 0 <= minute < 60):
                continue
            end = m.end()
            if kind in ("hm", "h") and hour < 12 and (after := _afternoon_after(text, end)) is not None:
                hour, end = hour + 12, after  # "3.00 petang" (ms): 15:00
            elif kind in ("hm", "h") and hour < 12 and _afternoon_before(text, m.start()):
                hour += 12  # "दोपहर 2:00 बजे" (hi): the period named before the time, 14:00
            found.append(Value("time", f"{hour:02d}:{minute:02d}", None, None, m.start(), end))
            taken.append((m.start(), end))
    return sorted(found, key=lambda v: v.start)


_DAY_PERIOD = re.compile(r"\s*([^\W\d_]+(?:\s+[^\W\d_]+){0,2})")  # "petang", "tengah hari", "de la tarde"
_NOON = 12 * 3600
# Languages so close that fastText reads a short text of one as the other: Malay as Indonesian ("3.00 petang",
# whose Indonesian word is "sore"), Serbian, Croatian and Bosnian as one another.
_NEIGHBOURS = {"id": ("ms",), "ms": ("id",), "hr": ("sr", "bs"), "bs": ("hr", "sr"), "sr": ("hr", "bs")}


def _afternoon_after(text: str, end: int) -> int | None:
    """Where a word for the afternoon or evening that follows a clock time ends ("3.00 petang", "5:00 de la tarde"),
    as CLDR names the periods of the day in the text's language (or a neighbour's, :data:`_NEIGHBOURS`): a period
    that starts at noon or later and does not run past midnight, or the "pm" marker."""
    m = _DAY_PERIOD.match(text, end)
    if m is None:
        return None
    language = (text_language(text) or "").replace("-", "_").split("_")[0]
    words = frozenset({"pm"})  # "2:00 pm" in any language
    for read in (language, *_NEIGHBOURS.get(language, ())):  # fastText may read a neighbour language
        words |= _afternoon_words(read)
    written = m.group(1).split()
    for count in range(len(written), 0, -1):  # the longest name first
        if " ".join(written[:count]).casefold() in words:
            return end + len(m.group(0)) - len(m.group(1)) + len(" ".join(written[:count]))
    return None


def _afternoon_before(text: str, start: int) -> bool:
    """Whether the one to three words right before a clock time name an afternoon or evening period of the day, as
    CLDR names them in the text's language ("दोपहर 2:00 बजे"): languages that name the period first."""
    before = text[max(0, start - 60) : start]
    if not before or not before[-1].isspace():
        return False
    written = [w.strip(".,;:()\"'") for w in before.split()[-3:]]
    language = (text_language(text) or "").replace("-", "_").split("_")[0]
    words = frozenset().union(*(_afternoon_words(r) for r in (language, *_NEIGHBOURS.get(language, ()))))
    return any(" ".join(written[-count:]).casefold() in words for count in range(len(written), 0, -1))


@lru_cache(maxsize=64)
def _afternoon_words(language: str) -> frozenset[str]:
    """CLDR's names (folded, two letters or more) of the day periods from noon to before midnight in ``language``."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return frozenset()
    later = {"pm"}
    for period, spans in locale.day_period_rules.get(None, {}).items():
        if all("from" in s and s["from"] >= _NOON and s.get("before", 0) > s["from"] for s in spans):
            later.add(period)
    return frozenset(
        name.casefold()
        for context in locale.day_periods.values()
        for width in context.values()
        for period, name in width.items()
        if period in later and len(name) >= 2
    )


def _clock(m: re.Match[str], kind: str) -> tuple[int | None, int]:
    if kind in ("am", "pm"):
        hour = int(m.group(2))
        return (hour + 12 if kind == "pm" and hour < 12 else hour), 0
    if kind == "cjk":
        return int(m.group(1)), 0
    if kind == "hm":
        return int(m.group(1)), int(m.group(2))
    if kind == "ampm":
        hour = int(m.group(1))
        pm = m.group(2).lower().startswith("p")
        return (hour + 12 if pm and hour < 12 else (0 if not pm and hour == 12 else hour)), 0
    return int(m.group(1)), 0


# "The next (business) day" is a duration of one: "翌日〜2日" is 1-2 days, "ships the next business day" 1 business day.
_NEXT_DAY_RANGE = re.compile(r"(?:翌日|次日|隔日|隔天)\s*[〜~～\-－–至到]\s*(\d{1,2})\s*(?:日|天)")
_NEXT_BUSINESS_DAY = re.compile(
    r"next (?:business|working) day|nächsten (?:werktag|arbeitstag)|jour ouvré suivant|prochain jour ouvré|"
    r"(?:siguiente|próximo) día hábil|día hábil siguiente|giorno lavorativo successivo|dia útil seguinte|"
    r"próximo dia útil|翌営業日|(?:次|下)一?个?工作(?:天|日)",
    re.IGNORECASE,
)
_NEXT_DAY = re.compile(
    r"\bnext[- ]day\b|\bfollowing day\b|\ble lendemain\b|al día siguiente|il giorno (?:dopo|successivo)|"
    r"no dia seguinte|am nächsten tag|翌日|次日|隔天|隔日",
    re.IGNORECASE,
)


def next_day_values(text: str) -> list[Value]:
    """ "Next day" phrases as durations of one day (a range when a number follows: "翌日〜2日")."""
    out: list[Value] = []
    for m in _NEXT_DAY_RANGE.finditer(text):
        out.append(Value("duration", 1, int(m.group(1)), "day", m.start(), m.end()))
    for pattern, unit in ((_NEXT_BUSINESS_DAY, "business_day"), (_NEXT_DAY, "day")):
        for m in pattern.finditer(text):
            if not any(v.start <= m.start() < v.end or m.start() <= v.start < m.end() for v in out):
                out.append(Value("duration", 1, None, unit, m.start(), m.end()))
    return out


def duration_values(text: str, skip: list[Value] | None = None) -> list[Value]:
    """Durations, minus those that overlap a clock time ("14h" is a time, not 14 hours)."""
    blocked = [(v.start, v.end) for v in skip or []]
    following = next_day_values(text)
    blocked += [(v.start, v.end) for v in following]
    out = list(following)
    original = text
    text = readable_numbers(text)  # same length: "30 (trzydziestu) dni", "sju dagar" as digits
    for d in durations(text):
        if any(a < d.span.end and d.span.start < b for a, b in blocked):
            continue
        unit = "business_day" if d.business and d.unit == "day" else d.unit
        end = d.span.end
        if unit == "day" and (after := business_after(text, end, wide=True)) is not None:  # "3 zile lucrătoare"
            unit, end = "business_day", after
        high = d.high if d.high != d.low else None
        out.append(Value("duration", _num(d.low), _num(high) if high is not None else None, unit, d.span.start, end))
    taken = blocked + [(v.start, v.end) for v in out]
    # "2 vuotta", "יומיים": CLDR's words, in the document's language where it is one the parsers were not written for
    # "2-aastane garantii", "2-vuotinen": a number joined to its unit word by a hyphen, read as "2 aastane" (same
    # length: the spans stay offsets into the text)
    joined = _JOINED_UNIT.sub(lambda m: f"{m.group(1)} ", text)
    for start, end, low, high, unit in cldr_durations(joined, _declared(), wide=True):
        if not any(a < end and start < b for a, b in taken):
            out.append(Value("duration", _num(low), _num(high) if high is not None else None, unit, start, end))
    return sorted(_bracketed_counts(original, out, blocked), key=lambda v: v.start)


# a unit word, at most three words, then the count in digits in brackets: "pedwar diwrnod ar ddeg (14)" (Welsh writes
# the noun inside its number: four-day-on-ten)
_BRACKETED_COUNT = re.compile(rf"(?P<rest>(?:\s+(?:{LETTER})+){{0,3}})\s*\((?P<count>\d{{1,3}})\)")


def _bracketed_counts(text: str, found: list[Value], blocked: list[tuple[int, int]]) -> list[Value]:
    """``found``, where a count written in words has its digits in brackets after its unit word and the words that
    close the number ("pedwar diwrnod ar ddeg (14)"): the digits are the count (the words read alone said 4, or
    nothing). A count written in digits before the unit word ("7 days of delivery (2)") stays as it is."""
    if not _declared() or "(" not in text:
        return found
    from assist.policy_extract.unit_words import unit_of_word

    out = list(found)
    for word in _WORDS_NEAR.finditer(text):
        m = _BRACKETED_COUNT.match(text, word.end())
        unit = unit_of_word(word.group(), _declared(), True) if m is not None else None
        if m is None or unit is None or re.search(r"\d[-–—]?$", text[: word.start()].rstrip()):
            continue
        if any(a < m.end() and word.start() < b for a, b in blocked):
            continue
        if any(unit_of_word(w, _declared(), True) for w in _WORDS_NEAR.findall(m.group("rest"))):
            continue  # "diwrnod ... mis (3)": the bracket counts the nearer unit
        over = [v for v in out if v.start < m.end() and word.start() < v.end]
        if any(v.kind == "duration" and re.search(r"\d", text[v.start : v.end]) for v in over):
            continue  # digits read already
        out = [v for v in out if v not in over]
        if unit == "day" and business_after(text, word.end(), wide=True) is not None:  # "pum diwrnod gwaith (5)"
            unit = "business_day"
        out.append(Value("duration", int(m.group("count")), None, unit, word.start(), m.end()))
    return out


_JOINED_UNIT = re.compile(r"(?<![\d.,-])(\d+)-(?=[^\W\d_]{3})")  # "2-aastane", not "2-3" nor "COVID-19"


_ISO_MONEY = re.compile(
    r"\b(?P<code>[A-Z]{3})\s?(?P<a>\d+(?:[.,]\d{1,2})?)\b|\b(?P<b>\d+(?:[.,]\d{1,2})?)\s?(?P<code2>[A-Z]{3})\b"
)
_ISO_CODES = {"CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HKD", "SGD", "KRW", "MXN", "INR", "TWD"}


_WORD_CODES = {"pound": "GBP", "sterl": "GBP", "livre": "GBP", "pfund": "GBP", "libra": "GBP"}
_WORD_MONEY = re.compile(
    r"(?P<a>\d+(?:[.,]\d{1,2})?)\s*(?P<word>pounds?(?: sterling)?|sterlin[ae]|livres? sterling|pfund(?: sterling)?|"
    r"libras?(?: esterlinas?)?)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _attached_code() -> re.Pattern[str]:
    codes = sorted((c for c in CURRENCY_SYMBOLS if re.fullmatch(r"[A-Z][A-Za-z]{1,2}", c)), key=len, reverse=True)
    return re.compile(rf"(?<![^\W\d_])(?P<code>{'|'.join(codes)})(?P<a>\d{{1,5}})(?![\d]|[.,]\d|[^\W\d_])")


def money_values(text: str) -> list[Value]:
    found: list[Amount] = amounts(text)
    out = [Value("money", _num(a.value), None, _dollar_code(text, a), a.span.start, a.span.end) for a in found]
    # ISO codes the draft-check parser does not know ("CAD 12", "25 CHF" is known there already).
    for m in _ISO_MONEY.finditer(text):
        code = m.group("code") or m.group("code2")
        if code in _ISO_CODES and not any(v.start <= m.start() < v.end for v in out):
            amount = float((m.group("a") or m.group("b")).replace(",", "."))
            out.append(Value("money", _num(amount), None, code, m.start(), m.end()))
    # Currencies named in words ("135 sterline", "50 livres sterling", "30 Pfund", "20 pounds").
    for m in _WORD_MONEY.finditer(text):
        if not any(v.start <= m.start() < v.end for v in out):
            amount = float(m.group("a").replace(",", "."))
            out.append(
                Value("money", _num(amount), None, _WORD_CODES[m.group("word").casefold()[:5]], m.start(), m.end())
            )
    # "1万円", "2万元": ten-thousands, which the amount parser reads as 1 and 2.
    for m in re.finditer(r"(\d+(?:\.\d+)?)\s*万\s*(円|元)", text):
        out = [v for v in out if not (m.start() <= v.start < m.end())]
        code = "JPY" if m.group(2) == "円" else "CNY"
        out.append(Value("money", _num(float(m.group(1)) * 10000), None, code, m.start(), m.end()))
    # A currency named in CJK words or by its dollar prefix: "新台币1,500元", "NT$1,500", "20加币", "1万日圆".
    for m in _NAMED_MONEY.finditer(text):
        name = m.group("before") or m.group("after")
        number = (m.group("a") or m.group("a2")).replace(",", "")
        amount = float(number) * (10000 if m.group("wan") or m.group("wan2") else 1)
        read = [v for v in out if m.start() <= v.start < m.end() or v.start <= m.start() < v.end]
        if read and not (m.group("wan") or m.group("wan2")):
            amount = float(read[0].value)  # the amount parser's reading ("R$ 24,90"), with the named currency
        out = [v for v in out if v not in read]
        out.append(Value("money", _num(amount), None, _currency_of(name), m.start(), m.end()))
    # The currency of the text's own country, by CLDR's symbol or name ("2 500 Kč", "79 euron", "250 Ft").
    for start, end, amount, code in local_amounts(text):
        inside = [v for v in out if start <= v.start and v.end <= end]
        if any(v.start < end and start < v.end for v in out if v not in inside):
            continue
        out = [v for v in out if v not in inside]
        out.append(Value("money", _num(amount), None, code, start, end))
    # "RM150", "Rp50000": a currency's letter code written onto a short whole number (the shared parser reads one
    # only spaced or with decimals, lest an order number such as "TL1001296" be read as an amount)
    for m in _attached_code().finditer(text):
        if not any(v.start < m.end() and m.start() < v.end for v in out):
            out.append(Value("money", int(m.group("a")), None, CURRENCY_SYMBOLS[m.group("code")], m.start(), m.end()))
    # The currency of the document's own country by its CLDR symbol, in a language the parsers above were not written
    # for: an Icelandic "990 kr." is Iceland's crown, not the Danish one the symbol also names; "RM150" in Malay.
    for start, end, amount, code in own_amounts(text, _declared()):
        out = [v for v in out if not (v.start < end and start < v.end)]
        out.append(Value("money", _num(amount), None, code, start, end))
    # Any other currency in use: its ISO code ("AED 120") or, in a language the parsers above were not written for,
    # its CLDR name or symbol there ("20 درهم", "150 שקלים"; :mod:`.world_money`).
    language = text_language(text) if re.search(r"\d", text) else None
    others = iso_amounts(text) + (named_amounts(text, language) if language not in PARSER_LANGUAGES else [])
    others += sign_amounts(text)  # "₦3,500": a sign that names one currency only, in any language
    for start, end, amount, code in sorted(others):
        if not any(v.start < end and start < v.end for v in out):
            out.append(Value("money", _num(amount), None, code, start, end))
    return sorted(out, key=lambda v: v.start)


# Currency names (simplified characters: a Traditional Chinese policy is read converted) and dollar prefixes.
_CURRENCY_NAMES = {
    "TWD": ("新台币", "台币", "NT$", "NTD"),
    "HKD": ("港币", "港元", "HK$"),
    "CNY": ("人民币", "RMB"),
    "JPY": ("日圆", "日元", "日币"),
    "CAD": ("加币", "加元", "C$", "CA$"),
    "AUD": ("澳币", "澳元", "A$", "AU$"),
    "USD": ("美元", "美金", "US$"),
    "EUR": ("欧元",),
    "GBP": ("英镑",),
    "SGD": ("新币", "新加坡币", "S$"),
    "KRW": ("韩元", "韩币"),
    "BRL": ("R$",),
}
_NAME_ALTERNATIVES = "|".join(
    re.escape(n) for n in sorted((n for names in _CURRENCY_NAMES.values() for n in names), key=len, reverse=True)
)
_NAMED_MONEY = re.compile(
    rf"(?:(?P<before>{_NAME_ALTERNATIVES})\s*(?P<a>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*(?P<wan>万)?\s*元?)"
    rf"|(?:(?P<a2>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*(?P<wan2>万)?\s*(?P<after>{_NAME_ALTERNATIVES}))"
)


def _currency_of(name: str) -> str:
    return next(code for code, names in _CURRENCY_NAMES.items() if name in names)


def _dollar_code(text: str, amount: Amount) -> str | None:
    """ "CAD $150", "AUD$20", "$999.00 MXN": the ISO code before or after a dollar amount names which dollar."""
    m = re.search(r"\b([A-Z]{3})\s?$", text[max(0, amount.span.start - 4) : amount.span.start])
    m = m or re.match(r"\s?([A-Z]{3})\b", text[amount.span.end : amount.span.end + 5])
    if (
        amount.currency == "USD"
        and m
        and m.group(1) in _ISO_CODES
        and text[amount.span.start : amount.span.end].startswith("$")
    ):
        return m.group(1)
    return amount.currency


def readable_numbers(text: str) -> str:
    """``text`` (same length) with a number repeated in words in brackets blanked, and numbers spelled in the text's
    language (fastText's reading) written in digits (:mod:`.number_words`); English "a fortnight" as "2 weeks"."""
    from assist.policy_extract.number_words import plain_numbers, spelled_as_digits

    text = _FORTNIGHT.sub(lambda m: "2 weeks".ljust(len(m.group(0))) if len(m.group(0)) >= 7 else m.group(0), text)
    text = _ATTACHED_PREPOSITION.sub(" ", text)
    text = plain_numbers(text)
    if _declared():
        text = _CONCORD.sub(lambda m: " " * len(m.group(0)), text)
    text = _ranges_as_dashes(text)
    if not re.search(r"[^\W\d_]{2,}\s+[^\W\d_]", text):
        return text
    return spelled_as_digits(text, text_language(text))


# A one-letter preposition written onto the number in Ethiopic and Hebrew ("በ7 ቀናት" in 7 days, "ለ10" for 10,
# "ב14 ימים"): a space for the parsers, which read a number only after a space or a sign.
_ATTACHED_PREPOSITION = re.compile(r"(?<![\w.,])[\u1200-\u137f\u05d0-\u05ea](?=\d)")
# the word may carry vowel signs ("ते", "से")
_RANGE = re.compile(rf"(?<![\d.,])(\d{{1,3}})(\s+((?:{LETTER}){{1,9}})\s+)(\d{{1,3}})(?![\d]|[.,]\d)")
# ... or two words ("mu minsi 5 kugeza ku 10", Kinyarwanda), where the unit word stands before the first number
_RANGE_TWO = re.compile(
    rf"(?<![\d.,])(\d{{1,3}})(\s+((?:{LETTER}){{1,9}}\s+(?:{LETTER}){{1,9}})\s+)(\d{{1,3}})(?![\d]|[.,]\d)"
)
# A noun-class concord written onto a number with a hyphen (isiZulu "izinsuku eziyi-14", "kweziyi-9"): the prefix
# agrees with the noun counted and says nothing of the number, so it is read as a space (same length).
_CONCORD = re.compile(r"(?<![\w-])[a-z]{2,8}-(?=\d)")
_WORDS_NEAR = re.compile(rf"(?:{LETTER})+")


def _ranges_as_dashes(text: str) -> str:
    """``text`` (same length) with the word of a range between two numbers ("3 עד 5 ימים", "3 iki 5 dienų") written as
    a dash, where the second number is the larger (the parsers read "3 - 5"). In a document in a language the
    value parsers were not written for (:func:`written_in`), any word that is no unit word stands so between two
    numbers a unit word of the language follows or precedes ("8 ilaa 12 maalmood", "izinsuku 7 kuya 9")."""
    between = label_patterns("frames")["range_between"]
    declared = _declared()

    def dash(m: re.Match[str]) -> str:
        if int(m.group(4)) <= int(m.group(1)):
            return m.group(0)
        if not between.fullmatch(m.group(3)) and not (declared and _unit_beside(text, m, declared)):
            return m.group(0)
        return _dashed(m)

    def dash_two(m: re.Match[str]) -> str:  # two words: the unit word before the first number counts both
        if int(m.group(4)) <= int(m.group(1)) or not declared or not _unit_beside(text, m, declared, before_only=True):
            return m.group(0)
        return _dashed(m)

    text = _RANGE.sub(dash, text)
    return _RANGE_TWO.sub(dash_two, text) if declared else text


def _dashed(m: re.Match[str]) -> str:
    """A range match (:data:`_RANGE`, :data:`_RANGE_TWO`) with the words between its numbers written as a dash."""
    return m.group(1) + " -".ljust(len(m.group(2))) + m.group(4)


def _unit_beside(text: str, m: re.Match[str], language: str, before_only: bool = False) -> bool:
    """Whether the numbers of a range ``m`` count a unit of ``language``: a unit word among the two words after the
    second number or the two before the first (``before_only``: before it), and none between them."""
    from assist.policy_extract.unit_words import qualifies, unit_of_word

    if any(unit_of_word(w, language, True) is not None for w in _WORDS_NEAR.findall(m.group(3))):
        return False
    following = _WORDS_NEAR.findall(text[m.end() : m.end() + 60])
    # a working-day word of two stands between the count and its unit ("4 ਤੋਂ 6 ਕੰਮ ਵਾਲੇ ਦਿਨ")
    after = [] if before_only else following[2:3] if qualifies(" ".join(following[:2])) else following[:2]
    before = _WORDS_NEAR.findall(text[max(0, m.start() - 40) : m.start()])[-2:]
    return any(unit_of_word(w, language, True) is not None for w in (*after, *before))


_FORTNIGHT = re.compile(r"\b(?:a|one)\s+fortnight\b|\bfortnight\b", re.IGNORECASE)


_WRITTEN_IN: ContextVar[str | None] = ContextVar("written_in", default=None)


@contextmanager
def written_in(language: str | None) -> Iterator[None]:
    """Read number and currency words, inside the block, in ``language`` (the document's) where it is one the value
    parsers were not written for: a short line ("مجاناً فوق 200 درهم") is read by fastText as often as not as a
    neighbour language written in the same script."""
    token = _WRITTEN_IN.set(language)
    try:
        yield
    finally:
        _WRITTEN_IN.reset(token)


def _declared() -> str | None:
    """The document's language (:func:`written_in`) where the value parsers were not written for it."""
    declared = (_WRITTEN_IN.get() or "").replace("-", "_").split("_")[0]
    return declared if declared and declared not in PARSER_LANGUAGES else None


def text_language(text: str) -> str | None:
    """The language number, unit and currency words in ``text`` are read in: the document's (:func:`written_in`)
    where the value parsers were not written for it, else fastText's reading of the text."""
    return _declared() or _language(text)


@lru_cache(maxsize=4096)
def _language(text: str) -> str | None:
    from assist.language import language_of

    return language_of(text)


def _num(x: float) -> float:
    return int(x) if float(x).is_integer() else round(float(x), 2)


def all_values(text: str) -> list[Value]:
    times = times_of_day(text)
    money = money_values(text)
    durs = [d for d in duration_values(text, times) if not any(m.start <= d.start < m.end for m in money)]
    return sorted(times + money + durs, key=lambda v: v.start)


def is_dispatch(text: str, value: Value) -> bool:
    """ "We pack orders within 1-2 days", "発送まで7〜10営業日", "48小时内发货": the time until dispatch."""
    before = text[max(0, value.start - 40) : value.start]
    after = text[value.end : value.end + 50]
    frames = label_patterns("frames")
    return bool(frames["dispatch_before"].search(before) or frames["dispatch_after"].search(after))
