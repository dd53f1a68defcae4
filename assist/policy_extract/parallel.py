"""The same rules in two languages (a fr-CA and an en-CA document): one set of facts, not two.

Two sources are *parallel* when they are in different languages and state mostly the same values: the
(slot, value) keys of their duration, money, number and enum facts overlap (Jaccard >= :data:`PARALLEL_OVERLAP`).
One of them is primary: the source in the shop's language when it is given, else in the language the shop's
documents state most facts in, else the one with more facts, else the first. A shop kept in three or more languages
whose own language is not given keeps every language's facts (each reader picks the buyer's). Each fact of the
other source is compared with the primary's facts of the same slot:

- same value and an equivalent scope: merged, the primary fact keeps both citations (``also_cited``); a phrase
  list also takes the phrases only the other wording names;
- an equivalent scope but a different value: both are marked for review (the documents disagree);
- nothing of that slot and scope in the primary: kept as it is (only one document's wording was read).

Scopes are equivalent when, key by key, both are absent, or both name the same places (the gazetteer,
:func:`assist.regions.region_key`), or their texts mean the same (the multilingual encoder, cosine >=
:data:`SCOPE_SAME`). Phrase lists (exclusions, conditions) are the same value when their phrases mean the same
(mean best cosine >= :data:`PHRASES_SAME`); without an encoder only equal texts match.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

import numpy as np

from assist.policy_facts import SLOTS, FactCitation, PolicyFact

PARALLEL_OVERLAP = 0.4  # share of value keys two documents must have in common to be read as translations
SCOPE_SAME = 0.55  # cosine of two scope texts (USE-m) that read as the same product class, zone or group
PHRASES_SAME = 0.5  # mean best cosine of two phrase lists that read as the same list
DISAGREE_CONFIDENCE = 0.5  # both sides of a disagreement: below the review line (REVIEW_BELOW)
_VALUE_KINDS = ("duration", "money", "number", "enum", "bool", "time")


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def _value_key(fact: PolicyFact) -> tuple[Any, ...]:
    return (fact.slot, repr(fact.value), fact.max_value, fact.unit)


def _signature(facts: list[PolicyFact]) -> set[tuple[Any, ...]]:
    return {_value_key(f) for f in facts if SLOTS.get(f.slot) and SLOTS[f.slot].kind in _VALUE_KINDS}


def source_language(facts: list[PolicyFact]) -> str | None:
    """The language of a source's facts: the one they were read in, else fastText's reading of their sentences."""
    given = {(f.language or "").split("-")[0] for f in facts} - {""}
    if given:
        return sorted(given)[0] if len(given) == 1 else None
    from assist.language import FastTextDetector

    text = " ".join(dict.fromkeys(f.sentence or "" for f in facts))[:2000]
    guess = _detector(FastTextDetector).detect(text)
    return guess.language if guess.confidence >= 0.5 else None


_DETECTORS: dict[Any, Any] = {}


def _detector(kind: Any) -> Any:
    if kind not in _DETECTORS:
        _DETECTORS[kind] = kind(max_chars=2000)
    return _DETECTORS[kind]


def parallel_pairs(by_source: dict[str, list[PolicyFact]], languages: dict[str, str | None]) -> list[tuple[str, str]]:
    """Pairs of sources in different languages whose values mostly coincide (primary order not decided)."""
    names = [s for s in by_source if by_source[s]]
    pairs = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if not languages[a] or not languages[b] or languages[a] == languages[b]:
                continue
            sig_a, sig_b = _signature(by_source[a]), _signature(by_source[b])
            if len(sig_a) < 3 or len(sig_b) < 3:
                continue
            if len(sig_a & sig_b) / len(sig_a | sig_b) >= PARALLEL_OVERLAP:
                pairs.append((a, b))
    return pairs


class _Meaning:
    """Cosine similarity of short texts with the encoder (cached), or folded equality without one."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self.vectors: dict[str, np.ndarray] = {}

    def prepare(self, texts: set[str]) -> None:
        todo = sorted(t for t in texts if t not in self.vectors)
        if self.embedder is not None and todo:
            for text, vector in zip(todo, np.asarray(self.embedder.embed(todo)), strict=True):
                self.vectors[text] = vector / (np.linalg.norm(vector) or 1.0)

    def similarity(self, a: str, b: str) -> float:
        if _fold(a) == _fold(b):
            return 1.0
        if self.embedder is None:
            return 0.0
        self.prepare({a, b})
        return float(self.vectors[a] @ self.vectors[b])


def _same_scope(a: PolicyFact, b: PolicyFact, meaning: _Meaning) -> bool:
    from assist.regions import region_key

    for key in ("region", "product_class", "payment_method", "customer_group"):
        left, right = getattr(a.scope, key), getattr(b.scope, key)
        if left is None and right is None:
            continue
        if left is None or right is None:
            return False
        if key == "region" and region_key(left) == region_key(right):
            continue
        if meaning.similarity(left, right) < SCOPE_SAME:
            return False
    return True


def _same_value(a: PolicyFact, b: PolicyFact, meaning: _Meaning) -> bool:
    if _value_key(a) == _value_key(b):
        return True
    kind = SLOTS[a.slot].kind if a.slot in SLOTS else "text"
    if kind == "phrases" and isinstance(a.value, list) and isinstance(b.value, list) and a.value and b.value:
        best = [max(meaning.similarity(x, y) for y in b.value) for x in a.value]
        return sum(best) / len(best) >= PHRASES_SAME
    if kind == "text" and isinstance(a.value, str) and isinstance(b.value, str):
        return meaning.similarity(a.value, b.value) >= PHRASES_SAME
    return False


