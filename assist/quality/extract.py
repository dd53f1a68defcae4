"""Durations and numbers in agent drafts and policy texts (money: :mod:`money_mentions`, dates: :mod:`date_mentions`,
sentences and tracking numbers: :mod:`text_spans`; all re-exported here).

Languages: en, de, ja, zh, es, fr, pt, it. Every match keeps its character offsets in the original
text so a QA issue can point at the exact span. Full-width digits (``３０日``) are read as digits,
and small number words (``thirty days``, ``dreißig Tage``, ``三十天``) as numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assist.char_classes import LETTER
from assist.quality.date_mentions import DateMention, dates
from assist.quality.money_mentions import (
    CURRENCY_SYMBOLS,
    Amount,
    amounts,
    draft_amounts,
    in_currency_dollars,
    parse_amount,
)
from assist.quality.text_spans import FULLWIDTH, Span, find_terms, sentence_at, sentences, terms, tracking_numbers

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


def _spelled_numbers() -> dict[str, int]:
    """Every cardinal num2words spells from one to a hundred (and 120, 180, 365) in the parser's alphabetic languages,
    one word each ("quattro", "sechs", "douze", "twenty-one"): the hand-written words above are a few of them, and a
    draft's "sei mesi" or "seis meses" is as much a number as "sette giorni". A spelling two languages read as two
    numbers is left out. A word counts only right before a unit word (:data:`DURATION`), so "sei" ("you are") and
    "neuf" ("new") read as numbers only in "sei mesi" and "neuf mois"."""
    from num2words import num2words

    found: dict[str, set[int]] = {}
    for language in ("en", "de", "fr", "es", "it", "pt"):
        for n in (*range(1, 101), 120, 180, 365):
            word = num2words(n, lang=language).casefold()
            if re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word):
                found.setdefault(word, set()).add(n)
    return {word: next(iter(ns)) for word, ns in found.items() if len(ns) == 1}


for _word, _n in _spelled_numbers().items():
    WORD_NUMBERS.setdefault(_word, _n)


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
    rf"(?![A-Za-zÀ-ÿͰ-Ͽ\u0400-\u04ff])",
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


def unit_word(word: str) -> tuple[str, bool]:
    """The unit and business flag of a unit word :data:`DURATION` matched. The match ignores case the way :mod:`re`
    does, which also pairs the dotless and dotted i with "i" (Uzbek "yil" matches Turkish "yıl"), so a word whose
    ``lower()`` is not a key is looked up by that same case-blind match."""
    low = word.lower()
    if low in UNITS:
        return UNITS[low]
    return next(v for k, v in UNITS.items() if re.fullmatch(re.escape(k), word, re.IGNORECASE))


# "a year" as a length: with a word that makes it whole ("a full year") or after "for" or "within"
_LENGTH_OF_A_YEAR = re.compile(r"(?:\ban?\s+(?:full|whole)|\b(?:for|within)\s+an?)[\s-]+year$", re.IGNORECASE)


def durations(text: str) -> list[Duration]:
    """Every duration in ``text`` ("30 days", "5-7 business days", "60日", "三十天", "zwei Wochen")."""
    norm = text.translate(FULLWIDTH)
    found = []
    for m in DURATION.finditer(norm):
        low = parse_number(m.group("a"))
        high = parse_number(m.group("b")) if m.group("b") else low
        if low is None or high is None:
            continue
        unit, business = unit_word(m.group("unit"))
        if unit == "year" and m.group("a").lower() in ("a", "an") and not _LENGTH_OF_A_YEAR.search(norm, 0, m.end()):
            continue  # "a year ago", "twice a year": no length; "for a full year", "within a year" are one
        if unit == "hour" and m.group("unit").lower() == "h" and not m.group("a")[0].isdigit():
            continue
        if unit == "day" and m.group("unit") in ("日", "일") and _is_date_day(norm, m.start()):
            continue
        if unit == "year" and _is_calendar_year(norm, m.group("a"), m.end()):
            continue
        business = business or (unit == "day" and _business_before(norm, m.start()))
        found.append(Duration(low, high, unit, business, Span(text[m.start() : m.end()], m.start(), m.end())))
    return found


LIKELY = 0.1  # a language the detector gives this much is one the draft may be written in


def _draft_languages(text: str) -> tuple[str | None, list[str | None]]:
    """The draft's language when the detector is sure of it, and the languages to read its unit words in: that one,
    else every language the detector finds likely (a short Croatian sentence reads sr 0.27, pl 0.21, sl 0.15...),
    the shop's own language where the detector ranks it among its guesses at all
    (:func:`assist.quality.shop_writing.shop_language`), and the buyer's, which a reply is written in
    (:func:`assist.quality.shop_writing.buyer_language`)."""
    from assist.language import language_of, offline_detector

    if not re.search(rf"{LETTER}{{2,}}\s+[^\W\d_]", text):  # words of letters and vowel signs ("ಅನ್ನು ಏಳು")
        return None, [None]
    sure = language_of(text)
    if sure is not None:
        return sure, [sure]
    from assist.quality.shop_writing import buyer_language, shop_language

    scores = offline_detector().scores(text)
    likely = _likely(scores)
    shop = shop_language()  # the shop's own language, where the detector ranks it at all ("eno leto": sl at 0.09)
    if shop is not None and shop in scores and shop not in likely:
        likely.append(shop)
    buyer = buyer_language()  # the language the reply is written in ("Una siku 7 ...": sl, mt, and the buyer's sw)
    if buyer is not None and buyer not in likely:
        likely.append(buyer)
    return None, list(likely) or [None]


def _close_languages(text: str, sure: str | None) -> list[str]:
    """The other languages the detector finds likely for a draft whose language it is sure of: a close neighbour
    (Nepali, Marathi for Hindi) writes its own unit words in the same script."""
    if sure is None:
        return []
    from assist.language import offline_detector

    return [code for code in _likely(offline_detector().scores(text)) if code != sure]


def _likely(scores: dict[str, float]) -> list[str]:
    """The languages of the detector's ``scores`` at :data:`LIKELY` or more, likeliest first."""
    return [code for code, score in sorted(scores.items(), key=lambda kv: -kv[1]) if score >= LIKELY]


