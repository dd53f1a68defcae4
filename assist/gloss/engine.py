"""The gloss engine: a word-by-word reading aid for pairs no translation engine serves.

For each source sentence, one line: the English sense of every word in local reading order (a postposition
before its own noun phrase, "the" before a Japanese or Chinese noun phrase where English needs an article),
grammar words mapped to a short English word or left out, and facts (order ids, tracking numbers, amounts, dates,
URLs, e-mails, quoted product names, Latin-script names and numbers) kept exactly as written. It is a
reading aid for the agent, not a translation, and never the text of a reply to the buyer.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from assist.gist import find_facts
from assist.gloss.articles import Tag, with_articles
from assist.gloss.dictionaries import DictionaryMissing
from assist.gloss.english import inflect, participle, past, plural, verb_of
from assist.gloss.pieces import Analyzer, Piece, gloss_words
from assist.gloss.reorder import of_chains
from assist.gloss.senses import SenseChooser, candidate_senses
from assist.models import GlossLine, GlossWord

if TYPE_CHECKING:
    from retrievers.embeddings import Embedder

LABEL = "word-by-word reading aid, not a translation"
_WARM_UP = {
    "ja": "荷物はまだ届いていません。",
    "zh": "我的包裹还没有到。",
    "de": "Mein Paket ist noch nicht da.",
    "fr": "Mon colis n'est pas encore arrivé.",
    "es": "Mi paquete todavía no ha llegado.",
    "it": "Il mio pacco non è ancora arrivato.",
}
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[」』”\"）)]*|\n|$)")
_LATIN_STOP = re.compile(r"(?<=[^\d\s.]\.)\s+(?=[\"'“„«(]?[A-ZÀ-ÖØ-Þ])")
_NUMERALS = set("〇一二三四五六七八九十百千万億亿两兩几幾数數")
_NUMBER = re.compile(r"[0-9０-９]+(?:[.,][0-9０-９]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_YEAR = {"年"}  # after a four-digit number: a calendar year, read as the number alone
_BE = {"is", "are", "be"}
_NO_SPACE_BEFORE = re.compile(r" ([.,!?:;)]|'s\b)")
_NO_SPACE_AFTER = re.compile(r"([(]) ")


class Glosser(Protocol):
    """What the translation router asks of a reading-aid engine."""

    name: str

    def supports(self, source: str, target: str) -> bool: ...

    def unavailable(self, source: str) -> str | None:
        """Why the pair cannot be glossed here (a dictionary is missing), or None."""

    def warm_up(self, languages: list[str] | None = None) -> None: ...

    def gloss(self, text: str, source: str, target: str, order_id_pattern: str | None = None) -> list[GlossLine]: ...


@lru_cache(maxsize=1)
def default_analyzers() -> dict[str, Analyzer]:
    """One set per process: every engine (every Services) shares the loaded tokenizers and dictionaries."""
    from assist.gloss.chinese import ChineseAnalyzer
    from assist.gloss.freedict import CODES, EuropeanAnalyzer
    from assist.gloss.japanese import JapaneseAnalyzer

    european: dict[str, Analyzer] = {language: EuropeanAnalyzer(language) for language in CODES}
    return {"ja": JapaneseAnalyzer(), "zh": ChineseAnalyzer(), **european}


def split_sentences(text: str) -> list[str]:
    """CJK sentence marks, ! and ?, line breaks, and a full stop before a capital (not after a digit: 3. Mai)."""
    parts = [s for chunk in _SENTENCE.findall(text) for s in _LATIN_STOP.split(chunk)]
    return [s.strip() for s in parts if s.strip()]


class GlossEngine:
    name = "gloss"

    def __init__(
        self,
        embedder: Embedder | None = None,
        analyzers: dict[str, Analyzer] | None = None,
        *,
        first_sense_only: bool = False,
        max_senses: int = 5,
    ) -> None:
        self.analyzers = analyzers if analyzers is not None else default_analyzers()
        self.chooser = SenseChooser(embedder, first_only=first_sense_only)
        self._choosers = {  # a language's own sense-choice weights (gloss.yaml ``sense_choice``), where it has them
            language: SenseChooser(embedder, first_only=first_sense_only, **rules["sense_choice"])
            for language, rules in gloss_words().items()
            if isinstance(rules, dict) and "sense_choice" in rules
        }
        self.max_senses = max_senses
        self._missing: dict[str, str] = {}
        self._cache: OrderedDict[tuple[str, str, str | None], list[GlossLine]] = OrderedDict()
        self._lock = threading.Lock()

    def supports(self, source: str, target: str) -> bool:
        return target == "en" and source in self.analyzers

    def warm_up(self, languages: list[str] | None = None) -> None:
        """Load every pair's tokenizer and dictionary now (the server's warm-up), not on the first buyer."""
        for language, sample in _WARM_UP.items():
            if language in (languages or self.analyzers) and not self.unavailable(language):
                self.gloss(sample, language, "en")

    def unavailable(self, source: str) -> str | None:
        """Loads the pair's tokenizer and dictionary once; the reason when one is missing."""
        analyzer = self.analyzers.get(source)
        if analyzer is None:
            return f"no word-by-word dictionary for {source}"
        if source not in self._missing:
            try:
                analyzer.load()
                self._missing[source] = ""
            except DictionaryMissing as exc:
                self._missing[source] = str(exc)
        return self._missing[source] or None

    def gloss(self, text: str, source: str, target: str, order_id_pattern: str | None = None) -> list[GlossLine]:
        reason = self.unavailable(source)
        if reason:
            raise DictionaryMissing(reason)
        key = (text, source, order_id_pattern)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        lines = [self._line(sentence, self.analyzers[source], order_id_pattern) for sentence in split_sentences(text)]
        with self._lock:
            self._cache[key] = lines
            while len(self._cache) > 512:
                self._cache.popitem(last=False)
        return lines

    def _line(self, sentence: str, analyzer: Analyzer, pattern: str | None) -> GlossLine:
        pieces: list[Piece] = []
        cursor = 0
        for start, end in kept_spans(sentence, pattern):
            pieces += analyzer.pieces(sentence[cursor:start]) if start > cursor else []
            kept = sentence[start:end]  # full-width digits read as ASCII (２４ -> 24)
            pieces.append(Piece(kept, "kept", fixed=unicodedata.normalize("NFKC", kept) if kept.isdigit() else kept))
            cursor = end
        if cursor < len(sentence):
            pieces += analyzer.pieces(sentence[cursor:])
        counters(pieces, analyzer.language)
        candidates = [candidate_senses(p.entries, self.max_senses) if p.kind == "word" else [] for p in pieces]
        chooser = self._choosers.get(analyzer.language, self.chooser)
        chosen = chooser.choose(sentence, candidates, [p.source for p in pieces])
        words: list[GlossWord] = []
        verbs: list[bool] = []
        acted: set[int] = set()  # words that read as verbs at some point (a past or passive form stays one)
        moves: list[str] = []  # "phrase": before its noun phrase; "word": before the word it follows
        passive_ahead = 0  # words left in which a verb after 被 reads as a participle
        for piece, cands, (index, shown) in zip(pieces, candidates, chosen, strict=True):
            if piece.past:
                _mark_past(words, verbs)
            if piece.plural and words and words[-1].kind == "word" and not verbs[-1] and piece.fixed == "":
                words[-1].gloss = plural(words[-1].gloss)
            moves.append("phrase" if piece.preposition else "")
            last = _last_shown(words)
            if piece.verbal and last is not None and words[last].kind == "word" and not verbs[last]:
                verb = verb_of(words[last].gloss)  # 発表 し: "announcement" reads "announce" (then "announced")
                if verb:
                    words[last].gloss, verbs[last] = verb, True
                    acted.add(last)
            progressive = piece.progressive and last is not None and verbs[last]
            if progressive and last is not None and words[last].gloss.split(" ")[0] not in _BE:  # 見ている: seeing
                words[last].gloss, verbs[last] = inflect(words[last].gloss, "VBG"), False
            fixed = piece.fixed
            if piece.passive and last is not None and verbs[last]:  # 聞こえ られ: "be" + "heard", read as "be heard"
                words[last].gloss, verbs[last], moves[-1] = participle(words[last].gloss), False, "word"
            elif piece.passive:  # no verb gloss to make passive: the marker shows only on expansion
                fixed = ""
            if fixed is not None:
                others = [c.full for c in candidate_senses(piece.entries, self.max_senses)]
                words.append(GlossWord(source=piece.source, gloss=fixed, kind=piece.kind, senses=others))
                verbs.append(fixed in _BE)
            elif cands:
                ordered = [cands[index], *cands[:index], *cands[index + 1 :]]
                words.append(GlossWord(source=piece.source, gloss=shown, kind="word", senses=[c.full for c in ordered]))
                verbs.append(cands[index].verb)
            else:  # not in the dictionary: shown as written, so nothing is silently lost
                words.append(GlossWord(source=piece.source, gloss=piece.source, kind="unknown"))
                verbs.append(False)
            if verbs[-1]:
                acted.add(len(words) - 1)
            if passive_ahead and verbs[-1] and words[-1].kind == "word":
                words[-1].gloss, verbs[-1], passive_ahead = participle(words[-1].gloss), False, 0
            passive_ahead = 4 if piece.passive_ahead else max(0, passive_ahead - 1)
        possessives(words, analyzer.language)
        counted(words, verbs, [p.fixed is not None for p in pieces])
        rules = gloss_words().get(analyzer.language, {})
        order, units = list(range(len(words))), frozenset[int]()
        if rules.get("of_marker"):  # Japanese A の B: "B of A"
            order, chained = of_chains(words, moves, verbs)
            units = frozenset(id(words[i]) for i in chained)
        moved = prepositions(
            [words[i] for i in order], [moves[i] for i in order], [verbs[i] for i in order], units=units
        )
        if rules.get("articles"):
            moved = with_articles(moved, _article_tags(words, pieces, moves, acted, set(rules.get("phrase_ends", ()))))
        return GlossLine(source=sentence, text=join_words(moved), words=words)


