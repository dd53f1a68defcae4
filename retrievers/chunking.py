"""Policy documents to heading-aware chunks: Markdown, HTML, plain text and PDF.

A document becomes sections (the heading path down to the body text); long sections are split on
paragraph boundaries. Each chunk keeps its section path ("Returns > Return window") so the
embedding and the keyword index both see the headings, and the ``{#anchor}`` of the heading that
owns it: the id shared by every language version of that section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assist.errors import InvalidInput

SUPPORTED_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
    ".pdf": "pdf",
}
MAX_CHARS = 800
OVERLAP_CHARS = 120
PATH_SEPARATOR = " > "

_ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ANCHOR = re.compile(r"\s*\{#([A-Za-z0-9_:.-]+)\}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_SENTENCE_END = tuple(".,;:!?。！？、，；：)")


@dataclass
class Section:
    titles: list[str]
    anchor: str | None
    body: str

    @property
    def path(self) -> str:
        return PATH_SEPARATOR.join(self.titles)


@dataclass
class Document:
    sections: list[Section]
    title: str | None = None
    language: str | None = None
    intents: list[str] = field(default_factory=list)
    has_h1: bool = False


@dataclass(frozen=True)
class Chunk:
    section: str
    anchor: str | None
    body: str
    index: int  # position within its section
    occurrence: int = 0  # disambiguates repeated identical heading paths in one document

    @property
    def text(self) -> str:
        """What gets embedded and keyword-indexed: the heading path, then the body."""
        return f"{self.section}\n\n{self.body}" if self.section else self.body


# --- parsing ------------------------------------------------------------------------------------


class _SectionBuilder:
    """Collects body lines under a stack of (level, title, anchor) headings."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str, str | None]] = []
        self.lines: list[str] = []
        self.sections: list[Section] = []
        self.min_level = 7

    def heading(self, level: int, title: str, anchor: str | None = None) -> None:
        self.flush()
        self.min_level = min(self.min_level, level)
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, title, anchor))

    def line(self, text: str) -> None:
        self.lines.append(text)

    def flush(self) -> None:
        body = _tidy("\n".join(self.lines))
        self.lines = []
        if not body:
            return
        anchor = next((a for _, _, a in reversed(self.stack) if a), None)
        self.sections.append(Section([t for _, t, _ in self.stack], anchor, body))

    def finish(self) -> list[Section]:
        self.flush()
        return self.sections


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _split_anchor(title: str) -> tuple[str, str | None]:
    match = _ANCHOR.search(title)
    if not match:
        return title.strip(), None
    return title[: match.start()].strip(), match.group(1)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise InvalidInput(f"YAML front matter is not valid: {exc}") from exc
    if not isinstance(meta, dict):
        raise InvalidInput("YAML front matter must be a mapping (title, language, intents)")
    return meta, text[match.end() :]


def parse_markdown(text: str) -> Document:
    meta, body = split_front_matter(text)
    builder = _SectionBuilder()
    in_fence = False
    for raw in body.splitlines():
        if _FENCE.match(raw):
            in_fence = not in_fence
        heading = None if in_fence else _ATX.match(raw)
        if heading:
            title, anchor = _split_anchor(heading.group(2))
            builder.heading(len(heading.group(1)), title, anchor)
        else:
            builder.line(raw)
    raw_intents = meta.get("intents") or []
    if isinstance(raw_intents, str):
        raw_intents = raw_intents.split(",")
    if not isinstance(raw_intents, list):
        raise InvalidInput(f"front matter 'intents' must be a list of intent names, got {raw_intents!r}")
    intents = [str(i).strip() for i in raw_intents if str(i).strip()]
    return Document(
        builder.finish(),
        str(meta["title"]) if meta.get("title") else None,
        str(meta["language"]).lower() if meta.get("language") else None,
        intents,
        has_h1=builder.min_level == 1,
    )


def parse_html(text: str) -> Document:
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        if tag.name != "head":
            tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else None
    html = soup.find("html")
    language = html.get("lang") if html is not None else None
    if soup.head:
        soup.head.decompose()
    marks: list[tuple[int, str, str | None]] = []
    for tag in soup.find_all(["h1", "h2", "h3", "h4"]):
        heading_title, anchor = _split_anchor(tag.get_text(" ", strip=True))
        anchor = anchor or (str(tag["id"]) if tag.get("id") else None)
        tag.replace_with(NavigableString(f"\n\x00{len(marks)}\x00\n"))
        marks.append((int(tag.name[1]), heading_title, anchor))
    for tag in soup.find_all("li"):  # a list item stays a list item ("- ..."), as in Markdown
        tag.insert(0, NavigableString("- "))
    for tag in soup.find_all(
        ["p", "div", "li", "tr", "pre", "blockquote", "section", "article", "ul", "ol", "table", "dd", "dt", "br"]
    ):
        tag.insert_after(NavigableString("\n\n" if tag.name != "br" else "\n"))
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(NavigableString(" | "))
    builder = _SectionBuilder()
    for piece in re.split(r"(\x00\d+\x00)", soup.get_text()):
        if piece.startswith("\x00"):
            builder.heading(*marks[int(piece.strip("\x00"))])
        else:
            builder.line("\n".join(line.strip() for line in piece.splitlines()))
    lang = str(language).split("-")[0].lower() if language else None
    return Document(builder.finish(), title, lang, has_h1=builder.min_level == 1)


