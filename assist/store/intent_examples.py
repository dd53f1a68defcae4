"""Intent examples taught by reviewers (active learning from the QA review page).

A reviewer's correction of a reviewed conversation's intent is kept in the shop's settings under
``intent_examples`` (one per review; a new correction replaces the old), so no schema change is needed.
``assist.intent.shop_taxonomy`` adds them to the named intent's examples; the classifier retrains on
the next request because the taxonomy's hash changed. Removing the example undoes it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from assist.errors import InvalidInput, NotFound
from assist.intent.taxonomy import LEARNED_KEY, shop_taxonomy
from assist.store.db import utcnow
from assist.store.shops import Shop

MAX_LEARNED = 2000  # per shop: beyond this, a reviewer is told to fold examples into the taxonomy file


def _shop(session: Session, shop_id: int) -> Shop:
    shop = session.get(Shop, shop_id)
    if shop is None:  # pragma: no cover - the API key resolved to this shop a moment ago
        raise NotFound(f"shop {shop_id} not found")
    return shop


def learned_examples(session: Session, shop_id: int) -> list[dict[str, Any]]:
    return list((_shop(session, shop_id).settings or {}).get(LEARNED_KEY) or [])


def example_for_review(session: Session, shop_id: int, review_id: str) -> dict[str, Any] | None:
    return next((e for e in learned_examples(session, shop_id) if e["review_id"] == review_id), None)


def teach(
    session: Session, shop_id: int, review_id: str, *, intent: str, text: str, reviewer: str, predicted: str | None
) -> dict[str, Any]:
    """Store ``text`` as an example of ``intent`` for this review (replacing an earlier one)."""
    shop = _shop(session, shop_id)
    names = shop_taxonomy(shop.settings).names
    if intent not in names:
        raise InvalidInput(f"intent {intent!r} is not in this shop's taxonomy; use one of: {', '.join(names)}")
    kept = [e for e in learned_examples(session, shop_id) if e["review_id"] != review_id]
    if len(kept) >= MAX_LEARNED:
        raise InvalidInput(
            f"this shop already has {MAX_LEARNED} reviewer examples; add them to the taxonomy file "
            "(assist taxonomy set) and remove some before teaching more"
        )
    example = {
        "review_id": review_id,
        "intent": intent,
        "text": text,
        "reviewer": reviewer,
        "predicted": predicted,
        "at": utcnow().isoformat(),
    }
    shop.settings = {**(shop.settings or {}), LEARNED_KEY: [*kept, example]}
    session.flush()
    return example


def forget(session: Session, shop_id: int, review_id: str) -> dict[str, Any]:
    """Undo: remove the example taught from this review; returns it."""
    shop = _shop(session, shop_id)
    examples = learned_examples(session, shop_id)
    removed = next((e for e in examples if e["review_id"] == review_id), None)
    if removed is None:
        raise NotFound(f"review {review_id!r} taught no intent example; nothing to undo")
    shop.settings = {**(shop.settings or {}), LEARNED_KEY: [e for e in examples if e is not removed]}
    session.flush()
    return removed
