"""The LLM judge for contradictions (prompt ``prompts/qa_judge/<version>.md``).

It complements the offline rules with paraphrases the rules miss. Its findings are grounded:
a finding whose quote is not found verbatim in the draft is dropped.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, Field

from assist.models import QAIssue
from assist.privacy import ORDER_FIELDS_NOT_FOR_PROMPTS
from assist.quality.context import DraftContext
from assist.quality.text_spans import Span

SETTINGS_KEYS = (
    "return_window_days",
    "refund_method",
    "refund_days",
    "return_shipping_paid_by",
    "damaged_report_days",
    "cancellation_window_hours",
    "warranty_months",
    "price_drop_days",
    "price_match",
    "currency",
)


class QAJudgeFinding(BaseModel):
    check: Literal["policy_contradiction", "order_contradiction"]
    quote: str = Field(min_length=1)
    reason: str
    severity: Literal["error", "warning"] = "error"
    policy_id: str | None = None
    order_field: str | None = None


class QAJudgeVerdict(BaseModel):
    findings: list[QAJudgeFinding] = Field(default_factory=list)


def judge_variables(draft: str, ctx: DraftContext) -> dict[str, str]:
    conversation = "\n".join(f"{m.role}: {m.text}" for m in ctx.conversation.messages) if ctx.conversation else ""
    policies = "\n\n".join(f"[{p.id}] {p.section}\n{p.text}" for p in ctx.policies) or "(none retrieved)"
    order = ctx.order.model_dump_json(exclude=set(ORDER_FIELDS_NOT_FOR_PROMPTS)) if ctx.order else "(no order)"
    settings = {k: ctx.shop_settings[k] for k in SETTINGS_KEYS if k in ctx.shop_settings}
    return {
        "draft": draft,
        "conversation": conversation or "(none)",
        "order": order,
        "policies": policies,
        "shop_settings": json.dumps(settings, ensure_ascii=False) if settings else "(none)",
    }


def judge_draft(draft: str, ctx: DraftContext, version: str | None = None) -> list[QAIssue]:
    from assist.llm import structured_call
    from assist.prompts import load_prompt

    prompt = load_prompt("qa_judge", version)
    verdict = structured_call(ctx.chat_model, prompt, judge_variables(draft, ctx), QAJudgeVerdict)
    known_ids = {p.id for p in ctx.policies}
    issues = []
    for finding in verdict.findings:
        start = draft.find(finding.quote)
        if start < 0:
            continue
        issues.append(
            ctx.issue(
                finding.check,
                finding.severity,
                f"{finding.reason} (LLM judge)",
                Span(finding.quote, start, start + len(finding.quote)),
                policy_id=finding.policy_id if finding.policy_id in known_ids else None,
                order_field=finding.order_field if ctx.order is not None else None,
            )
        )
    return issues
