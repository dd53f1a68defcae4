"""Which encoder reads a chunk: the first (USE) where it reads the chunk's language, else the second.

USE v3 reads 15 languages (``retrievers.embeddings.USE_LANGUAGES``); in others (Czech, Finnish, Swedish...) its
similarities are near noise and its reader heads guess. A chunk in such a language is read by the second encoder
(multilingual-e5-small): its own reader heads, trained from the same frames, and its scores mapped onto the first's
scale (:mod:`.calibration`), so the extractor's floors read both alike. The second encoder is loaded only when a
chunk needs it. The chunk's language is its own, else the one the offline language detector reads in its text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assist.policy_extract.coverage import chunk_language
from assist.policy_extract.text import PolicyChunk
from retrievers.embeddings import reads


class ScaledVectors:
    """Topic exemplar similarities of the second encoder, mapped onto the first encoder's scale."""

    def __init__(self, vectors: Any, scale: Any) -> None:
        self.vectors = vectors
        self.scale = scale

    def similarities(self, texts: list[str]) -> list[dict[str, float]]:
        return [{t: self.scale(s) for t, s in row.items()} for row in self.vectors.similarities(texts)]


class Encoders:
    """The first encoder and, optionally, the second; each chunk is read by one of them."""

    def __init__(
        self,
        first: Any,
        second: Any = None,
        cache_dir: Path | None = None,
        languages: dict[str, str | None] | None = None,
    ) -> None:
        self.first = first
        self.second = second
        self.cache_dir = cache_dir
        self.languages = languages or {}

    def for_chunk(self, chunk: PolicyChunk) -> Any:
        """The encoder that reads ``chunk``: the second only where the first does not read its language, or the
        language its document is read in (``languages``: a language the detector does not know reads as a neighbour
        the first encoder reads, and the first reads it as noise)."""
        if self.first is None or self.second is None:
            return self.first
        if reads(self.first, chunk_language(chunk)) and reads(self.first, self.languages.get(chunk.id)):
            return self.first
        return self.second

    def reader(self, embedder: Any) -> Any:
        """The learned policy reader of ``embedder`` (the second's on the first's scale); None without one."""
        from assist.policy_extract.reader import policy_reader

        if embedder is None:
            return None
        if embedder is self.first:
            return policy_reader(embedder, self.cache_dir)
        return policy_reader(embedder, self.cache_dir, reference=self.first)

    def vectors(self, embedder: Any) -> Any:
        """The topic exemplar vectors of ``embedder`` (the second's similarities on the first's scale)."""
        from assist.policy_extract.calibration import similarity_scale
        from assist.policy_extract.cues import exemplars
        from assist.policy_extract.extractor import topic_vectors

        if embedder is self.first:
            return topic_vectors(embedder)
        scale = _SCALES.get((id(embedder), id(self.first)))
        if scale is None:
            topics = exemplars()
            texts = [s for t in topics for s in topics[t]]
            owners = [t for t in topics for _ in topics[t]]
            scale = _SCALES[(id(embedder), id(self.first))] = similarity_scale(texts, owners, embedder, self.first)
        return ScaledVectors(topic_vectors(embedder), scale)


_SCALES: dict[tuple[int, int], Any] = {}  # (second, first) encoder ids -> the similarity scale
