"""A server's warm-up, timed step by step, with an empty and with a filled build cache.

Each run is a fresh process on a fresh data folder that runs the warm-up a server runs at start
(:meth:`assist.services.Services.warm_up`) and reports when a card could be answered (``card_ready``), when the
warm-up ended, and each step's seconds. The first run starts from an empty build cache (the machine's first
start: GeoNames maps, dictionaries and the default intent model built and stored, :mod:`assist.model_cache`);
the later ones read it (every later start on the machine, whatever its data folder).

    .venv/bin/python -m bench.startup [--runs 2] [--root PATH]

``--root``: the tree whose code runs (default: this one), to time another commit the same way (an older tree
without per-step times prints the totals only).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, logging, os, sys, time
logging.basicConfig(level=logging.ERROR)
started = time.perf_counter()
from assist.config import Settings
from assist.services import Services
services = Services(Settings(data_dir=sys.argv[1], environment="development", load_demo=False))
services.start_warm_up()
card = getattr(services, "card_ready", services.warm)
card.wait()
card_at = time.perf_counter() - started
services.warm.wait()
out = {"card ready": card_at, "warm": time.perf_counter() - started}
out.update(getattr(services, "warm_up_seconds", {}))
print("STARTUP " + json.dumps(out), flush=True)
"""


def one_run(root: Path, build_cache: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="startup-") as data:
        env = os.environ | {
            "ASSIST_BUILD_CACHE": str(build_cache),
            "HF_HUB_OFFLINE": "1",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
        }
        done = subprocess.run(
            [sys.executable, "-c", CHILD, data], env=env, cwd=root, capture_output=True, text=True, check=False
        )
    line = next((x for x in done.stdout.splitlines() if x.startswith("STARTUP ")), None)
    if line is None:
        raise RuntimeError(f"the warm-up run failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return {key: float(value) for key, value in json.loads(line[len("STARTUP ") :]).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2, help="the first with an empty build cache")
    parser.add_argument("--root", type=Path, default=ROOT, help="the tree whose code runs")
    args = parser.parse_args()
    rows: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="build-cache-") as cache:
        for _ in range(args.runs):
            rows.append(one_run(args.root.resolve(), Path(cache)))
    columns = list(dict.fromkeys(key for row in rows for key in row))
    print(f"{args.root}: seconds from the process start (card ready, warm) and per warm-up step")  # noqa: T201
    print("| | " + " | ".join(f"run {i + 1}" + (" (empty cache)" if i == 0 else "") for i in range(len(rows))) + " |")  # noqa: T201
    print("|---" * (len(rows) + 1) + "|")  # noqa: T201
    for column in columns:
        print(f"| {column} | " + " | ".join(f"{row.get(column, float('nan')):.1f}" for row in rows) + " |")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
