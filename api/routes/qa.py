"""QA for agents and reviewers: live draft checks, scorecards, reviewer overrides, agreement."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from api.deps import ServicesDep, ShopContext, ShopDep, offline_slot
from assist.errors import InvalidInput
from assist.limits import check_conversation, check_text
from assist.models import Conversation, Order, PolicyPassage, QAIssue
from assist.quality import check_draft, config_for_shop, score_conversation
from assist.quality.agreement import agreement_report
from assist.quality.checks import buyer_language_of, select_checks
from assist.quality.context import DraftContext
from assist.quality.contradictions import mentions_policy
from assist.quality.overall import load_model
from assist.quality.scorecard import CATEGORIES
from assist.services import Services
from assist.store import reviews
from assist.store.db import to_utc
from retrievers.orders import find_orders

router = APIRouter(prefix="/v1/qa", tags=["qa"])
ReviewId = Annotated[str, Path(min_length=1, max_length=64, description="A review id from GET /v1/qa/reviews.")]


class CheckRequest(BaseModel):
    conversation: Conversation
    draft: str = Field(min_length=1, description="The reply the agent is about to send.")
    agent_language: str | None = Field(default=None, description="The agent's language (ISO 639-1).")
    checks: list[str] | None = Field(default=None, description="Run only these checks (default: all).")


class CheckResponse(BaseModel):
    issues: list[QAIssue]
    checks: list[str]
    buyer_language: str | None = None
    order_id: str | None = None
    policy_ids: list[str] = Field(default_factory=list)
    engine: str


class ScoreRequest(BaseModel):
    conversation: Conversation


class CategoryOverride(BaseModel):
    name: str = Field(min_length=1)
    score: float = Field(ge=0)
    passed: bool | None = Field(default=None, description="Default: score >= the category's pass threshold.")
    comment: str | None = Field(default=None, max_length=4000)


class OverrideRequest(BaseModel):
    reviewer: str = Field(min_length=1, max_length=128)
    categories: list[CategoryOverride] = Field(min_length=1)


def _grounding(
    services: Services, shop: ShopContext, conversation: Conversation, query: str, search: bool = True
) -> tuple[Order | None, list[PolicyPassage]]:
    orders = find_orders(services.order_store, shop.id, conversation, shop.settings.get("order_id_pattern"))
    policies = services.policy_index.search(shop.id, query[:2000], 5) if search and query.strip() else []
    return (orders[0] if orders else None), policies


@router.post("/check", response_model=CheckResponse)
def check(body: CheckRequest, shop: ShopDep, services: ServicesDep) -> CheckResponse:
    """Issues in the agent's draft, most severe first; each with the exact span (``evidence``) to fix."""
    check_conversation(body.conversation, services.settings)
    check_text(body.draft, "draft", services.settings)
    with offline_slot(services):
        return _check(body, shop, services)


def _check(body: CheckRequest, shop: ShopContext, services: Services) -> CheckResponse:
    chat_model = services.chat_model
    # Policy search is the slow part: skip it when the draft states nothing a policy could contradict.
    search = chat_model is not None or mentions_policy(body.draft)
    order, policies = _grounding(
        services, shop, body.conversation, body.draft + "\n" + body.conversation.last_customer_text(), search
    )
    tone = services.tone_classifier
    chosen = select_checks(body.checks)
    detector = services.language_detector
    issues = check_draft(
        body.draft,
        conversation=body.conversation,
        order=order,
        policies=policies,
        shop_settings=shop.settings,
        chat_model=chat_model,
        checks=chosen,
        language_detector=detector,
        tone=tone,
        facts=shop.facts,
        claim_reader=services.claim_reader,
    )
    buyer = buyer_language_of(DraftContext(conversation=body.conversation, language_detector=detector))
    engine = tone.engine + ("+llm" if chat_model is not None else "")
    return CheckResponse(
        issues=issues,
        checks=chosen,
        buyer_language=buyer,
        order_id=order.order_id if order else None,
        policy_ids=[p.id for p in policies],
        engine=engine,
    )


@router.post("/score")
def score(body: ScoreRequest, shop: ShopDep, services: ServicesDep) -> dict[str, Any]:
    """Score the conversation with the shop's scorecard and store it for review."""
    check_conversation(body.conversation, services.settings)
    conversation = body.conversation
    agent_text = " ".join(m.text for m in conversation.messages if m.role == "agent")
    order, policies = _grounding(services, shop, conversation, conversation.customer_text(last=3) + "\n" + agent_text)
    config = config_for_shop(shop.settings)
    card = score_conversation(
        conversation,
        config=config,
        order=order,
        policies=policies,
        shop_settings=shop.settings,
        tone=services.tone_classifier,
        language_detector=services.language_detector,
        quality_model=load_model(services.settings.data_dir, shop.id),
        embedder=services.embedder,
    )
    critical = tuple(n for n, c in config.categories.items() if c.critical)
    with services.db.session() as session:
        card = reviews.save_scorecard(
            session, shop.id, conversation, card, pass_total=config.pass_total, critical=critical
        )
    return card.model_dump(mode="json")


@router.get("/reviews")
def list_reviews(
    shop: ShopDep,
    services: ServicesDep,
    date_from: Annotated[datetime | None, Query(description="Conversations at or after (ISO 8601)")] = None,
    date_to: Annotated[datetime | None, Query(description="Conversations at or before (ISO 8601)")] = None,
    agent: Annotated[str | None, Query(max_length=128, description="Agent name (a message's author)")] = None,
    category: Annotated[
        str | None, Query(max_length=64, description="With failed=true: reviews failing this category")
    ] = None,
    failed: Annotated[bool | None, Query(description="true: failed reviews (or failed category)")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> dict[str, Any]:
    if category is not None and category not in CATEGORIES:
        raise InvalidInput(f"unknown category {category!r}; use one of: {', '.join(CATEGORIES)}")
    # A time without an offset is read as UTC, so mixed inputs always compare.
    date_from = to_utc(date_from) if date_from else None
    date_to = to_utc(date_to) if date_to else None
    if date_from and date_to and date_from > date_to:
        raise InvalidInput("date_from is after date_to; swap them")
    with services.db.session() as session:
        return reviews.list_reviews(
            session,
            shop.id,
            date_from=date_from,
            date_to=date_to,
            agent=agent,
            category=category,
            failed=failed,
            limit=limit,
            offset=offset,
        )


@router.get("/reviews/{review_id}")
def get_review(review_id: ReviewId, shop: ShopDep, services: ServicesDep) -> dict[str, Any]:
    with services.db.session() as session:
        return reviews.get_review(session, shop.id, review_id)


@router.put("/reviews/{review_id}")
def override_review(review_id: ReviewId, body: OverrideRequest, shop: ShopDep, services: ServicesDep) -> dict[str, Any]:
    """A reviewer's per-category scores; the automated scorecard is kept unchanged next to them."""
    with services.db.session() as session:
        return reviews.override_review(
            session, shop.id, review_id, body.reviewer, [c.model_dump() for c in body.categories]
        )


@router.get("/agreement")
def agreement(shop: ShopDep, services: ServicesDep) -> dict[str, Any]:
    """Automated vs human pass/fail per category: percent agreement, Cohen's kappa, confusion matrix."""
    with services.db.session() as session:
        return agreement_report(reviews.agreement_pairs(session, shop.id))
