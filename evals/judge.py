"""Model-graded scorers: an LLM judge with an explicit rubric and scale whose quoted evidence must
occur in the output (else the judgement is rejected), a pairwise judge with randomised order for
comparing prompt versions, and groundedness of suggestions against order data and cited passages.

Judges run under the separate ``grader`` model role; their calls go through the run's cache with
this module's source hash and the judge prompt's sha256 in the key.
"""

from __future__ import annotations

import json
import random
from typing import Any, Literal

from pydantic import BaseModel, Field

from evals.datasets import Case
from evals.scorers import MeanMetric, Score, ScoreContext, Scorer, first, lookup, normalize
from evals.suite import SuiteError


class JudgeVerdict(BaseModel):
    score: int
    reason: str = ""
    quote: str = Field(default="", description="Verbatim span of the output that decided the score.")


class PairwiseVerdict(BaseModel):
    winner: Literal["A", "B", "tie"]
    reason: str = ""


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "messages" in value:
        return "\n".join(f"{m.get('role', '?')}: {m.get('text', '')}" for m in value["messages"])
    return json.dumps(value, ensure_ascii=False, indent=1)


def quote_found(quote: str, output: str) -> bool:
    """The quote (whitespace/width/case-normalised) occurs in the output; ellipses split it into parts."""
    parts = [normalize(p) for p in quote.replace("…", "...").split("...") if p.strip()]
    haystack = normalize(output)
    return bool(parts) and all(p in haystack for p in parts)


def llm_judge(
    rubric: str,
    scale: list[int] | None = None,
    pass_at: int | None = None,
    input: str = "case.conversation",
    reference: str | None = None,
    text: str | None = None,
    prompt_version: str = "v1",
    name: str = "llm_judge",
) -> Scorer:
    """Grades ``text`` (default: the task's main text) on ``scale`` by ``rubric``; pass at ``pass_at``."""
    low, high = (scale or [1, 5])[:2]
    if low >= high:
        raise SuiteError(f"llm_judge: scale must be [low, high] with low < high, got {scale!r}")
    threshold = pass_at if pass_at is not None else high - (high - low) // 4

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        from assist.errors import ModelError
        from assist.llm.structured import structured_call
        from assist.prompts import load_prompt

        if ctx.grader is None:
            return Score(None, None, "no grader model")
        judged = as_text(first(text, case, output, prior)) if text else ctx.text_of(output)
        if not judged.strip():
            return Score(0.0 if low == 0 else float(low), False, "empty output", {"pass": 0.0, "rejected": 0.0})
        variables = {
            "rubric": rubric,
            "scale_min": low,
            "scale_max": high,
            "input": as_text(first(input, case, output, prior)) or "(none)",
            "reference": as_text(first(reference, case, output, prior)) if reference else "(none)",
            "output": judged,
        }
        try:
            verdict = structured_call(ctx.grader, load_prompt("judge", prompt_version), variables, JudgeVerdict)
        except ModelError as exc:
            return Score(None, None, f"judge failed: {exc}", {"rejected": 1.0})
        if not low <= verdict.score <= high:
            return Score(None, None, f"rejected: score {verdict.score} outside {low}..{high}", {"rejected": 1.0})
        if not quote_found(verdict.quote, judged):
            return Score(
                None, None, f"rejected: quote {verdict.quote!r} does not occur in the output", {"rejected": 1.0}
            )
        passed = verdict.score >= threshold
        return Score(
            float(verdict.score),
            passed,
            f"{verdict.score}/{high}: {verdict.reason} [quote: {verdict.quote}]",
            {"pass": 1.0 if passed else 0.0, "rejected": 0.0},
        )

    return Scorer(
        name,
        fn,
        [
            lambda: MeanMetric(f"{name}_score"),
            lambda: MeanMetric(f"{name}_pass_rate", key="pass"),
            lambda: MeanMetric(f"{name}_rejected", key="rejected"),
        ],
        [f"{name}_score", f"{name}_pass_rate", f"{name}_rejected"],
        needs_grader=True,
    )


