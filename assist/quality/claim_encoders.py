"""Which encoder the learned claim readers read a draft with: the first (USE-m) where it reads the draft's language,
else the second (multilingual-e5-small), for drafts in Swedish, Finnish, Czech, Romanian, Ukrainian...

USE v3 reads 15 languages (``retrievers.embeddings.USE_LANGUAGES``); in others its vectors are near noise and the
readers trained on it guess. The draft's language is the offline detector's reading of the draft (the buyer's
language where the detector is unsure). The second encoder comes from the number reader the service passes
(:func:`assist.quality.claim_reader.claim_reader` with ``second``), loaded only when a draft needs it; without one
every draft is read with the first. Similarity floors set for the first encoder do not carry over to the second,
so only the trained heads (polarity, number slots) read with it: the item and label matching keeps the first.
"""

from __future__ import annotations

from typing import Any

from retrievers.embeddings import reads

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


def reading_encoder(draft: str, claim_reader: Any, detector: Any, buyer_language: str | None) -> Any:
    """The second encoder's ``embed`` where the first does not read the draft's language and a second is at hand;
    None where the first reads it (or nothing else can)."""
    if claim_reader is None:
        return None
    first = getattr(getattr(claim_reader, "embed", None), "__self__", None)
    second = getattr(claim_reader, "second", None)
    if first is None or second is None:
        return None
    language = draft_language(draft, detector, buyer_language)
    if language is None or reads(first, language):
        return None
    encoder = second()
    return getattr(encoder, "embed", None) if encoder is not None else None


__all__ = ["draft_language", "reading_encoder"]
