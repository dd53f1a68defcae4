"""Batch scorecards for a JSONL file of conversations (``assist qa score``), streaming and bounded.

Each input line is a conversation, or ``{"conversation": {...}, "order": {...}, "policies": [...]}``.
Results are written in input order as they finish (JSONL: one scorecard per line; CSV: one row with
a column per category). At most ``workers * 2`` chunks are in flight, so memory stays flat however
long the file is. Engines: ``local`` (this process, or a process pool with ``workers > 1``) and
``ray`` (the same function as Ray tasks: a local Ray runtime, or the cluster ``RAY_ADDRESS`` names).
A line that does not parse or validate becomes an error record; the run goes on.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from assist.errors import AssistError, InvalidInput, ServiceUnavailable
from assist.models import Conversation, Order, PolicyPassage
from assist.quality.scorecard import CATEGORIES, config_for_shop, parse_config

_STATE: dict[str, Any] = {}


@dataclass
class BatchOptions:
    shop_settings: dict[str, Any] = field(default_factory=dict)
    scorecard: dict[str, Any] | None = None  # a full scorecard mapping (replaces the default)
    tone: str = "model"  # model | lexicon
    quality_model: str | None = None  # path of a conversation-quality model file (overall score); None: rules

    def config(self):  # type: ignore[no-untyped-def]
        base = parse_config(self.scorecard, "scorecard file") if self.scorecard else None
        return config_for_shop(self.shop_settings, base)


@dataclass
class BatchStats:
    scored: int = 0
    errors: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return (self.scored + self.errors) / self.seconds if self.seconds else 0.0


def _tools(options: BatchOptions) -> tuple[Any, Any, Any]:
    """The tone classifier, language detector and rubric, built once per process."""
    key = json.dumps(
        [options.tone, options.shop_settings.get("scorecard"), options.scorecard, options.quality_model],
        sort_keys=True,
        default=str,
    )
    if _STATE.get("key") != key:
        from assist.language import FastTextDetector
        from assist.quality.tone import ToneClassifier

        embedder = None
        if options.tone == "model" or options.quality_model:
            from retrievers.embeddings import UniversalSentenceEncoder

            embedder = UniversalSentenceEncoder(threads=1)
        model = None
        if options.quality_model:
            from pathlib import Path

            from assist.quality.overall import QualityModel

            model = QualityModel.from_json(json.loads(Path(options.quality_model).read_text(encoding="utf-8")))
        _STATE.update(
            key=key,
            tone=ToneClassifier(embedder if options.tone == "model" else None),
            detector=FastTextDetector(),
            config=options.config(),
            model=model,
            embedder=embedder,
        )
    return _STATE["tone"], _STATE["detector"], _STATE["config"]


def score_line(line_no: int, line: str, options: BatchOptions) -> dict[str, Any]:
    """One scorecard (as JSON-ready dict) or an error record for one input line."""
    from assist.quality.scorecard import score_conversation

    tone, detector, config = _tools(options)
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise InvalidInput("each line must be a JSON object (a conversation)")
        data = record.get("conversation", record)
        conversation = Conversation.model_validate(data)
        order = Order.model_validate(record["order"]) if record.get("order") else None
        policies = [PolicyPassage.model_validate(p) for p in record.get("policies", [])]
        card = score_conversation(
            conversation,
            config=config,
            order=order,
            policies=policies,
            shop_settings=options.shop_settings,
            tone=tone,
            language_detector=detector,
            quality_model=_STATE.get("model"),
            embedder=_STATE.get("embedder"),
        )
    except (json.JSONDecodeError, ValidationError, AssistError) as exc:
        message = (
            str(exc).splitlines()[0]
            if not isinstance(exc, ValidationError)
            else "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:3])
        )
        return {"line": line_no, "error": message}
    out = card.model_dump(mode="json")
    out["line"] = line_no
    if card.conversation_id is None:
        out["conversation_id"] = f"line-{line_no}"
    return out


def score_chunk(chunk: list[tuple[int, str]], options: BatchOptions) -> list[dict[str, Any]]:
    return [score_line(n, line, options) for n, line in chunk]


def _chunks(path: Path, size: int) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                chunk.append((n, line))
            if len(chunk) >= size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


class ScorecardWriter:
    """JSONL (full scorecards) or CSV (one row per conversation, a score column per category)."""

    def __init__(self, fh: IO[str], fmt: str) -> None:
        self.fh, self.fmt = fh, fmt
        self.csv = None
        if fmt == "csv":
            self.csv = csv.writer(fh)
            self.csv.writerow(
                [
                    "line",
                    "conversation_id",
                    "total",
                    "passed",
                    "agents",
                    "first_response_minutes",
                    "avg_response_minutes",
                    *CATEGORIES,
                    "failed_categories",
                    "error",
                ]
            )

    def write(self, result: dict[str, Any]) -> None:
        if self.csv is None:
            self.fh.write(json.dumps(result, ensure_ascii=False) + "\n")
            return
        if "error" in result:
            self.csv.writerow([result["line"], "", "", "", "", "", "", *[""] * len(CATEGORIES), "", result["error"]])
            return
        cats = {c["name"]: c for c in result["categories"]}
        self.csv.writerow(
            [
                result["line"],
                result["conversation_id"],
                result["total"],
                result["passed"],
                " ".join(result["agents"]),
                result["first_response_minutes"],
                result["avg_response_minutes"],
                *[cats[n]["score"] if n in cats and cats[n]["applicable"] else "" for n in CATEGORIES],
                " ".join(n for n, c in cats.items() if c["applicable"] and not c["passed"]),
                "",
            ]
        )


def _run_local(
    chunks: Iterator[list[tuple[int, str]]],
    options: BatchOptions,
    workers: int,
    emit: Callable[[list[dict[str, Any]]], None],
) -> None:
    if workers <= 1:
        for chunk in chunks:
            emit(score_chunk(chunk, options))
        return
    # spawn, not fork: the parent may hold model threads (USE, fastText) that a fork would copy half-locked
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: list[Future[list[dict[str, Any]]]] = []
        for chunk in chunks:
            pending.append(pool.submit(score_chunk, chunk, options))
            if len(pending) >= workers * 2:
                emit(pending.pop(0).result())
        for future in pending:
            emit(future.result())


def _start_ray(ray: Any, workers: int) -> None:
    """A local Ray runtime (or the cluster in RAY_ADDRESS); one retry, since Ray gives its raylet only 30 s
    to come up and a busy machine can miss that."""
    for attempt in (1, 2):
        try:
            ray.init(num_cpus=max(1, workers), include_dashboard=False, log_to_driver=False, configure_logging=False)
            return
        except Exception as exc:  # Ray raises a bare Exception on a startup timeout
            ray.shutdown()
            if attempt == 2 or "timed out" not in str(exc):
                raise ServiceUnavailable(f"could not start Ray: {exc}") from exc


def _run_ray(
    chunks: Iterator[list[tuple[int, str]]],
    options: BatchOptions,
    workers: int,
    emit: Callable[[list[dict[str, Any]]], None],
) -> None:
    try:
        import ray
    except ImportError as exc:
        raise InvalidInput("--engine ray needs Ray: pip install 'assist[ray]'") from exc
    started = not ray.is_initialized()
    if started:
        _start_ray(ray, workers)
    try:
        task = ray.remote(score_chunk)
        pending = []
        for chunk in chunks:
            pending.append(task.remote(chunk, options))
            if len(pending) >= max(1, workers) * 2:
                emit(ray.get(pending.pop(0)))
        for ref in pending:
            emit(ray.get(ref))
    finally:
        if started:
            ray.shutdown()


def score_file(
    path: Path,
    out: IO[str],
    *,
    fmt: str = "jsonl",
    engine: str = "local",
    workers: int = 1,
    options: BatchOptions | None = None,
    chunk_size: int = 50,
    progress: bool = True,
) -> BatchStats:
    """Score every conversation in ``path`` and write the results to ``out`` in input order."""
    if engine not in ("local", "ray"):
        raise InvalidInput(f"unknown engine {engine!r}; use 'local' or 'ray'")
    if not path.is_file():
        raise InvalidInput(f"input file {path} not found")
    options = options or BatchOptions()
    options.config()  # a bad rubric fails before any work starts
    writer, stats = ScorecardWriter(out, fmt), BatchStats()
    with path.open(encoding="utf-8") as fh:
        total_lines = sum(1 for line in fh if line.strip())
    from tqdm import tqdm

    bar = tqdm(total=total_lines, unit="conv", disable=not progress, desc="scoring")

    def emit(results: list[dict[str, Any]]) -> None:
        for result in results:
            writer.write(result)
            if "error" in result:
                stats.errors += 1
            else:
                stats.scored += 1
        bar.update(len(results))

    started = time.perf_counter()
    runner = _run_ray if engine == "ray" else _run_local
    try:
        runner(_chunks(path, chunk_size), options, workers, emit)
    finally:
        bar.close()
        stats.seconds = time.perf_counter() - started
    return stats
