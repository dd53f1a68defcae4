"""Which of several places in one sentence a value belongs to, read from the sentence's structure.

A sentence may pair several values with several places. The pairing is read from where they stand, in any
language, never from the words around them:

- a parenthesis that holds a value of its own is a rule of its own: "3,000 (Jeju 5,000)", "2-3 days (Austria:
  4-6 days)". Its places are its value's, never the value outside it; a value outside it keeps the places
  outside (or none);
- values and places that alternate are pairs: "A: X, B: Y" and "to A X, to B Y" (each place before its value),
  "X to A and Y to B" (each place after its value). A value before the first place, with the rest alternating
  place-first ("X, for A Y"), is the general rule the places are exceptions to.

:func:`paired_region` answers for one value; ``None`` when the structure pairs it with no place, and
:data:`UNREAD` when the structure says nothing (the caller's nearest-place reading stands).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

UNREAD: Final = "\x00unread"  # the structure does not decide; distinct from "paired with no place" (None)
_OPEN, _CLOSE = "([（［", ")]）］"


def _groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level parenthesis, brackets included, in ``text``."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


def _inside(span: tuple[int, int], groups: list[tuple[int, int]]) -> tuple[int, int] | None:
    return next((g for g in groups if g[0] <= span[0] and span[1] <= g[1]), None)


def paired_region(text: str, at: int, places: list[tuple[int, int, str]], values: list[tuple[int, int]]) -> str | None:
    """The place (from ``places``, (start, end, name) read in ``text``) the value starting at ``at`` is paired with,
    among ``values``, the (start, end) of the values of its kind in ``text``; None for none; :data:`UNREAD` when the
    structure does not say. Where the sentence's structure does not say, that of the value's own part of it (between
    semicolons, else commas) may: "free in A from X; below that Y to B and Z to C"."""
    paired = _paired(text, at, places, values)
    for breaks in _PARTS:
        if paired != UNREAD:
            return paired
        start, end = _part(text, at, breaks)
        inner = [p for p in places if start <= p[0] and p[1] <= end]
        if inner and end - start < len(text):
            paired = _paired(text, at, inner, [v for v in values if start <= v[0] and v[1] <= end])
    return paired


# The parts of a sentence a value's pairing is read in when the whole does not say: between semicolons, then between
# commas (not those inside a number)
_PARTS = (re.compile(r"[;；]"), re.compile(r"[;；，、]|,(?!\d)"))


def _part(text: str, at: int, breaks: re.Pattern[str]) -> tuple[int, int]:
    """(start, end) of the part of ``text`` between ``breaks`` that holds offset ``at``."""
    start, end = 0, len(text)
    for m in breaks.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def _paired(text: str, at: int, places: list[tuple[int, int, str]], values: list[tuple[int, int]]) -> str | None:
    own = next((v for v in values if v[0] == at), None)
    if own is None or len(values) < 2 or not places:
        return UNREAD
    attached = _attached(text, places, values)
    if attached:  # "7 days (EU) or 14 days (US)": a place in brackets right after a value is that value's
        return attached.get(own, UNREAD)
    groups = [g for g in _groups(text) if any(g[0] < v[0] and v[1] <= g[1] for v in values)]
    group = _inside(own, groups)
    if group is not None:  # its own parenthesis: the places in it, the one before the value first
        inner = [p for p in places if group[0] <= p[0] and p[1] <= group[1]]
        before = [p for p in inner if p[0] < at]
        if before:
            return before[-1][2]
        return inner[0][2] if inner else None
    outside = [p for p in places if _inside((p[0], p[1]), groups) is None]
    if len(outside) != len(places):  # a parenthesis holds other values and their places
        values = [v for v in values if _inside(v, groups) is None]
        if len(values) == 1:
            return _nearest(outside, at) if outside else None
        places = outside
        if not places:
            return None
    return _alternating(text, at, places, values)


def _attached(
    text: str, places: list[tuple[int, int, str]], values: list[tuple[int, int]]
) -> dict[tuple[int, int], str]:
    """Values followed straight by a bracket that holds a place and no value: value -> that place."""
    out = {}
    for group in _groups(text):
        inner = [p for p in places if group[0] <= p[0] and p[1] <= group[1]]
        if len(inner) != 1 or any(group[0] < v[0] < group[1] for v in values):
            continue
        before = [v for v in values if v[1] <= group[0] and not re.search(r"\w", text[v[1] : group[0]])]
        if before:
            out[before[-1]] = inner[0][2]
    return out


def _nearest(places: list[tuple[int, int, str]], at: int) -> str | None:
    before = [p for p in places if p[0] <= at]
    if before:
        return before[-1][2]
    return places[0][2] if len(places) == 1 else None


def _alternating(text: str, at: int, places: list[tuple[int, int, str]], values: list[tuple[int, int]]) -> str | None:
    """The pairing of places and values that take turns ("A X, B Y", "X A, Y B"); UNREAD when they do not."""
    marks = sorted([(p[0], "P", p[2]) for p in places] + [(v[0], "V", "") for v in values])
    kinds = "".join(k for _, k, _ in marks)
    if kinds == "VPV":  # one place between two values: the one the punctuation leaves it with
        return _between(text, at, places[0], values)
    if len(places) < 2:
        return UNREAD
    if re.fullmatch(r"V?(?:PV)+", kinds):  # place first, a general value maybe before them all
        index = next(i for i, (start, kind, _) in enumerate(marks) if kind == "V" and start == at)
        if index == 0:  # ... unless it is written with a place of its own that no gazetteer knows
            return _unread_place(text, at, places, values)
        return marks[index - 1][2] if marks[index - 1][1] == "P" else None
    if re.fullmatch(r"(?:VP)+", kinds):  # place after its value
        index = next(i for i, (start, kind, _) in enumerate(marks) if kind == "V" and start == at)
        return marks[index + 1][2]
    return UNREAD


def _unread_place(text: str, at: int, places: list[tuple[int, int, str]], values: list[tuple[int, int]]) -> str | None:
    """The place a value before the first known place is written with, when the words that bring in each later place
    bring one in before it too ("Nach Nordirland kostet der Versand 9 €, nach Japan 20 € und nach Chile 30 €":
    "nach"): the capitalised name after them. None when they do not (the value is the general rule the places
    are exceptions to)."""
    ends = sorted(v[1] for v in values)
    seen: Counter[str] = Counter()
    for start, _, _ in places:
        previous = max((end for end in ends if end <= start), default=0)
        lead = text[previous:start]
        if len(lead) <= 24:  # "nach", "in die", "und nach": each word once
            seen.update({w.casefold() for w in re.findall(r"[^\W\d_]+", lead)})
    leads = [w for w, n in seen.items() if n >= 2]  # the words most places come with, never one "and"
    head = text[:at]
    for lead in leads:
        found = re.search(rf"(?<!\w){re.escape(lead)}\s+((?:[^\W\d_]+[\s-]?)+)", head, re.IGNORECASE)
        if found is None:
            continue
        words = re.findall(r"[^\W\d_]+", found.group(1))
        name = []
        for word in words:
            if not word[0].isupper():
                break
            name.append(word)
        if name:
            return head[found.start(1) :].split(name[-1])[0] + name[-1]
    return None


_BREAK = re.compile(r"[,;，；、]")


def _between(text: str, at: int, place: tuple[int, int, str], values: list[tuple[int, int]]) -> str | None:
    """ "X, A Y" pairs A with Y, "X A, Y" with X: a clause break on one side only parts the place from that value."""
    first, second = sorted(values)[:2]
    left, right = _BREAK.search(text[first[1] : place[0]]), _BREAK.search(text[place[1] : second[0]])
    if bool(left) == bool(right):
        return UNREAD
    owner = second if left else first
    return place[2] if owner[0] == at else None


def alone_with_place(text: str, at: int) -> bool:
    """Whether the value at ``at`` stands in a parenthesis with only a place ("(Austria: €80)", "（北海道は10,000円）"):
    the rule outside it, for that place."""
    group = next((g for g in _groups(text) if g[0] < at < g[1]), None)
    if group is None:
        return False
    from assist.policy_extract.scope import regions_in
    from assist.policy_extract.values import all_values

    inner = text[group[0] + 1 : group[1] - 1]
    found = all_values(inner)
    places = regions_in(inner)
    if len(found) != 1 or len(places) != 1:
        return False
    rest = inner[: places[0][0]] + inner[places[0][1] : found[0].start] + inner[found[0].end :]
    return len(re.findall(r"\w+", rest)) <= 2


def same_level(text: str, a: int, b: int) -> bool:
    """Whether offsets ``a`` and ``b`` stand in the same parenthesis, or both outside any."""
    groups = _groups(text)
    return next((g for g in groups if g[0] < a < g[1]), None) == next((g for g in groups if g[0] < b < g[1]), None)
