"""A topic's words as the shop itself writes them: the cue a learned claim reading needs, from the shop's own policy.

Over the second encoder a claim reading of a topic counts only where its sentence names the topic
(:func:`assist.quality.claims.reader_cue_missing`); the cue lists there are written per language, and a shop may
write in one they leave out ("მისამართს შევცვლით": we will change the address). The shop's policy sentences name
each topic in the shop's own words: the words of the sentences its facts of a topic were read from
("მიწოდების მისამართის შეცვლა შეუძლებელია") that no sentence of its other facts uses are that topic's words in
this shop. A draft word names the topic where it shares a stem with one of them: the longer of their common
beginning and :data:`STEM` letters, so that an inflected form ("მისამართს" beside "მისამართის") still counts.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

# the cue topics of the claim reader -> the fact slots whose sentences name them
TOPIC_SLOTS: dict[str, tuple[str, ...]] = {
    "cancel": ("cancellation.",),
    "address": ("address_change.",),
    "return": ("returns.",),
    "refund": ("refunds.",),
    "match": ("prices.price_match",),
    "customs": ("customs.",),
}
STEM = 5  # letters two forms of a word share at the least
_WORD = re.compile(r"[^\W\d_][^\s\d.,;:!?()\[\]\"'«»“”„。、，：；！？،؛/|<>*]*")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text) if len(w) >= STEM}


# the topics whose numbers state one duration slot -> the slots whose sentences name them: a number whose own words
# name no slot ("वारेन्टी ६ महिना", a loanword no cue list writes) states the slot of the shop's words. Only the
# warranty: its word is one of its own in a shop's policy; the words of returns, refunds and damage reports share too
# much ("30 dneh od prevzema", "Transportschäden ... 14 Tage" each read as the wrong one of them on the tuning drafts)
NUMBER_TOPICS: dict[str, tuple[str, ...]] = {"warranty.length": ("warranty.",)}


def _topic_of(slot: str, topics: dict[str, tuple[str, ...]]) -> str | None:
    return next((t for t, prefixes in topics.items() if slot.startswith(prefixes)), None)


def _sentences(facts: Any) -> tuple[tuple[str, str], ...]:
    return tuple(sorted({(f.slot, f.sentence) for f in getattr(facts, "facts", []) if f.sentence}))


@lru_cache(maxsize=64)
def _topic_words(sentences: tuple[tuple[str, str], ...], numbers: bool) -> dict[str, frozenset[str]]:
    """Topic -> the words only that topic's fact sentences use (as stems of :data:`STEM` letters); ``numbers``: the
    topics of :data:`NUMBER_TOPICS`, else of :data:`TOPIC_SLOTS`."""
    topics = NUMBER_TOPICS if numbers else TOPIC_SLOTS
    by_topic: dict[str, set[str]] = {}
    elsewhere: set[str] = set()
    counts: dict[str, Counter[str]] = {}
    for slot, sentence in sentences:
        topic = _topic_of(slot, topics)
        stems = {w[:STEM] for w in _words(sentence)}
        if topic is None:
            elsewhere |= stems
        else:
            by_topic.setdefault(topic, set()).update(stems)
            counts.setdefault(topic, Counter()).update(stems)
    for topic, stems in by_topic.items():
        others = set().union(*(s for t, s in by_topic.items() if t != topic))
        by_topic[topic] = stems - elsewhere - others
        if numbers:  # the topic's own word recurs in its sentences; a word written once ("taikome") is chance
            by_topic[topic] = {stem for stem in by_topic[topic] if counts[topic][stem] >= 2}
    return {topic: frozenset(stems) for topic, stems in by_topic.items()}


def shop_names_topic(topic: str, sentence: str, facts: Any) -> bool:
    """Whether ``sentence`` uses a word the shop's policy uses only for ``topic`` (:func:`_topic_words`)."""
    from assist.quality.claims import CUE_TOPICS

    topic = CUE_TOPICS.get(topic, topic)
    if facts is None or topic not in TOPIC_SLOTS:
        return False
    stems = _topic_words(_sentences(facts), False).get(topic, frozenset())
    return any(w[:STEM] in stems for w in _words(sentence))


def shop_number_slot(text: str, number: str, facts: Any) -> str | None:
    """The duration slot (:data:`NUMBER_TOPICS`) of the one topic whose shop words ``text`` writes beside ``number``
    (the words of the number itself do not count); None for none or several, or where the shop states no number
    for that slot."""
    if facts is None:
        return None
    stems = {w[:STEM] for w in _words(text)} - {w[:STEM] for w in _words(number)}  # "महिना": a unit, no topic
    named = [slot for slot, words in _topic_words(_sentences(facts), True).items() if stems & words]
    if len(named) != 1 or not any(isinstance(f.value, int | float) for f in facts.all(named[0])):
        return None
    return named[0]


__all__ = ["NUMBER_TOPICS", "TOPIC_SLOTS", "shop_names_topic", "shop_number_slot"]
