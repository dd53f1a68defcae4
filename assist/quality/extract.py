"""Numbers, durations, money amounts and tracking numbers in agent drafts and policy texts.

Languages: en, de, ja, zh, es, fr, pt, it. Every match keeps its character offsets in the original
text so a QA issue can point at the exact span. Full-width digits (``３０日``) are read as digits,
and small number words (``thirty days``, ``dreißig Tage``, ``三十天``) as numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

WORD_NUMBERS = {
    # en
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "sixty": 60,
    "ninety": 90,
    # de
    "ein": 1,
    "eine": 1,
    "einen": 1,
    "einem": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "zehn": 10,
    "vierzehn": 14,
    "zwanzig": 20,
    "dreißig": 30,
    "sechzig": 60,
    # es / pt / it / fr (shared spellings count once)
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cinco": 5,
    "siete": 7,
    "diez": 10,
    "catorce": 14,
    "quince": 15,
    "treinta": 30,
    "sesenta": 60,
    "um": 1,
    "uma": 1,
    "dois": 2,
    "duas": 2,
    "três": 3,
    "sete": 7,
    "dez": 10,
    "catorze": 14,
    "quinze": 15,
    "trinta": 30,
    "un": 1,
    "due": 2,
    "tre": 3,
    "sette": 7,
    "dieci": 10,
    "quattordici": 14,
    "quindici": 15,
    "trenta": 30,
    "sessanta": 60,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "cinq": 5,
    "sept": 7,
    "dix": 10,
    "quatorze": 14,
    "trente": 30,
    "soixante": 60,
}
ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# unit word -> (canonical unit, business days?)
UNITS: dict[str, tuple[str, bool]] = {}
for _words, _unit, _biz in (
    (
        "business days|business day|working days|working day|werktagen|werktage|werktag|arbeitstagen|arbeitstage|"
        "営業日|个工作日|個工作日|工作日|个工作天|個工作天|工作天|"
        "días hábiles|dias hábiles|días laborables|jours ouvrés|jours ouvrables|"
        "dias úteis|dias uteis|giorni lavorativi|giorno lavorativo|영업일|ngày làm việc|hari kerja|werkdagen|werkdag|"
        "dni roboczych|dni robocze|dnů pracovních|pracovních dnů|pracovní dny|arbetsdagar|hverdage|iş günü|"
        "рабочих дней|рабочих дня|рабочий день|рабочего дня|วันทำการ",
        "day",
        True,
    ),
    (
        "calendar days|days|day|kalendertagen|kalendertage|tagen|tage|tag|日間|日以内|日|天|"
        "días|dias|día|dia|jours|jour|giorni|giorno|일|ngày|hari|dagen|dagar|dage|dag|dni|dnia|dzień|dní|dnů|dny|gün|"
        "дней|дня|день|суток|วัน",
        "day",
        False,
    ),
    (
        "hours|hour|hrs|stunden|stunde|時間|小时|小時|horas|hora|heures|heure|ore|ora|h|시간|giờ|jam|saat|часов|часа|час"
        "|ชั่วโมง|godzin|godziny|uur",
        "hour",
        False,
    ),
    (
        "weeks|week|wochen|woche|週間|週|周|星期|semanas|semana|semaines|semaine|settimane|settimana|weken|veckor|"
        "uger|tygodni|tygodnie|tydzień|týdnů|týdny|hafta|недель|недели|неделю|неделя|สัปดาห์|주",
        "week",
        False,
    ),
    (
        "months|month|monaten|monate|monat|ヶ月|か月|カ月|ケ月|个月|個月|meses|mes|mês|mois|mesi|mese|개월|tháng|bulan|"
        "maanden|maand|månader|måneder|miesięcy|miesiące|miesiąc|měsíců|měsíce|месяцев|месяца|месяц|เดือน|ay",
        "month",
        False,
    ),
    (
        "years|year|jahren|jahre|jahr|年間|年|años|año|anos|ano|ans|an|anni|anno|년|năm|tahun|jaar|jaren|lat|lata|rok"
        "|yıl|лет|года|год|ปี",
        "year",
        False,
    ),
):
    for _w in _words.split("|"):
        UNITS[_w] = (_unit, _biz)

_UNIT_ALT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_NUM = rf"\d+(?:[.,]\d+)?|[零一二两兩三四五六七八九十百]+|(?<![A-Za-zÀ-ÿß])(?:{_WORDS})(?![A-Za-zÀ-ÿß])"
_RANGE_SEP = r"\s*(?:-|–|—|~|〜|～|至|到)\s*|\s+(?:to|bis|à|a|y|e|al|até)\s+"
DURATION = re.compile(
    rf"(?<![A-Za-z0-9.,])(?P<a>{_NUM})(?:(?:{_RANGE_SEP})(?P<b>{_NUM}))?[\s\-]*(?:calendar\s+|full\s+|whole\s+|volle[sn]?\s+|ganze[sn]?\s+)?(?P<unit>{_UNIT_ALT})"
    rf"(?![A-Za-zÀ-ÿ])",
    re.IGNORECASE,
)

# a business-day word written before the number it qualifies ("영업일 기준 7일", "営業日で5日", "business days: 3"):
# the days counted are business days
_BUSINESS_WORDS = re.compile(
    "|".join(re.escape(w) for w, (_u, biz) in sorted(UNITS.items(), key=lambda kv: -len(kv[0])) if biz),
    re.IGNORECASE,
)


def _business_before(text: str, start: int) -> bool:
    lo = max(0, start - 14)
    found = list(_BUSINESS_WORDS.finditer(text, lo, start))
    if not found:
        return False
    word = found[-1]
    lead = text[: word.start()].rstrip()
    return not any(c.isdigit() for c in text[word.end() : start]) and not (lead and lead[-1].isdigit())


DAYS_PER = {"day": 1.0, "hour": 1 / 24, "week": 7.0, "month": 30.0, "year": 365.0}


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Duration:
    low: float
    high: float
    unit: str
    business: bool
    span: Span

    @property
    def days(self) -> float:
        """The upper bound in calendar days (business days count 7/5)."""
        factor = DAYS_PER[self.unit] * (7 / 5 if self.business else 1)
        return self.high * factor

    @property
    def hours(self) -> float:
        return self.days * 24


def parse_number(token: str) -> float | None:
    token = token.translate(FULLWIDTH).strip().lower()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", token):
        return float(token.replace(",", "."))
    if token in WORD_NUMBERS:
        return float(WORD_NUMBERS[token])
    if re.fullmatch(r"[零一二两兩三四五六七八九十百]+", token):
        return float(_zh_number(token))
    return None


def _zh_number(token: str) -> int:
    total, current = 0, 0
    for char in token:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = ZH_DIGITS[char]
    return total + current


def durations(text: str) -> list[Duration]:
    """Every duration in ``text`` ("30 days", "5-7 business days", "60日", "三十天", "zwei Wochen")."""
    norm = text.translate(FULLWIDTH)
    found = []
    for m in DURATION.finditer(norm):
        low = parse_number(m.group("a"))
        high = parse_number(m.group("b")) if m.group("b") else low
        if low is None or high is None:
            continue
        unit, business = UNITS[m.group("unit").lower()]
        if unit == "year" and m.group("a").lower() in ("a", "an"):
            continue
        if unit == "hour" and m.group("unit").lower() == "h" and not m.group("a")[0].isdigit():
            continue
        if unit == "day" and m.group("unit") in ("日", "일") and _is_date_day(norm, m.start()):
            continue
        business = business or (unit == "day" and _business_before(norm, m.start()))
        found.append(Duration(low, high, unit, business, Span(text[m.start() : m.end()], m.start(), m.end())))
    return found


def draft_durations(text: str) -> list[Duration]:
    """The durations of a draft: :func:`durations`, and where it reads none, a number followed by a CLDR unit word
    of the draft's language or an inflected form of one ("14 dages", "30 päivän", "12 luni", "2 роки"), read
    as the policy reader reads them (:mod:`assist.policy_extract.unit_words`)."""
    from assist.policy_extract.unit_words import cldr_durations

    found = durations(text)
    for start, end, low, high, unit in cldr_durations(text):
        if not any(d.span.start < end and start < d.span.end for d in found):
            top = high if high is not None else low
            found.append(Duration(low, top, unit, False, Span(text[start:end], start, end)))
    return sorted(found, key=lambda d: d.span.start)


# "the next (business) day" said without a number, in many languages: a duration of one (business) day
NEXT_DAY = re.compile(
    r"\b(?:(?:the )?next (?P<en>business |working )?day|the following (?P<en2>business |working )?day"
    r"|am (?:nächsten|folgenden) (?P<de>Werk|Arbeits)?tag|le lendemain|le jour (?P<fr>ouvré |ouvrable )?suivant"
    r"|al día (?P<es>hábil )?siguiente|il giorno (?P<it>lavorativo )?(?:successivo|dopo)|no dia (?P<pt>útil )?seguinte"
    r"|de volgende (?P<nl>werk)?dag|następnego dnia(?P<pl> roboczego)?|на следующий (?P<ru>рабочий )?день"
    r"|ertesi (?P<tr>iş )?gün\w*|bir sonraki (?P<tr2>iş )?gün\w*)\b"
    r"|翌(?P<ja>営業)?日|次日|第二天|隔天|下一个(?P<zh>工作)日|익일|다음 (?P<ko>영업)일|다음 ?날",
    re.IGNORECASE,
)


def next_day(text: str) -> list[Duration]:
    """ "Next business day", "am nächsten Werktag", "翌営業日", "다음 날" as a duration of one (business) day."""
    return [
        Duration(1.0, 1.0, "day", any(m.groupdict().values()), Span(m.group(0), m.start(), m.end()))
        for m in NEXT_DAY.finditer(text)
    ]


def _is_date_day(text: str, start: int) -> bool:
    """``5月3日`` is a date, not a duration of 3 days."""
    before = text[:start].rstrip()
    return bool(before) and before[-1] in "月월"


# --- money --------------------------------------------------------------------------------

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
}
_CUR_ALT = "|".join(sorted((re.escape(c) for c in CURRENCY_SYMBOLS), key=len, reverse=True))
_AMOUNT = r"\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
# East Asian counting units written between the number and the currency ("5万円", "5만원", "3천원", "1.2亿元")
MYRIADS = {"千": 1e3, "천": 1e3, "万": 1e4, "萬": 1e4, "만": 1e4, "亿": 1e8, "億": 1e8, "억": 1e8}
MONEY = re.compile(
    rf"(?P<pre>{_CUR_ALT})\s?(?P<a1>{_AMOUNT})"
    rf"|(?P<a2>{_AMOUNT})\s?(?P<mult>[{''.join(MYRIADS)}])?\s?(?P<post>{_CUR_ALT})(?![A-Za-z])"
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


# --- tracking numbers, sentences ----------------------------------------------------------

TRACKING = re.compile(  # bounded by any non-alphanumeric character: "番号は000181406502です" holds one
    r"(?<![A-Za-z0-9])(?=[A-Z0-9]*\d[A-Z0-9]*\d)(?:1Z[A-Z0-9]{16}|[A-Z]{2}\d{9}[A-Z]{2}|[A-Z]{0,4}\d{9,26})(?![A-Za-z0-9])"
)


def tracking_numbers(text: str) -> list[Span]:
    """Tokens shaped like parcel tracking numbers (UPS 1Z..., UPU S10 'LX123456789DE', 9-26 digit ids: parcel
    lockers and national posts use 24-digit ones)."""
    return [Span(m.group(0), m.start(), m.end()) for m in TRACKING.finditer(text)]


SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*|\n+")


def sentences(text: str) -> list[Span]:
    """Sentence spans (Latin and CJK punctuation, line breaks)."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.end() <= start:
            continue
        chunk = text[start : m.start()]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Span(chunk.strip(), start + lead, start + lead + len(chunk.strip())))
        start = m.end()
    if text[start:].strip():
        chunk = text[start:]
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Span(chunk.strip(), start + lead, start + lead + len(chunk.strip())))
    return out


