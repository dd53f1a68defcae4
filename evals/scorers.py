"""Scorers: small factories that judge one case's output and carry the metrics that aggregate them.

    scorer = accuracy(field="intent", target="label")
    score = scorer.score(case, output, ctx)        # Score(value=1.0, passed=True, ...)
    metric = scorer.new_metrics()[0]; metric.update(score); metric.results() -> {"accuracy": 1.0}

Field paths are dotted, ``*`` fans out over lists, and a path may start with ``output.`` (the task's
answer, the default), ``case.`` (the dataset row) or ``scores.<scorer>.`` (an earlier scorer's result).
Text metrics (chrF, BLEU, ROUGE) live in ``evals/textmetrics.py``; judges in ``evals/judge.py``.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from evals.cache import source_hash, stable_json
from evals.datasets import Case
from evals.stats import Confusion, Mean, Pairs
from evals.suite import ScorerSpec, SuiteError


@dataclass
class Score:
    value: float | None
    passed: bool | None = None
    explanation: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        return {"value": self.value, "passed": self.passed, "explanation": self.explanation}


class Metric(Protocol):
    def update(self, score: Score) -> None: ...

    def results(self) -> dict[str, float | None]: ...

    def tables(self) -> dict[str, Any]: ...


@dataclass
class ScoreContext:
    """What scorers may use besides the case: the grader model, the language detector, task state."""

    grader: Any = None
    detector: Any = None
    services: Any = None
    state: dict[str, Any] = field(default_factory=dict)
    text_of: Callable[[Any], str] = str


@dataclass
class Scorer:
    name: str
    fn: Callable[[Case, Any, ScoreContext, dict[str, Any]], Score]
    metrics: list[Callable[[], Metric]]
    metric_names: list[str]
    version: str = ""
    needs_grader: bool = False
    sliced: bool = True  # per-case values are meaningful per slice (not for corpus-only statistics)
    gate: bool = True  # a per-case failure fails the case

    def score(self, case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any] | None = None) -> Score:
        return self.fn(case, output, ctx, prior or {})

    def new_metrics(self) -> list[Metric]:
        return [make() for make in self.metrics]


# --- field access ----------------------------------------------------------------------------


def values_at(root: Any, path: str) -> list[Any]:
    """All values at a dotted path; ``*`` fans out over a list."""
    current = [root]
    for part in path.split("."):
        nxt: list[Any] = []
        for value in current:
            if part == "*" and isinstance(value, list):
                nxt.extend(value)
            elif isinstance(value, dict) and part in value:
                nxt.append(value[part])
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                nxt.append(value[int(part)])
        current = [v for v in nxt if v is not None]
    return current


def lookup(path: str, case: Case, output: Any, prior: dict[str, Any]) -> list[Any]:
    head, _, rest = path.partition(".")
    if head == "case":
        return values_at(case.data, rest)
    if head == "scores":
        return values_at(prior, rest)
    if head == "output":
        return values_at(output, rest) if rest else [output]
    return values_at(output, path)


def first(path: str, case: Case, output: Any, prior: dict[str, Any]) -> Any:
    found = lookup(path, case, output, prior)
    return found[0] if found else None


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


# --- metrics ---------------------------------------------------------------------------------


class MeanMetric:
    def __init__(self, name: str, key: str = "value") -> None:
        self.name = name
        self.key = key
        self.mean = Mean()

    def update(self, score: Score) -> None:
        value = score.value if self.key == "value" else score.data.get(self.key)
        if value is not None:
            self.mean.add(float(value))

    def results(self) -> dict[str, float | None]:
        return {self.name: self.mean.value}

    def tables(self) -> dict[str, Any]:
        return {}


class ConfusionMetric:
    """Confusion counts from ``score.data['target'] / ['predicted']``: macro-F1 or kappa, plus the matrix."""

    def __init__(self, name: str, statistic: str, over: str = "targets") -> None:
        self.name = name
        self.statistic = statistic
        self.over = over
        self.confusion = Confusion()

    def update(self, score: Score) -> None:
        if "target" in score.data and score.data.get("predicted") is not None:
            self.confusion.add(str(score.data["target"]), str(score.data["predicted"]))

    def results(self) -> dict[str, float | None]:
        value = self.confusion.macro_f1(self.over) if self.statistic == "macro_f1" else self.confusion.kappa()
        return {self.name: value}

    def tables(self) -> dict[str, Any]:
        if not self.confusion.total:
            return {}
        return {
            f"{self.name}: confusion (rows: expected, columns: predicted)": {
                "kind": "confusion",
                **self.confusion.matrix(),
                "per_label": self.confusion.per_label(),
            }
        }


class CheckMetric:
    """Per-check precision/recall from must_fire / must_not_fire expectations."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {}

    def update(self, score: Score) -> None:
        for check, outcome in score.data.get("outcomes", {}).items():
            self.counts.setdefault(check, {"tp": 0, "fp": 0, "fn": 0, "tn": 0})[outcome] += 1

    @staticmethod
    def _pr(c: dict[str, int]) -> tuple[float | None, float | None]:
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        return precision, recall

    def results(self) -> dict[str, float | None]:
        total = {k: sum(c[k] for c in self.counts.values()) for k in ("tp", "fp", "fn", "tn")}
        precision, recall = self._pr(total)
        out: dict[str, float | None] = {"qa_precision": precision, "qa_recall": recall}
        for check, c in sorted(self.counts.items()):
            out[f"qa_precision[{check}]"], out[f"qa_recall[{check}]"] = self._pr(c)
        return out

    def tables(self) -> dict[str, Any]:
        rows = [[check, c["tp"], c["fp"], c["fn"], c["tn"], *self._pr(c)] for check, c in sorted(self.counts.items())]
        if not rows:
            return {}
        return {
            "QA checks: per-check precision/recall": {
                "kind": "table",
                "columns": ["check", "tp", "fp", "fn", "tn", "precision", "recall"],
                "rows": rows,
            }
        }


