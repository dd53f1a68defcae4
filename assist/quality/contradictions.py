"""The two draft checks against the shop and the order: ``policy_contradiction`` and ``order_contradiction``.

Each runs on the draft with traditional Chinese written as simplified and quotes the draft's own words. With typed
policy facts, claims are compared with them (:mod:`assist.quality.fact_contradictions`); the settings-based rules
(:mod:`assist.quality.settings_policy`) and the order-field rules (:mod:`assist.quality.order_fields`: tracking
number, amounts, dates, order id) run beside them, one issue per check and span.
"""

from __future__ import annotations

from collections.abc import Callable

from assist.models import QAIssue
from assist.quality import lexicon as lx
from assist.quality.context import DraftContext
from assist.quality.order_fields import order_field_issues
from assist.quality.settings_policy import settings_policy_issues

POLICY_SIGNALS = (
    lx.SHOP_PAYS_RETURN,
    lx.BUYER_PAYS_RETURN,
    lx.STORE_CREDIT,
    lx.CASH_OR_BANK,
    lx.CAN_RETURN,
    lx.PRICE_DIFFERENCE,
    lx.EXCLUSION_TERMS,
    *lx.TOPICS.values(),
)


def mentions_policy(draft: str) -> bool:
    """Whether the draft says anything a policy rule looks at (cheap: decides if policies are searched)."""
    return any(p.search(draft) for p in POLICY_SIGNALS)


def _in_draft_words(
    check: Callable[[str, DraftContext], list[QAIssue]],
) -> Callable[[str, DraftContext], list[QAIssue]]:
    """Run ``check`` on the draft with traditional Chinese written as simplified (same offsets), and quote the
    draft's own words in each issue's evidence."""

    def run(draft: str, ctx: DraftContext) -> list[QAIssue]:
        from assist.quality.hanzi import simplified

        probe = simplified(draft)
        issues: list[QAIssue] = check(probe, ctx)
        if probe == draft:
            return issues
        for issue in issues:
            ev = issue.evidence
            if ev is not None and ev.start is not None and ev.end is not None:
                ev.text = draft[ev.start : ev.end]
                issue.message = issue.message.replace(probe[ev.start : ev.end], ev.text)
        return issues

    return run


@_in_draft_words
def policy_contradiction(draft: str, ctx: DraftContext) -> list[QAIssue]:
    if ctx.facts is not None:  # the shop's policy facts: claims and numbers against them (any shop)
        from assist.quality.fact_contradictions import fact_policy_issues

        return _distinct(fact_policy_issues(draft, ctx) + settings_policy_issues(draft, ctx))
    return settings_policy_issues(draft, ctx)


def _distinct(issues: list[QAIssue]) -> list[QAIssue]:
    """One issue per check and evidence span (the fact-based and the settings-based rules may both fire)."""
    kept: list[QAIssue] = []
    for issue in issues:
        ev = issue.evidence
        if ev is not None and any(
            k.check == issue.check
            and k.evidence is not None
            and k.evidence.start is not None
            and ev.start is not None
            and k.evidence.start < (ev.end or ev.start) + 1
            and ev.start < (k.evidence.end or k.evidence.start) + 1
            for k in kept
        ):
            continue
        kept.append(issue)
    return kept


@_in_draft_words
def order_contradiction(draft: str, ctx: DraftContext) -> list[QAIssue]:
    order = ctx.order
    if order is None:
        return []
    from assist.quality.order_claims import fact_order_issues

    return _distinct(fact_order_issues(draft, ctx) + order_field_issues(draft, ctx, order))
