"""The product class a rule's leading label names: "Made-to-order furniture: cancellation is free within 3 days",
"- Frame and solid wood (frames, tables): 10 years", "**Petits articles** (lampes, tapis) : expédiés …".

A label is the words before the first colon (or a spaced dash) of a sentence or list item, its bracketed examples
left out. It scopes the rule by product class when it is short, names no policy topic ("Returns:", "Frais de
retour :"), no region or payment method, and is no notice word ("Note:", "Wichtig:"; ``label_notices`` in
``resources/policy_slots.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assist.char_classes import LETTER
from assist.policy_extract.cues import resource, topic_hits
from assist.policy_extract.scope import payment_methods_in, regions_in

_LABEL = re.compile(r"^\s*(?:[-*•]\s+)?(?P<label>[^:：.!?。！？]{2,90}?)\s*(?:[:：]|\s[—–]\s)\s*\S")
_BRACKETS = re.compile(r"\s*[(（][^)）]*[)）]")
MAX_WORDS = 6


@lru_cache(maxsize=1)
def _notices() -> re.Pattern[str]:
    words = resource().get("label_notices", [])
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in words) + r")$", re.IGNORECASE)


def leading_label(text: str, before: int | None = None) -> str | None:
    """The product class a sentence's or item's leading label names (ending before offset ``before`` when given),
    else None."""
    m = _LABEL.match(text)
    if not m or (before is not None and m.end("label") > before):
        return None
    label = _BRACKETS.sub("", m.group("label")).strip(" *_")
    words = label.split()
    cjk = re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", label)
    if not label or (len(words) > MAX_WORDS and not cjk) or (cjk and len(label) > 12):
        return None
    if not re.search(rf"{LETTER}{{3,}}|[\u3040-\u30ff\u4e00-\u9fff]{{2,}}", label) or re.search(r"\d", label):
        return None
    if topic_hits(label) or regions_in(label) or payment_methods_in(label) or _notices().search(label):
        return None
    return label
