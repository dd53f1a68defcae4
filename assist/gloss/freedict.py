"""German, French, Spanish, Italian: FreeDict X-English dictionaries (GPL) + simplemma lemmas.

FreeDict ships as Debian packages (``apt-get install dict-freedict-deu-eng`` ...), installed as dictd
files (``/usr/share/dictd/freedict-deu-eng.index`` + ``.dict.dz``); they are read where apt put them,
never copied into the repository. The ``.dict.dz`` file is dictzip (gzip in independent chunks), so
one entry is read without unpacking the whole file. Without the package, the pair says which to install.
"""

from __future__ import annotations

import bisect
import re
import struct
import threading
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from assist.gloss.dictionaries import DictionaryMissing, Entry, Sense
from assist.gloss.pieces import Piece, gloss_words, punctuation

DICTD_DIR = Path("/usr/share/dictd")
CODES = {"de": "deu", "fr": "fra", "es": "spa", "it": "ita"}
_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*|\S")
_SKIP = re.compile(r"^\s*(?:\"|Synonyms?:|see:|Note:|Antonyms?:)")
_NUMBERED = re.compile(r"^\s*\d+\.\s*")
_REGISTER = re.compile(r"\[(?:ugs|geh|poet|slang|vulg|obs|veraltet|pej|coll|humor|fam|arch|dial)\.?\]")
_TAGS = re.compile(r"/[^/\n]*[ˈˌːəɛɔʊɪʃʒθðŋɐʁχçɲ][^/\n]*/|<[^<>]*>|\{[^{}]*\}|\b(?:sth|sb|jdn|etw|jdm|jds)\.")


def _b64(text: str) -> int:
    number = 0
    for char in text:
        number = number * 64 + _B64[char]
    return number


class DictZip:
    """Random access into a dictzip file (the ``RA`` extra field lists its chunks)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        data = path.read_bytes()
        if data[:2] != b"\x1f\x8b" or not data[3] & 4:
            self._plain: bytes | None = zlib.decompress(data, 31)  # plain gzip: small files only
            return
        self._plain = None
        xlen = struct.unpack("<H", data[10:12])[0]
        extra, cursor = data[12 : 12 + xlen], 12 + xlen
        _ver, self.chunk, count = struct.unpack("<HHH", extra[4:10])
        sizes = struct.unpack(f"<{count}H", extra[10 : 10 + 2 * count])
        for flag in (8, 16):  # file name, comment: zero-terminated
            if data[3] & flag:
                cursor = data.index(b"\0", cursor) + 1
        cursor += 2 if data[3] & 2 else 0
        self.starts = [cursor]
        for size in sizes:
            self.starts.append(self.starts[-1] + size)
        self.data = data

    def read(self, offset: int, length: int) -> str:
        if self._plain is not None:
            return self._plain[offset : offset + length].decode("utf-8", "replace")
        first, last = offset // self.chunk, (offset + length - 1) // self.chunk
        raw = b"".join(self._chunk(i) for i in range(first, last + 1))
        start = offset - first * self.chunk
        return raw[start : start + length].decode("utf-8", "replace")

    @lru_cache(maxsize=256)  # noqa: B019
    def _chunk(self, index: int) -> bytes:
        return zlib.decompressobj(-15).decompress(self.data[self.starts[index] : self.starts[index + 1]])


class FreeDict:
    def __init__(self, language: str, folder: Path | None = None) -> None:
        self.language = language
        self.package = f"dict-freedict-{CODES[language]}-eng"
        self.folder = folder or DICTD_DIR
        self._words: list[str] = []
        self._spans: list[tuple[int, int]] = []
        self._body: DictZip | None = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._body is not None:
                return
            base = self.folder / f"freedict-{CODES[self.language]}-eng"
            index, body = base.with_suffix(".index"), base.with_suffix(".dict.dz")
            if not index.is_file() or not body.is_file():
                raise DictionaryMissing(
                    f"FreeDict {CODES[self.language]}-eng is not installed: apt-get install {self.package}"
                )
            rows = []
            for line in index.read_text(encoding="utf-8").splitlines():
                word, offset, length = line.split("\t")[:3]
                if not word.startswith("00database"):
                    rows.append((word.lower(), _b64(offset), _b64(length)))
            rows.sort()
            self._words = [w for w, _, _ in rows]
            self._spans = [(o, n) for _, o, n in rows]
            self._body = DictZip(body)

    def __contains__(self, word: str) -> bool:
        self.load()
        i = bisect.bisect_left(self._words, word.lower())
        return i < len(self._words) and self._words[i] == word.lower()

    def lookup(self, word: str) -> list[Entry]:
        self.load()
        return list(self._lookup(word))

    @lru_cache(maxsize=32768)  # noqa: B019
    def _lookup(self, word: str) -> tuple[Entry, ...]:
        """Entries headed ``word`` as written (AM is not am) when there are any, else any case."""
        assert self._body is not None
        key = word.lower()
        lo, hi = bisect.bisect_left(self._words, key), bisect.bisect_right(self._words, key)
        exact: list[Sense] = []
        other: list[Sense] = []
        for offset, length in self._spans[lo:hi]:
            text = self._body.read(offset, length)
            (exact if text.split(" ", 1)[0].split("\n", 1)[0] == word else other).extend(_senses(text))
        senses = exact or other
        return (Entry(word, tuple(senses)),) if senses else ()


def _senses(text: str) -> list[Sense]:
    """Sense lines of one dictd entry (its first line is the headword), without examples or cross-references."""
    out = []
    for line in text.splitlines()[1:]:
        if not line.strip() or _SKIP.match(line):
            continue
        tags = frozenset({"slang"}) if _REGISTER.search(line) else frozenset()
        line = _TAGS.sub(",", _NUMBERED.sub("", line))  # "Wednesday <n>Wed" -> "Wednesday", "Wed"
        glosses = tuple(g.strip() for g in re.split(r",|;|\s{2,}", line) if g.strip())
        if glosses:
            out.append(Sense(glosses, tags))
    return out


class EuropeanAnalyzer:
    """Words (simplemma lemma when the form itself is not a headword), numbers and names kept as written."""

    def __init__(self, language: str, dictionary: FreeDict | None = None) -> None:
        self.language = language
        self.dictionary = dictionary or FreeDict(language)
        self.dictionary_name = f"FreeDict {CODES[language]}-eng ({self.dictionary.package})"

    def load(self) -> None:
        self.dictionary.load()

    def pieces(self, text: str) -> list[Piece]:
        self.load()
        out = []
        words = gloss_words().get(self.language, {}).get("words", {})
        for token in _TOKEN.findall(text):
            if token.lower() in words:
                out.append(Piece(token, "function", token, self.dictionary.lookup(token), fixed=words[token.lower()]))
                continue
            if not token[0].isalpha():
                mark = punctuation(token)
                out.append(Piece(token, "punctuation" if mark else "kept", fixed=mark if mark else token))
                continue
            for form in dict.fromkeys((_lemma(token, self.language), token)):
                entries = self.dictionary.lookup(form)
                if entries:
                    out.append(Piece(token, "word", form, entries))
                    break
            else:  # a name or a word the dictionary lacks: as written
                out.append(Piece(token, "kept" if token[0].isupper() else "unknown", fixed=token))
        return out


@lru_cache(maxsize=65536)
def _lemma(token: str, language: str) -> str:
    """simplemma's lemma, cached: the same word forms recur in every message (bounded per process)."""
    lemmatizer = _lemmatizer()
    return token if lemmatizer is None else str(lemmatizer.lemmatize(token, lang=language))


