"""Policy search: the passages that apply, with ids to cite."""

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import PolicyIndexDep, ServicesDep, ShopDep
from assist.models import PolicyPassage

router = APIRouter(prefix="/v1", tags=["agent"])


class PolicySearchRequest(BaseModel):
    query: str = Field(min_length=1, max_length=4000)
    k: int = Field(default=5, ge=1, le=50)
    intents: list[str] | None = Field(default=None, description="Boost sections tagged with these intents.")
    language: str | None = Field(default=None, description="Prefer passages in this language.")


class PolicySearchResponse(BaseModel):
    results: list[PolicyPassage]


@router.post("/policies/search", response_model=PolicySearchResponse)
def search_policies(body: PolicySearchRequest, shop: ShopDep, index: PolicyIndexDep) -> PolicySearchResponse:
    results = index.search(shop.id, body.query, body.k, intents=body.intents, language=body.language)
    return PolicySearchResponse(results=results)


class PolicyFactsResponse(BaseModel):
    shop: str
    intent: str | None = None
    slots: list[str] = Field(default_factory=list, description="The slots shown (all, or those behind the intent).")
    facts: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Each fact: slot, value, max_value, unit, scope, sentence, chunk_id, source (rule|llm|manual), "
        "confidence, needs_review, set_by_hand, value_text, scope_text, document.",
    )


@router.get("/policies/facts", response_model=PolicyFactsResponse)
def policy_facts(
    shop: ShopDep,
    services: ServicesDep,
    intent: str | None = Query(default=None, max_length=64, description="Only the facts behind this intent."),
    include_review: bool = Query(default=True, description="Include facts marked for review (flagged)."),
) -> PolicyFactsResponse:
    """The shop's policy facts read from its documents, with manual overrides on top."""
    from assist.shop_facts import chunk_sources, fact_view, slots_for_intent
    from assist.store.shops import get_shop

    wanted = slots_for_intent(intent) if intent else None
    with services.db.session() as session:
        sources = chunk_sources(session, shop.id)
        facts = shop.facts.facts if shop.facts is not None else []
        if shop.facts is None:
            from assist.shop_facts import shop_facts

            facts = shop_facts(session, get_shop(session, shop.name)).facts
    views = [
        fact_view(f, sources)
        for f in facts
        if (wanted is None or f.slot in wanted) and (include_review or not f.needs_review)
    ]
    views.sort(key=lambda v: (v["slot"], v["needs_review"], -v["confidence"]))
    return PolicyFactsResponse(
        shop=shop.name, intent=intent, slots=wanted or sorted({v["slot"] for v in views}), facts=views
    )