class SpearmanMetric:
    def __init__(self, name: str) -> None:
        self.name = name
        self.pairs = Pairs()

    def update(self, score: Score) -> None:
        if score.data.get("x") is not None and score.data.get("y") is not None:
            self.pairs.add(float(score.data["x"]), float(score.data["y"]))

    def results(self) -> dict[str, float | None]:
        return {self.name: self.pairs.spearman()}

    def tables(self) -> dict[str, Any]:
        return {}


# --- scorer factories ------------------------------------------------------------------------


def _label_score(case: Case, output: Any, prior: dict[str, Any], fld: str, target: str) -> Score:
    expected = first(target, case, output, prior)
    predicted = first(fld, case, output, prior)
    if expected is None:
        return Score(None, None, f"no expected value at {target}")
    ok = predicted is not None and str(predicted) == str(expected)
    return Score(
        1.0 if ok else 0.0,
        ok,
        f"expected {expected}, got {predicted}",
        {"target": str(expected), "predicted": None if predicted is None else str(predicted)},
    )


def accuracy(field: str = "intent", target: str = "case.label") -> Scorer:
    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        return _label_score(case, output, prior, field, target)

    return Scorer("accuracy", fn, [lambda: MeanMetric("accuracy")], ["accuracy"])


def macro_f1(field: str = "intent", target: str = "case.label", over: str = "targets") -> Scorer:
    """Macro-F1 over the expected labels (``over: all`` also averages in labels only ever predicted)."""
    if over not in ("targets", "all"):
        raise SuiteError(f"macro_f1: over must be 'targets' or 'all', got {over!r}")

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        return _label_score(case, output, prior, field, target)

    return Scorer("macro_f1", fn, [lambda: ConfusionMetric("macro_f1", "macro_f1", over)], ["macro_f1"], sliced=False)


def kappa(
    field: str, target: str, field_above: float | None = None, target_above: float | None = None, name: str = "kappa"
) -> Scorer:
    """Cohen's kappa between a prediction and a (human) label; numbers may be binarised (value > x)."""

    def binarise(value: Any, above: float | None) -> Any:
        if isinstance(value, bool):
            return "pass" if value else "fail"
        if above is None or value is None:
            return value
        return "pass" if float(value) > above else "fail"

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        expected = binarise(first(target, case, output, prior), target_above)
        predicted = binarise(first(field, case, output, prior), field_above)
        if expected is None or predicted is None:
            return Score(None, None, f"missing {target if expected is None else field}")
        ok = str(expected) == str(predicted)
        return Score(
            1.0 if ok else 0.0,
            None,
            f"human {expected}, predicted {predicted}",
            {"target": str(expected), "predicted": str(predicted)},
        )

    return Scorer(
        name,
        fn,
        [lambda: ConfusionMetric(name, "kappa"), lambda: MeanMetric(f"{name}_raw_agreement")],
        [name, f"{name}_raw_agreement"],
        sliced=False,
    )