def known_lemma(token: str, language: str) -> str | None:
    """The lemma simplemma's dictionary of ``language`` gives ``token``, or None where the dictionary lacks the word
    or the language ("traje" is in no Slovenian form it ships)."""
    factory = _dictionaries() if lemmas_read(language) else None
    if factory is None:
        return None
    from simplemma.strategies import DictionaryLookupStrategy

    found = DictionaryLookupStrategy(dictionary_factory=factory).get_lemma(token, language)
    return str(found) if found is not None else None


def lemmas_read(language: str) -> bool:
    """Whether simplemma ships a dictionary of ``language``."""
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES
    except ImportError:
        return False
    return language in SUPPORTED_LANGUAGES


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    """simplemma's lemmatizer over :func:`_dictionaries`; None without simplemma."""
    try:
        from simplemma import Lemmatizer
        from simplemma.strategies import DefaultStrategy
    except ImportError:
        return None
    factory = _dictionaries()
    return (
        Lemmatizer()
        if factory is None
        else Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
    )


@lru_cache(maxsize=1)
def _dictionaries() -> Any:
    """simplemma's language dictionaries, read from the machine's build cache once decoded
    (:func:`assist.model_cache.cached_build`: decoding one takes seconds at each start); None without simplemma or
    with another simplemma (its own loading, decoded at each start)."""
    try:  # simplemma's own dictionary loading, to keep what it decodes (not part of its public API)
        from simplemma.strategies.dictionaries.dictionary_factory import (
            CachingDictionaryFactory,
            MappingStrToByteString,
            _load_dictionary_from_disk,
        )
    except ImportError:
        return None
    from assist.model_cache import build_key, cached_build

    class KeptDictionaries(CachingDictionaryFactory):  # type: ignore[misc]
        def _get_dictionary_uncached(self, lang: str) -> MappingStrToByteString:
            key = build_key(f"simplemma {lang}", None, (__file__,), ("simplemma",))
            words = cached_build(
                "dictionaries", key, lambda: _load_dictionary_from_disk(lang), what=f"simplemma {lang}"
            )
            return MappingStrToByteString(words)

    return KeptDictionaries()
