"""Operational endpoints: health."""

from fastapi import APIRouter

from api.deps import ServicesDep

router = APIRouter(tags=["admin"])


@router.get("/healthz")
def healthz(services: ServicesDep) -> dict[str, str]:
    from sqlalchemy import text

    with services.db.session() as session:
        session.execute(text("SELECT 1"))
    return {"status": "ok"}