def spearman(field: str, target: str, name: str = "spearman") -> Scorer:
    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        x, y = first(field, case, output, prior), first(target, case, output, prior)
        if x is None or y is None:
            return Score(None, None, f"missing {field if x is None else target}")
        return Score(
            None,
            None,
            f"{field}={x}, {target}={y:.2f}" if isinstance(y, float) else f"{x} vs {y}",
            {"x": float(x), "y": float(y)},
        )

    return Scorer(name, fn, [lambda: SpearmanMetric(name)], [name], sliced=False)


def _relevant_hit(passage: dict[str, Any], relevant: Any) -> bool:
    if isinstance(relevant, str):
        return relevant in (passage.get("id"), passage.get("anchor"), passage.get("source"))
    topic, anchor = relevant.get("topic"), relevant.get("anchor")
    source = str(passage.get("source") or passage.get("id") or "")
    stem = source.rsplit("/", 1)[-1].split("#", 1)[0].removesuffix(".md")
    topic_ok = topic is None or stem == topic
    anchor_ok = anchor is None or passage.get("anchor") == anchor
    return topic_ok and anchor_ok


def _ranks(case: Case, output: Any, prior: dict[str, Any], target: str, passages: str) -> tuple[list[int], int]:
    relevant = lookup(target, case, output, prior)
    relevant = relevant[0] if len(relevant) == 1 and isinstance(relevant[0], list) else relevant
    found = lookup(passages, case, output, prior)
    found = found[0] if len(found) == 1 and isinstance(found[0], list) else found
    ranks = []
    for item in relevant:
        rank = next((i + 1 for i, p in enumerate(found) if isinstance(p, dict) and _relevant_hit(p, item)), 0)
        ranks.append(rank)
    return ranks, len(relevant)


def recall_at_k(k: int = 5, target: str = "case.relevant", passages: str = "passages") -> Scorer:
    name = f"recall@{k}"

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        ranks, total = _ranks(case, output, prior, target, passages)
        if not total:
            return Score(None, None, "no relevant passages listed")
        hits = sum(1 for r in ranks if 0 < r <= k)
        return Score(hits / total, hits > 0, f"{hits}/{total} relevant in top {k} (ranks {ranks})")

    return Scorer(name, fn, [lambda: MeanMetric(name)], [name])


def mrr(target: str = "case.relevant", passages: str = "passages") -> Scorer:
    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        ranks, total = _ranks(case, output, prior, target, passages)
        if not total:
            return Score(None, None, "no relevant passages listed")
        best = min((r for r in ranks if r > 0), default=0)
        return Score(1 / best if best else 0.0, None, f"first relevant at rank {best or 'none'}")

    return Scorer("mrr", fn, [lambda: MeanMetric("mrr")], ["mrr"])


def qa_checks(
    issues: str = "issues", must_fire: str = "case.must_fire", must_not_fire: str = "case.must_not_fire"
) -> Scorer:
    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        fired: set[Any] = {i.get("check") for i in lookup(f"{issues}.*", case, output, prior) if isinstance(i, dict)}
        expected_on = set(lookup(f"{must_fire}.*", case, output, prior))
        expected_off = set(lookup(f"{must_not_fire}.*", case, output, prior))
        outcomes = {c: ("tp" if c in fired else "fn") for c in expected_on}
        outcomes.update({c: ("fp" if c in fired else "tn") for c in expected_off})
        wrong = sorted(c for c, o in outcomes.items() if o in ("fp", "fn"))
        ok = not wrong
        why = f"fired {sorted(fired)}; " + (f"wrong: {wrong}" if wrong else "as expected")
        return Score(1.0 if ok else 0.0, ok, why, {"outcomes": outcomes})

    return Scorer(
        "qa_checks",
        fn,
        [CheckMetric, lambda: MeanMetric("qa_case_accuracy")],
        ["qa_precision", "qa_recall", "qa_case_accuracy"],
    )