def sentence_at(text: str, offset: int) -> Span:
    for sent in sentences(text):
        if sent.start <= offset < sent.end:
            return sent
    return Span(text, 0, len(text))


def find_terms(text: str, pattern: re.Pattern[str]) -> list[Span]:
    return [Span(m.group(0), m.start(), m.end()) for m in pattern.finditer(text)]


def terms(*words: str) -> re.Pattern[str]:
    """A case-insensitive alternation; Latin words get word boundaries, CJK words do not need them."""
    parts = []
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        if re.match(r"[A-Za-zÀ-ÿ]", word):
            escaped = r"(?<![A-Za-zÀ-ÿ])" + escaped
        if re.search(r"[A-Za-zÀ-ÿ]$", word):
            escaped += r"(?![A-Za-zÀ-ÿ])"
        parts.append(escaped)
    return re.compile("|".join(parts), re.IGNORECASE)


# --- dates --------------------------------------------------------------------------------

MONTHS = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero janeiro gennaio",
        "february feb februar février febrero fevereiro febbraio",
        "march mar märz mars marzo março",
        "april apr avril abril aprile",
        "may mai mayo maio maggio",
        "june jun juni juin junio junho giugno",
        "july jul juli juillet julio julho luglio",
        "august aug août agosto",
        "september sep sept septembre septiembre setembro settembre",
        "october oct oktober octobre octubre outubro ottobre",
        "november nov novembre noviembre novembro",
        "december dec dezember décembre diciembre dezembro dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
