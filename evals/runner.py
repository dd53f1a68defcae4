"""Runs a suite: cases stream from the dataset through a bounded thread pool into the task adapter,
the scorers and ``results.jsonl``; metrics aggregate incrementally, so memory stays flat however
many cases there are. Then ``summary.json`` and ``report.html`` (see ``evals/report.py``).

Exit codes: 0 every threshold holds, 1 one falls short, 2 the run could not be made.
"""

from __future__ import annotations

import itertools
import json
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from assist.config import Settings, get_settings
from assist.errors import AssistError, ModelError, ServiceUnavailable
from assist.services import Services
from evals import compare
from evals.cache import CallStore, file_sha256, recording, stable_json, with_cache
from evals.datasets import Case, iter_cases
from evals.engines import build_engine
from evals.judge import as_text, pairwise
from evals.scorers import Score, ScoreContext, Scorer, build_scorer
from evals.stats import Mean, Quantiles
from evals.suite import Suite, SuiteError
from evals.tasks import TASKS, Task, TaskContext, to_json

TRANSIENT = (ModelError, ServiceUnavailable, TimeoutError, ConnectionError)
SHARED_SERVICES = ("db", "embedder", "policy_index", "order_store", "language_detector")
MAX_SLICE_VALUES = 40
BATCH = 16


@dataclass
class RunOptions:
    report_dir: Path
    prompt_versions: list[str] | None = None
    dataset: Path | None = None
    no_cache: bool = False
    repeat: int | None = None
    seed: int | None = None
    baseline: Path | None = None
    concurrency: int | None = None
    pairwise: bool = False
    limit: int | None = None
    settings: Settings | None = None
    cache_dir: Path | None = None
    service_overrides: dict[str, Any] = field(default_factory=dict)
    chat_model: Any = None  # a ready chat model for the task (library use, tests); overrides suite.engine
    grader_model: Any = None  # likewise for the grader role
    progress: Callable[[int], None] | None = None
    write_report: bool = True


@dataclass
class RunResult:
    exit_code: int
    summary: dict[str, Any]
    run_dir: Path


@dataclass
class Variant:
    """One (prompt version, repeat) combination with its own task context and metrics."""

    version: str
    repeat: int
    ctx: TaskContext
    score_ctx: ScoreContext
    metrics: dict[str, list[Any]]


class Aggregate:
    """Everything summary.json needs, updated one case at a time."""

    def __init__(self, versions: list[str]) -> None:
        self.cases = 0
        self.passed = dict.fromkeys(versions, 0)
        self.errors = dict.fromkeys(versions, 0)
        self.error_examples: list[dict[str, str]] = []
        self.latency = {v: Quantiles() for v in versions}
        self.latency_mean = {v: Mean() for v in versions}
        self.tokens = {
            v: {"input_tokens": 0, "output_tokens": 0, "calls": 0, "cached_calls": 0, "cost": 0.0, "grader_cost": 0.0}
            for v in versions
        }
        self.slices: dict[str, dict[str, dict[str, dict[str, Mean]]]] = {v: {} for v in versions}
        self.pairwise: dict[str, int] = {}

    def slice_update(self, version: str, slice_name: str, value: Any, scores: dict[str, Score], ok: bool) -> None:
        values = self.slices[version].setdefault(slice_name, {})
        key = str(value)
        if key not in values and len(values) >= MAX_SLICE_VALUES:
            key = "(other)"
        cell = values.setdefault(key, {})
        cell.setdefault("pass_rate", Mean()).add(1.0 if ok else 0.0)
        for name, score in scores.items():
            if score.value is not None:
                cell.setdefault(name, Mean()).add(score.value)


