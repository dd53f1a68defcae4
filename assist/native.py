"""Thread limits for native maths libraries (BLAS/OpenMP), set once when the process starts.

Changing BLAS/OpenMP thread counts at run time, while other threads run native code (the EN<->PT engine
loading its model, a second embedding call), crashed the server with a segfault. So the limits are set
exactly once, through the standard environment variables, before NumPy loads its BLAS library; a value
already in the environment wins. If NumPy was imported before ``assist`` (a host program embedding the
library), the same limit is applied once here, at import time, and never again.
"""

from __future__ import annotations

import os
import sys

THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)
# One thread per native call: requests already run on several worker threads, and with more BLAS
# threads a busy 2-core machine got ~15x slower (measured in bench/retrieval.py).
DEFAULT_THREADS = 1

_applied = False


def limit_native_threads(threads: int = DEFAULT_THREADS) -> None:
    """Set BLAS/OpenMP thread limits for this process; only the first call does anything."""
    global _applied
    if _applied:
        return
    _applied = True
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, str(threads))
    if "numpy" in sys.modules:  # BLAS already loaded: the variables came too late, apply them once now
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
            return
        threadpool_limits(limits=int(os.environ["OPENBLAS_NUM_THREADS"]), user_api="blas")
