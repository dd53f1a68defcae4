"""English word forms for glosses: a verb the source marks as past (Japanese た, Chinese 了) reads as past."""

from __future__ import annotations

from functools import lru_cache

_BE_PAST = {"is": "was", "are": "were", "be": "was", "am": "was"}


@lru_cache(maxsize=8192)
def past(gloss: str) -> str:
    """``"add"`` -> ``"added"``, ``"go out"`` -> ``"went out"``, ``"is"`` -> ``"was"``; unknown forms unchanged."""
    head, _, rest = gloss.partition(" ")
    if head in _BE_PAST:
        form = _BE_PAST[head]
    else:
        try:
            from lemminflect import getInflection
        except ImportError:  # lemminflect is a declared dependency; without it glosses keep the base form
            return gloss
        forms = getInflection(head, tag="VBD")
        form = forms[0] if forms else head
    return f"{form} {rest}".strip()
