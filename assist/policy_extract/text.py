"""Policy chunks as units the extractor reads: sentences, table rows and list items.

A unit keeps the exact text it came from (``raw``, a substring of the chunk, used as the fact's cited
sentence), a cleaned form for matching (markdown emphasis and links removed, NFKC), its section path,
and what frames it: the table header for a row, the sentence that introduces a list for an item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from assist.policy_extract.cues import introduces_exclusions, topic_hits
from assist.quality.extract import sentences
from assist.quality.hanzi import simplified

# "- ", "• ", "1. ", "2) ", and the enumerators of numbered sub-lists: "(1)", "（２）", "①".
# ... and letters or roman numerals in legal texts: "a) ...", "ii) ...".
# Bullets, numbers and letters ("a) ", in Cyrillic "а) б) в)" and Greek "α) β)" too) that open a list item.
_LIST_MARK = re.compile(
    r"^\s*(?:[-*•]\s+|・\s*|\d{1,2}[.)]\s+|[(（][0-9０-９]{1,2}[)）]\s*|[\u2460-\u2473]\s*|(?:[a-hа-жђα-θ]|[ivx]{1,4})\)\s+)"
)
# A legal clause's number ("4.1. ", "§ 3 ", "Art. 5 "... in its multi-level form): no sentence of its own.
_CLAUSE_NUMBER = re.compile(r"^\s*(?:§\s*)?\d{1,2}(?:\.\d{1,2})+\.?\s+(?=\S)")
# "Q." / "A." / "问：" / "答：" in a Q&A page: a marker, not part of the sentence.
# ... in any language: Q/A, F/A (Frage/Antwort), P/R (pergunta, pregunta, question / resposta, respuesta, réponse),
# D/R (domanda/risposta), the words spelled out, and 問/答, 问/答.
# ... and in the other languages of Europe and Asia: spørgsmål/svar (Danish, Norwegian), fråga/svar (Swedish),
# vraag/antwoord (Dutch), pytanie/odpowiedź (Polish), otázka/odpověď (Czech, Slovak), kysymys/vastaus (Finnish),
# kérdés/válasz (Hungarian), soru/cevap/yanıt (Turkish), вопрос/ответ (Russian), питання/відповідь (Ukrainian),
# 질문/답변 (Korean).
_ASK_NAMES = (
    r"question|frage|pergunta|pregunta|domanda|spørgsmål|spørsmål|fråga|vraag|pytanie|otázka|kysymys|kérdés|soru|"
    r"вопрос|питання|질문"
)
_ANSWER_NAMES = (
    r"réponse|antwort|resposta|respuesta|risposta|svar|antwoord|odpowiedź|odpověď|odpoveď|vastaus|válasz|cevap|"
    r"yanıt|ответ|відповідь|답변"
)
_QA_WORDS = rf"(?:[QA]|问|問|质问|質問|答|回答)\s*[.:：、]|(?:[FPDR]|{_ASK_NAMES}|{_ANSWER_NAMES})\s*[:：]"
_QA_MARK = re.compile(rf"^\s*(?:{_QA_WORDS})\s*", re.IGNORECASE)
_ASK_WORDS = rf"(?:Q|问|問|质问|質問)\s*[.:：、]|(?:[FPD]|{_ASK_NAMES})\s*[:：]"
_QUESTION = re.compile(rf"^\s*(?:{_ASK_WORDS})|[?？؟]\s*$", re.IGNORECASE)
# what ends a question: the Latin, full-width and Arabic-script ("؟": Arabic, Persian, Urdu) question marks
QUESTION_MARKS = ("?", "？", "؟")
_MARK_SPAN = 12  # the longest marker ("Pergunta: ") fits in the line's first characters
# Leader dots between a label and its value ("本州……1〜2日", "Zone A ........ 3 days").
_LEADER = re.compile(r"\s*(?:…+|\.{3,}|・{3,})\s*")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")
_EMPHASIS = re.compile(r"(\*\*|__|`)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_FINAL = tuple(".!?。！？")
_CLAUSE = re.compile(r"\s*[,;:，；、：]\s*|\s+(?:—|–)\s+")


@dataclass(frozen=True)
class PolicyChunk:
    """One stored policy chunk: what the extractor reads."""

    id: str
    text: str
    section: str = ""
    language: str | None = None
    source: str | None = None
    written: tuple[str, str] | None = None  # (text, section) as the shop wrote them, when read converted


def readable(chunk: PolicyChunk) -> PolicyChunk:
    """The chunk as the extractor's cue words read it: Traditional Chinese written in simplified characters
    (OpenCC ``t2s``, same length), its own words kept in ``written`` for citations and scope values."""
    text, section = simplified(chunk.text), simplified(chunk.section)
    if chunk.written is not None or (text == chunk.text and section == chunk.section):
        return chunk
    return PolicyChunk(chunk.id, text, section, chunk.language, chunk.source, (chunk.text, chunk.section))


def as_written(chunk: PolicyChunk, phrase: str) -> str:
    """``phrase``, read from a converted chunk (its text, its section or a cleaned line of either), in the
    characters the shop wrote it in; unchanged when the chunk was read as written or the phrase is not found."""
    if chunk.written is None or not phrase:
        return phrase
    for read, own in zip((chunk.text, chunk.section), chunk.written, strict=True):
        at = read.find(phrase)
        if at >= 0:
            return own[at : at + len(phrase)]
    for own_line in "\n".join(chunk.written).split("\n"):
        own = clean(own_line)
        at = simplified(own).find(phrase)
        if at >= 0:
            return own[at : at + len(phrase)]
    return phrase


@dataclass
class Unit:
    raw: str
    text: str
    kind: str  # "sentence" | "row" | "item"
    chunk: PolicyChunk
    cells: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    intro: str | None = None  # the sentence introducing a list or table
    intro_raw: str | None = None
    previous: str | None = None  # the sentence before, in the same paragraph
    question: bool = False  # a FAQ question ("Q. Can I ...?"): it names a topic, it states no rule
    asked: str | None = None  # the FAQ question this sentence answers (a question heading, a "Q:" or bold line)
    group: str | None = None  # the label of the list item a bullet is nested under ("1. Taiwan:" over "(1) ...")
    label: str | None = None  # a rule bullet's label ("- **Regno Unito**: DHL, 2-4 giorni. Spedizione 25 €.")
    roles: list[str] = field(default_factory=list)  # a row's header cells as the learned reader reads them
    time_columns: list[int] = field(default_factory=list)  # a row's table columns that hold durations in any row
    # a row's fee columns, each priced for what its header names ("| Parcel | Greenhouse |"): column -> product class
    price_classes: dict[int, str] = field(default_factory=dict)
    # What the unit's heading, header or key cell is about as the learned reader reads it, where no cue word names a
    # topic (a language without cue lists): topic -> the reader's probability, surest first.
    read_topics: dict[str, float] = field(default_factory=dict)
    unnamed: bool = False  # no cue word in the unit or its context: the read topics stand in for them
    # What the unit's context alone (heading, header, intro, key cell; not its own words) is about as the reader reads
    # it, where no cue word names the context but the unit's own words hold one (perhaps another language's by chance).
    context_topics: dict[str, float] = field(default_factory=dict)
    own_topic: tuple[str, float] | None = None  # what the unit's own words alone are about, as the reader reads them

    @property
    def section(self) -> str:
        return self.chunk.section


_KEEP_WIDE = frozenset("，；：。")  # NFKC would make "，2个工作日" read like the decimal "1,2"
# ... and the Thai and Lao vowel AM, which NFKC splits into two signs ("ทำการ" as "ทํการ"): every word list writes the
# letter as one, as do the shops
_KEEP_AS_WRITTEN = _KEEP_WIDE | frozenset("\u0e33\u0eb3")


_CJK_GAP = re.compile(r"(?<=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef])")
# A period that ends no sentence: after a.m./p.m., or before a lower-case word ("ggf. Zoll", "approx. two").
_NO_SENTENCE_END = re.compile(
    r"(\b[apAP]\.[mM]|\b(?:inkl|ggf|bzw|evtl|ca|usw|vgl|zzgl|bzgl|etc|incl|excl|approx|env|e\.\s?g|i\.\s?e|z\.\s?B|d\.\s?h|u\.\s?a|Nr|No|"
    r"[Aa]rt|[Aa]rts|Abs|[Nn]º|kl))"
    r"\.(?=\s)|(\w)\.(?=\s+[a-zäöüßàâçéèêëîïôûùüÿñáíóú])"
)


def _keep_sentence(m: re.Match[str]) -> str:
    if m.group(1) and re.search(r"\s", m.group(1)):  # "z. B.", "e. g.": both periods (same length)
        return m.group(0).replace(".", "\u00b7")
    return (m.group(1) or m.group(2)) + "\u00b7"


_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
WRAP_WIDTH = 60  # a line at least this long that ends mid-sentence was wrapped by the writer's editor


def _ascii_digits() -> dict[int, str]:
    """Every decimal digit Unicode knows (Arabic-Indic, Persian, Devanagari, Bengali, Thai...) as its ASCII digit, the
    Arabic decimal and thousands separators and percent sign as ".", "," and "%", and the invisible direction marks
    of right-to-left text dropped: "١٤ يومًا" and "۱۵٫۵۰" read as "14 يومًا" and "15.50"."""
    table: dict[int, str] = {c: str(unicodedata.decimal(chr(c))) for c in range(0x80, 0x10000) if _decimal(c)}
    table.update({0x066B: ".", 0x066C: ",", 0x066A: "%"})
    table.update(dict.fromkeys((0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)), ""))
    return table


def _decimal(code: int) -> bool:
    return unicodedata.decimal(chr(code), None) is not None


_ASCII_DIGITS = _ascii_digits()


# a line's run-in label: one word and a colon ("Swali: ...", "Жауап: ...")
_RUN_IN_LABEL = re.compile(r"^\s*([^\W\d_]{2,12})\s*[:：]\s+(?=\S)")


def qa_labels(lines: list[str]) -> tuple[set[str], set[str]]:
    """(ask labels, answer labels) a Q&A page uses in a language no marker list names: a one-word label opening a
    line that ends in a question mark is the ask label, the one-word label opening the line after it the answer's
    ("Swali: ...?" / "Jibu: ..."); folded."""
    asks: set[str] = set()
    answers: set[str] = set()
    filled = [line.strip() for line in lines if line.strip()]
    for line, following in zip(filled, filled[1:], strict=False):
        ask, answer = _RUN_IN_LABEL.match(line), _RUN_IN_LABEL.match(following)
        if ask and answer and line.endswith(QUESTION_MARKS) and ask.group(1).casefold() != answer.group(1).casefold():
            asks.add(ask.group(1).casefold())
            answers.add(answer.group(1).casefold())
    return asks, answers


def clean(text: str) -> str:
    text = "".join(ch if ch in _KEEP_AS_WRITTEN else unicodedata.normalize("NFKC", ch) for ch in text)
    text = text.translate(_ASCII_DIGITS)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _LIST_MARK.sub("", text)
    text = _CLAUSE_NUMBER.sub("", text)
    text = _QA_MARK.sub("", text)
    text = _LEADER.sub(": ", text)
    text = _THOUSANDS.sub(",", text)  # "１１，０００円": a full-width thousands separator
    text = _CJK_GAP.sub("", text)  # a line break inside Chinese or Japanese text is no word gap
    return re.sub(r"\s+", " ", text).strip().strip("|").strip()


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` carries on the hard-wrapped sentence of ``previous`` (Markdown and HTML text)."""
    prev, here = previous.strip(), line.strip()
    if not prev or not here or here.startswith("#") or _is_row(here) or _is_row(prev) or _LIST_MARK.match(line):
        return False
    if prev.endswith((*_FINAL, ":", "：", "**")) or len(prev) < WRAP_WIDTH:
        return False
    return not prev.startswith("#")


