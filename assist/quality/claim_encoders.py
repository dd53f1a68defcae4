"""Which encoder the learned claim readers read a draft with: the first (USE-m) where it reads the draft's language,
else the second (multilingual-e5-small), for drafts in Swedish, Finnish, Czech, Romanian, Ukrainian...

USE v3 reads 15 languages (``retrievers.embeddings.USE_LANGUAGES``); in others its vectors are near noise and the
readers trained on it guess. The draft's language is the offline detector's reading of the draft (the buyer's
language where the detector is unsure). The second encoder comes from the number reader the service passes
(:func:`assist.quality.claim_reader.claim_reader` with ``second``), loaded only when a draft needs it; without one
every draft is read with the first. The buyer's ask topic is read over it too where no cue word names one
(:func:`assist.quality.fact_numbers.asked_slot`). Similarity floors set for the first encoder do not carry over to
the second, so only the trained heads (polarity, number slots) read with it: the item and label matching keeps the
first.

The second encoder's heads take minutes to train on two cores the first time (then they load from the cache
folder in seconds), so a draft check never waits for them: the first such draft starts their training on a
background thread and is read with the first encoder, as before; drafts after it read with the second once both
heads are ready. Benches and warm-ups wait for them (:func:`prepare`).
"""

from __future__ import annotations

from typing import Any

from assist.background_models import BackgroundBuilds
from retrievers.embeddings import reads

_BUILDS = BackgroundBuilds("second-encoder claim heads")  # second encoders (by name) whose heads are built

_SURE = 0.5  # the detector's confidence below which the buyer's language is taken instead


def draft_language(draft: str, detector: Any, buyer_language: str | None) -> str | None:
    """The draft's language: the detector's when it is sure, else the buyer's."""
    from assist.language import normalize_code

    if detector is not None and len(draft.strip()) >= 12:
        guess = detector.detect(draft)
        language = normalize_code(guess.language)
        if language != "und" and guess.confidence >= _SURE:
            return language
    return normalize_code(buyer_language) if buyer_language else None


def draft_encoder(draft: str, claim_reader: Any, detector: Any, buyer_language: str | None) -> Any:
    """The second encoder where the first does not read the draft's language and a second is at hand; None where
    the first reads it (or nothing else can)."""
    if claim_reader is None:
        return None
    first = getattr(getattr(claim_reader, "embed", None), "__self__", None)
    second = getattr(claim_reader, "second", None)
    if first is None or second is None:
        return None
    language = draft_language(draft, detector, buyer_language)
    if language is None or reads(first, language):
        return None
    return second()


def reading_encoder(
    draft: str, claim_reader: Any, detector: Any, buyer_language: str | None, *, wait: bool = False
) -> Any:
    """The second encoder's ``embed`` where it should read the draft (:func:`draft_encoder`) and its heads are
    ready (``wait``: build them now); None where the first reads it, and while the heads are still training."""
    encoder = draft_encoder(draft, claim_reader, detector, buyer_language)
    return ready_embed(encoder, wait=wait) if encoder is not None else None


def ready_embed(encoder: Any, *, wait: bool = False) -> Any:
    """``encoder.embed`` once the claim heads over it are built; else None, and their building starts on a
    background thread, once (``wait``: build them now and return the embed)."""
    key = str(getattr(encoder, "name", None) or id(encoder))
    return encoder.embed if _BUILDS.get(key, lambda: _build(encoder), wait=wait) else None


def _build(encoder: Any) -> bool:
    from assist.ask_topics import topic_model
    from assist.quality.claim_polarity import polarity_reader
    from assist.quality.claim_reader import claim_reader
    from assist.quality.fact_numbers import _cache_dir

    polarity_reader(encoder.embed, _cache_dir())
    claim_reader(encoder.embed, _cache_dir())
    topic_model(encoder.embed, cache_dir=_cache_dir())  # what the buyer asked, where no cue word says
    return True


def prepare(services: Any) -> bool:
    """Build (or load) the claim heads over the service's second encoder now; False where it has none."""
    second = getattr(services, "second_embedder", None)
    return second is not None and ready_embed(second, wait=True) is not None


__all__ = ["draft_encoder", "draft_language", "prepare", "ready_embed", "reading_encoder"]
