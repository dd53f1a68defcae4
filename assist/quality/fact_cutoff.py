"""A same-day dispatch cut-off in a draft against the shop's (``shipping.dispatch_cutoff``): "orders paid by 4 pm
ship the same day" where the policy says 1 pm is a policy contradiction.

A clock time counts only in a sentence that speaks of dispatch on the day of the order (the same-day words below,
written from general knowledge of each language, and the policy reader's own cues for the template languages);
its value is read by the policy reader's clock parser (:func:`assist.policy_extract.values.times_of_day`) and the
forms drafts add ("kl. 15", "klo 15", "do godziny 16", "15 óráig", "las 15 h").
"""

from __future__ import annotations

import re

from assist.models import QAIssue
from assist.policy_facts import PolicyFacts
from assist.quality.context import DraftContext
from assist.quality.fact_numbers import quote
from assist.quality.text_spans import Span

SAME_DAY = re.compile(
    r"\b(same(-| )(business )?day|ships? today|(am |noch am )?(selben|gleichen) (werk)?tag|taggleich|le jour même"
    r"|le même jour|(ese |el )?mismo día|(lo )?stesso giorno|in giornata|(no )?mesmo dia|(nog )?dezelfde dag"
    r"|zelfde dag|tego samego dnia|w dniu (zamówienia|złożenia)|samma dag|samme dag|samana päivänä"
    r"|(ještě )?(týž|tentýž|ten samý|stejný) den|ve stejný den|(ešte )?v (ten )?(istý|rovnaký|ten) deň|aznap"
    r"|ugyanazon a napon|în aceeași zi|chiar în (acea|aceeași) zi|того ж дня|в той же день|в тот же день"
    r"|aynı gün)\b|当日|当天|その日のうちに|당일",
    re.IGNORECASE,
)
# clock times drafts write that the policy parser does not: a word before the hour, or one after it
_MORE_TIMES = re.compile(
    r"\b(?:kl\.?|klo|kello|godz\.?|godziny|o godzinie|hod\.?|ore|alle|las|a las)\s*(?P<a>\d{1,2})(?![\d:.,])"
    r"|(?<![\d:.,])(?P<b>\d{1,2})\s*(?:óra\w*|órá\w*|uur|hodin\w*|godz\w*)(?![\w])",
    re.IGNORECASE,
)


def clock_times(text: str) -> list[tuple[Span, int]]:
    """(span, minutes after midnight) of each clock time in ``text``."""
    from assist.policy_extract.values import times_of_day

    found: list[tuple[Span, int]] = []
    for value in times_of_day(text):
        end = value.start + len(text[value.start : value.end].rstrip())
        found.append((Span(text[value.start : end], value.start, end), _minutes(str(value.value))))
    for m in _MORE_TIMES.finditer(text):
        if any(s.start < m.end() and m.start() < s.end for s, _ in found):
            continue
        hour = int(m.group("a") or m.group("b"))
        if 0 <= hour <= 24:
            found.append((Span(m.group(0), m.start(), m.end()), hour * 60))
    return sorted(found, key=lambda f: f[0].start)


def _minutes(value: str) -> int:
    hour, _, minute = value.partition(":")
    return int(hour) * 60 + int(minute or 0)


# a sentence ends at these marks, except after a clock word's abbreviation ("kl. 14") or between digits ("17.00")
_END = re.compile(r"(?<!\bkl)(?<!\bgodz)(?<!\bhod)(?<!\bca)(?<!\d(?=\.\d))[.!?。！？\n](?!\d)", re.IGNORECASE)


def _sentence_around(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _END.finditer(text, 0, start)]
    after = _END.search(text, end)
    return text[(before[-1] if before else 0) : (after.start() if after else len(text))]


def cutoff_issues(draft: str, ctx: DraftContext, facts: PolicyFacts) -> list[QAIssue]:
    """A clock time in a same-day dispatch sentence that is not the shop's cut-off."""
    fact = facts.get("shipping.dispatch_cutoff")
    if fact is None or not re.fullmatch(r"\d{1,2}(:\d{2})?", str(fact.value)):
        return []
    wanted = _minutes(str(fact.value))
    for span, minutes in clock_times(draft):
        if not SAME_DAY.search(_sentence_around(draft, span.start, span.end)):
            continue
        if minutes in (wanted, wanted + 12 * 60, wanted - 12 * 60):
            continue  # "3 o'clock" for 15:00 is the same time
        return [
            ctx.issue(
                "policy_contradiction",
                "error",
                f"The draft gives {span.text} as the same-day dispatch cut-off, but the policy says "
                f"{fact.value}.{quote(fact)}",
                span,
                policy_id=fact.chunk_id,
            )
        ]
    return []


__all__ = ["SAME_DAY", "clock_times", "cutoff_issues"]
