"""Noisy copies of a taxonomy's examples, so the learner has seen typos before buyers make them.

Buyers type fast: letters swapped, dropped or doubled, no capitals, no punctuation. A shop's examples are
usually written with care, so each example gets ``COPIES`` copy with the kind of noise a hurried buyer
adds (deterministic: the same example always gets the same copy). Scripts without spaces between words
(Chinese, Japanese, Thai) get no copy: their typos are other characters, not shuffled letters.
"""

from __future__ import annotations

import hashlib
import random
import re

COPIES = 1
TYPOS_PER_COPY = 2  # at most; a short example gets fewer
_WORD = re.compile(r"[^\W\d_]{4,}")  # words of letters, four or more: typos in short words change the word
_PUNCTUATION = re.compile(r"[^\w\s']")


def noisy_copies(text: str, copies: int = COPIES) -> list[str]:
    """``copies`` noisy versions of ``text`` (none for a text without long enough words)."""
    words = [m.span() for m in _WORD.finditer(text)]
    if not words:
        return []
    rng = random.Random(hashlib.sha1(text.encode()).hexdigest())
    out = []
    for _ in range(copies):
        chars = list(text)
        for start, end in sorted(rng.sample(words, min(TYPOS_PER_COPY, len(words))), reverse=True):
            chars[start:end] = _typo(text[start:end], rng)
        noisy = "".join(chars)
        if rng.random() < 0.5:
            noisy = noisy.lower()
        if rng.random() < 0.5:
            noisy = " ".join(_PUNCTUATION.sub(" ", noisy).split())
        if noisy != text:
            out.append(noisy)
    return out


def _typo(word: str, rng: random.Random) -> str:
    """One slip of the fingers inside ``word`` (never its first letter)."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:  # two letters swapped
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:  # a letter dropped
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]  # a letter doubled
