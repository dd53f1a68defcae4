"""When a period runs from: a return window is counted from delivery, a refund time from the return's arrival.

A sentence the cue words read as a return window ("... within 5 working days of receiving the returned goods",
because it names the return) may be a refund's period: when the words after its duration, the event it runs from,
are the words after the duration of a refund time in the same documents ("within 14 days of receiving the returned
goods"), it runs from the same event as that refund, whatever the language, and is no return window. Such a reading
goes to review (:func:`refund_like_windows`), so the window the shop grants is the one replies use.
"""

from __future__ import annotations

import re

from assist.policy_facts import PolicyFact

_EVENT_WORDS = 4  # words after the duration's unit word that name the event ("of receiving your return"); five
# without the bracketed aside: "од дана када је роба" (delivery) is not "од дана када примимо враћену" (the return)
_REFUND_SLOTS = ("refunds.time", "cancellation.refund_time")
_WORD = re.compile(r"[^\W\d_]+")
_ASIDE = re.compile(r"^\s*[(（][^)）]*[)）]")  # "14 (четрнаест) дана": the number again in words


def _number(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


def _words_after(text: str, count: int) -> tuple[str, ...] | None:
    words = [w.casefold() for w in _WORD.findall(text)[1 : 1 + count]]  # the first word is the unit's
    return tuple(words) if len(words) == count else None


def event_words(fact: PolicyFact) -> tuple[tuple[str, ...] | None, ...] | None:
    """The words naming what the duration of ``fact`` runs from: the ones after its number and unit word, as written
    and without a bracketed aside after the number ("14 (четрнаест) дана од дана када ..."): both must agree."""
    from assist.policy_extract.text import clean

    number = _number(fact.max_value if fact.max_value is not None else fact.value)
    if number is None:
        return None
    text = clean(fact.sentence or "")
    m = re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", text)
    if m is None:
        return None
    after = text[m.end() :]
    plain = _ASIDE.sub(" ", after, count=1)
    words = (_words_after(after, _EVENT_WORDS), _words_after(plain, _EVENT_WORDS + 1))
    return words if all(words) else None


def refund_like_windows(facts: list[PolicyFact], review: float) -> list[PolicyFact]:
    """``facts`` with each return window that runs from the event a refund time runs from marked for review
    (confidence ``review``)."""
    refund_events = {e for f in facts if f.slot in _REFUND_SLOTS and (e := event_words(f)) is not None}
    if not refund_events:
        return facts
    return [
        f.model_copy(update={"confidence": min(f.confidence, review)})
        if f.slot == "returns.window" and event_words(f) in refund_events
        else f
        for f in facts
    ]
