"""Suggestions issued per shop and the agents' feedback on them: acceptance and edit rates."""

from __future__ import annotations

import pytest

from assist.errors import InvalidInput, NotFound
from assist.models import Suggestion
from assist.store import Database, feedback, shops


@pytest.fixture
def db(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'a.db'}")
    database.create_schema()
    yield database
    database.dispose()


def issue(db, shop_id: int, intent: str, engine: str, *ids: str) -> None:
    with db.session() as session:
        feedback.record_issued(
            session,
            shop_id,
            [
                Suggestion(id=i, text=f"Hello {i}, your parcel is on its way.", language="en", engine=engine)
                for i in ids
            ],
            intent=intent,
            conversation_id="c1",
        )


def test_rates_per_intent_and_engine(db):
    with db.session() as session:
        alpha, _ = shops.create_shop(session, "alpha")
        beta, _ = shops.create_shop(session, "beta")
        alpha_id, beta_id = alpha.id, beta.id
    issue(db, alpha_id, "track_order", "template", "s1", "s2", "s3", "s4")
    issue(db, alpha_id, "return_request", "openai", "s5", "s6")
    issue(db, alpha_id, "track_order", "template", "s1")  # re-issued: recorded once
    with db.session() as session:
        feedback.add_feedback(session, alpha_id, "s1", "inserted")
        feedback.add_feedback(session, alpha_id, "s1", "sent")
        feedback.add_feedback(session, alpha_id, "s2", "edited", "Hello s2, your parcel arrives on Monday.")
        feedback.add_feedback(session, alpha_id, "s3", "dismissed")
        feedback.add_feedback(session, alpha_id, "s5", "sent", "Hello s5, your parcel is on its way.")
        with pytest.raises(NotFound, match="not issued to this shop"):
            feedback.add_feedback(session, beta_id, "s1", "inserted")
        with pytest.raises(InvalidInput, match="needs final_text"):
            feedback.add_feedback(session, alpha_id, "s4", "edited")
    with db.session() as session:
        stats = feedback.suggestion_stats(session, alpha_id)
        empty = feedback.suggestion_stats(session, beta_id)
    overall = stats["overall"]
    assert overall["issued"] == 6 and overall["acceptance_rate"] == pytest.approx(3 / 6, abs=1e-4)
    assert overall["edit_rate"] == pytest.approx(1 / 2, abs=1e-4)
    track = stats["by_intent"]["track_order"]
    assert track["issued"] == 4 and track["acceptance_rate"] == 0.5 and track["dismissed"] == 1
    assert stats["by_engine"]["openai"]["acceptance_rate"] == 0.5
    assert stats["by_engine"]["openai"]["mean_edit_ratio"] == 0.0
    assert 0 < track["mean_edit_ratio"] < 1
    assert empty["overall"]["issued"] == 0 and empty["overall"]["acceptance_rate"] is None


def test_edit_ratio():
    assert feedback.edit_ratio("abc", "abc") == 0.0
    assert feedback.edit_ratio("abc", "xyz") == 1.0
