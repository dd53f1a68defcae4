"""Japanese A の B read the English way round: "B of A" (委員会の声明 -> "statement of committee"), a chain
A の B の C as "C of B of A". Only the line's text changes; the expandable words keep the buyer's order."""

from __future__ import annotations

from assist.models import GlossWord

MARKER = "の"


def of_chains(words: list[GlossWord], moves: list[str], verbs: list[bool]) -> tuple[list[int], set[int]]:
    """The reading order of ``words`` as indexes, each chain of noun runs joined by の read "of" reversed,
    and the indexes of the chains' words (a postposition after a chain moves before all of it). A joining
    の no longer moves (``moves`` is updated)."""
    chained: set[int] = set()
    index = 0
    out: list[int] = []
    while index < len(words):
        runs: list[list[int]] = []
        joins: list[int] = []
        cursor = index
        while True:
            run = _run(words, verbs, cursor)
            if not run:
                break
            runs.append(run)
            cursor = run[-1] + 1
            if cursor < len(words) and words[cursor].source == MARKER and words[cursor].gloss == "of":
                joins.append(cursor)
                cursor += 1
                continue
            break
        if len(runs) >= 2 and len(joins) >= len(runs) - 1 and not _attributive(words, runs[0]):
            for position, run in enumerate(reversed(runs)):
                if position:
                    out.append(joins[len(runs) - 1 - position])
                out.extend(run)
            chained.update(i for run in runs for i in run)
            chained.update(joins[: len(runs) - 1])
            for join in joins[: len(runs) - 1]:
                moves[join] = ""
            index = runs[-1][-1] + 1  # a trailing の that joined no run stays where it is
            continue
        if len(runs) >= 2 and joins and _attributive(words, runs[0]):  # 他 の: "other", no "of"
            words[joins[0]].gloss, moves[joins[0]] = "", ""
        out.append(index)
        index += 1
    return out, chained


_QUANTIFIERS = {"other", "what", "each", "all", "same", "such", "any", "some", "every", "which", "this", "that"}


def _attributive(words: list[GlossWord], run: list[int]) -> bool:
    """A lone owner that English puts before its noun as a modifier (他の専門家: "other specialists", 既存の:
    "existing"), not after it with "of"."""
    shown = [words[i].gloss for i in run if words[i].gloss.strip()]
    if len(shown) != 1:
        return False
    last = shown[0].rsplit(" ", 1)[-1]
    if last.lower() in _QUANTIFIERS:
        return True
    from lemminflect import getAllLemmas

    return "ADJ" in getAllLemmas(last)


def _run(words: list[GlossWord], verbs: list[bool], start: int) -> list[int]:
    """The noun run from ``start``: content words (not verbs), grammar words left out between them."""
    run: list[int] = []
    index = start
    while index < len(words):
        word = words[index]
        if word.kind in {"word", "kept", "unknown"} and word.gloss.strip() and not verbs[index]:
            run.append(index)
        elif word.gloss.strip() or not run or word.kind not in {"word", "kept"}:
            break
        else:
            run.append(index)  # a counter left out (2016 年)
        index += 1
    return run