def _new_phrase(phrase: str, phrases: list[str], meaning: _Meaning) -> bool:
    """Whether a phrase says something the list does not: a canonical word ("replacement") by equality, a phrase in
    the shop's words by meaning."""
    if _CANONICAL.fullmatch(phrase):
        return phrase not in phrases
    return max((meaning.similarity(phrase, other) for other in phrases), default=0.0) < SCOPE_SAME


_CANONICAL = re.compile(r"[a-z]+(?:_[a-z]+)*")


def _cite(fact: PolicyFact, language: str | None) -> FactCitation:
    return FactCitation(chunk_id=fact.chunk_id, sentence=fact.sentence, language=fact.language or language)


def merge_parallel(
    facts: list[PolicyFact],
    source_of: dict[str | None, str | None],
    embedder: Any = None,
    primary_language: str | None = None,
) -> list[PolicyFact]:
    """``facts`` with each parallel document's repeats merged into the primary's facts (``source_of`` maps a
    chunk id to its source)."""
    by_source: dict[str, list[PolicyFact]] = defaultdict(list)
    for fact in facts:
        by_source[str(source_of.get(fact.chunk_id))].append(fact)
    if len(by_source) < 2:
        return facts
    languages = {source: source_language(found) for source, found in by_source.items()}
    pairs = parallel_pairs(by_source, languages)
    if not pairs:
        return facts
    meaning = _Meaning(embedder)
    texts = {
        str(v)
        for f in facts
        for v in [*(f.value if isinstance(f.value, list) else [f.value]), *f.scope.model_dump().values()]
        if isinstance(v, str)
    }
    meaning.prepare(texts)
    order = list(by_source)
    if not primary_language and len({languages[s] for pair in pairs for s in pair}) > 2:
        return facts  # a shop kept in many languages, none named its own: each language keeps its facts
    if not primary_language:  # one language for the whole shop: the one its documents state most in
        totals: dict[str, int] = defaultdict(int)
        for source, found in by_source.items():
            totals[languages[source] or ""] += len(found)
        first = {languages[s] or "": i for i, s in reversed(list(enumerate(order)))}
        primary_language = min((lang for lang in totals if lang), key=lambda lang: (-totals[lang], first[lang]))
    dropped: set[int] = set()
    doubtful: set[int] = set()
    replaced: dict[int, PolicyFact] = {}
    for a, b in pairs:
        primary, secondary = sorted((a, b), key=lambda s: _rank(languages[s], by_source[s], s, order, primary_language))
        kept = [f for f in by_source[primary] if not f.needs_review]
        for fact in by_source[secondary]:
            if fact.needs_review:
                continue
            same_scope = [p for p in kept if p.slot == fact.slot and _same_scope(p, fact, meaning)]
            if not same_scope:
                # "8,90 € aus Großbritannien" read with no scope beside "€8.90 (UK)": the one reading that names
                # the scope is the rule both state
                scoped = _scoped_repeat(fact, kept, meaning)
                if scoped is not None:
                    base = replaced.get(id(scoped), scoped)
                    update_cited = {"also_cited": [*base.also_cited, _cite(fact, languages[secondary])]}
                    replaced[id(scoped)] = base.model_copy(update=update_cited)
                    dropped.add(id(fact))
                continue
            agreeing = next((p for p in same_scope if _same_value(p, fact, meaning)), None)
            if agreeing is not None:
                base = replaced.get(id(agreeing), agreeing)
                citation = _cite(fact, languages[secondary])
                update: dict[str, Any] = {"also_cited": [*base.also_cited, citation]}
                if isinstance(base.value, list) and isinstance(fact.value, list):  # what only one wording names
                    extra = [x for x in fact.value if _new_phrase(str(x), [str(y) for y in base.value], meaning)]
                    update["value"] = [*base.value, *extra]
                replaced[id(agreeing)] = base.model_copy(update=update)
                dropped.add(id(fact))
            elif SLOTS.get(fact.slot) and SLOTS[fact.slot].kind in _VALUE_KINDS:
                doubtful.add(id(fact))
                doubtful.update(id(p) for p in same_scope)
    out = []
    for fact in facts:
        if id(fact) in dropped:
            continue
        doubt = id(fact) in doubtful
        fact = replaced.get(id(fact), fact)
        if doubt:
            fact = fact.model_copy(update={"confidence": min(fact.confidence, DISAGREE_CONFIDENCE)})
        out.append(fact)
    return out


def _scoped_repeat(fact: PolicyFact, kept: list[PolicyFact], meaning: _Meaning) -> PolicyFact | None:
    """The primary's one fact of the slot with the same value and a scope, when ``fact`` (the other document's)
    has no scope: its reading missed the scope the translation names. None when there are several or none."""
    if not fact.scope.is_general():
        return None
    found = [p for p in kept if p.slot == fact.slot and not p.scope.is_general() and _same_value(p, fact, meaning)]
    return found[0] if len(found) == 1 else None


def _rank(
    language: str | None, facts: list[PolicyFact], source: str, order: list[str], primary_language: str | None
) -> tuple[Any, ...]:
    wanted = (primary_language or "").split("-")[0]
    return (not (wanted and language == wanted), -len(facts), order.index(source))
