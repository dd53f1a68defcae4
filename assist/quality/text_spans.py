"""Character spans in agent drafts and policy texts: sentences, term lists, tracking numbers.

Every match keeps its character offsets in the original text so a QA issue can point at the exact span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int


TRACKING = re.compile(  # bounded by any non-alphanumeric character: "番号は000181406502です" holds one
    r"(?<![A-Za-z0-9])(?=[A-Z0-9]*\d[A-Z0-9]*\d)(?:1Z[A-Z0-9]{16}|[A-Z]{2}\d{9}[A-Z]{2}|[A-Z]{0,4}\d{9,26})(?![A-Za-z0-9])"
)


def tracking_numbers(text: str) -> list[Span]:
    """Tokens shaped like parcel tracking numbers (UPS 1Z..., UPU S10 'LX123456789DE', 9-26 digit ids: parcel
    lockers and national posts use 24-digit ones)."""
    return [Span(m.group(0), m.start(), m.end()) for m in TRACKING.finditer(text)]


# the full stops and question marks of scripts beside the Latin and CJK ones (Unicode's Sentence_Terminal): Armenian
# "։", Arabic "؟" "۔", the danda "।" "॥" of Devanagari, Bengali and other Indic scripts, Myanmar "။", Ethiopic "።" "፧"
# "፨", Canadian syllabics "᙮", Khmer "។" "៕", Mongolian "᠃" "᠉", Lisu "꓿", Vai "꘎" "꘏"
_SCRIPT_ENDS = "\u0589\u061f\u06d4\u0964\u0965\u104b\u1362\u1367\u1368\u166e\u17d4\u17d5\u1803\u1809\ua4ff\ua60e\ua60f"
SENTENCE_END = re.compile(rf"(?<=[.!?])\s+|(?<=[。！？{_SCRIPT_ENDS}])\s*|\n+")


_NUMBER_DOT = re.compile(r"\d\.$")


def _inside_sentence(text: str, end: re.Match[str]) -> bool:
    """A number's dot before a lower-case word ends no sentence: a date or ordinal ("am 19.11. verschickt",
    "le 3. mai", "do 5. prosince")."""
    after = text[end.end() : end.end() + 1]
    return bool(_NUMBER_DOT.search(text[max(0, end.start() - 2) : end.start()])) and after.islower()


def sentences(text: str) -> list[Span]:
    """Sentence spans (Latin, CJK and other scripts' sentence marks, line breaks)."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.end() <= start or ("\n" not in m.group(0) and _inside_sentence(text, m)):
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