def logical_lines(text: str) -> list[str]:
    """The chunk's lines with hard-wrapped sentences joined; each keeps its line breaks (a substring)."""
    out: list[str] = []
    for line in text.split("\n"):
        if out and _continues(out[-1].split("\n")[-1], line):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) pieces split at commas, semicolons, colons and dashes."""
    out, start = [], 0
    for m in _CLAUSE.finditer(text):
        if text[start : m.start()].strip():
            out.append((start, text[start : m.start()]))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def _cells(line: str) -> list[str]:
    return [clean(c) for c in line.strip().strip("|").split("|")]


def _key_value(cells: list[str], following: list[str]) -> bool:
    """Whether a table's first row is a key and its value ("Return period | 30 days from delivery"), not a header:
    two cells, the second holding a number or a phrase (a header cell is a short label), and no separator line
    under it (a Markdown header has one)."""
    after = next((line.strip() for line in following if line.strip()), "")
    if len(cells) != 2 or _TABLE_SEPARATOR.match(after):
        return False
    return bool(re.search(r"\d", cells[1])) or len(cells[1]) > 30


def _sentence_value(cell: str) -> bool:
    """Whether a cell's text is written in sentences (it ends with a full stop, or holds one before more text)."""
    body = cell.rstrip()
    return body.endswith(_FINAL) or bool(re.search(r"[.!?。！？]\s*\S", body))


