"""Conditional return exclusions: the condition a policy's item class names, and what the buyer says about it.

A return policy may exclude a class only in one condition: "opened tea", "swimwear without the hygiene
seal" (returnable only unopened), "sharpened or used knives" (returnable only unused). ``policy_condition``
reads that condition from the class phrase; ``buyer_condition`` reads, from the buyer's words, whether the
item is in it ("I sharpened it once", "tirei o adesivo", "拆了") or still intact ("still sealed", "未拆封").
The words live in ``assist/resources/replies/_conditions.yaml``, per condition, in every reply language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

RESOURCE = Path(__file__).parent / "resources" / "replies" / "_conditions.yaml"
Condition = Literal["opened", "used"]
BuyerSays = Literal["broken", "intact", "mixed"]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, dict[str, re.Pattern[str]]]:
    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))
    return {
        side: {kind: re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) for kind, pats in kinds.items()}
        for side, kinds in data.items()
    }


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def policy_condition(phrase: str) -> Condition | None:
    """The condition under which the policy excludes this class: ``opened`` (returnable only unopened),
    ``used`` (only unused), or None for a plain exclusion."""
    policy = _patterns()["policy"]
    plain = _plain(phrase)
    if policy["opened"].search(plain):
        return "opened"
    if policy["used"].search(plain):
        return "used"
    return None


def without_condition(phrase: str) -> str:
    """``phrase`` less the words of its condition ("opened software" -> "software"): the class it names."""
    plain = _plain(phrase)
    for pattern in _patterns()["policy"].values():
        plain = pattern.sub(" ", plain)
    return " ".join(plain.split())


def buyer_condition(text: str, condition: Condition) -> BuyerSays | None:
    """What the buyer's words say about an item under ``condition``: ``broken`` (opened or used, so the
    exclusion applies), ``intact`` (still sealed / unused, so the return window applies), ``mixed`` (both, as
    in "I opened one, the other is still sealed"), or None when they say neither. Use counts as opening."""
    buyer = _patterns()["buyer"]
    plain = _plain(text)
    intact = bool(buyer["intact"].search(plain))
    rest = buyer["intact"].sub(" ", plain)
    broken = bool(buyer["used"].search(rest)) or (condition == "opened" and bool(buyer["opened"].search(rest)))
    if broken and intact:
        return "mixed"
    if broken:
        return "broken"
    return "intact" if intact else None


__all__ = ["BuyerSays", "Condition", "buyer_condition", "policy_condition", "without_condition"]
