"""Active learning from QA reviews: a reviewer corrects a conversation's intent, the correction becomes
an example of the shop's taxonomy (retrained on the next request), and can be undone."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import ServicesDep, ShopDep
from assist.intent import buyer_text, shop_taxonomy
from assist.models import Conversation
from assist.services import Services
from assist.store import intent_examples, reviews

router = APIRouter(prefix="/v1/qa", tags=["qa"])


class TeachRequest(BaseModel):
    intent: str = Field(min_length=1, max_length=64, description="The right intent, from the shop's taxonomy.")
    reviewer: str = Field(min_length=1, max_length=128)


def _conversation(services: Services, shop_id: int, review_id: str) -> Conversation:
    with services.db.session() as session:
        review = reviews.get_review(session, shop_id, review_id)
    return Conversation.model_validate(review["conversation"])


@router.get("/reviews/{review_id}/intent")
def review_intent(review_id: str, shop: ShopDep, services: ServicesDep) -> dict[str, Any]:
    """The classifier's intent for the reviewed conversation, the shop's intents, and the example a
    reviewer taught from it (or null)."""
    conversation = _conversation(services, shop.id, review_id)
    settings = shop.settings
    predicted = services.intent_classifier(settings).predict_conversation(conversation)
    with services.db.session() as session:
        example = intent_examples.example_for_review(session, shop.id, review_id)
    return {
        "predicted": predicted.model_dump(),
        "intents": shop_taxonomy(settings).names,
        "example": example,
    }


@router.put("/reviews/{review_id}/intent")
def teach_intent(review_id: str, body: TeachRequest, shop: ShopDep, services: ServicesDep) -> dict[str, Any]:
    """Store the buyer's text of this conversation as an example of ``intent`` (replaces an earlier
    correction of the same review). Undo with DELETE."""
    conversation = _conversation(services, shop.id, review_id)
    settings = shop.settings
    predicted = services.intent_classifier(settings).predict_conversation(conversation).intent
    with services.db.session() as session:
        example = intent_examples.teach(
            session,
            shop.id,
            review_id,
            intent=body.intent,
            text=buyer_text(conversation),
            reviewer=body.reviewer,
            predicted=predicted,
        )
        learned = len(intent_examples.learned_examples(session, shop.id))
    return {"example": example, "learned_examples": learned}


@router.delete("/reviews/{review_id}/intent")
def forget_intent(review_id: str, shop: ShopDep, services: ServicesDep) -> dict[str, Any]:
    """Undo a reviewer's intent correction: the example leaves the shop's taxonomy."""
    with services.db.session() as session:
        removed = intent_examples.forget(session, shop.id, review_id)
        learned = len(intent_examples.learned_examples(session, shop.id))
    return {"removed": removed, "learned_examples": learned}


@router.get("/intent-examples")
def list_intent_examples(shop: ShopDep, services: ServicesDep) -> dict[str, Any]:
    """Every example reviewers taught this shop's taxonomy, oldest first."""
    with services.db.session() as session:
        items = intent_examples.learned_examples(session, shop.id)
    return {"items": items, "total": len(items)}