def _key_value_table(cells: list[str], following: list[str]) -> bool:
    """Whether a two-column table without a header separator (an HTML table: ``<th>`` row heads and ``<td>``
    values) pairs keys with values written in sentences ("Returns | Write to us within 8 days of delivery. ...")
    rather than heading columns: every row has two cells and some value is a sentence."""
    rows = [cells]
    for line in following:
        if not line.strip():
            continue
        if not _is_row(line.strip()):
            break
        rows.append(_cells(line.strip()))
    if len(rows) < 3 or any(len(row) != 2 for row in rows):
        return False
    return any(_sentence_value(row[1]) and len(row[1]) > 15 for row in rows[1:])


_CELL_END = re.compile(r"\s\|\s*$")
_CELL_LINES = 16  # the most lines one table cell is read across


def _join_cells(lines: list[str]) -> list[str]:
    """Join the lines of a table cell that holds line breaks (an HTML ``<td>`` with ``<br>``: "Key | first line",
    further lines, then "last line |") into one line; the joined line keeps its breaks (a substring)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if " | " in line and not _CELL_END.search(line) and line.count("|") == 1:
            end = i + 1
            while end < min(len(lines), i + _CELL_LINES) and lines[end].strip() and "|" not in lines[end]:
                end += 1
            if end < len(lines) and end > i and lines[end].count("|") == 1 and _CELL_END.search(lines[end]):
                out.append("\n".join(lines[i : end + 1]))
                i = end + 1
                continue
        out.append(line)
        i += 1
    return out


def _is_row(line: str) -> bool:
    return line.count("|") >= 2 or (line.strip().startswith("|") and "|" in line.strip()[1:])


_LABEL = re.compile(r"^([^:：.。!?]{2,40}?)\s*[:：]\s")


def _bullet_label(line: str) -> str | None:
    """ "- **Unione Europea**: corriere GLS, 3-6 giorni. Spedizione 15 €." -> "Unione Europea": the label scopes
    every sentence of the bullet, not only the first."""
    m = _LABEL.match(clean(line) + " ")
    return m.group(1).strip() if m and len(m.group(1).split()) <= 5 else None


def _excluding(intro: str | None) -> bool:
    if not intro:
        return False
    return introduces_exclusions(intro) or any(t == "warranty_excludes" for _, _, t in topic_hits(intro))


def _nested_list_follows(lines: list[str], index: int, indent: int) -> bool:
    """Whether the next non-empty line is a list item indented deeper than ``indent``."""
    following = next((line for line in lines[index + 1 :] if line.strip()), "")
    return bool(_LIST_MARK.match(following)) and len(following) - len(following.lstrip()) > indent


def _heading_question(section: str) -> str | None:
    """The chunk's own heading when it is a question ("Posso cancelar meu pedido?"): its answer's topic."""
    named = [part for part in section.split(" > ") if re.search(r"\w", part)] if section else []
    heading = clean(named[-1]) if named else ""
    return heading if heading.endswith(QUESTION_MARKS) else None


_NESTED_END = re.compile(r"^\|+$")  # HTML text of a table nested in a cell: its cell closes on a line of its own


def _unnest(out: list[Unit]) -> None:
    """The rows of a table nested in the last cell of an outer row (an HTML ``<table>`` in a ``<td>``: the outer
    row, shorter than its header, then the inner rows, all as wide) are no rows of the outer table: they lose its
    header."""
    if not out or out[-1].kind != "row":
        return
    width = len(out[-1].cells)
    at = len(out) - 1
    while at >= 0 and out[at].kind == "row" and len(out[at].cells) == width:
        at -= 1
    outer = out[at] if at >= 0 else None
    if outer is None or outer.kind != "row" or len(outer.cells) >= len(outer.header):
        return
    for unit in out[at + 1 :]:
        unit.header = []


def units(chunk: PolicyChunk) -> list[Unit]:
    """Split a chunk into sentences, table rows (with their header) and list items (with their intro).

    A chunk in Traditional Chinese is read converted (:func:`readable`); ``unit.chunk`` is the converted chunk,
    whose ``written`` keeps the shop's own text (:func:`as_written`)."""
    chunk = readable(chunk)
    out: list[Unit] = []
    lines = _join_cells(logical_lines(chunk.text))
    header: list[str] = []
    keyed = False  # the table being read is a list of keys and values, without a header row
    intro: str | None = None
    intro_raw: str | None = None
    in_list = False
    previous: str | None = None
    item_intro: int | None = None  # indent of the list item that introduces a nested list
    asked_before: str | None = None  # the FAQ question this paragraph answers
    # The question of the current FAQ entry, which scopes every answer paragraph after it: a question heading
    # ("### Quanto tempo demora?"), a "Q:" or bold question line, or a paragraph that is only a question.
    faq_question = _heading_question(chunk.section)
    list_goes_on = False  # the last list item ended with ";": the list has more items
    blank_before = False  # an unmarked line after a blank line is a paragraph, not the list's next item
    group: tuple[int, str] | None = None  # (indent, label) of a "Label:" item over a nested list of rules
    ask_labels, answer_labels = qa_labels(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            previous, asked_before = None, faq_question
            blank_before = True
            continue
        after_blank, blank_before = blank_before, False
        if stripped.startswith("#"):
            continue
        if _TABLE_SEPARATOR.match(stripped) and "-" in stripped and not re.search(r"\w", stripped.replace("-", "")):
            continue
        if _NESTED_END.match(stripped) and header:
            _unnest(out)  # a table in a cell ("| CABA | Andreani | 24 a 48 h | <table of weight bands> |") ended
            continue
        if _is_row(stripped):
            cells = _cells(stripped)
            following = lines[index + 1 :]
            if not header and not keyed and (_key_value(cells, following) or _key_value_table(cells, following)):
                keyed = True  # "Delivery time | 2-3 days" opens a table of keys and values: it has no header
            if not header and not keyed:
                header = cells
                continue
            if keyed and len(cells) == 2:
                answered = _cell_sentences(stripped, cells[0], chunk)
                if answered:
                    out.extend(answered)
                    continue
            out.append(Unit(stripped, " | ".join(cells), "row", chunk, cells=cells, header=header, intro=intro))
            continue
        header, keyed = [], False  # a table ends at the first line that is not a row
        marked = bool(_LIST_MARK.match(line))
        # The last item of an exclusion list may end with a full stop ("gift cards.").
        last_item = _excluding(intro) and stripped.endswith(".") and len(stripped) < 40 and "," not in stripped
        # ... or any length after an item that ended with ";" (a list the writer punctuated: "A ;" / "B.")
        last_item = last_item or (_excluding(intro) and in_list and list_goes_on and len(stripped) < 200)
        bare_item = in_list and (not stripped.endswith(_FINAL) or last_item) and len(stripped) < 120
        # A list whose items are paragraphs (HTML <li>) goes on after a blank line, but a sentence with a label or
        # a number there ("Other items: 30 days.") is a paragraph of its own.
        bare_item = bare_item and not (after_blank and stripped.endswith(_FINAL) and re.search(r"\d|[:：]", stripped))
        # ... and a question ("**When will I get my refund?**") opens the next FAQ entry: the list has ended.
        bare_item = bare_item and not clean(stripped).endswith(QUESTION_MARKS)
        # A bullet that is a full sentence ("- Refunds are issued within 7 days.") is read as a sentence,
        # unless it belongs to a list of exclusions.
        indent = len(line) - len(line.lstrip())
        if item_intro is not None and marked and indent <= item_intro:
            intro, intro_raw, item_intro = None, None, None  # back at the level of the item that introduced a list
        if group is not None and indent <= group[0]:
            group = None
        # ... nor the last item of a list the writer punctuated ("а) ...;" / "б) ...;" / "в) gift vouchers.").
        closes_list = in_list and list_goes_on and intro is not None
        rule_bullet = marked and stripped.endswith(_FINAL) and not _excluding(intro) and not closes_list
        if (marked or (bare_item and intro is not None)) and not rule_bullet:
            text = clean(stripped).rstrip(";；,，.")
            out.append(Unit(stripped, text, "item", chunk, intro=intro, intro_raw=intro_raw))
            in_list = True
            list_goes_on = stripped.endswith((";", "；", ","))
            if marked and stripped.endswith((":", "：")):
                # "- These cannot be returned:" followed by a nested list: the item introduces it.
                intro, intro_raw, item_intro = text, stripped, indent
                group = (indent, text.rstrip(":：").strip())
            continue
        item_intro = None
        in_list = False
        flat = stripped.replace("\n", " ")  # same length: the spans stay offsets into the raw line
        flat = _NO_SENTENCE_END.sub(_keep_sentence, flat)  # "1 p.m. Eastern", "MwSt. und": no sentence ends there
        number = _CLAUSE_NUMBER.match(flat)
        if number:  # "4.1. Du har 14 dages ...": the clause's number is blanked (same length)
            flat = " " * number.end() + flat[number.end() :]
        marker = _QA_MARK.match(unicodedata.normalize("NFKC", flat[:_MARK_SPAN]))
        question_line = bool(marker) and bool(_QUESTION.match(unicodedata.normalize("NFKC", flat[:_MARK_SPAN])))
        own = _RUN_IN_LABEL.match(flat) if marker is None else None
        if own and own.group(1).casefold() in ask_labels | answer_labels:  # "Swali:" / "Jibu:", as the page uses them
            marker, question_line = own, own.group(1).casefold() in ask_labels
        # "**Can I still use my code?**": a bold line ending in a question mark is a FAQ question.
        bold_question = stripped.startswith(("**", "__")) and clean(stripped).endswith(QUESTION_MARKS)
        question_line = question_line or bold_question
        if marker:  # "Q." / "A." is no sentence of its own
            flat = " " * marker.end() + flat[marker.end() :]
        if question_line:
            asked_before = None  # a new question
        # "- **Italia**: ..." or a paragraph that opens with a bold label ("**US orders:** ...")
        label = _bullet_label(stripped) if rule_bullet or stripped.startswith(("**", "__")) else None
        paragraph: list[Unit] = []
        for span in sentences(_LIST_MARK.sub("", flat) if rule_bullet else flat):
            text = clean(span.text)
            if not text:
                continue
            raw = stripped[span.start : span.end] if not rule_bullet else span.text
            asked = question_line or bool(_QUESTION.search(unicodedata.normalize("NFKC", span.text)))
            # Every sentence of an answer reads in the light of its question.
            context = f"{asked_before} {previous}" if asked_before and previous != asked_before else previous
            answers = None if asked else faq_question
            paragraph.append(Unit(raw, text, "sentence", chunk, previous=context, question=asked, label=label))
            paragraph[-1].asked = answers
            paragraph[-1].group = group[1] if group is not None and rule_bullet else None
            previous = text
            if asked:  # a question of several sentences is one question
                asked_before = f"{asked_before} {text}" if asked_before and question_line else text
        out.extend(paragraph)
        if paragraph and (question_line or all(u.question for u in paragraph)):
            faq_question = " ".join(u.text for u in paragraph)  # a new FAQ entry
        # A paragraph that names exclusions introduces the list after it; a bullet that states a rule of its own
        # ("- Gift cards can't be returned.") introduces nothing.
        # ... unless a nested list follows it ("- These cannot be returned." over indented items).
        nested = rule_bullet and _nested_list_follows(lines, index, indent)
        lists = stripped.rstrip().endswith((":", "：")) or (
            (not rule_bullet or nested)
            and any(t in ("excluded", "warranty_excludes") for _, _, t in topic_hits(clean(stripped)))
        )
        intro = clean(stripped) if lists else None
        intro_raw = stripped if lists else None
        in_list = intro is not None
        if nested and lists:
            item_intro = indent  # the nested list ends where a bullet at this level comes back
    return out


def _cell_sentences(row: str, key: str, chunk: PolicyChunk) -> list[Unit]:
    """The sentences of a key's value written in several sentences ("返品・交換 | 商品到着後8日以内にご連絡ください。
    未開封・未使用の商品に限り…"): each is read as an answer to its key, as a FAQ answer to its question (the key
    names the topic a sentence leaves unnamed); one sentence or a bare value stays a row, and so does a row in a
    language the cue lists do not cover (the learned reader reads a row by its key cell, :mod:`.topics`)."""
    from assist.policy_extract.coverage import covered

    if not covered(chunk):
        return []
    at = row.find("|")
    value = row[at + 1 :].rstrip().rstrip("|").rstrip()
    lead = len(value) - len(value.lstrip())
    value = value.lstrip()
    if not key or not re.search(r"\w", key):
        return []
    flat = _NO_SENTENCE_END.sub(_keep_sentence, value.replace("\n", " "))
    spans = [span for span in sentences(flat) if clean(span.text)]
    if len(spans) < 2:
        return []
    out: list[Unit] = []
    previous = key
    for span in spans:
        text = clean(span.text)
        raw = row[at + 1 + lead + span.start : at + 1 + lead + span.end]
        unit = Unit(raw, text, "sentence", chunk, previous=previous, question=False)
        unit.asked = key
        out.append(unit)
        previous = f"{key} {text}"
    return out
