"""Personal data masking before text leaves the process (for an external LLM), and restoring after.

``mask(text)`` replaces card numbers, IBANs, emails, phone numbers and street addresses with
placeholders such as ``[EMAIL_1]``; the returned :class:`Masking` restores them. Card numbers and
IBANs are never restored in full (only ``•••• 1234``): an agent never needs to send them back.
Values in ``keep`` (order ids, tracking numbers) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_STREET_WORDS_LATIN = (
    r"(?i:street|st\.|road|rd\.|avenue|ave\.|lane|drive|boulevard|blvd\.?|way|"
    r"stra(?:ß|ss)e|str\.|weg|allee|platz|gasse|ring|damm|ufer)"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("EMAIL", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b")),
    ("CARD", re.compile(r"(?<![A-Za-z0-9_-])(?:\d[ -]?){12,18}\d(?![A-Za-z0-9_-])")),
    (
        "ADDRESS",
        re.compile(
            # 12 Baker Street / 5th Avenue style
            rf"\b\d{{1,5}}[a-zA-Z]?,? (?:[A-Z][\w'-]+ ){{1,3}}(?:{_STREET_WORDS_LATIN})\b"
            # Hauptstraße 12 / Lindenweg 3a / Am Ring 4
            rf"|\b[A-ZÄÖÜ][\wäöüß-]*(?:{_STREET_WORDS_LATIN})\.? \d{{1,5}}[a-z]?\b"
            # 12 rue de la Paix / 4, avenue Foch
            r"|\b\d{1,5},? (?:rue|avenue|boulevard|bd|place|chemin|allée|impasse) [\w' -]{2,40}?(?=[,.\n]|$)"
            # Calle Mayor 5 / Rua Augusta, 100 / Via Roma 10 / Avenida Paulista 1000
            r"|\b(?:[Cc]alle|[Cc]/|[Aa]venida|[Aa]v\.|[Rr]ua|[Vv]ia|[Vv]iale|[Pp]iazza|[Cc]orso|[Pp]raça|[Pp]laza)"
            r" [\w' -]{2,40}?,? \d{1,5}[a-zA-Z]?\b"
            # 東京都渋谷区神南1-2-3 / 大阪府大阪市北区梅田3丁目1-1
            r"|[\u4e00-\u9fff]{1,4}[都道府県][\u4e00-\u9fff\u3040-\u30ff]{1,12}?[市区町村郡][\u4e00-\u9fff0-9０-９丁目番地号ー-]{2,20}"
            # 上海市浦东新区世纪大道100号
            r"|[\u4e00-\u9fff]{2,6}[省市][\u4e00-\u9fff]{1,10}?[区县市][\u4e00-\u9fff]{1,12}?[路街道巷]\d{1,5}号"
            # 天钥桥路 188 弄 6 号 1202 室 / 中山北路二段 45 號 (a road, its number, and the flat after it)
            r"|[\u4e00-\u9fff]{1,12}(?:路|街|道|巷)(?:[一二三四五六七八九十]段)?\s*\d{1,5}\s*(?:弄|号|號|巷)"
            r"(?:\s*\d{1,5}\s*(?:弄|号|號|室|栋|幢|单元|楼|樓))*"
            # 테헤란로 123 / 세종대로 110-1 (Korean road-name addresses)
            r"|[\uac00-\ud7af]{1,10}(?:로|길)\s*\d{1,5}(?:-\d{1,4})?(?:번길\s*\d{1,5})?"
        ),
    ),
    ("PHONE", re.compile(r"(?<![A-Za-z0-9_+])\+?\(?\d[\d ()./-]{6,18}\d(?![A-Za-z0-9_-])")),
]
# Order fields that never go into a prompt: the buyer's email, and the postcode (the region needs only the country,
# state and city; street lines are never read from an export, see assist/shipping_columns.py).
ORDER_FIELDS_NOT_FOR_PROMPTS = frozenset({"customer_email", "shipping_postcode"})
# Street addresses alone (log masking reuses it).
ADDRESS = next(pattern for kind, pattern in _PATTERNS if kind == "ADDRESS")
_PLACEHOLDER = re.compile(r"\[(EMAIL|IBAN|CARD|ADDRESS|PHONE)_(\d+)\]")


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum that every payment card number satisfies (used to tell cards from other numbers)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _accept(kind: str, value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    if kind == "CARD":
        return 13 <= len(digits) <= 19 and luhn_ok(digits)
    if kind == "PHONE":
        # Not a date (2026-11-03, 03.11.2026) and long enough to be a phone number.
        if re.search(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\s/\s", value):
            return False
        return 8 <= len(digits) <= 15
    return True


@dataclass
class Masking:
    """What was masked: placeholder -> original value."""

    values: dict[str, str] = field(default_factory=dict)

    def restore(self, text: str, *, reveal_payment: bool = False) -> str:
        """Put the originals back; cards and IBANs only as their last four digits."""

        def swap(match: re.Match[str]) -> str:
            original = self.values.get(match.group(0))
            if original is None:
                return match.group(0)
            if match.group(1) in {"CARD", "IBAN"} and not reveal_payment:
                return "•••• " + re.sub(r"\W", "", original)[-4:]
            return original

        return _PLACEHOLDER.sub(swap, text)

    def unknown_placeholders(self, text: str) -> list[str]:
        """Placeholders in ``text`` that this masking did not create (a model invented them)."""
        return [m.group(0) for m in _PLACEHOLDER.finditer(text) if m.group(0) not in self.values]


def find_personal_data(text: str, keep: tuple[str, ...] | list[str] = ()) -> list[tuple[str, str]]:
    """``(kind, value)`` for each piece of personal data in ``text``, in order of appearance."""
    kept = {k.strip().upper() for k in keep if k}
    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            value = match.group(0).strip()
            if value.upper() in kept or any(s < end and start < e for s, e in taken):
                continue
            if not _accept(kind, value):
                continue
            found.append((start, end, kind, value))
            taken.append((start, end))
    return [(kind, value) for _, _, kind, value in sorted(found)]


def mask(text: str, masking: Masking | None = None, keep: tuple[str, ...] | list[str] = ()) -> tuple[str, Masking]:
    """Replace personal data in ``text`` with placeholders; reuse ``masking`` to mask several texts
    consistently (the same email gets the same placeholder everywhere)."""
    masking = masking or Masking()
    by_value = {v: k for k, v in masking.values.items()}
    counts: dict[str, int] = {}
    for existing in masking.values:
        kind = existing[1:].split("_")[0]
        counts[kind] = counts.get(kind, 0) + 1
    for kind, value in find_personal_data(text, keep):
        placeholder = by_value.get(value)
        if placeholder is None:
            counts[kind] = counts.get(kind, 0) + 1
            placeholder = f"[{kind}_{counts[kind]}]"
            masking.values[placeholder] = value
            by_value[value] = placeholder
        text = text.replace(value, placeholder)
    return text, masking