WEEKDAYS = {}
for _number, _names in enumerate(
    (
        "monday montag lunes lundi segunda-feira lunedì 月曜日 月曜 星期一 周一",
        "tuesday dienstag martes mardi terça-feira martedì 火曜日 火曜 星期二 周二",
        "wednesday mittwoch miércoles mercredi quarta-feira mercoledì 水曜日 水曜 星期三 周三",
        "thursday donnerstag jueves jeudi quinta-feira giovedì 木曜日 木曜 星期四 周四",
        "friday freitag viernes vendredi sexta-feira venerdì 金曜日 金曜 星期五 周五",
        "saturday samstag sábado samedi sabato 土曜日 土曜 星期六 周六",
        "sunday sonntag domingo dimanche domenica 日曜日 日曜 星期日 星期天 周日",
    )
):
    for _name in _names.split():
        WEEKDAYS[_name] = _number
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = (
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), "ymd"),
    (re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.(?:\s?(?P<y>\d{2,4}))?"), "dmy"),
    (re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"), "ymd"),
    (
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+|di\s+)?(?P<mn>{_MONTH_ALT})\b\.?", re.I),
        "dmy",
    ),
    (re.compile(rf"\b(?P<mn>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b", re.I), "mdy"),
)
WEEKDAY_PATTERN = terms(*WEEKDAYS)


@dataclass(frozen=True)
class DateMention:
    span: Span
    month: int | None = None
    day: int | None = None
    year: int | None = None
    weekday: int | None = None  # 0 = Monday


def dates(text: str) -> list[DateMention]:
    """Calendar dates ("2026-05-03", "3.5.", "5月3日", "3 May", "May 3rd", "3 de mayo") and weekday names."""
    norm = text.translate(FULLWIDTH)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, _ in DATE_PATTERNS:
        for m in pattern.finditer(norm):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            month = MONTHS[groups["mn"].lower()] if groups.get("mn") else int(groups["m"])
            day, year = int(groups["d"]), groups.get("y")
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            year_value = int(year) + (2000 if len(year) == 2 else 0) if year else None
            found.append(DateMention(Span(text[m.start() : m.end()], m.start(), m.end()), month, day, year_value))
            taken.append((m.start(), m.end()))
    for m in WEEKDAY_PATTERN.finditer(text):
        found.append(DateMention(Span(m.group(0), m.start(), m.end()), weekday=WEEKDAYS[m.group(0).lower()]))
    return found
