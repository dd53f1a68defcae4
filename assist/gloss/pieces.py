"""What a language analyzer hands the gloss engine: the sentence cut into pieces, in source order."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, Protocol

import yaml

from assist.gloss.dictionaries import Entry

Kind = Literal["word", "function", "punctuation", "kept", "unknown"]


@dataclass
class Piece:
    source: str  # as written in the buyer's text
    kind: Kind
    lemma: str = ""  # the form looked up
    entries: list[Entry] = field(default_factory=list)
    fixed: str | None = None  # a set gloss (function words, punctuation, kept facts)
    past: bool = False  # marks the verb before it as past (Japanese た, Chinese 了)
    preposition: bool = False  # a postposition read before its own noun phrase (東京 に -> "to Tokyo")
    passive: bool = False  # the verb before it reads as "be" + its participle (聞こえ られ -> "be heard")
    verbal: bool = False  # a light verb: the noun before it reads as a verb (発表 し -> "announce")
    passive_ahead: bool = False  # the next verb reads as a participle (他被警察逮捕 -> "he by police arrested")
    progressive: bool = False  # the verb before it reads -ing (している -> "doing")
    plural: bool = False  # the noun before it reads as plural (専門家 たち -> "specialists")
    verb: bool = False  # the source word is a verb, adjective or auxiliary (a clause can end after it)
    pos: str = ""  # the segmenter's part of speech, where it gives one (jieba: n, v, a, nr ...)


class Analyzer(Protocol):
    language: str
    dictionary_name: str

    def load(self) -> None:
        """Load tokenizer and dictionary (raises DictionaryMissing when a package is absent)."""

    def pieces(self, text: str) -> list[Piece]: ...


@lru_cache(maxsize=1)
def gloss_words() -> dict[str, Any]:
    """assist/resources/gloss.yaml: function words and punctuation."""
    text = resources.files("assist").joinpath("resources/gloss.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def punctuation(char: str) -> str | None:
    mapped = gloss_words()["punctuation"].get(char)
    if mapped is not None:
        return str(mapped)
    return char if char in ".,!?:;\"'()-/%" else None
