"""Small trained models (the learned readers) cached on disk, keyed by what they were trained from.

A key hashes the reader's name, the sklearn and numpy versions, the training data and the source of the code
that trains it, so a change to any of them trains again. Files are pickles under ``<cache_dir>/<folder>/``,
written atomically; a torn or unreadable file is trained again, never an error.

Start-up data built from installed packages alone (GeoNames city maps, the reading aid's dictionaries, the default
taxonomy's intent model) is kept by :func:`cached_build` under :func:`shared_cache_dir`, one folder for every data
folder of the machine (it holds no shop's data): its key hashes the inputs, the versions of the packages it is read
from, Python's and the source of the code that builds it; the file carries a checksum of its bytes, so a torn or
altered file is rebuilt, never trusted. The readers trained from the package's own exemplars alone
(``PACKAGE_MODELS``) are kept there too, next to the data folder's copy. Every key an upgrade or a code change
leaves behind would stay there for good, so a file read marks itself used and a write forgets the files of its folder
no start has used for ``STALE_AFTER_DAYS``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sys
import threading
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

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
        return _load_shared(folder, key, what) if path is not None else None
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
    write_atomically(cache_dir / folder / f"{key}.pkl", pickle.dumps(model))
    shared = _shared_file(folder, key)
    if shared is not None:
        try:
            write_build(shared, model)
        except OSError as exc:
            log.warning("%s not kept in the build cache %s: %s", folder, shared, exc)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file of this process and thread: a concurrent reader never sees
    half a file, and concurrent writers of one path never take each other's temporary file away."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


# Readers trained from the package's own exemplars alone (no shop's data): also kept in the machine's build cache
# (with a checksum), so a server on a fresh data folder reads them instead of training them again (a minute).
PACKAGE_MODELS = frozenset({"claim_reader", "claim_polarity"})


def _shared_file(folder: str, key: str) -> Path | None:
    """Where the build cache keeps a ``PACKAGE_MODELS`` reader (None for other readers, or with the cache off)."""
    shared = shared_cache_dir() if folder in PACKAGE_MODELS else None
    return shared / folder / f"{key}.bin" if shared is not None else None


def _load_shared(folder: str, key: str, what: str) -> Any:
    path = _shared_file(folder, key)
    if path is None or not path.is_file():
        return None
    try:
        return _read_used(path)
    except Exception as exc:  # torn or altered: trained again
        log.warning("%s in the build cache %s unusable (%s); training again", what, path, exc)
        return None


T = TypeVar("T")
SHARED_CACHE_ENV = "ASSIST_BUILD_CACHE"  # a folder; "off" (or empty) keeps nothing on disk
_MAGIC = b"assist-build-1\n"
STALE_AFTER_DAYS = 30  # a build-cache file no start has read or written for this long is removed by the next write


def shared_cache_dir() -> Path | None:
    """The machine's folder for start-up data built from installed packages: ``ASSIST_BUILD_CACHE``, else
    ``$XDG_CACHE_HOME/assist``, else ``~/.cache/assist``; None when ``ASSIST_BUILD_CACHE`` is ``off`` or empty."""
    chosen = os.environ.get(SHARED_CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "assist"


def build_key(name: str, data: Any, code_files: tuple[str | Path, ...], packages: tuple[str, ...] = ()) -> str:
    """The key of data built by ``code_files`` from ``data`` (JSON-serialisable) and the installed ``packages``."""
    versions: list[str | None] = []
    for package in packages:
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append(None)
    payload = json.dumps([name, sys.version, packages, versions, data], ensure_ascii=False, default=str).encode()
    digest = hashlib.sha256(payload)
    for path in code_files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:24]


def array_digest(*arrays: Any) -> str:
    """A digest of numpy arrays' shapes, types and bytes (None for a missing one), for a key."""
    digest = hashlib.sha256()
    for array in arrays:
        if array is None:
            digest.update(b"none")
            continue
        value = np.ascontiguousarray(array)
        digest.update(f"{value.dtype}{value.shape}".encode())
        digest.update(value.tobytes())
    return digest.hexdigest()


def read_build(path: Path) -> Any:
    """The object stored at ``path`` by :func:`write_build`; raises when the file is missing, torn or altered."""
    raw = path.read_bytes()
    head = len(_MAGIC) + 32
    if raw[: len(_MAGIC)] != _MAGIC or hashlib.sha256(raw[head:]).digest() != raw[len(_MAGIC) : head]:
        raise ValueError(f"{path}: not a complete build cache file")
    return pickle.loads(raw[head:])  # noqa: S301 - our own file, its checksum verified


def write_build(path: Path, value: Any) -> None:
    """Store ``value`` at ``path`` with a checksum of its bytes, atomically, and forget the folder's stale files."""
    body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    write_atomically(path, _MAGIC + hashlib.sha256(body).digest() + body)
    _forget_stale(path.parent)


def _read_used(path: Path) -> Any:
    """:func:`read_build`, marking the file used (its modification time) so that it is not forgotten as stale."""
    value = read_build(path)
    try:
        os.utime(path)
    except OSError:  # a read-only cache is still read
        pass
    return value


def _forget_stale(folder: Path) -> None:
    """Remove the build files of ``folder`` that no start has used for ``STALE_AFTER_DAYS`` (keys left behind by an
    upgrade or a code change); a file another process removes first, or cannot be removed, is left alone."""
    cutoff = time.time() - STALE_AFTER_DAYS * 86400
    for old in folder.glob("*.bin"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            continue


def cached_build(
    folder: str, key: str, build: Callable[[], T], cache_dir: Path | None | str = "shared", what: str = ""
) -> T:
    """``build()``'s value, read from ``<cache_dir>/<folder>/<key>.bin`` where an intact file is there, else
    built and stored (``cache_dir`` "shared": :func:`shared_cache_dir`; None: built, never stored). A file that
    cannot be read or written is logged and the value built: a cache never makes a start fail."""
    base = shared_cache_dir() if cache_dir == "shared" else cache_dir
    if base is None:
        return build()
    path = Path(base) / folder / f"{key}.bin"
    if path.is_file():
        try:
            return _read_used(path)  # type: ignore[no-any-return]
        except Exception as exc:  # torn, altered or from another Python: built again below
            log.warning("%s cache %s unusable (%s); building it again", what or folder, path, exc)
    value = build()
    try:
        write_build(path, value)
    except OSError as exc:  # a read-only or full disk: the next start builds again
        log.warning("%s cache %s not written: %s", what or folder, path, exc)
    return value
