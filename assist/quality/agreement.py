"""Agreement between automated scorecards and human reviewers, per category (pass/fail).

Percent agreement, Cohen's kappa (scikit-learn) and the confusion matrix with rows = human,
columns = automated, labels ``[pass, fail]``. Kappa is ``None`` when it is undefined (both raters
used a single, identical label on every item: chance agreement is 1).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.metrics import cohen_kappa_score, confusion_matrix


def _stats(pairs: list[tuple[bool, bool]]) -> dict[str, Any]:
    auto = np.array([a for a, _ in pairs], dtype=bool)
    human = np.array([h for _, h in pairs], dtype=bool)
    labels = [True, False]
    matrix = confusion_matrix(human, auto, labels=labels)
    agree = float((auto == human).mean())
    single_label = len(set(auto.tolist()) | set(human.tolist())) == 1
    kappa = None if single_label else float(cohen_kappa_score(human, auto, labels=labels))
    return {
        "n": len(pairs),
        "percent_agreement": round(100 * agree, 1),
        "kappa": None if kappa is None else round(kappa, 3),
        "confusion": {"labels": ["pass", "fail"], "rows": "human", "columns": "automated", "matrix": matrix.tolist()},
    }


def agreement_report(pairs: dict[str, list[tuple[bool, bool]]]) -> dict[str, Any]:
    """``{categories: {name: stats}, overall: stats | None, reviewed_items: n}``."""
    categories = {name: _stats(items) for name, items in sorted(pairs.items()) if items}
    pooled = [p for items in pairs.values() for p in items]
    return {"categories": categories, "overall": _stats(pooled) if pooled else None, "reviewed_items": len(pooled)}
