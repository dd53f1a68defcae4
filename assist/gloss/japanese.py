"""Japanese: SudachiPy (long units, dictionary forms) + JMdict, longest dictionary entries first."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from assist.gloss.dictionaries import DictionaryMissing, Entry, JMdict
from assist.gloss.kana import romanize
from assist.gloss.pieces import Piece, gloss_words, punctuation

_LATIN = re.compile(r"^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ][0-9A-Za-z０-９Ａ-Ｚａ-ｚ.,'_\-+/]*$")
_LATIN_RUN = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ][0-9A-Za-z０-９Ａ-Ｚａ-ｚ.,'_\-+/]*")
_HAS_KANJI_OR_KATAKANA = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff]")
_CONTENT = {"名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞", "接尾辞", "代名詞", "連体詞"}
_KATAKANA = re.compile(r"[\u30a0-\u30ff]+")
_KANA_WORD = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")  # a katakana word (no middle dot)
_MAX_JOIN = 4
_PREDICATE = {"動詞", "形容詞", "助動詞"}


def _pos(tags: tuple[str, ...]) -> str:
    """Sudachi's part of speech; an auxiliary's stem (作った そう です: "reportedly") reads as an auxiliary."""
    return "助動詞" if tags[1] == "助動詞語幹" and tags[0] != "形状詞" else tags[0]


_COMMON_NOUN = {"サ変可能": "vn", "副詞可能": "t", "形状詞可能": "an", "サ変形状詞可能": "vn", "助数詞可能": "q"}
_PROPER_NOUN = {"人名": "nr", "地名": "ns"}
_FLAGS = {"代名詞": "r", "形容詞": "a", "形状詞": "a", "連体詞": "b", "動詞": "v", "副詞": "d", "接尾辞": "k"}


def flag(tags: tuple[str, ...]) -> str:
    """Sudachi's part of speech as the short flags jieba uses for Chinese (n noun, vn verbal noun, t time,
    nr/ns/nz names, m number, r pronoun, a adjective, b attributive, v verb, d adverb, k suffix), so the
    engine's English rules (articles) read both languages alike."""
    if tags[0] == "名詞":
        if tags[1] == "固有名詞":
            return _PROPER_NOUN.get(tags[2], "nz")
        return "m" if tags[1] == "数詞" else _COMMON_NOUN.get(tags[2], "n")
    return _FLAGS.get(tags[0], "")


_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_LARGE = {"万": 10_000, "億": 100_000_000}


def kanji_number(text: str) -> int | None:
    """A number written in kanji as its value: 二十五 -> 25, 三千五百 -> 3500, 二〇一六 -> 2016, 三万 -> 30000;
    None when ``text`` is not one."""
    if not text or any(c not in _KANJI_DIGITS and c not in _KANJI_UNITS and c not in _KANJI_LARGE for c in text):
        return None
    if not any(c in _KANJI_UNITS or c in _KANJI_LARGE for c in text):  # positional: 二〇一六 (not 七八: "7 or 8")
        return int("".join(str(_KANJI_DIGITS[c]) for c in text)) if "〇" in text or len(text) == 1 else None
    total = section = digit = 0
    for char in text:
        if char in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[char]
        elif char in _KANJI_UNITS:
            section += (digit or 1) * _KANJI_UNITS[char]
            digit = 0
        else:
            total += (section + digit or 1) * _KANJI_LARGE[char]
            section = digit = 0
    return total + section + digit


def hiragana(katakana: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in katakana)


def _place_or_time(rule: dict[str, str], kind: str, before: str) -> str:
    """に after a day reads "on", after another time "in"; after a place or anything else as the rule says."""
    if kind == "地名":
        return rule["place"]
    if kind in {"副詞可能", "助数詞可能"}:
        return rule["day"] if before.endswith("日") else rule["time"]
    return rule["other"]


def _is_verb(tag: str) -> bool:
    return "verb" in tag and "adverb" not in tag and "aux. verb suru" not in tag


_JMDICT_POS: dict[str, Callable[[str], bool]] = {  # Sudachi's part of speech -> JMdict's sense tags
    "副詞": lambda tag: tag.startswith("adverb"),
    "動詞": _is_verb,
    "形容詞": lambda tag: tag.startswith("adjective (keiyoushi)"),
    "形状詞": lambda tag: "adjectival" in tag or tag.startswith("adjective"),
    "名詞": lambda tag: tag.startswith("noun"),
    "連体詞": lambda tag: tag.startswith("pre-noun adjectival"),
}