def pairwise(
    grader: Any, rubric: str, input_text: str, outputs: dict[str, str], seed: str, prompt_version: str = "v1"
) -> dict[str, Any]:
    """Which of two outputs (keyed by prompt version) is better; the order shown is randomised per case."""
    from assist.errors import ModelError
    from assist.llm.structured import structured_call
    from assist.prompts import load_prompt

    (first_name, first_text), (second_name, second_text) = list(outputs.items())[:2]
    swapped = random.Random(seed).random() < 0.5
    shown = (
        [(second_name, second_text), (first_name, first_text)]
        if swapped
        else [(first_name, first_text), (second_name, second_text)]
    )
    variables = {
        "rubric": rubric,
        "input": input_text or "(none)",
        "output_a": shown[0][1] or "(empty)",
        "output_b": shown[1][1] or "(empty)",
    }
    try:
        verdict = structured_call(grader, load_prompt("judge_pairwise", prompt_version), variables, PairwiseVerdict)
    except ModelError as exc:
        return {"winner": None, "error": str(exc), "order": [n for n, _ in shown]}
    winner = {"A": shown[0][0], "B": shown[1][0]}.get(verdict.winner, "tie")
    return {"winner": winner, "reason": verdict.reason, "order": [n for n, _ in shown]}


# --- groundedness ----------------------------------------------------------------------------


def groundedness(suggestions: str = "suggestions", passages: str = "passages", order: str = "order") -> Scorer:
    """Share of what suggestions state (declared facts, and every number, date and id in the text) that
    the order, a cited passage or the shop's settings supports, checked by ``assist.facts``."""

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        from assist.facts import Grounding, check_facts, extract_mentions, unsupported
        from assist.models import Fact, Order, PolicyPassage

        found = {
            p["id"]: PolicyPassage.model_validate(p)
            for p in lookup(f"{passages}.*", case, output, prior)
            if isinstance(p, dict) and "id" in p
        }
        order_data = first(order, case, output, prior)
        order_obj = Order.model_validate(order_data) if isinstance(order_data, dict) else None
        shop_settings = ctx.state.get("shop_settings") or {}
        known, values = _policy_fact_support(case, ctx, order_obj)
        total = supported = 0
        problems: list[str] = []
        for suggestion in lookup(f"{suggestions}.*", case, output, prior):
            if not isinstance(suggestion, dict):
                continue
            cited = [found[c] for c in suggestion.get("citations", []) if c in found]
            facts = [Fact.model_validate(f) for f in suggestion.get("facts", [])]
            from_facts = [f for f in facts if (f.field, f.value.casefold()) in known]  # the shop's facts back them
            fact_problems = check_facts([f for f in facts if f not in from_facts], order_obj, cited, shop_settings)
            text = str(suggestion.get("text", ""))
            grounding = Grounding.build(order_obj, cited, shop_settings)
            for value in values:
                grounding.add_value(value)
            loose = unsupported(text, grounding)
            total += len(facts) + len(extract_mentions(text))
            supported += len(facts) + len(extract_mentions(text)) - len(fact_problems) - len(loose)
            problems += fact_problems + [f"unsupported {m.kind} {m.text!r}" for m in loose]
        if not total:
            return Score(None, None, "nothing factual stated")
        share = max(0, supported) / total
        return Score(
            share,
            not problems,
            f"{max(0, supported)}/{total} statements supported" + (f"; {'; '.join(problems[:5])}" if problems else ""),
        )

    return Scorer("groundedness", fn, [lambda: MeanMetric("groundedness")], ["groundedness"])


def _policy_fact_support(case: Case, ctx: ScoreContext, order: Any) -> tuple[set[tuple[str, str]], list[Any]]:
    """With the shop's policy facts (a run that has them): the ``policy_fact.*`` and ``answer.*`` facts they
    back, recomputed for this order at the conversation's time (``evals.shops.fact_support``)."""
    facts = ctx.state.get("facts")
    if facts is None:
        return set(), []
    from evals.shops import fact_support
    from evals.tasks import conversation_of

    conversation = conversation_of(case)
    times = [m.sent_at for m in conversation.messages if m.sent_at is not None]
    from datetime import UTC, datetime

    now = max(t if t.tzinfo else t.replace(tzinfo=UTC) for t in times) if times else datetime.now(UTC)
    return fact_support(facts, order, now, conversation.customer_text(last=3) or "")
