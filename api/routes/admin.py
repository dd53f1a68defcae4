"""Operational endpoints: health."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import ServicesDep

router = APIRouter(tags=["admin"])


@router.get("/healthz", response_model=None)
def healthz(services: ServicesDep) -> dict[str, str] | JSONResponse:
    """200 ``ok`` when ready; 503 ``starting`` while models are still loading (warm-up)."""
    from sqlalchemy import text

    if not services.warm.is_set():
        return JSONResponse(
            {"status": "starting", "detail": "loading models; ready in a few seconds"},
            status_code=503,
            headers={"Retry-After": "2"},
        )
    with services.db.session() as session:
        session.execute(text("SELECT 1"))
    return {"status": "ok"}
