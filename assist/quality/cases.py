"""Labelled draft cases (``evals/datasets/qa_drafts.jsonl``): run them and score precision/recall per check.

A case is ``{id, language, conversation, order?, policies?, shop_settings?, draft, must_fire: [check],
must_not_fire: [check]}``. A check that fires on a ``must_fire`` case is a true positive; one that
fires on a ``must_not_fire`` case is a false positive. The eval runner and ``bench/qa.py`` share this.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assist.config import REPO_ROOT
from assist.models import Conversation, Order, PolicyPassage, QAIssue
from assist.quality.checks import CHECKS, check_draft

DEFAULT_CASES = REPO_ROOT / "evals" / "datasets" / "qa_drafts.jsonl"


def load_draft_cases(path: Path | str = DEFAULT_CASES) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_draft_case(case: dict[str, Any], **kwargs: Any) -> list[QAIssue]:
    """``check_draft`` on one case; ``kwargs`` pass through (tone, language_detector, chat_model)."""
    return check_draft(
        case["draft"],
        conversation=Conversation.model_validate(case["conversation"]),
        order=Order.model_validate(case["order"]) if case.get("order") else None,
        policies=[PolicyPassage.model_validate(p) for p in case.get("policies", [])],
        shop_settings=case.get("shop_settings"),
        **kwargs,
    )


def precision_recall(results: Iterable[tuple[dict[str, Any], list[QAIssue]]]) -> dict[str, dict[str, float]]:
    """Per check and ``overall``: tp, fp, fn, precision, recall (None when undefined)."""
    counts = {name: {"tp": 0, "fp": 0, "fn": 0} for name in CHECKS}
    for case, issues in results:
        fired = {i.check for i in issues}
        for name in case.get("must_fire", []):
            counts[name]["tp" if name in fired else "fn"] += 1
        for name in case.get("must_not_fire", []):
            if name in fired:
                counts[name]["fp"] += 1
    counts["overall"] = {k: sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")}
    out: dict[str, dict[str, Any]] = {}
    for name, c in counts.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        out[name] = {
            **c,
            "precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
        }
    return out
