"""Which of the order's items a draft's words name, in any language: "la tela su misura" for "Leinwand nach Mass
70 x 95 cm", "das individuell kollimierte Newton-Teleskop" for 'Newtonian 10" Telescope, custom-collimated'.

The words of the clause are cut into short phrases (1 to 4 words; for text without spaces, 2 to 8 characters; at
most 96) and each is compared by the multilingual encoder with every item's name and the policy phrase that excludes it,
plus a little for shared character trigrams (cognates: "Teleskop", "telescope"). An item is named when its best
phrase is near enough and clearly nearer than any other item's; otherwise none is (no guess between two).
Without a named encoder (test fakes) nothing is matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from assist.models import OrderItem

Embed = Callable[[list[str]], Any]
# chosen on the TUNE and HELD-OUT drafts, checked on FRESH-A..E and on self-written paraphrases (tests)
FLOOR = 0.36
MARGIN = 0.1
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+", re.UNICODE)


def _phrases(text: str) -> list[str]:
    words = WORD.findall(text)
    if len(words) <= 2 and len(text) > 12 and not text.isascii():  # CJK: no spaces between words
        compact = re.sub(r"\W+", "", text)
        return list(
            dict.fromkeys(compact[i : i + n] for n in range(2, 9) for i in range(0, max(1, len(compact) - n + 1)))
        )
    return list(dict.fromkeys(" ".join(words[i : i + n]) for n in range(1, 5) for i in range(len(words) - n + 1)))


def _trigrams(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text).casefold()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return {folded[i : i + 3] for i in range(len(folded) - 2) if folded[i : i + 3].strip()}


def _overlap(a: str, b: str) -> float:
    ta, tb = _trigrams(a), _trigrams(b)
    return len(ta & tb) / len(ta) if ta and tb else 0.0


def _unit(vectors: np.ndarray) -> np.ndarray:
    return np.asarray(vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12))


def items_meant(
    embed: Embed | None, text: str, items: Sequence[OrderItem], phrases: dict[str, str] | None = None
) -> list[OrderItem]:
    """The one item of ``items`` that ``text`` names by meaning (its name, or ``phrases[sku]``, the policy's words
    for it), or none when no item stands out."""
    targets: list[tuple[int, str]] = []
    for index, item in enumerate(items):
        targets.append((index, item.name))
        if phrases and item.sku in phrases:
            targets.append((index, str(phrases[item.sku])))
    found = meant(embed, text, targets)
    return [items[found]] if found is not None else []


def meant(
    embed: Embed | None, text: str, targets: Sequence[tuple[int, str]], floor: float = FLOOR, margin: float = MARGIN
) -> int | None:
    """The key of the one target that ``text`` names by meaning (its best phrase against each target's words,
    plus a little for shared trigrams), or None when none stands out. A key may have several targets (an item's
    name and the policy's words for it; the parts of a scope label)."""
    if embed is None or not targets or not text.strip():
        return None
    candidates = [p for p in _phrases(text) if len(p) >= 2][:96]
    if not candidates:
        return None
    keys = sorted({k for k, _ in targets})
    vectors = _unit(np.asarray(embed(candidates + [t for _, t in targets]), dtype=np.float32))
    sims = vectors[: len(candidates)] @ vectors[len(candidates) :].T
    best = dict.fromkeys(keys, -1.0)
    for column, (key, target) in enumerate(targets):
        row = int(np.argmax(sims[:, column]))
        score = float(sims[row, column]) + 0.2 * _overlap(candidates[row], target)
        best[key] = max(best[key], score)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    top = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else -1.0
    if top < floor or top - second < margin:
        return None
    return ranked[0][0]
