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
from functools import lru_cache
from typing import Any

# the cue topics of the claim reader -> the fact slots whose sentences name them
TOPIC_SLOTS = {
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


def _topic_of(slot: str) -> str | None:
    return next((t for t, prefixes in TOPIC_SLOTS.items() if slot.startswith(prefixes)), None)


@lru_cache(maxsize=64)
def _shop_words(sentences: tuple[tuple[str, str], ...]) -> dict[str, frozenset[str]]:
    """Topic -> the words only that topic's fact sentences use (as stems of :data:`STEM` letters)."""
    by_topic: dict[str, set[str]] = {}
    elsewhere: set[str] = set()
    for slot, sentence in sentences:
        topic = _topic_of(slot)
        stems = {w[:STEM] for w in _words(sentence)}
        if topic is None:
            elsewhere |= stems
        else:
            by_topic.setdefault(topic, set()).update(stems)
    for topic, stems in by_topic.items():
        others = set().union(*(s for t, s in by_topic.items() if t != topic))
        by_topic[topic] = stems - elsewhere - others
    return {topic: frozenset(stems) for topic, stems in by_topic.items()}


def shop_names_topic(topic: str, sentence: str, facts: Any) -> bool:
    """Whether ``sentence`` uses a word the shop's policy uses only for ``topic`` (:func:`_shop_words`)."""
    from assist.quality.claims import CUE_TOPICS

    topic = CUE_TOPICS.get(topic, topic)
    if facts is None or topic not in TOPIC_SLOTS:
        return False
    pairs = tuple(sorted({(f.slot, f.sentence) for f in getattr(facts, "facts", []) if f.sentence}))
    stems = _shop_words(pairs).get(topic, frozenset())
    return any(w[:STEM] in stems for w in _words(sentence))


__all__ = ["TOPIC_SLOTS", "shop_names_topic"]
