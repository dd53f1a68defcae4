"""Keyword (BM25) side of policy search: a multilingual tokenizer and a per-shop in-memory index.

Scripts written without spaces (Chinese, Japanese, Korean) are indexed as overlapping character
bigrams; everything else as lowercase word tokens, minus the common function words of the
Latin-script languages bm25s ships lists for (short conversational queries are mostly such words,
and their weak matches otherwise crowd the candidate list). No stemming.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

import bm25s
import bm25s.stopwords
import numpy as np

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_]+", re.UNICODE)
_CJK_RUN = re.compile(rf"[{_CJK}]")
_STOPWORD_LISTS = (
    "EN_PLUS",
    "GERMAN",
    "FRENCH",
    "SPANISH",
    "PORTUGUESE",
    "ITALIAN",
    "DUTCH",
    "DANISH",
    "SWEDISH",
    "NORWEGIAN",
    "TURKISH",
    "RUSSIAN",
)
STOPWORDS = frozenset(w.lower() for name in _STOPWORD_LISTS for w in getattr(bm25s.stopwords, f"STOPWORDS_{name}"))


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for match in _TOKEN.finditer(text.lower()):
        run = match.group(0)
        if _CJK_RUN.match(run):
            tokens.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        elif run not in STOPWORDS:
            tokens.append(run)
    return tokens


@dataclass
class KeywordIndex:
    """BM25 over one shop's chunks, with the chunks' documents and metadata kept alongside."""

    ids: list[str]
    documents: list[str]
    metadatas: list[dict[str, Any]]
    collection_total: int = 0  # chunks of all shops when this was built (picks the dense query plan)
    built_at: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.position = {chunk_id: i for i, chunk_id in enumerate(self.ids)}
        self._bm25: bm25s.BM25 | None = None
        if self.ids:
            self._bm25 = bm25s.BM25()
            # an empty token list would make bm25s drop the document; keep rows aligned with ids
            self._bm25.index([tokenize(d) or ["\x00"] for d in self.documents], show_progress=False)

    def __len__(self) -> int:
        return len(self.ids)

    def top(self, query: str, n: int) -> list[tuple[str, float]]:
        """The ``n`` best (id, bm25 score) pairs with a score above zero."""
        if self._bm25 is None:
            return []
        token_ids = self._bm25.get_tokens_ids(tokenize(query))
        if not token_ids:
            return []
        scores = self._bm25.get_scores_from_ids(token_ids)
        n = min(n, len(scores))
        best = np.argpartition(-scores, n - 1)[:n]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in best if scores[i] > 0]
