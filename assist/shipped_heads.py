"""Trained heads shipped with the package, so a fresh install does not spend minutes training them at first need.

The ask-topic readers (:mod:`assist.ask_topics`, :mod:`assist.ask_readers`) are trained on about 3,500 topic
exemplars: a minute of CPU on two cores for the first encoder (:func:`retrievers.embeddings.default_embedder`, which
a fresh server's warm-up needs before its first card), minutes for the second (:func:`retrievers.embeddings.
second_embedder`, about 15x slower), which also reads the default taxonomy's examples. Most of that is embedding
the exemplars and cross-validating the blend, both fixed by the exemplars and the encoder. So the package ships,
under ``assist/resources/trained/<kind>/<key>.npz``:

- ``ask_topics``, for both encoders: the exemplars' vectors (float16) and the blend's weights, temperature and scope
  cut, from which :mod:`assist.ask_topics` refits the two logistic regressions in seconds (the same model as
  trained, from float16 vectors);
- ``intent``: the default taxonomy's example and intent-word vectors of the second encoder
  (:class:`assist.intent.IntentClassifier`; the first encoder embeds them in a second).

A file's key hashes its kind, the encoder's name, the exact training texts (and labels) and the source of the
code that trains from it: exemplars changed without rebuilding find no file and train in the background as before,
and ``tests/test_shipped_heads.py`` fails until the files are rebuilt::

    python -m assist.shipped_heads --build          # every file; needs both encoders' wheels; about two minutes
    python -m assist.shipped_heads --build-stale    # only the files missing (e.g. the first encoder's: seconds)

Library versions are not in the key: the files hold plain arrays, no pickles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
from collections.abc import Callable
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


Build = Callable[[Any], dict[str, Any]]  # the encoder -> the arrays of one file


def _builds() -> list[tuple[str, str, str, Build]]:
    """(kind, key, encoder name, build) of every file the package ships for today's exemplars, taxonomy and code."""
    from assist.ask_topics import shipped_topic_arrays, shipped_topic_key
    from assist.intent import shipped_vector_key, shipped_vector_texts
    from assist.intent.taxonomy import default_taxonomy
    from retrievers.embeddings import MultilingualE5Small, UniversalSentenceEncoder

    def vectors_of(texts: list[str]) -> Build:
        return lambda encoder: {"vectors": np.asarray(encoder.embed(texts), dtype=np.float32).astype(np.float16)}

    out: list[tuple[str, str, str, Build]] = []
    for name in (UniversalSentenceEncoder.name, MultilingualE5Small.name):
        out.append(("ask_topics", shipped_topic_key(name), name, lambda encoder: shipped_topic_arrays(encoder.embed)))
    second = MultilingualE5Small.name
    for texts in shipped_vector_texts(default_taxonomy()):
        out.append(("intent", shipped_vector_key(texts, second), second, vectors_of(texts)))
    return out


def expected() -> list[tuple[str, str]]:
    """(kind, key) of every file the package must ship for today's exemplars, taxonomy, encoders and code."""
    return [(kind, key) for kind, key, _, _ in _builds()]


def stale(folder: Path | None = None) -> list[str]:
    """The shipped files missing for today's exemplars (``kind/key``; empty: all current)."""
    return [f"{kind}/{key}" for kind, key in expected() if not ((folder or SHIPPED) / kind / f"{key}.npz").is_file()]


def _encoder(name: str) -> Any:
    from retrievers.embeddings import MultilingualE5Small, default_embedder, second_embedder

    return second_embedder() if name == MultilingualE5Small.name else default_embedder()


def build(folder: Path | None = None, *, only_stale: bool = False) -> list[Path]:
    """Train every head and write it, in place of the files shipped before (the build command); with
    ``only_stale``, only the files missing, keeping the current ones."""
    target = folder or SHIPPED
    missing = set(stale(target))
    wanted = {f"{kind}/{key}" for kind, key in expected()}
    for old in target.glob("*/*.npz"):
        if not only_stale or old.relative_to(target).with_suffix("").as_posix() not in wanted:
            old.unlink()
    encoders: dict[str, Any] = {}
    written = []
    for kind, key, name, make in _builds():
        if only_stale and f"{kind}/{key}" not in missing:
            continue
        encoder = encoders.setdefault(name, _encoder(name))
        written.append(write_shipped(kind, key, make(encoder), target))
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true", help="train and write every shipped head")
    parser.add_argument("--build-stale", action="store_true", help="train and write only the missing heads")
    args = parser.parse_args()
    if args.build or args.build_stale:
        for path in build(only_stale=not args.build):
            print(f"{path}: {path.stat().st_size / 1024:.0f} KiB")  # noqa: T201
    missing = stale()
    print("stale: " + ", ".join(missing) if missing else "shipped heads are current")  # noqa: T201
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