def _unit_readings(text: str, languages: list[str | None]) -> list[tuple[int, int, float, float | None, str]]:
    """The number-and-unit readings of ``text`` in any of ``languages`` that no other of them reads as another
    unit ("8 dana" is days in each language that reads it)."""
    from assist.policy_extract.unit_words import cldr_durations

    found: dict[int, tuple[int, int, float, float | None, str]] = {}
    torn: set[int] = set()
    for language in languages:
        for reading in cldr_durations(text, language):
            kept = found.setdefault(reading[0], reading)
            if kept[4] != reading[4]:
                torn.add(reading[0])
    return [reading for start, reading in sorted(found.items()) if start not in torn]


def _other_script(word: str) -> bool:
    """Whether a unit word is written in a script other than Latin, Cyrillic and Greek (Arabic, Hebrew, the Indic
    scripts...), which only the policy reader's wide unit words read."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and not any(unicodedata.name(c, "").startswith(_NARROW_SCRIPTS) for c in letters)


_NARROW_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI", "FULLWIDTH")


def _other_script_readings(text: str, language: str | None) -> list[tuple[int, int, float, float | None, str]]:
    """The durations whose unit words are in a script only the policy reader's wide unit words read ("30 يومًا",
    "תוך 14 יום", "أسبوعين" two weeks, "שבועיים"), read as the policy reader reads them (CLDR's unit names and the
    counts words hold by themselves)."""
    from assist.policy_extract.unit_words import cldr_durations

    if not any(_other_script(c) for c in text):
        return []
    found = cldr_durations(text, language, wide=True)
    return [reading for reading in found if _other_script(text[reading[0] : reading[1]])]


def _unlisted_readings(text: str, languages: list[str | None]) -> list[tuple[int, int, float, float | None, str]]:
    """The durations whose unit words CLDR writes in a language the draft may be written in where the narrow unit
    words do not list it, in any script ("5 il" five years in Azerbaijani, "2 жил" in Mongolian)."""
    from assist.policy_extract.unit_words import cldr_durations, listed_language

    found: list[tuple[int, int, float, float | None, str]] = []
    for language in languages:
        if language is not None and not listed_language(language):
            found += [r for r in cldr_durations(text, language, wide=True) if not any(r[0] == f[0] for f in found)]
    return found


def draft_durations(text: str, written_in: str | None = None) -> list[Duration]:
    """The durations of a draft: :func:`durations`, and where it reads none, a number followed by a CLDR unit word
    of the draft's language or an inflected form of one ("14 dages", "30 päivän", "12 luni", "2 роки"), read
    as the policy reader reads them (:mod:`assist.policy_extract.unit_words`); numbers written in words of the
    draft's language ("pięć lat", "fjorton dagar", "on dört gün") are read as the policy reader reads them too
    (:func:`assist.policy_extract.number_words.spelled_as_digits`, which keeps every offset).
    A draft the detector takes for another language than the buyer's and reads nothing in ("soddon maalmood", Somali
    read as Finnish) is read again in the buyer's, which a reply is written in (``written_in``)."""
    from assist.language import language_of
    from assist.quality.bare_units import bare_durations
    from assist.quality.shop_writing import buyer_language
    from assist.quality.suffixed_units import suffixed_durations
    from assist.quality.unit_first import unit_first_durations

    found = durations(text)
    norm = text.translate(FULLWIDTH)

    def add(start: int, end: int, low: float, high: float | None, unit: str, business: bool = False) -> None:
        if unit == "year" and _is_calendar_year(norm, text[start:end], end):
            return  # the unit readers see "2027年" of a date as years too
        if unit == "month" and low <= _MONTHS and _YEAR_BEFORE.search(norm[:start]):
            return  # "2027 оны 10 сарын 14": the month of a date written with its year first, not ten months
        if not any(d.span.start < end and start < d.span.end for d in found):
            top = high if high is not None else low
            found.append(Duration(low, top, unit, business, Span(text[start:end], start, end)))

    own: list[str | None] = [written_in]
    language, languages = _draft_languages(text) if written_in is None else (written_in, own)
    for start, end, low, high, unit in unit_first_durations(text, [*languages, buyer_language()]):  # "siku 14"
        add(start, end, low, high, unit)
    for start, end, low, high, unit in _unit_readings(text, languages):
        add(start, end, low, high, unit)
    wide_words = [*_other_script_readings(text, language), *_unlisted_readings(text, languages)]
    for neighbour in _close_languages(text, language):  # Nepali read as Hindi: "६ महिना" is Nepali's month only
        wide_words += _other_script_readings(text, neighbour)
    for start, end, low, high, unit in wide_words:  # the wide CLDR unit words: working days keep their flag
        business = unit == "business_day"
        add(start, end, low, high, "day" if business else unit, business)
    for start, end, low, high, unit in suffixed_durations(text, language or language_of(text)):
        add(start, end, low, high, unit)
    spelled, language = _spelled(text, language, languages)
    if spelled != text:  # same length: a span of the digits is the span of the words
        for start, end, low, high, unit in suffixed_durations(spelled, language):  # "ಏಳು ದಿನಗಳಲ್ಲಿ": within seven days
            if not _compound(spelled, start, low):
                add(start, end, low, high, unit)
        for d in durations(spelled):
            if not _compound(spelled, d.span.start, d.low):
                add(d.span.start, d.span.end, d.low, d.high, d.unit, d.business)
        from assist.policy_extract.unit_words import cldr_durations, listed_language

        # "ده سال" ten years, "bir il" one year: a unit word only the wide words read
        wide = any(_other_script(c) for c in text) or not listed_language(language)
        for start, end, low, high, unit in cldr_durations(spelled, language, wide=wide):
            if not _compound(spelled, start, low):
                add(start, end, low, high, unit)
    numbered = list(found)
    for start, end, low, high, unit in bare_durations(text, language):  # "within a month": one month
        if not _sentence_has(numbered, text, start):
            add(start, end, low, high, unit)
    buyer = buyer_language()
    if not found and written_in is None and buyer and language and buyer != language:
        return draft_durations(text, buyer)
    return sorted(found, key=lambda d: d.span.start)