def same_part_of_speech(entries: list[Entry], pos: str) -> list[Entry]:
    """The entries whose senses have the part of speech the tokenizer found (ほぼ as an adverb is "almost",
    not 保母 "childcare worker"); all of them when none has it."""
    matches = _JMDICT_POS.get(pos)
    if matches is None:
        return entries
    same = []
    for (
        entry
    ) in entries:  # and within an entry, its senses of that part of speech (分かる: "understand", not "I know!")
        senses = tuple(sense for sense in entry.senses if any(matches(tag) for tag in sense.tags))
        if senses:
            same.append(replace(entry, senses=senses))
    return same or entries


def _negated_be(pieces: list[Piece], words: dict[str, Any]) -> None:
    """ある before a negative (あり ませ ん, ある ない) reads only "not": the negative says it all."""
    for index, piece in enumerate(pieces):
        if piece.kind != "function" or piece.fixed != words["auxiliaries"].get("ない"):
            continue
        before = index - 1
        while before >= 0 and pieces[before].kind == "function" and pieces[before].fixed == "":
            before -= 1  # ませ
        if before >= 0 and pieces[before].lemma in words["negated_be"] and pieces[before].kind == "function":
            pieces[before].fixed = ""


def _one_of(pieces: list[Piece], words: dict[str, Any]) -> None:
    """A kanji number + counter + の before a noun reads as the quantity (三人の学生 -> 3 students, 一つの箱 ->
    a box); the の adds nothing."""
    for piece, marker in zip(pieces, pieces[1:], strict=False):
        if piece.kind != "word" or marker.source != words["quantity_marker"]:
            continue
        counter = next((c for c in sorted(words["counters"], key=len, reverse=True) if piece.source.endswith(c)), "")
        value = kanji_number(piece.source[: len(piece.source) - len(counter)]) if counter else None
        if value is not None:
            piece.fixed = "a" if piece.source[0] in words["one"] and value == 1 else str(value)
            marker.fixed, marker.preposition = "", False