class Runner:
    def __init__(self, suite: Suite, options: RunOptions) -> None:
        self.suite = suite
        self.options = options
        self.task: Task = TASKS[suite.task]
        self.versions = options.prompt_versions or suite.prompt_versions
        self.repeat = options.repeat or suite.repeat
        self.seed = suite.seed if options.seed is None else options.seed
        self.scorers: list[Scorer] = [build_scorer(spec, i) for i, spec in enumerate(suite.scorers)]
        names = [s.name for s in self.scorers]
        if len(set(names)) != len(names):
            raise SuiteError(
                f"key 'scorers' has two scorers named the same ({names}); give one a different "
                "name (kappa, spearman, llm_judge take name:) or k"
            )
        self._check_thresholds()
        if options.pairwise and len(self.versions) != 2:
            raise SuiteError(f"--pairwise compares exactly two prompt versions, got {self.versions}")
        self.dataset_path = options.dataset.resolve() if options.dataset else suite.resolve_path(suite.dataset.path)
        if not self.dataset_path.is_file():
            raise SuiteError(f"dataset {self.dataset_path} not found")
        base = options.settings or get_settings()
        cache_dir = options.cache_dir or base.cache_dir / "evals"
        self.store = CallStore(cache_dir, read=not options.no_cache, write=not options.no_cache)
        self._workspace = tempfile.TemporaryDirectory(prefix="assist-eval-")
        self.settings = base.model_copy(update={"data_dir": Path(self._workspace.name), "load_demo": False})
        self.agg = Aggregate(self.versions)
        self._sliced = {s.name: s.sliced for s in self.scorers}
        self._gate = {s.name: s.gate for s in self.scorers}

    # --- setup ---------------------------------------------------------------------------------

    def _check_thresholds(self) -> None:
        known = {m for s in self.scorers for m in s.metric_names} | set(compare.RUN_METRICS)
        for key in self.suite.thresholds:
            if key not in known and key.split("[", 1)[0] not in known:
                raise SuiteError(
                    f"key 'thresholds.{key}' names no metric of this suite's scorers "
                    f"(known: {', '.join(sorted(known))})"
                )

    def _prompt_sha(self, task: str | None, version: str) -> str:
        if task is None:
            return "none"
        return file_sha256(Path(self.settings.prompts_dir) / task / f"{version}.md")

    def _services(self, version: str, chat_model: Any, base: Services | None, name: str = "base") -> Services:
        """Services for one (version, repeat): shared heavy clients, its own chat model, prompt version
        and data dir (so task-level caches such as translations never leak across versions or repeats)."""
        task_prompt = self.task.prompt
        versions = dict(self.settings.prompt_versions)
        if task_prompt:
            versions[task_prompt] = version
        data_dir = self.settings.data_dir if base is None else self.settings.data_dir / name
        settings = self.settings.model_copy(update={"prompt_versions": versions, "data_dir": data_dir})
        overrides = dict(self.options.service_overrides)
        if base is not None:
            overrides.update({n: base.__dict__[n] for n in SHARED_SERVICES if n in base.__dict__})
        if isinstance(getattr(Services, "chat_model", None), cached_property):
            overrides["chat_model"] = chat_model
        return Services(settings, **overrides)

    @cached_property
    def engines(self) -> tuple[Any, dict[str, Any], Any, dict[str, Any]]:
        if self.options.chat_model is not None:
            model = self.options.chat_model
            identity = {"chat": "given", "model": type(model).__name__}
        else:
            model, identity = build_engine(self.suite.engine, self.settings, "assistant", "engine")
        needs_grader = any(s.needs_grader for s in self.scorers) or self.options.pairwise
        if self.options.grader_model is not None:
            grader = self.options.grader_model
            return model, identity, grader, {"chat": "given", "model": type(grader).__name__}
        if needs_grader and self.suite.grader.chat == "none":
            raise SuiteError(
                "key 'grader.chat' is 'none' but the llm_judge scorer or --pairwise needs a grader "
                "model: set grader.chat to settings, openai or fake"
            )
        grader, grader_id = (
            build_engine(self.suite.grader, self.settings, "grader", "grader")
            if needs_grader
            else (None, {"chat": "none"})
        )
        return model, identity, grader, grader_id

    def _variants(self) -> list[Variant]:
        model, identity, grader, grader_id = self.engines
        self.base_services = self._services(self.versions[0], None, None)
        state: dict[str, Any] = {"resolve": lambda p: str(self._resolve(p))}
        setup_ctx = TaskContext(self.settings, self.base_services, None, self.suite.options, state)
        if self.task.setup is not None:
            self.task.setup(setup_ctx)
        detector = self._detector()
        judge_sha = stable_json(
            {p.name: file_sha256(p) for p in sorted(Path(self.settings.prompts_dir).glob("judge*/*.md"))}
        )
        scorer_versions = [s.version for s in self.scorers if s.needs_grader]
        variants = []
        for version in self.versions:
            for r in range(self.repeat):
                seed = self.seed + r
                namespace = {
                    "task": self.suite.task,
                    "engine": identity,
                    "seed": seed,
                    "prompt": self._prompt_sha(self.task.prompt, version),
                }
                chat = with_cache(model, self.store.view(namespace, "task"), seed) if model is not None else None
                grader_ns = {
                    "role": "grader",
                    "engine": grader_id,
                    "seed": seed,
                    "judge_prompts": judge_sha,
                    "scorers": scorer_versions,
                }
                graded = with_cache(grader, self.store.view(grader_ns, "grader"), seed) if grader is not None else None
                services = self._services(version, chat, self.base_services, f"{version}-{r}")
                ctx = TaskContext(services.settings, services, chat, self.suite.options, state, version, r, seed)
                if self.task.prepare is not None:
                    self.task.prepare(ctx)
                score_ctx = ScoreContext(graded, detector, services, state, self.task.text_of)
                metrics = {s.name: s.new_metrics() for s in self.scorers}
                variants.append(Variant(version, r, ctx, score_ctx, metrics))
        self.grader = variants[0].score_ctx.grader if variants else None
        return variants

    def _detector(self) -> Any:
        if not any(s.name == "language_match" for s in self.scorers):
            return None
        return self.base_services.language_detector

    def _resolve(self, path: str) -> Path:
        return self.suite.resolve_path(path)

    # --- one case ------------------------------------------------------------------------------

    def _run_task(self, case: Case, ctx: TaskContext) -> tuple[Any, str | None]:
        error = None
        for attempt in range(self.suite.retries + 1):
            try:
                return to_json(self.task.run(case, ctx)), None
            except TRANSIENT as exc:
                error = f"{type(exc).__name__}: {exc}"
                time.sleep(min(0.2 * 2**attempt, 2.0))
            except AssistError as exc:
                return None, f"{type(exc).__name__}: {exc}"
            except Exception as exc:  # a bug in a task must not stop a 20k-case run: record it on the case
                return None, f"{type(exc).__name__}: {exc}"
        return None, error

    def _price(self, tokens_in: int, tokens_out: int) -> float:
        p = self.suite.pricing
        return tokens_in / 1e6 * p.input_per_1m + tokens_out / 1e6 * p.output_per_1m

    def evaluate(self, case: Case, variants: list[Variant]) -> dict[str, Any]:
        runs = []
        for variant in variants:
            with recording() as log:
                started = time.perf_counter()
                output, error = self._run_task(case, variant.ctx)
                latency_ms = (time.perf_counter() - started) * 1000
                scores: dict[str, Score] = {}
                prior: dict[str, Any] = {}
                if output is not None:
                    for scorer in self.scorers:
                        try:
                            score = scorer.score(case, output, variant.score_ctx, prior)
                        except Exception as exc:  # noqa: BLE001 - reported on the case
                            score = Score(None, False, f"scorer error: {type(exc).__name__}: {exc}")
                        scores[scorer.name] = score
                        prior[scorer.name] = score.public()
            task_calls = [c for c in log.calls if c.role == "task"]
            grader_calls = [c for c in log.calls if c.role == "grader"]
            tokens_in, tokens_out = _tokens(task_calls)
            grader_in, grader_out = _tokens(grader_calls)
            runs.append(
                {
                    "variant": variant.version,
                    "repeat": variant.repeat,
                    "seed": variant.ctx.seed,
                    "output": output,
                    "error": error,
                    "latency_ms": round(latency_ms, 3),
                    "engine": (output or {}).get("engine") if isinstance(output, dict) else None,
                    "prompt": "\n\n----\n\n".join(c.prompt for c in task_calls) or None,
                    "model_calls": len(task_calls),
                    "cached_calls": sum(c.cached for c in task_calls),
                    "input_tokens": tokens_in,
                    "output_tokens": tokens_out,
                    "cost": self._price(tokens_in, tokens_out),
                    "grader_cost": self._price(grader_in, grader_out),
                    "scores": scores,
                    "passed": error is None and all(s.passed is not False for n, s in scores.items() if self._gate[n]),
                }
            )
        row: dict[str, Any] = {"id": case.id, "data": case.data, "runs": runs}
        row["passed"] = all(r["passed"] for r in runs)
        if self.options.pairwise:
            row["pairwise"] = self._pairwise(case, runs)
        return row

    def _pairwise(self, case: Case, runs: list[dict[str, Any]]) -> dict[str, Any]:
        outputs = {
            r["variant"]: self.task.text_of(r["output"]) if r["output"] is not None else ""
            for r in runs
            if r["repeat"] == 0
        }
        rubric = self.suite.options.get(
            "pairwise_rubric",
            "Which reply better serves the buyer: correct, grounded "
            "in the shop's policy and order data, in the buyer's language, polite.",
        )
        text = as_text(case.get("conversation") or case.get("text") or case.data)
        with recording():
            return pairwise(self.grader, rubric, text, outputs, f"{self.seed}:{case.id}")

    # --- the run -------------------------------------------------------------------------------

    def _absorb(self, row: dict[str, Any], variants: list[Variant]) -> None:
        agg = self.agg
        agg.cases += 1
        by_key = {(v.version, v.repeat): v for v in variants}
        for run in row["runs"]:
            version = run["variant"]
            variant = by_key[(version, run["repeat"])]
            for name, score in run["scores"].items():
                for metric in variant.metrics[name]:
                    metric.update(score)
            if run["error"]:
                agg.errors[version] += 1
                if len(agg.error_examples) < 20:
                    agg.error_examples.append({"id": row["id"], "variant": version, "error": run["error"]})
            agg.latency[version].add(run["latency_ms"])
            agg.latency_mean[version].add(run["latency_ms"])
            t = agg.tokens[version]
            for key in ("input_tokens", "output_tokens", "cost", "grader_cost"):
                t[key] += run[key]
            t["calls"] += run["model_calls"]
            t["cached_calls"] += run["cached_calls"]
            for slice_name in self.suite.slices:
                value = Case(row["id"], row["data"]).get(slice_name, "(none)")
                sliced = {n: sc for n, sc in run["scores"].items() if self._sliced[n]}
                agg.slice_update(version, slice_name, value, sliced, run["passed"])
            run["scores"] = {n: s.public() for n, s in run["scores"].items()}
        for version in self.versions:
            if all(r["passed"] for r in row["runs"] if r["variant"] == version):
                agg.passed[version] += 1
        if "pairwise" in row:
            winner = str(row["pairwise"].get("winner") or "failed")
            agg.pairwise[winner] = agg.pairwise.get(winner, 0) + 1

    def _cases(self) -> Iterator[Case]:
        spec = self.suite.dataset
        if self.options.limit:
            spec = spec.model_copy(update={"limit": self.options.limit})
        return iter_cases(spec, self.dataset_path)

    def _evaluate_batch(self, cases: list[Case], variants: list[Variant]) -> list[dict[str, Any]]:
        return [self.evaluate(case, variants) for case in cases]

    def _evaluated(self, variants: list[Variant], concurrency: int) -> Iterator[list[dict[str, Any]]]:
        """Rows in dataset order, at most ``2 * concurrency`` batches in flight. The first cases go one per
        batch (full parallelism for small suites and slow model calls); later ones in batches of
        ``BATCH`` so that thread hand-offs do not dominate cheap tasks on large datasets."""
        cases = self._cases()
        if concurrency == 1:
            for case in cases:
                yield [self.evaluate(case, variants)]
            return
        with ThreadPoolExecutor(concurrency) as pool:
            window: deque[Future[list[dict[str, Any]]]] = deque()
            seen = 0
            while True:
                size = 1 if seen < 8 * concurrency else BATCH
                batch = list(itertools.islice(cases, size))
                if not batch:
                    break
                seen += len(batch)
                window.append(pool.submit(self._evaluate_batch, batch, variants))
                if len(window) >= 2 * concurrency:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()

    def run(self) -> RunResult:
        started = time.time()
        run_dir = self.options.report_dir
        run_dir.mkdir(parents=True, exist_ok=True)
        variants = self._variants()
        results_path = run_dir / "results.jsonl"
        concurrency = self.options.concurrency or self.suite.concurrency
        try:
            with open(results_path, "w", encoding="utf-8") as out:
                for rows in self._evaluated(variants, concurrency):
                    for row in rows:
                        self._absorb(row, variants)
                        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
                        if self.options.progress:
                            self.options.progress(self.agg.cases)
        finally:
            for variant in variants:
                for name in SHARED_SERVICES:  # the base owns the shared clients and closes them once
                    variant.ctx.services.__dict__.pop(name, None)
                variant.ctx.services.close()
            self.base_services.close()
            self._workspace.cleanup()
        summary = compare.summarize(self, variants, time.time() - started, started)
        if self.options.baseline:
            summary["baseline"] = compare.against_baseline(self.options.baseline, results_path, summary)
        (run_dir / "summary.json").write_text(
            json.dumps(summary, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
        if self.options.write_report:
            from evals.report import write_report

            write_report(run_dir, summary, results_path)
        return RunResult(summary["exit_code"], summary, run_dir)


def _tokens(calls: list[Any]) -> tuple[int, int]:
    """Token usage the endpoint reported; counted with ``assist.tokens`` when it reported none."""
    total_in = total_out = 0
    for call in calls:
        if not call.input_tokens or not call.output_tokens:
            from assist.tokens import count_tokens

            call.input_tokens = call.input_tokens or count_tokens(call.prompt)
            call.output_tokens = call.output_tokens or count_tokens(call.output)
        total_in += call.input_tokens
        total_out += call.output_tokens
    return total_in, total_out


def run_suite(suite: Suite, options: RunOptions) -> RunResult:
    return Runner(suite, options).run()


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
