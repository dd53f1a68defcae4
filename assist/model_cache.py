"""Small trained models (the learned readers) cached on disk, keyed by what they were trained from.

A key hashes the reader's name, the sklearn and numpy versions, the training data and the source of the code
that trains it, so a change to any of them trains again. Files are pickles under ``<cache_dir>/<folder>/``,
written atomically; a torn or unreadable file is trained again, never an error.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import threading
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("assist.model_cache")


def content_key(name: str, data: Any, code_file: str | Path) -> str:
    """The cache key of a model trained as ``code_file`` trains it, from ``data`` (JSON-serialisable)."""
    import sklearn

    payload = json.dumps([name, sklearn.__version__, np.__version__, data], ensure_ascii=False).encode()
    return hashlib.sha256(payload + Path(code_file).read_bytes()).hexdigest()[:24]


def load_model(cache_dir: Path | None, folder: str, key: str, what: str) -> Any:
    """The cached model, or None (no cache folder, no file, or a file that cannot be read)."""
    path = cache_dir / folder / f"{key}.pkl" if cache_dir is not None else None
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)  # noqa: S301 - our own file, keyed by hash
    except Exception:  # a torn or stale file: train again
        log.warning("%s cache %s unreadable; training again", what, path)
        return None


def save_model(cache_dir: Path | None, folder: str, key: str, model: Any) -> None:
    """Store ``model`` under its key (nothing without a cache folder)."""
    if cache_dir is None:
        return
    path = cache_dir / folder / f"{key}.pkl"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(partial, "wb") as handle:
        pickle.dump(model, handle)
    os.replace(partial, path)  # atomic: a concurrent reader never sees half a file
