"""Incremental statistics: everything a run aggregates grows with the number of labels or buckets,
never with the number of cases (except rank correlation, which keeps two floats per case).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from typing import Any


class Mean:
    __slots__ = ("count", "total")

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value

    @property
    def value(self) -> float | None:
        return self.total / self.count if self.count else None


class Confusion:
    """Label confusion counts: accuracy, per-label precision/recall/F1, macro-F1, Cohen's kappa."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)  # target -> predicted -> n

    def add(self, target: str, predicted: str) -> None:
        self.counts[target][predicted] += 1

    @property
    def labels(self) -> list[str]:
        seen = set(self.counts)
        for row in self.counts.values():
            seen.update(row)
        return sorted(seen)

    @property
    def total(self) -> int:
        return sum(sum(row.values()) for row in self.counts.values())

    def accuracy(self) -> float | None:
        total = self.total
        return sum(self.counts[t][t] for t in self.counts) / total if total else None

    def per_label(self) -> dict[str, dict[str, float]]:
        out = {}
        for label in self.labels:
            tp = self.counts[label][label] if label in self.counts else 0
            predicted = sum(row.get(label, 0) for row in self.counts.values())
            actual = sum(self.counts[label].values()) if label in self.counts else 0
            precision = tp / predicted if predicted else 0.0
            recall = tp / actual if actual else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
        return out

    def macro_f1(self, over: str = "targets") -> float | None:
        """Mean F1 over the labels that occur as targets (``over="all"``: targets or predictions, as
        scikit-learn's default, where every stray predicted label adds a class with F1 0)."""
        per = self.per_label()
        if over == "targets":
            per = {label: v for label, v in per.items() if label in self.counts}
        return sum(v["f1"] for v in per.values()) / len(per) if per else None

    def kappa(self) -> float | None:
        total = self.total
        if not total:
            return None
        observed = sum(self.counts[t][t] for t in self.counts) / total
        expected = 0.0
        for label in self.labels:
            actual = sum(self.counts[label].values()) if label in self.counts else 0
            predicted = sum(row.get(label, 0) for row in self.counts.values())
            expected += (actual / total) * (predicted / total)
        return 1.0 if expected == 1 else (observed - expected) / (1 - expected)

    def matrix(self) -> dict[str, Any]:
        labels = self.labels
        return {
            "labels": labels,
            "rows": [[self.counts[t].get(p, 0) if t in self.counts else 0 for p in labels] for t in labels],
        }


class Quantiles:
    """Approximate quantiles from log-spaced buckets (1% relative error), bounded memory."""

    RATIO = 1.02

    def __init__(self) -> None:
        self.buckets: Counter[int] = Counter()
        self.count = 0
        self.zero = 0

    def add(self, value: float) -> None:
        self.count += 1
        if value <= 0:
            self.zero += 1
        else:
            self.buckets[math.floor(math.log(value, self.RATIO))] += 1

    def quantile(self, q: float) -> float | None:
        if not self.count:
            return None
        rank = q * (self.count - 1)
        seen = self.zero
        if rank < seen:
            return 0.0
        for bucket in sorted(self.buckets):
            seen += self.buckets[bucket]
            if rank < seen:
                return self.RATIO ** (bucket + 0.5)
        return self.RATIO ** (max(self.buckets) + 0.5)


class Pairs:
    """Paired numeric values for rank correlation (two doubles per case)."""

    def __init__(self) -> None:
        self.x = array("d")
        self.y = array("d")

    def add(self, x: float, y: float) -> None:
        self.x.append(x)
        self.y.append(y)

    def spearman(self) -> float | None:
        if len(self.x) < 3:
            return None
        from scipy.stats import spearmanr

        rho = spearmanr(self.x, self.y).statistic
        return None if math.isnan(rho) else float(rho)


def mean_ci(values: list[float], confidence: float = 0.95) -> dict[str, Any]:
    """Mean with a t-distribution confidence interval over repeats (no interval for one value)."""
    n = len(values)
    if n == 0:
        return {"mean": None, "ci_low": None, "ci_high": None, "n": 0}
    mean = sum(values) / n
    if n == 1:
        return {"mean": mean, "ci_low": None, "ci_high": None, "n": 1}
    from scipy.stats import t

    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t.ppf((1 + confidence) / 2, n - 1) * sd / math.sqrt(n)
    return {"mean": mean, "ci_low": mean - half, "ci_high": mean + half, "n": n, "values": values}
