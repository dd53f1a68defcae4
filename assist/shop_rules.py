"""The shop's own rules an ask is about: facts of slot ``other`` (a deposit, a minimum order, a pickup fee, a fitting
check, instalment terms), which no topic of :mod:`assist.asks` names and no template of a topic states.

An ask is matched to a rule by the words it shares with the rule's sentence and label, each word weighted by how rare
it is among the shop's own fact sentences (inverse document frequency): "blaendal" (deposit) or "Klarna" tell more
than "order". A piece of the ask (a sentence or clause) is about a rule when the rule shares more weight with it than
any fact of a topic's slot does, and at least one rare word. Nothing here is written per language: words are runs
of letters cut to their first letters (a stem that holds most inflections), and a script written without spaces
between words (Thai, Khmer, Lao, Burmese, Han, kana) is read in runs of a few characters. Where the buyer writes in
another language than the shop and shares no word with it, no rule is matched, and the ask stays open for the agent.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from assist import places
from assist.policy_facts import PolicyFact, PolicyFacts

STEM = 5  # letters a word is cut to ("blaendal", "blaendaliadau" -> "blaen")
SHORTEST = 4  # letters of the shortest word read: shorter ones are mostly particles
RUN = 3  # characters per piece of a script written without spaces between words (Han and kana: one fewer)
RAREST_SHARE = 1 / 8  # a rule needs one shared word found in at most this share of the shop's fact sentences
TELLING_SHARE = 1 / 4  # and one more telling word (in at most this share): one word alone is often a particle

_LETTERS = re.compile(rf"(?:[^\W\d_]|[{places.MARKED_SCRIPTS}])+")  # vowel signs inside a word
_UNSPACED = ("THAI", "LAO", "KHMER", "MYANMAR", "CJK", "HIRAGANA", "KATAKANA")


def _unspaced(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_UNSPACED)


@lru_cache(maxsize=8192)  # the shop's fact sentences, read again for every ask
def words(text: str) -> frozenset[str]:
    """The units two texts share: words of four letters or more cut to :data:`STEM` letters, casefolded and without
    accents; in a script without word spaces, each run of :data:`RUN` characters."""
    out: set[str] = set()
    for word in _LETTERS.findall(places.plain(text)):
        if _unspaced(word[0]):
            run = RUN - 1 if unicodedata.name(word[0], "").startswith(("CJK", "HIRAGANA", "KATAKANA")) else RUN
            out |= {word[i : i + run] for i in range(max(1, len(word) - run + 1))}
        elif len(word) >= SHORTEST:
            out.add(word[:STEM])
    return frozenset(out)


def rule_label(fact: PolicyFact) -> str:
    """What a rule is about, in the shop's words: its scope's product class (the extractor's topic of the rule)."""
    return (fact.scope.product_class or "").strip()


@lru_cache(maxsize=64)
def _weights(sentences: tuple[str, ...]) -> dict[str, float]:
    counts = Counter(w for s in sentences for w in words(s))
    return {w: math.log(len(sentences) / n) for w, n in counts.items()}


def rules_asked(text: str, facts: PolicyFacts) -> list[PolicyFact]:
    """The shop's rules (facts of slot ``other``) that ``text`` asks about: for each of its sentences and clauses, the
    rule whose sentence and label share the most weight with it, where that beats every fact of another slot and two
    telling words are shared, one of them rare; with the other rules read from the same sentence ("a £100 deposit,
    released within three working days")."""
    from assist.asks import clauses, sentences

    rules = [f for f in facts.facts if f.slot == "other" and f.sentence]
    if not rules or not text.strip():
        return []
    others = [f for f in facts.facts if f.slot != "other" and f.sentence]
    read = tuple(dict.fromkeys(str(f.sentence) for f in facts.facts if f.sentence))
    weight = _weights(read)  # one table per shop's facts, kept
    rare, telling_weight = (
        math.log(len(read) / max(1.0, len(read) * share)) for share in (RAREST_SHARE, TELLING_SHARE)
    )
    topic_words = [words(str(f.sentence)) for f in others]
    rule_words = [words(f"{rule_label(f)} {f.sentence}") for f in rules]
    found: list[PolicyFact] = []
    for piece in [c for s in sentences(text) for c in (clauses(s) or [s])] or [text]:
        asked = words(piece)
        shared = [asked & w for w in rule_words]
        scores = [sum(weight.get(w, 0.0) for w in s) for s in shared]
        best = max(range(len(rules)), key=lambda i: scores[i])
        beaten = max((sum(weight.get(w, 0.0) for w in asked & t) for t in topic_words), default=0.0)
        telling = [w for w in shared[best] if weight.get(w, 0.0) >= telling_weight]  # few sentences: in one
        if scores[best] <= beaten or len(telling) < 2 or not any(weight.get(w, 0.0) >= rare for w in telling):
            continue
        sentence = rules[best].sentence
        found += [f for f in rules if f.sentence == sentence and f not in found]
    return found


QUOTE_MAX = 80  # the longest rule in words a reply quotes (characters), as for other quotes of the policy
DURATIONS = frozenset({"hour", "day", "business_day", "week", "month", "year"})  # the templates' unit words


def rule_value(fact: PolicyFact, language: str, data: dict[str, object] | None = None) -> str | None:
    """A rule's value as a reply in ``language`` writes it: an amount in its currency, a duration with the language's
    unit words, a percentage, a number with its unit; a value in words stays in the shop's words, quoted. None where
    the value is neither."""
    from babel.numbers import format_percent

    from assist.reply_format import format_duration, format_money, format_number, quoted

    value, top, unit = fact.value, fact.max_value, fact.unit or ""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    if isinstance(value, str):  # the shop's words, quoted where short: a longer one is the agent's to read
        return quoted([value], language) if value.strip() and len(value) <= QUOTE_MAX else None
    if unit in DURATIONS:
        return str(format_duration(value, top, unit, language, data=data))  # type: ignore[arg-type]
    if unit == "percent":
        written = [str(format_percent(v / 100, locale=language)) for v in (value, top) if v is not None]
    elif len(unit) == 3 and unit.isupper():  # an ISO currency code
        written = [format_money(v, unit, language) for v in (value, top) if v is not None]
    else:
        written = [f"{format_number(v, language)} {unit}".strip() for v in (value, top) if v is not None]
    return "–".join(written)
