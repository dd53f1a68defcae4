"""Suggestions issued to agents and what the agents did with them, per shop.

Every suggestion the API returns is recorded (``record_issued``), so feedback can only be given for a
suggestion this shop was actually shown: another shop's suggestion id answers 404 like an unknown one.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import JSON, Float, ForeignKey, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from assist.errors import InvalidInput, NotFound
from assist.models import Suggestion
from assist.store.db import Base, UTCDateTime, utcnow

Action = Literal["inserted", "edited", "dismissed", "sent"]
ACTIONS = ("inserted", "edited", "dismissed", "sent")


class IssuedSuggestion(Base):
    __tablename__ = "suggestions_issued"
    __table_args__ = (UniqueConstraint("shop_id", "suggestion_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    suggestion_id: Mapped[str] = mapped_column(String(64))
    conversation_id: Mapped[str | None] = mapped_column(String(128))
    intent: Mapped[str] = mapped_column(String(64))
    engine: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    citations: Mapped[list[str]] = mapped_column(JSON, default=list)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SuggestionFeedback(Base):
    __tablename__ = "suggestion_feedback"
    id: Mapped[int] = mapped_column(primary_key=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True)
    issued_pk: Mapped[int] = mapped_column(ForeignKey("suggestions_issued.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    final_text: Mapped[str | None] = mapped_column(Text)
    edit_ratio: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def record_issued(
    session: Session, shop_id: int, suggestions: list[Suggestion], *, intent: str, conversation_id: str | None = None
) -> int:
    """Remember suggestions shown to the shop's agents (ids are stable: re-issuing is a no-op)."""
    if not suggestions:
        return 0
    ids = [s.id for s in suggestions]
    existing = set(
        session.scalars(
            select(IssuedSuggestion.suggestion_id).where(
                IssuedSuggestion.shop_id == shop_id, IssuedSuggestion.suggestion_id.in_(ids)
            )
        )
    )
    added = 0
    for s in suggestions:
        if s.id in existing:
            continue
        session.add(
            IssuedSuggestion(
                shop_id=shop_id,
                suggestion_id=s.id,
                conversation_id=conversation_id,
                intent=intent,
                engine=s.engine,
                language=s.language,
                text=s.text,
                citations=list(s.citations),
            )
        )
        existing.add(s.id)
        added += 1
    session.flush()
    return added


def edit_ratio(original: str, final: str) -> float:
    """How much the agent changed: 0.0 = sent as suggested, 1.0 = rewritten entirely."""
    return round(1.0 - difflib.SequenceMatcher(None, original, final, autojunk=False).ratio(), 4)


def add_feedback(
    session: Session, shop_id: int, suggestion_id: str, action: str, final_text: str | None = None
) -> dict[str, Any]:
    if action not in ACTIONS:
        raise InvalidInput(f"action {action!r} is not known: use one of {', '.join(ACTIONS)}")
    if action == "edited" and not (final_text and final_text.strip()):
        raise InvalidInput("action 'edited' needs final_text: the text the agent ended up with")
    issued = session.scalar(
        select(IssuedSuggestion).where(
            IssuedSuggestion.shop_id == shop_id, IssuedSuggestion.suggestion_id == suggestion_id
        )
    )
    if issued is None:
        raise NotFound(
            f"suggestion {suggestion_id!r} was not issued to this shop; send the id from /v1/suggestions or /v1/assist"
        )
    ratio = edit_ratio(issued.text, final_text) if final_text else None
    row = SuggestionFeedback(
        shop_id=shop_id, issued_pk=issued.id, action=action, final_text=final_text, edit_ratio=ratio
    )
    session.add(row)
    session.flush()
    return {
        "suggestion_id": suggestion_id,
        "action": action,
        "edit_ratio": ratio,
        "intent": issued.intent,
        "engine": issued.engine,
    }


def _rates(issued: int, actions: dict[str, int], ratios: list[float]) -> dict[str, Any]:
    accepted = actions.get("accepted", 0)
    inserted = actions.get("inserted_any", 0)
    return {
        "issued": issued,
        "inserted": actions.get("inserted", 0),
        "edited": actions.get("edited", 0),
        "dismissed": actions.get("dismissed", 0),
        "sent": actions.get("sent", 0),
        "acceptance_rate": round(accepted / issued, 4) if issued else None,
        "edit_rate": round(actions.get("edited", 0) / inserted, 4) if inserted else None,
        "mean_edit_ratio": round(sum(ratios) / len(ratios), 4) if ratios else None,
    }


def suggestion_stats(session: Session, shop_id: int) -> dict[str, Any]:
    """Acceptance (inserted or sent / issued) and edit rates (edited / inserted), overall, per intent
    and per engine; ``mean_edit_ratio`` from the agents' final texts."""
    issued = list(session.scalars(select(IssuedSuggestion).where(IssuedSuggestion.shop_id == shop_id)))
    feedback = list(session.scalars(select(SuggestionFeedback).where(SuggestionFeedback.shop_id == shop_id)))
    by_pk: dict[int, list[SuggestionFeedback]] = defaultdict(list)
    for answer in feedback:
        by_pk[answer.issued_pk].append(answer)
    groups: dict[tuple[str, str], dict[str, Any]] = {}

    def bucket(kind: str, key: str) -> dict[str, Any]:
        return groups.setdefault((kind, key), {"issued": 0, "actions": defaultdict(int), "ratios": []})

    for row in issued:
        rows = by_pk.get(row.id, [])
        actions = {r.action for r in rows}
        ratios = [r.edit_ratio for r in rows if r.edit_ratio is not None]
        for kind, key in (("all", "all"), ("intent", row.intent), ("engine", row.engine)):
            b = bucket(kind, key)
            b["issued"] += 1
            for action in actions:
                b["actions"][action] += 1
            if actions & {"inserted", "sent", "edited"}:
                b["actions"]["accepted"] += 1
            if actions & {"inserted", "edited"}:
                b["actions"]["inserted_any"] += 1
            b["ratios"].extend(ratios[-1:])
    result: dict[str, Any] = {"overall": _rates(0, {}, []), "by_intent": {}, "by_engine": {}}
    for (kind, key), b in sorted(groups.items()):
        rates = _rates(b["issued"], b["actions"], b["ratios"])
        if kind == "all":
            result["overall"] = rates
        else:
            result[f"by_{kind}"][key] = rates
    return result
