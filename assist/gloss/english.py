"""English word forms for glosses, from what the source marks: past (Japanese た, Chinese 了), passive
(Japanese れる/られる, Chinese 被), plural (Japanese たち, Chinese 们). lemminflect gives the forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_BE_PAST = {"is": "was", "are": "were", "be": "was", "am": "was"}
_SPLIT_FIRST = {"VBD", "VBN", "VBG"}  # a verb gloss inflects its first word (go out -> went out)


@lru_cache(maxsize=8192)
def inflect(gloss: str, tag: str) -> str:
    """``gloss`` with one word inflected: verbs their first word, nouns their last; unknown forms unchanged."""
    if tag in _SPLIT_FIRST:
        head, _, rest = gloss.partition(" ")
        if tag == "VBD" and head in _BE_PAST:
            return f"{_BE_PAST[head]} {rest}".strip()
        if head == "be" and tag == "VBN":  # "be heard" is passive already: the "be" before it says so
            return rest or "been"
        return f"{_form(head, tag)} {rest}".strip()
    before, _, last = gloss.rpartition(" ")
    return f"{before} {_form(last, tag)}".strip()


def _form(word: str, tag: str) -> str:
    if not word.isalpha() or not word.islower():
        return word
    try:
        from lemminflect import getInflection
    except ImportError:  # lemminflect is a declared dependency; without it glosses keep the base form
        return word
    forms = getInflection(word, tag=tag)
    return str(forms[0]) if forms else word


def past(gloss: str) -> str:
    """``"add"`` -> ``"added"``, ``"go out"`` -> ``"went out"``, ``"is"`` -> ``"was"``."""
    return inflect(gloss, "VBD")


def participle(gloss: str) -> str:
    """``"hear"`` -> ``"heard"`` (after a passive "be")."""
    return inflect(gloss, "VBN")


def plural(gloss: str) -> str:
    """``"specialist"`` -> ``"specialists"``, ``"mouse"`` -> ``"mice"``; a plural stays (feet, sports)."""
    last = gloss.rpartition(" ")[2]
    if not last.isascii() or last.endswith("s") or _lemma(last) != last:
        return gloss
    return inflect(gloss, "NNS")


@lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    try:
        from lemminflect import getLemma
    except ImportError:
        return word
    lemmas = getLemma(word, upos="NOUN")
    return str(lemmas[0]) if lemmas else word


_NOUN_TO_VERB = (  # derivational endings, tried in order: announcement -> announce, decision -> decide
    ("ment", ""),
    ("ance", ""),
    ("ence", ""),
    ("ication", "y"),
    ("ison", "e"),
    ("anation", "ain"),
    ("rrence", "r"),
    ("iation", "e"),
    ("ation", "e"),
    ("ation", ""),
    ("sion", "de"),
    ("ion", "e"),
    ("ion", ""),
    ("al", "e"),
    ("al", ""),
    ("y", ""),
    ("ing", ""),
)


@lru_cache(maxsize=8192)
def verb_of(gloss: str) -> str | None:
    """The English verb of a noun gloss that the source uses as a verb (Japanese 発表 + する): the gloss
    itself when its first word is a verb, else its derivational base (``"announcement"`` -> ``"announce"``)."""
    head, _, rest = gloss.partition(" ")
    if not head.isalpha() or not head.islower():
        return None
    try:
        from lemminflect import getAllInflections
    except ImportError:
        return None
    for ending, base in (("", ""), *_NOUN_TO_VERB):
        if head.endswith(ending) and len(head) - len(ending) >= 3:
            verb = head[: len(head) - len(ending)] + base
            if getAllInflections(verb, upos="VERB"):
                return f"{verb} {rest}".strip() if not ending else (verb if not rest else None)
    return None


_WORDS = re.compile(r"\b[a-z]+\b")


def american(gloss: str) -> str:
    """One spelling for every dictionary (FreeDict and JMdict mix them): ``"colour programme"`` ->
    ``"color program"``. breame's British-to-American table; capitalised words (names) stay as written."""
    try:
        from breame.spelling import get_american_spelling
    except ImportError:  # breame is a declared dependency; without it glosses keep the dictionary's spelling
        return gloss
    return _WORDS.sub(lambda m: _american_word(m.group(0), get_american_spelling), gloss)


@lru_cache(maxsize=16384)
def _american_word(word: str, spell: Callable[[str], str]) -> str:
    return spell(word) or word
