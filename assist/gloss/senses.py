"""Which English sense of a word to show: dictionary senses cleaned, filtered, and chosen in context.

``candidate_senses`` drops senses no reader wants in a gloss (surnames, classifiers, "variant of",
cross-references, archaic or vulgar uses when others exist) and keeps the rest in dictionary order.
``SenseChooser`` picks, per word, the candidate English sense closest to the whole source sentence
in the multilingual sentence encoder's space, with a small pull towards the dictionary's first
(most common) sense. Sense vectors are cached, so words seen before cost nothing.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from assist.gloss.dictionaries import Entry
from assist.gloss.english import american

if TYPE_CHECKING:
    from retrievers.embeddings import Embedder

_DROP_SENSE = re.compile(
    r"^(?:(?:Japanese |Korean |Vietnamese )?surname\b"
    r"|\(?(?:old |archaic |Japanese |erhua |also written |same as |abbr\. for )?variant of\b"
    r"|classifier\b|counter for\b|CL:|see\b|see also\b|used in\b|\(bound form\)$|\(Tw\)$|pr\. |Taiwan pr\.)",
    re.IGNORECASE,
)
_RARE_TAGS = {
    "archaic",
    "obsolete term",
    "rare term",
    "vulgar expression or word",
    "slang",
    "X-rated term",
    "honorific or respectful (sonkeigo) language",
    "word usually written using kana alone",
}
_PARENS = re.compile(r"\s*\([^()]*\)|\s*\[[^\[\]]*\]|\s*（[^（）]*）")
_WORD = re.compile(r"[A-Za-z']+")
_ABBR = re.compile(r"^(?:abbr\. (?:for|to) |also called |lit\. )", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]+")
_CEDICT_REF = re.compile(r"\S*\|\S*|\[[a-zA-Z0-9 :,]+\]|\{[^{}]*\}")


@dataclass
class Candidate:
    text: str  # what the gloss line shows
    full: str  # the sense as the dictionary words it (shown on expansion, embedded for the choice)
    alternatives: tuple[str, ...] = ()  # every cleaned gloss of the sense
    verb: bool = False  # the dictionary words it as a verb ("to add")


def clean(gloss: str, *, drop_to: bool = True) -> str:
    """``"to go (in a direction)"`` -> ``"go"``: parentheses, CEDICT references and a leading "to " removed."""
    text = _CJK.sub("", _CEDICT_REF.sub("", _ABBR.sub("", gloss)))
    previous = None
    while previous != text:
        previous, text = text, _PARENS.sub("", text)
    text = text.strip(" ,;.~")
    if ", " in text:  # "Jimmy Carter, US Democrat politician, ..." -> the name; the rest shows on expansion
        text = text.split(", ", 1)[0]
    if drop_to and text.startswith("to ") and len(text) > 3:
        text = text[3:]
    return american(text.strip())


def candidate_senses(entries: list[Entry], limit: int = 5) -> list[Candidate]:
    """Readable senses of all entries for a word, most common entry first, without duplicates."""
    kept: list[Candidate] = []
    rare: list[Candidate] = []
    seen: set[str] = set()
    for entry in entries:
        for sense in entry.senses:
            glosses = [g for g in sense.glosses if g and not _DROP_SENSE.match(g.strip())]
            if not glosses:
                continue
            cleaned = tuple(dict.fromkeys(c for c in (clean(g) for g in glosses) if c))
            shown = cleaned[0] if cleaned else ""
            if not shown or shown.lower() in seen:
                continue
            seen.add(shown.lower())
            verb = sum(g.startswith("to ") for g in glosses) * 2 > len(glosses)
            candidate = Candidate(shown, "; ".join(glosses), cleaned, verb)
            (rare if sense.tags & _RARE_TAGS else kept).append(candidate)
    return (kept or rare)[:limit]


class SenseChooser:
    """Context choice with an embedder; ``embedder=None`` (or ``first_only``) takes the first sense."""

    def __init__(
        self,
        embedder: Embedder | None,
        *,
        prior: float = 0.03,
        gloss_prior: float = 0.02,
        glosses_per_sense: int = 3,
        frequency_weight: float = 0.3,
        word_weight: float = 0.7,
        window: int = 0,
        first_only: bool = False,
    ) -> None:
        self.embedder = None if first_only else embedder
        self.first_only = first_only
        self.frequency_weight = frequency_weight
        self._zipf: Callable[[str], float] | None = None
        self.prior = prior
        self.gloss_prior = gloss_prior
        self.glosses_per_sense = glosses_per_sense
        self.word_weight = word_weight
        self.window = window
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.max_cached = 100_000

    def choose(
        self, sentence: str, words: list[list[Candidate]], sources: list[str] | None = None
    ) -> list[tuple[int, str]]:
        """For each word's candidates, the index of the sense to show and which of its glosses.

        Every gloss of the first ``glosses_per_sense`` of each sense competes: cosine to the sentence,
        plus how common its rarest English word is, less a small penalty per step away from the
        dictionary's first sense and first gloss.
        """
        first = [(0, c[0].text) if c else (0, "") for c in words]
        if self.first_only:
            return first
        options = [
            [(i, g) for i, c in enumerate(cands) for g in (c.alternatives or (c.text,))[: self.glosses_per_sense]]
            for cands in words
        ]
        vectors: dict[str, np.ndarray] = {}
        sources = sources or [""] * len(words)
        ambiguous = [i for i, o in enumerate(options) if len(o) > 1]
        contexts = {i: self._context(sources, i) if self.window else sentence for i in ambiguous}
        if self.embedder is not None and ambiguous:
            texts = [*contexts.values(), *{g for i in ambiguous for _, g in options[i]}]
            if self.word_weight:
                texts += [sources[i] for i in ambiguous if sources[i]]
            vectors = self._embed(texts, transient={sentence})
        chosen = []
        for index, (cands, opts, default) in enumerate(zip(words, options, first, strict=True)):
            if len(opts) < 2:
                chosen.append(default)
                continue
            context = vectors.get(contexts[index])
            source = vectors.get(sources[index]) if self.word_weight and sources[index] else None
            rank = {g: j for c in cands for j, g in enumerate(c.alternatives or (c.text,))}
            scores = [
                (float(vectors[g] @ context) if context is not None else 0.0)
                + (self.word_weight * float(vectors[g] @ source) if source is not None else 0.0)
                + self.frequency_weight * self.commonness(g)
                - self.prior * i
                - self.gloss_prior * rank[g]
                for i, g in opts
            ]
            chosen.append(opts[int(np.argmax(scores))])
        return chosen

    def _context(self, sources: list[str], index: int) -> str:
        """The source words around word ``index`` (``window`` each side), as written."""
        return "".join(sources[max(0, index - self.window) : index + self.window + 1])

    def commonness(self, gloss: str) -> float:
        """0..1: how common the rarest word of an English gloss is (Zipf scale / 8); 0.5 without wordfreq."""
        if self._zipf is None:
            try:
                from wordfreq import zipf_frequency

                self._zipf = lambda word: zipf_frequency(word, "en")
            except ImportError:
                self._zipf = lambda word: 4.0
        words = _WORD.findall(gloss)
        if not words:
            return 0.0
        return min(self._zipf(w) for w in words) / 8

    def _embed(self, texts: list[str], transient: set[str] | None = None) -> dict[str, np.ndarray]:
        assert self.embedder is not None
        with self._lock:
            found = {t: self._vectors[t] for t in texts if t in self._vectors}
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            matrix = np.asarray(self.embedder.embed(missing), dtype=np.float32)
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            matrix = (matrix / np.where(norms == 0, 1, norms)).astype(np.float32)
            with self._lock:
                for text, vector in zip(missing, matrix, strict=True):
                    found[text] = vector
                    if text not in (transient or ()):  # the sentence itself is not worth keeping
                        self._vectors[text] = vector
                while len(self._vectors) > self.max_cached:
                    self._vectors.popitem(last=False)
        return found