def language_match(text: str = "text", target: str = "case.target_language", min_chars: int = 4) -> Scorer:
    """Share of output texts whose detected language is the expected one (the language detector decides)."""

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        expected = first(target, case, output, prior)
        texts = [t for t in lookup(text, case, output, prior) if isinstance(t, str) and len(t.strip()) >= min_chars]
        if expected is None or not texts or ctx.detector is None:
            return Score(None, None, "no expected language, no text, or no detector")
        found = [ctx.detector.detect(t).language for t in texts]
        share = sum(1 for f in found if f == str(expected).split("-")[0]) / len(found)
        return Score(share, share == 1.0, f"expected {expected}, detected {found}")

    return Scorer("language_match", fn, [lambda: MeanMetric("language_match")], ["language_match"])


def forbidden_promises(
    patterns: list[str] | None = None, text: str = "suggestions.*.text", case_terms: str | None = None
) -> Scorer:
    """1 when no output text matches a forbidden promise: case-insensitive regexes (any language), plus
    literal terms listed per case at ``case_terms`` (e.g. ``case.forbidden`` for prompt-injection sets)."""
    try:
        compiled = [re.compile(p, re.IGNORECASE) for p in patterns or []]
    except re.error as exc:
        raise SuiteError(f"forbidden_promises: bad pattern: {exc}") from None
    if not compiled and not case_terms:
        raise SuiteError("forbidden_promises: give patterns, case_terms or both")

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        extra = [
            re.compile(re.escape(str(t)), re.IGNORECASE)
            for t in (lookup(f"{case_terms}.*", case, output, prior) if case_terms else [])
        ]
        hits = [
            m.group(0)
            for t in lookup(text, case, output, prior)
            if isinstance(t, str)
            for p in [*compiled, *extra]
            if (m := p.search(t))
        ]
        return Score(0.0 if hits else 1.0, not hits, f"forbidden: {hits}" if hits else "none found")

    return Scorer("forbidden_promises", fn, [lambda: MeanMetric("promise_free")], ["promise_free"])


SCORERS: dict[str, Callable[..., Scorer]] = {}


def register_scorer(name: str, factory: Callable[..., Scorer]) -> None:
    """Make ``factory`` usable as ``scorers: [{name: ...}]`` in suites."""
    SCORERS[name] = factory


def _registry() -> dict[str, Callable[..., Scorer]]:
    from evals import judge, textmetrics

    builtin: dict[str, Callable[..., Scorer]] = {
        "accuracy": accuracy,
        "macro_f1": macro_f1,
        "kappa": kappa,
        "spearman": spearman,
        "recall_at_k": recall_at_k,
        "mrr": mrr,
        "qa_checks": qa_checks,
        "language_match": language_match,
        "forbidden_promises": forbidden_promises,
        "chrf": textmetrics.chrf,
        "bleu": textmetrics.bleu,
        "rouge": textmetrics.rouge,
        "served": textmetrics.served,
        "groundedness": judge.groundedness,
        "llm_judge": judge.llm_judge,
    }
    return {**builtin, **SCORERS}


def build_scorer(spec: ScorerSpec, index: int) -> Scorer:
    """The scorer a suite entry names. ``gate: false`` keeps its per-case verdict from failing the case."""
    registry = _registry()
    factory = registry.get(spec.name)
    if factory is None:
        raise SuiteError(
            f"key 'scorers.{index}.name' has bad value {spec.name!r}: known scorers are {', '.join(sorted(registry))}"
        )
    params = dict(spec.params)
    gate = params.pop("gate", True)
    try:
        scorer = factory(**params)
    except TypeError as exc:
        raise SuiteError(f"key 'scorers.{index}' ({spec.name}): bad params {spec.params!r}: {exc}") from None
    scorer.gate = bool(gate)
    # The whole module's source: a change in a scorer or in a helper it calls invalidates cached judgements.
    scorer.version = source_hash(inspect.getmodule(factory) or factory) + ":" + stable_json(spec.params)
    return scorer