# languages whose number words are another's, which num2words spells: Croatian, Bosnian and Montenegrin write Serbian's
# ("tri tjedna", "dva dana"); fastText's Kazakh is num2words' "kz"
NUMBERS_OF = {"hr": "sr", "bs": "sr", "sh": "sr", "cnr": "sr", "kk": "kz"}


def _spelled(text: str, language: str | None, languages: list[str | None]) -> tuple[str, str | None]:
    """``text`` with its number words as digits (:func:`spelled_as_digits`, in the language whose words they are:
    :data:`NUMBERS_OF`; where no package spells them, :func:`~assist.quality.grammar_numbers.grammar_spelled`) and
    the language they were read in: the draft's, else the one reading every likely language agrees on ("tri godine"
    in sr, hr and bs alike)."""
    from assist.policy_extract.number_words import spelled_as_digits
    from assist.quality.grammar_numbers import grammar_spelled

    if language:
        return spelled_as_digits(grammar_spelled(text, language), NUMBERS_OF.get(language, language)), language
    readings = {
        code: spelled_as_digits(grammar_spelled(text, code), NUMBERS_OF.get(code, code)) for code in languages if code
    }
    changed = {spelled for spelled in readings.values() if spelled != text}
    if len(changed) != 1:
        return text, None
    from assist.policy_extract.unit_words import listed_language

    agreeing = sorted((code for code, spelled in readings.items() if spelled != text), key=listed_language)
    return changed.pop(), agreeing[-1]  # one whose unit words are read ("hr" rather than fastText's "sh")


