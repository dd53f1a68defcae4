"""Shop policy retrieval (protocol only; the Chroma + BM25 implementation is being written)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from assist.config import Settings
from assist.models import PolicyPassage
from retrievers.embeddings import Embedder


class IngestResult(BaseModel):
    source: str
    chunks: int
    replaced: int
    language: str


class PolicyIndex(Protocol):
    def ingest_file(self, shop_id: int, path: Path, *, source: str | None = None) -> IngestResult: ...

    def search(
        self, shop_id: int, query: str, k: int = 5, *, intents: list[str] | None = None,
        language: str | None = None,
    ) -> list[PolicyPassage]: ...

    def get(self, shop_id: int, passage_id: str) -> PolicyPassage | None: ...

    def count(self, shop_id: int) -> int: ...


def build_policy_index(settings: Settings, embedder: Embedder) -> PolicyIndex:
    raise NotImplementedError