def _article_tags(
    words: list[GlossWord], pieces: list[Piece], moves: list[str], acted: set[int], ends: set[str]
) -> dict[int, Tag]:
    """What the article rule needs of each word (by ``id``): part of speech, whether it reads as a verb (or
    a light verb follows: 補佐 し), and where the source ends its noun phrases."""
    tags = {}
    for index, (word, piece) in enumerate(zip(words, pieces, strict=True)):
        after = pieces[index + 1] if index + 1 < len(pieces) else None
        verb = index in acted or (after is not None and (after.verbal or after.passive))
        closes = after is not None and (after.source in ends or moves[index + 1] == "phrase")
        tags[id(word)] = Tag(piece.pos, verb, piece.fixed is not None, piece.source in ends, closes)
    return tags


def counters(pieces: list[Piece], language: str) -> None:
    """A counter after a number reads as its unit or not at all: 3日 -> 3 days, 两张 -> 两 (张 counts); the
    quantity marker after it adds no word (3本のペン -> 3 pens), and one of a thing reads "a" (一つの箱 -> a box).
    A multiplier after digits (the language's ``multipliers``: 4500万 -> 45000000) joins the figure."""
    rules = gloss_words().get(language, {})
    units, multipliers = rules.get("counters", {}), rules.get("multipliers", {})
    for index, (number, piece) in enumerate(zip(pieces, pieces[1:], strict=False)):
        digits = unicodedata.normalize("NFKC", number.source)
        unit = piece.source[1:]
        if number.kind == "kept" and digits.isdigit() and piece.source[:1] in multipliers and unit in {"", *units}:
            number.fixed = str(int(digits) * multipliers[piece.source[0]])  # the written digits stay in it
            piece.kind, piece.fixed, piece.entries = "word", units.get(unit, ""), []
            if piece.fixed and piece.fixed.isalpha():
                piece.fixed = plural(piece.fixed)
            continue
        numeric = _NUMBER.fullmatch(number.source) or (number.source and set(number.source) <= _NUMERALS)
        if numeric and piece.source in units and piece.kind in ("word", "unknown", "function"):
            written = number.fixed if number.fixed and number.fixed.isdigit() else number.source  # 二〇一六: 2016
            calendar = piece.source in _YEAR and re.fullmatch(r"[12][0-9]{3}", written)
            unit = "" if calendar else units[piece.source]  # 2016年: 2016
            ordinal = piece.source in rules.get("ordinal_counters", ())
            if unit.isalpha() and language == "ja" and not ordinal and _more_than_one(number.source):
                unit = plural(unit)  # 3日 -> 3 days
            piece.kind, piece.fixed = "word", unit
            marker = pieces[index + 2] if index + 2 < len(pieces) else None
            if marker is not None and marker.source == rules.get("quantity_marker"):  # 3本のペン: "3 pens"
                marker.fixed, marker.preposition = "", False
                if number.source in rules.get("one", ()) and not unit:  # 一つの箱: "a box"
                    number.fixed = "a"


