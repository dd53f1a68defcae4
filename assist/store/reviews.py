"""QA reviews: scored conversations, their automated scorecards and reviewers' overrides (shop-scoped).

The automated scorecard is stored once and never changed; a reviewer's override is a separate row
per category (the newest one counts). ``failed_categories`` and ``passed`` hold the effective result
(human where overridden, else automated) so list filters run in SQL.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from assist.errors import InvalidInput, NotFound
from assist.models import Conversation, Scorecard
from assist.store.db import Base, UTCDateTime, utcnow


class QAConversationRow(Base):
    __tablename__ = "qa_conversations"
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    external_id: Mapped[str | None] = mapped_column(String(128))
    channel: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class ScorecardRow(Base):
    __tablename__ = "qa_scorecards"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    conversation_pk: Mapped[int] = mapped_column(ForeignKey("qa_conversations.id", ondelete="CASCADE"))
    agent: Mapped[str | None] = mapped_column(String(128), index=True, doc="First agent author")
    agents: Mapped[str] = mapped_column(Text, default="", doc="',a,b,' for filtering by any author")
    conversation_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    total: Mapped[float] = mapped_column(Float)
    passed: Mapped[bool] = mapped_column(Boolean)
    failed_categories: Mapped[str] = mapped_column(Text, default="")
    automated: Mapped[dict[str, Any]] = mapped_column(JSON, doc="The automated Scorecard, never changed")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OverrideRow(Base):
    __tablename__ = "qa_overrides"
    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[str] = mapped_column(ForeignKey("qa_scorecards.id", ondelete="CASCADE"), index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    reviewer: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    passed: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def _failed(categories: list[dict[str, Any]]) -> str:
    names = [c["name"] for c in categories if c.get("applicable", True) and not c["passed"]]
    return "," + ",".join(names) + "," if names else ""


def save_scorecard(
    session: Session,
    shop_id: int,
    conversation: Conversation,
    card: Scorecard,
    *,
    pass_total: float = 70.0,
    critical: tuple[str, ...] = (),
) -> Scorecard:
    conv = QAConversationRow(
        shop_id=shop_id,
        external_id=conversation.id,
        channel=conversation.channel,
        data=conversation.model_dump(mode="json"),
    )
    session.add(conv)
    session.flush()
    stamps = [m.sent_at for m in conversation.messages if m.sent_at is not None]
    card = card.model_copy(update={"id": str(uuid.uuid4())})
    dumped = {**card.model_dump(mode="json"), "pass_total": pass_total, "critical": list(critical)}
    session.add(
        ScorecardRow(
            id=card.id,
            shop_id=shop_id,
            conversation_pk=conv.id,
            agent=card.agents[0] if card.agents else None,
            agents="," + ",".join(card.agents) + "," if card.agents else "",
            conversation_at=max(stamps) if stamps else utcnow(),
            total=card.total,
            passed=card.passed,
            failed_categories=_failed(dumped["categories"]),
            automated=dumped,
        )
    )
    session.flush()
    return card


def _get(session: Session, shop_id: int, review_id: str) -> ScorecardRow:
    row = session.get(ScorecardRow, review_id)
    if row is None or row.shop_id != shop_id:
        raise NotFound(f"review {review_id!r} not found in this shop; list reviews with GET /v1/qa/reviews")
    return row


def _overrides(session: Session, row: ScorecardRow) -> dict[str, OverrideRow]:
    latest: dict[str, OverrideRow] = {}
    for o in session.scalars(select(OverrideRow).where(OverrideRow.scorecard_id == row.id).order_by(OverrideRow.id)):
        latest[o.category] = o
    return latest


def review_view(session: Session, row: ScorecardRow, with_conversation: bool = False) -> dict[str, Any]:
    """The stored review: automated categories, the reviewer's overrides, and the effective result."""
    overrides = _overrides(session, row)
    categories = []
    for cat in row.automated["categories"]:
        o = overrides.get(cat["name"])
        human = (
            None
            if o is None
            else {
                "score": o.score,
                "passed": o.passed,
                "comment": o.comment,
                "reviewer": o.reviewer,
                "at": o.created_at.isoformat(),
            }
        )
        categories.append({**cat, "override": human})
    view = {
        **row.automated,
        "id": row.id,
        "categories": categories,
        "total": row.total,
        "passed": row.passed,
        "agent": row.agent,
        "conversation_at": row.conversation_at.isoformat(),
        "created_at": row.created_at.isoformat(),
        "reviewed": bool(overrides),
        "effective_total": effective_total(row.automated["categories"], overrides),
        "failed_categories": [c for c in row.failed_categories.split(",") if c],
    }
    if with_conversation:
        view["conversation"] = session.get(QAConversationRow, row.conversation_pk).data  # type: ignore[union-attr]
    return view


