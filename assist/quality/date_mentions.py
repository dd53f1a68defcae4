"""Calendar dates and weekday names in agent drafts ("2026-05-03", "3.5.", "5月3日", "3 May", "May 3rd")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assist.quality.text_spans import FULLWIDTH, Span, terms

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