def counted(words: list[GlossWord], verbs: list[bool], fixed: list[bool], reach: int = 3) -> None:
    """A noun counted by a number above one reads plural (2個の箱 -> 2 boxes, 三个苹果 -> three apples): the
    first dictionary word within ``reach`` pieces after the number, past its counter and a possessive."""
    for index, word in enumerate(words):
        if not _more_than_one(word.source) and not (word.kind == "word" and _more_than_one(word.gloss)):
            continue  # 三人の学生: the quantity reads "3"
        for after in range(index + 1, min(len(words), index + 1 + reach)):
            noun = words[after]
            if noun.kind == "word" and not fixed[after] and not verbs[after] and noun.gloss.strip():
                noun.gloss = plural(noun.gloss)  # a unit from the counter table (3 seconds) stays as it is
                break
            if noun.kind in {"punctuation", "kept", "unknown"} or (noun.kind == "word" and noun.gloss.strip()):
                break


def _more_than_one(source: str) -> bool:
    normal = source.replace(",", "").replace("，", "")
    if normal.isdigit():
        return int(normal) > 1 and not (len(normal) == 4 and normal[:2] in {"19", "20"})  # not a year
    return bool(normal) and set(normal) <= _NUMERALS and normal not in {"一", "几", "幾"}


def possessives(words: list[GlossWord], language: str) -> None:
    """A pronoun and the possessive particle read as one English word: 彼の / 他的 -> "his"."""
    rules = gloss_words().get("possessive", {})
    marker, forms = rules.get("markers", {}).get(language), rules.get("pronouns", {})
    for pronoun, particle in zip(words, words[1:], strict=False):
        if particle.source == marker and pronoun.gloss in forms:
            pronoun.gloss, particle.gloss = forms[pronoun.gloss], ""


