"""The issue a policy fact or a computed answer gives a draft claim: the draft's words as evidence, the policy
sentence quoted with its chunk id (shared by the draft checks against facts)."""

from __future__ import annotations

from assist.answers import Answer
from assist.models import QAIssue
from assist.policy_facts import PolicyFact
from assist.quality.claims import Claim
from assist.quality.context import DraftContext
from assist.quality.fact_numbers import quote


def first_fact(answer: Answer | None) -> PolicyFact | None:
    return answer.facts[0] if answer is not None and answer.facts else None


def policy_issue(ctx: DraftContext, claim: Claim, what: str, fact: PolicyFact | None) -> QAIssue:
    return ctx.issue(
        "policy_contradiction",
        "error",
        f'The draft {what} ("{claim.span.text}").{quote(fact)}',
        claim.span,
        policy_id=fact.chunk_id if fact else None,
    )