class JapaneseAnalyzer:
    language = "ja"
    dictionary_name = "JMdict (jamdict-data)"

    def __init__(self, dictionary: JMdict | None = None) -> None:
        self.dictionary = dictionary or JMdict()
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._tokenizer is None:
                try:
                    from sudachipy import Dictionary, SplitMode
                except ImportError as exc:
                    raise DictionaryMissing("the Japanese tokenizer is not installed: pip install sudachipy") from exc
                try:
                    self._tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
                except Exception as exc:  # sudachipy raises its own error types for a missing dictionary
                    raise DictionaryMissing(
                        f"the Japanese tokenizer dictionary is missing ({exc}): pip install sudachidict-core"
                    ) from exc
        self.dictionary.load()

    def pieces(self, text: str) -> list[Piece]:
        self.load()
        with self._lock:  # a Sudachi tokenizer is not shared across threads safely
            tokens = self._tokenizer.tokenize(text)
            morphemes = [
                (m.surface(), m.dictionary_form(), m.normalized_form(), _pos(m.part_of_speech()), m.reading_form())
                for m in tokens
            ]
            tags = [m.part_of_speech() for m in tokens]
        kinds = [tag[1:3] for tag in tags]
        proper = [kind[0] == "固有名詞" for kind in kinds]
        words = gloss_words()["ja"]
        out: list[Piece] = []
        i = 0
        while i < len(morphemes):
            end = i
            while end < len(morphemes) and _KANA_WORD.fullmatch(morphemes[end][0]):
                end += 1
            if end - i > 1 and any(len(m[0]) == 1 for m in morphemes[i:end]):  # ペンシル|ベ|ニア: one name
                out.extend(self._name("".join(m[0] for m in morphemes[i:end]), ""))
                out[-1].pos = "nz"
                i = end
                continue
            phrase = self._phrase(morphemes, i, words["phrases"])
            if phrase:
                surface, gloss, width = phrase
                moves = bool(out) and out[-1].kind in {"word", "kept", "unknown"}
                out.append(Piece(surface, "function", surface, fixed=gloss, preposition=moves))
                i += width
                continue
            joined = self._longest(morphemes, i)
            if joined:
                surface, lemma, width = joined
                out.append(Piece(surface, "word", lemma, self.dictionary.lookup(lemma), pos=flag(tags[i + width - 1])))
                i += width
                continue
            surface, lemma, normalized, pos, reading = morphemes[i]
            i += 1
            if proper[i - 1]:  # a name: JMnedict's romanised form, else its sound in Latin letters
                named = self._name(surface, reading)
                for part in named:
                    part.pos = flag(tags[i - 1])
                out.extend(named)
                continue
            value = kanji_number(surface) if tags[i - 1][1] == "数詞" and len(surface) > 1 else None
            if value is not None:  # 二十五 -> 25 (JMdict's senses of a written-out number mislead)
                out.append(Piece(surface, "word", surface, fixed=str(value), pos="m"))
                continue
            piece = self._piece(surface, lemma, normalized, pos, out, words)
            piece.verb = pos in _PREDICATE
            piece.pos = flag(tags[i - 1])
            if pos == "助詞" and surface in words["possessive"] and i > 1 and proper[i - 2]:
                piece.fixed, piece.preposition = words["possessive"][surface], False  # ボブ の -> Bob's
            if pos == "助詞" and surface in words["place_and_time"] and i > 1:
                piece.fixed = _place_or_time(words["place_and_time"][surface], kinds[i - 2][1], morphemes[i - 2][0])
            if piece.kind == "word" and surface == piece.lemma and len(piece.entries) > 1:
                piece.entries = self.dictionary.lookup(piece.lemma, hiragana(reading))
            if piece.kind == "word" and len(piece.entries) > 1:
                piece.entries = same_part_of_speech(piece.entries, pos)
            out.extend(self.split(piece))
        out = [p for p in out if p.source.strip()]
        self._clauses(out, words)
        _negated_be(out, words)
        _one_of(out, words)
        return out

    @staticmethod
    def _clauses(pieces: list[Piece], words: dict[str, Any]) -> None:
        """Particles after a verb join clauses: て/で -> "and" (unless -te iru, -te shimau ... follows),
        が -> "but", から -> "because" (after a noun they stay は/が: nothing, から: "from")."""
        after_verb = words["after_verb"]
        for index, piece in enumerate(pieces):
            before = pieces[index - 1] if index else None
            if piece.kind != "function" or before is None or not before.verb or piece.source not in after_verb:
                continue
            following = pieces[index + 1] if index + 1 < len(pieces) else None
            if following is not None and following.kind == "function" and following.fixed == "":
                continue  # 聞い て いる: the -te form belongs to the verb after it
            if following is not None and following.lemma in words["light_after_te"]:
                continue
            piece.fixed, piece.preposition = after_verb[piece.source], False

    @staticmethod
    def _phrase(
        morphemes: list[tuple[str, str, str, str, str]], start: int, phrases: dict[str, str]
    ) -> tuple[str, str, int] | None:
        """A grammar phrase of 2+ morphemes (に + つい + て -> "about"), longest first."""
        for width in range(min(_MAX_JOIN, len(morphemes) - start), 1, -1):
            surface = "".join(m[0] for m in morphemes[start : start + width])
            if surface in phrases:
                return surface, phrases[surface], width
        return None

    def _longest(self, morphemes: list[tuple[str, str, str, str, str]], start: int) -> tuple[str, str, int] | None:
        """The longest run of 2+ content morphemes that JMdict has as one word (compounds: 消費 + 税)."""
        for width in range(min(_MAX_JOIN, len(morphemes) - start), 1, -1):
            run = morphemes[start : start + width]
            adverb = width == 2 and run[0][3] == "形状詞" and run[1][0] == "に"  # 確か + に -> "certainly"
            if any(m[3] not in _CONTENT for m in run) and not adverb:
                continue
            surface = "".join(m[0] for m in run)
            lemma = "".join(m[0] for m in run[:-1]) + run[-1][1]
            if not _HAS_KANJI_OR_KATAKANA.search(surface):
                continue
            for form in (lemma, surface):
                if form in self.dictionary:
                    return surface, form, width
        return None

    def _piece(
        self, surface: str, lemma: str, normalized: str, pos: str, before: list[Piece], words: dict[str, Any]
    ) -> Piece:
        if pos in {"補助記号", "空白"}:
            mark = punctuation(surface)
            return Piece(surface, "punctuation", fixed=mark or "")
        if _LATIN.match(surface):
            return Piece(surface, "kept", fixed=surface)
        previous = before[-1] if before else None
        after_noun = previous is not None and previous.kind in {"word", "kept", "unknown"} and not previous.verb
        if pos == "助詞":
            if surface == "と" and (previous is None or previous.verb or previous.source in "」』"):
                return Piece(surface, "function", lemma, fixed=words["quotative"])  # 〜と述べた: said that
            moves = surface in words["prepositions"] and after_noun
            return Piece(surface, "function", lemma, fixed=words["particles"].get(surface, ""), preposition=moves)
        if pos == "助動詞":
            if surface in words["conditional"] and lemma == "た":  # 食べ たら: "if", not the past
                return Piece(surface, "function", lemma, fixed=words["conditional"][surface])
            fixed = words["auxiliaries"].get(lemma, "")
            if lemma == "だ" and surface in words["attributive_copula"]:  # 友好的 な 返事: no "is" inside a phrase
                fixed = ""
            elif lemma == "だ" and surface in words.get("copula_te", {}):  # 盛ん で、…: "is ... and"
                fixed = words["copula_te"][surface]
            passive = lemma in words["passive"]
            return Piece(surface, "function", lemma, fixed=fixed, past=lemma == "た", passive=passive)
        if lemma in words["plural"] and previous is not None and previous.kind == "word":
            return Piece(surface, "function", lemma, fixed="", plural=True)
        if lemma in words["light_after_noun"] and previous is not None and previous.kind == "word":
            return Piece(surface, "function", lemma, fixed="", verbal=True)
        if lemma in words["light_after_te"] and previous is not None and previous.source in {"て", "で"}:
            return Piece(surface, "function", lemma, fixed="", progressive=lemma in words["progressive"])
        if pos == "連体詞" and lemma in words["attributive"]:  # ある男性: "a man", not "be man"
            return Piece(surface, "function", lemma, self.dictionary.lookup(lemma), fixed=words["attributive"][lemma])
        if surface in words["words"] or lemma in words["words"]:
            fixed = words["words"].get(surface, words["words"].get(lemma, ""))
            return Piece(surface, "function", lemma, self.dictionary.lookup(lemma), fixed=fixed)
        forms = (
            (normalized, lemma, surface) if _HAS_KANJI_OR_KATAKANA.search(normalized) else (lemma, normalized, surface)
        )
        for form in forms:
            entries = self.dictionary.lookup(form)
            if entries:
                return Piece(surface, "word", form, entries)
        if _KATAKANA.fullmatch(surface):  # a name or loan word JMdict lacks: its sound, in Latin letters
            return Piece(surface, "word", surface, fixed=romanize(surface, foreign=True).capitalize())
        return Piece(surface, "unknown", lemma)

    def _name(self, surface: str, reading: str) -> list[Piece]:
        if _LATIN.match(surface):  # Wi-Fi, ZMapp: kept as written, not cut into letters
            return [Piece(surface, "kept", fixed=surface)]
        katakana = bool(_KATAKANA.fullmatch(surface))
        if katakana and "・" in surface.strip("・") and not self.dictionary.names(surface):  # ドナルド・トランプ
            return [piece for part in surface.split("・") if part for piece in self._name(part, "")]
        for entries in [self.dictionary.names(surface), self.dictionary.lookup(surface)][:: 1 if katakana else -1]:
            if entries:
                return [Piece(surface, "word", surface, entries)]
        if katakana:
            return [Piece(surface, "word", surface, fixed=romanize(surface, foreign=True).capitalize())]
        parts = self.split(Piece(surface, "unknown", surface))  # ノバスコシア州 -> ノバスコシア + 州
        if len(parts) > 1:
            return parts
        return [Piece(surface, "word", surface, fixed=romanize(reading or surface).capitalize())]

    def split(self, piece: Piece) -> list[Piece]:
        """An unknown kanji compound as its longest known parts (懐疑的 -> 懐疑 + 的); else as it is."""
        text, out, i = piece.source, [], 0
        if piece.kind != "unknown" or len(text) < 2:
            return [piece]
        while i < len(text):
            latin = _LATIN_RUN.match(text, i)
            if latin:  # Microsoft, Wi-Fi inside an unknown run: one kept word
                out.append(Piece(latin.group(0), "kept", fixed=latin.group(0)))
                i = latin.end()
                continue
            run = _KANA_WORD.match(text, i)
            if run and run.end() < len(text):  # ペンシルベニア + 州: the katakana word stays whole
                out += self._name(run.group(0), "")
                i = run.end()
                continue
            end = next((e for e in range(min(len(text), i + 6), i + 1, -1) if text[i:e] in self.dictionary), i + 1)
            part = text[i:end]
            entries = self.dictionary.lookup(part)
            out.append(Piece(part, "word", part, entries) if entries else Piece(part, "unknown", part))
            i = end
        return out