def prepositions(
    words: list[GlossWord], moves: list[str], verbs: list[bool], longest: int = 4, units: frozenset[int] = frozenset()
) -> list[GlossWord]:
    """The line's reading order. A postposition (move "phrase") goes before its own noun phrase: the content
    words just before it, at most ``longest``, not past a grammar word, a mark or a verb (東京 に -> to Tokyo).
    A passive "be" (move "word") goes before its verb (聞こえ られ -> be heard). ``words`` keep the source
    order (the sidebar expands them one by one); nothing moves across a clause."""
    out: list[tuple[GlossWord, bool]] = []
    floor = 0  # nothing moves back into a phrase that a word before already moved into
    for word, move, verb in zip(words, moves, verbs, strict=True):
        start, passed = len(out), 0
        if move and word.gloss.strip():
            while start > floor and passed < (1 if move == "word" else longest):
                before, before_verb = out[start - 1]
                if id(before) in units:  # a "B of A" chain moves as one phrase
                    start -= 1
                    continue
                if before.gloss.strip() and (
                    before.kind not in {"word", "kept", "unknown"} or (before_verb and move == "phrase")
                ):
                    break
                if not before.gloss.strip() and move == "phrase" and before.kind not in {"word", "kept"}:
                    break  # a grammar word left out (は, を) still ends the phrase; a counter (2016年) does not
                start -= 1
                passed += bool(before.gloss.strip())
            floor = len(out) + 1
        out.insert(start, (word, verb))
    return [word for word, _ in out]


def _last_shown(words: list[GlossWord]) -> int | None:
    """The index of the last word the line shows (grammar words left out are skipped)."""
    return next((i for i in range(len(words) - 1, -1, -1) if words[i].gloss.strip()), None)


def _mark_past(words: list[GlossWord], verbs: list[bool]) -> None:
    """The nearest verb before a past marker (within three shown words) takes its past form."""
    shown = 0
    for index in range(len(words) - 1, -1, -1):
        if verbs[index]:
            words[index].gloss = past(words[index].gloss)
            verbs[index] = False
            return
        if words[index].gloss.strip():
            shown += 1
            if shown >= 3 or words[index].kind == "punctuation":
                return


def kept_spans(sentence: str, pattern: str | None) -> list[tuple[int, int]]:
    """Where the sentence has facts to keep as written: ids, amounts, dates, URLs, Latin quoted names and
    every number (a quoted sentence in the buyer's language is read like the rest)."""
    spans = [
        (f.start, f.end) for f in find_facts(sentence, pattern) if not (f.kind == "quoted" and _CJK.search(f.value))
    ]
    for match in _NUMBER.finditer(sentence):
        if not any(match.start() < end and start < match.end() for start, end in spans):
            spans.append((match.start(), match.end()))
    return sorted(spans)


def join_words(words: list[GlossWord]) -> str:
    text = " ".join(w.gloss for w in words if w.gloss.strip())
    text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))
    text = re.sub(r"\s+", " ", text).strip()
    start = re.search(r"[a-z]", text)
    if start and not re.search(r"[A-Za-z0-9]", text[: start.start()]):  # a line starts like a sentence
        text = text[: start.start()] + text[start.start()].upper() + text[start.start() + 1 :]
    return text