_BEFORE = re.compile(r"(\d+)[\s-]*$")


def _compound(spelled: str, start: int, value: float) -> bool:
    """Whether a number read from words right after another is part of a compound the words do not add up ("on dört
    gün": 10 and 4 make 14): the one before is a round ten, hundred... larger than it. Two numbers of which the first
    is no such part ("traje tri tjedna", a verb read as a number word) leave the second standing."""
    before = _BEFORE.search(spelled[:start])
    if before is None:
        return False
    first = int(before.group(1))
    return first > value and first % 10 == 0


def _sentence_has(found: list[Duration], text: str, offset: int) -> bool:
    """Whether the sentence at ``offset`` holds one of ``found`` ("14 days ... the days count": the 14 stands)."""
    sentence = sentence_at(text, offset)
    return any(sentence.start <= d.span.start < sentence.end for d in found)


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


# a year of four digits, and at most one short word after it ("2027 оны", "2027 ж."), right before a number
_YEAR_BEFORE = re.compile(r"(?<![\d.,])(?:1[89]|2\d)\d{2}\s*(?:[^\W\d_]{1,5}\.?\s*)?$")
_MONTHS = 12

_MONTH_AFTER = re.compile(r"\s*\d{1,2}\s*[月월]")


def _is_calendar_year(text: str, number: str, end: int) -> bool:
    """``2027年9月16日`` and ``2027년 9월`` are dates, not durations of 2,027 years: a year number followed by a month,
    or a number of four digits (no policy states a duration of a thousand years)."""
    digits = re.match(r"\d*", number.translate(FULLWIDTH).strip())
    return (digits is not None and len(digits.group(0)) == 4) or bool(_MONTH_AFTER.match(text, end))


__all__ = [
    "CURRENCY_SYMBOLS",
    "DAYS_PER",
    "FULLWIDTH",
    "UNITS",
    "WORD_NUMBERS",
    "Amount",
    "DateMention",
    "Duration",
    "Span",
    "amounts",
    "dates",
    "draft_amounts",
    "draft_durations",
    "durations",
    "find_terms",
    "in_currency_dollars",
    "next_day",
    "parse_amount",
    "parse_number",
    "sentence_at",
    "sentences",
    "terms",
    "tracking_numbers",
]
