"""Policy search: the passages that apply, with ids to cite."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import PolicyIndexDep, ShopDep
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