def _looks_like_heading(line: str, after_boundary: bool, following: str) -> bool:
    """A short line, no final punctuation, not a list item, after a blank line, a sentence end
    or another heading, with text after it."""
    stripped = line.strip()
    if not after_boundary or not stripped or not following.strip() or len(stripped) > 70:
        return False
    if following.strip()[0].islower():  # the sentence goes on
        return False
    return not stripped.endswith(_SENTENCE_END) and stripped[0] not in "-*•|" and len(stripped.split()) <= 10


def parse_plain(text: str, *, loose: bool = False) -> Document:
    """Plain text or PDF text: underlined lines, and short standalone lines without final
    punctuation, are headings; a heading straight above another heading is its parent.
    Text files need a blank line above a heading; ``loose`` (PDF text has no blank lines) also
    accepts a line that follows a sentence end."""
    lines = [line.rstrip() for line in text.splitlines()]
    builder = _SectionBuilder()
    boundary = True
    i = 0
    while i < len(lines):
        line = lines[i]
        rest = [(n, x) for n, x in enumerate(lines[i + 1 :], start=i + 1) if x.strip()]
        following = rest[0][1] if rest else ""
        if line.strip() and i + 1 < len(lines) and _is_underline(lines[i + 1]):
            builder.heading(1 if lines[i + 1].strip()[0] == "=" else 2, line.strip())
            i, boundary = i + 2, True
            continue
        if _looks_like_heading(line, boundary, following):
            after = rest[1][1] if len(rest) > 1 else ""
            builder.heading(1 if _looks_like_heading(following, True, after) else 2, line.strip())
            boundary = True
        else:
            builder.line(line)
            boundary = not line.strip() or (loose and line.strip().endswith(_SENTENCE_END))
        i += 1
    return Document(builder.finish(), has_h1=builder.min_level == 1)


def _is_underline(line: str) -> bool:
    return bool(re.fullmatch(r"\s*(=+|-+)\s*", line)) and len(line.strip()) >= 3


def read_pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise InvalidInput(f"{path}: cannot read this PDF ({exc}); export it again or convert it to text") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise InvalidInput(f"{path}: the PDF has no extractable text (scanned images?); run OCR or convert to text")
    return text


def load_document(path: Path, text: str | None = None, kind: str | None = None) -> Document:
    kind = kind or SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InvalidInput(f"{path}: unsupported file type; use {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if text is None:
        if kind == "pdf":
            text = read_pdf_text(path)
        else:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError as exc:
                raise InvalidInput(f"{path}: not UTF-8 text; save it as UTF-8 and retry") from exc
    parse = {
        "markdown": parse_markdown,
        "html": parse_html,
        "text": parse_plain,
        "pdf": lambda t: parse_plain(t, loose=True),
    }[kind]
    document = parse(text)
    if document.title is None:
        document.title = re.sub(r"[-_]+", " ", path.stem).strip().capitalize() or None
    return document


# --- splitting ----------------------------------------------------------------------------------


def _pieces(body: str, max_chars: int) -> list[str]:
    """Paragraphs, with any paragraph longer than ``max_chars`` cut at sentence ends (or hard)."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body):
        paragraph = paragraph.strip()
        while len(paragraph) > max_chars:
            window = paragraph[:max_chars]
            cut = max(window.rfind(m) for m in (". ", "。", "! ", "? ", "\n", "！", "？"))
            cut = cut + 1 if cut > max_chars // 3 else max_chars
            out.append(paragraph[:cut].strip())
            paragraph = paragraph[cut:].strip()
        if paragraph:
            out.append(paragraph)
    return out


def split_section(body: str, max_chars: int = MAX_CHARS, overlap: int = OVERLAP_CHARS) -> list[str]:
    """Pack paragraphs into chunks of about ``max_chars``; each later chunk starts with the tail
    paragraph of the one before when that tail is shorter than ``overlap``."""
    chunks: list[list[str]] = [[]]
    size = 0
    for piece in _pieces(body, max_chars):
        if chunks[-1] and size + len(piece) + 2 > max_chars:
            tail = chunks[-1][-1]
            chunks.append([tail] if len(tail) <= overlap else [])
            size = sum(len(p) + 2 for p in chunks[-1])
        chunks[-1].append(piece)
        size += len(piece) + 2
    return ["\n\n".join(c) for c in chunks if c]


def chunk_document(document: Document, max_chars: int = MAX_CHARS) -> list[Chunk]:
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for section in document.sections:
        titles = list(section.titles)
        if document.title and not document.has_h1 and (not titles or titles[0] != document.title):
            titles.insert(0, document.title)
        path = PATH_SEPARATOR.join(titles)
        occurrence = seen.get(path, 0)
        seen[path] = occurrence + 1
        for index, body in enumerate(split_section(section.body, max_chars)):
            chunks.append(Chunk(path, section.anchor, body, index, occurrence))
    return chunks