def effective_total(categories: list[dict[str, Any]], overrides: dict[str, OverrideRow]) -> float:
    applicable = [c for c in categories if c.get("applicable", True)]
    possible = sum(c["max"] for c in applicable) or 1.0
    got = sum(overrides[c["name"]].score if c["name"] in overrides else c["score"] for c in applicable)
    return round(100 * got / possible, 1)


def get_review(session: Session, shop_id: int, review_id: str) -> dict[str, Any]:
    return review_view(session, _get(session, shop_id, review_id), with_conversation=True)


def list_reviews(
    session: Session,
    shop_id: int,
    *,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    agent: str | None = None,
    category: str | None = None,
    failed: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    query = select(ScorecardRow).where(ScorecardRow.shop_id == shop_id)
    if date_from is not None:
        query = query.where(ScorecardRow.conversation_at >= date_from)
    if date_to is not None:
        query = query.where(ScorecardRow.conversation_at <= date_to)
    if agent:
        query = query.where(ScorecardRow.agents.contains(f",{agent},"))
    if category and failed is not None:
        like = ScorecardRow.failed_categories.contains(f",{category},")
        query = query.where(like if failed else ~like)
    elif failed is not None:
        query = query.where(ScorecardRow.passed.is_(not failed))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(ScorecardRow.conversation_at.desc(), ScorecardRow.id).limit(limit).offset(offset)
    )
    return {"total": total, "limit": limit, "offset": offset, "items": [review_view(session, row) for row in rows]}


def override_review(
    session: Session, shop_id: int, review_id: str, reviewer: str, categories: list[dict[str, Any]]
) -> dict[str, Any]:
    """Store a reviewer's per-category scores; the automated scorecard is kept as it was."""
    row = _get(session, shop_id, review_id)
    known = {c["name"]: c for c in row.automated["categories"]}
    for item in categories:
        name = item["name"]
        if name not in known:
            raise InvalidInput(
                f"unknown category {name!r} for review {review_id}; this scorecard has: {', '.join(known)}"
            )
        cat = known[name]
        if not 0 <= item["score"] <= cat["max"]:
            raise InvalidInput(f"score {item['score']} for {name!r} is out of range: use 0..{cat['max']:g}")
    for item in categories:
        cat = known[item["name"]]
        threshold = cat.get("pass_threshold") or 0.5
        passed = item.get("passed")
        if passed is None:
            passed = item["score"] >= threshold * cat["max"]
        session.add(
            OverrideRow(
                scorecard_id=row.id,
                shop_id=shop_id,
                reviewer=reviewer,
                category=item["name"],
                score=float(item["score"]),
                passed=bool(passed),
                comment=item.get("comment"),
            )
        )
    session.flush()
    overrides = _overrides(session, row)
    effective = [
        {**c, "passed": overrides[c["name"]].passed} if c["name"] in overrides else c
        for c in row.automated["categories"]
    ]
    row.failed_categories = _failed(effective)
    row.total = effective_total(row.automated["categories"], overrides)
    critical = set(row.automated.get("critical", []))
    row.passed = row.total >= row.automated.get("pass_total", 70) and not any(
        not c["passed"] and c["name"] in critical for c in effective if c.get("applicable", True)
    )
    session.flush()
    return review_view(session, row, with_conversation=True)


def agreement_pairs(session: Session, shop_id: int) -> dict[str, list[tuple[bool, bool]]]:
    """Per category: (automated passed, human passed) for every reviewed category."""
    pairs: dict[str, list[tuple[bool, bool]]] = {}
    query = (
        select(ScorecardRow, OverrideRow)
        .join(OverrideRow, OverrideRow.scorecard_id == ScorecardRow.id)
        .where(ScorecardRow.shop_id == shop_id)
        .order_by(OverrideRow.id)
    )
    latest: dict[tuple[str, str], tuple[bool, bool]] = {}
    for card, override in session.execute(query):
        auto = next((c for c in card.automated["categories"] if c["name"] == override.category), None)
        if auto is not None:
            latest[(card.id, override.category)] = (bool(auto["passed"]), override.passed)
    for (_, category), pair in latest.items():
        pairs.setdefault(category, []).append(pair)
    return pairs


def count_reviews(session: Session, shop_id: int) -> int:
    return session.scalar(select(func.count(ScorecardRow.id)).where(ScorecardRow.shop_id == shop_id)) or 0
