"""The kind of claim a draft case is about, for the per-kind table of the draft benches: caught / missed per kind,
and false alarms per check and kind, so that the misses of a split can be seen without reading its cases.

A case's kind is read from the case alone, never from what the checks said about it (a missed claim and a caught one
are sorted the same way): which check must fire (the order's or the policy's), then cues that need no language list
where there are some (a tracking-number shape, a known carrier's name, a money amount, a duration the value readers
read), then the buyer's ask topic (the ask cue reader, else the learned ask-topic reader over the multilingual
encoder where it is sure, for a question in a language no cue list reads). A claim the readers do not see lands in
the row its question names, or in ``other``: a large ``other`` row says the readers miss what the drafts are about.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

KINDS = ("window", "amount", "who pays", "exclusion", "cancel/change", "status", "carrier", "tracking", "other")
_WHO_PAYS = {"return_cost", "shipping_cost", "customs"}
_CANCEL = {"cancel", "address_change"}
_EXCLUSION = {"return", "refund", "warranty", "damage", "wrong_item", "price_adjustment", "discount_code"}
_WINDOW = {"shipping_time"}
_STATUS = {"order_status", "lost"}


def _question(data: dict[str, Any]) -> str:
    conversation = data.get("conversation") or {}
    said = [m.get("text") or "" for m in conversation.get("messages") or [] if m.get("role") == "customer"]
    return said[-1] if said else ""


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from retrievers.embeddings import default_embedder

    return default_embedder().embed


def _topics(question: str) -> set[str]:
    """The ask topics of the buyer's question: the cue words', else the learned reader's where it is sure."""
    from assist.ask_cues import topics_of
    from assist.quality.fact_numbers import learned_topics

    if not question:
        return set()
    return set(topics_of(question) or learned_topics(question, _encoder()))


def kind_of(data: dict[str, Any]) -> str:
    """The kind of claim the case's draft makes (one of :data:`KINDS`), for the check it names in ``must_fire`` or,
    for a right draft, in ``must_not_fire``."""
    from assist.ask_cues import asks_how_long
    from assist.quality.claims import carriers_named
    from assist.quality.extract import draft_durations
    from assist.quality.money_mentions import draft_amounts
    from assist.quality.text_spans import tracking_numbers

    draft = str(data.get("draft") or "")
    checks = data.get("must_fire") or data.get("must_not_fire") or []
    question = _question(data)
    topics = _topics(question)
    if "order_contradiction" in checks and "policy_contradiction" not in (data.get("must_fire") or []):
        if data.get("must_fire") or topics & _STATUS or not topics:
            if tracking_numbers(draft):
                return "tracking"
            if carriers_named(draft):
                return "carrier"
            if draft_amounts(draft):
                return "amount"
            return "status"
    if topics & _CANCEL:
        return "cancel/change"
    if draft_amounts(draft):
        return "amount"
    if draft_durations(draft) or topics & _WINDOW or (question and asks_how_long(question)):
        return "window"
    if topics & _WHO_PAYS:
        return "who pays"
    if topics & _EXCLUSION:
        return "exclusion"
    if topics & _STATUS:
        return "status"
    return "other"


class KindTally:
    """Per kind: wrong claims caught and missed; per check and kind: false alarms (a check that fired on a case
    that names it in ``must_not_fire``)."""

    def __init__(self) -> None:
        self.caught: Counter[str] = Counter()
        self.missed: Counter[str] = Counter()
        self.false: Counter[tuple[str, str]] = Counter()

    def add(self, data: dict[str, Any], output: dict[str, Any] | None) -> None:
        fired = {i.get("check") for i in (output or {}).get("issues", [])}
        kind = kind_of(data)
        for check in data.get("must_fire") or []:
            (self.caught if check in fired else self.missed)[kind] += 1
        for check in data.get("must_not_fire") or []:
            if check in fired:
                self.false[(check, kind)] += 1

    def rows(self) -> list[list[str]]:
        checks = sorted({check for check, _ in self.false})
        out = []
        for kind in KINDS:
            caught, missed = self.caught[kind], self.missed[kind]
            false = [str(self.false[(check, kind)]) for check in checks]
            if caught or missed or any(f != "0" for f in false):
                recall = f"{caught / (caught + missed):.2f}" if caught + missed else "—"
                out.append([kind, str(caught), str(missed), recall, *false])
        return out

    def header(self) -> list[str]:
        return ["kind", "caught", "missed", "R", *(f"false {c}" for c in sorted({c for c, _ in self.false}))]
