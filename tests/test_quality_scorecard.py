"""Conversation scorecards: rubric YAML validation, per-shop overrides, categories with evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assist.errors import InvalidInput
from assist.language import FakeDetector
from assist.models import Conversation
from assist.quality import config_for_shop, load_config, score_conversation
from assist.quality.agreement import agreement_report


def conversation(
    agent_texts: list[str],
    minutes: list[int] | None = None,
    channel: str = "email",
    buyer: str = "My parcel still hasn't arrived, this is ridiculous!",
) -> Conversation:
    start, messages, t = datetime(2026, 5, 4, 8, tzinfo=UTC), [], 0
    for i, text in enumerate(agent_texts):
        messages.append(
            {"role": "customer", "text": buyer if i == 0 else "ok?", "sent_at": start + timedelta(minutes=t)}
        )
        t += (minutes or [10] * len(agent_texts))[i]
        messages.append(
            {
                "role": "agent",
                "text": text,
                "author": "bob" if i == 0 else "amy",
                "sent_at": start + timedelta(minutes=t),
            }
        )
        t += 5
    return Conversation.model_validate(
        {"id": "c1", "channel": channel, "customer": {"language": "en"}, "messages": messages}
    )


def score(conv: Conversation, **kw):  # type: ignore[no-untyped-def]
    card = score_conversation(conv, language_detector=FakeDetector("en"), **kw)
    return card, {c.name: c for c in card.categories}


def test_good_conversation_scores_high_with_evidence() -> None:
    card, cats = score(
        conversation(
            [
                "Hi Sam, I'm sorry about the wait. Your parcel is on its way and will arrive by Friday.",
                "You're welcome! Let me know if there is anything else. Best regards, Amy",
            ]
        )
    )
    assert card.total >= 90 and card.passed
    assert card.agents == ["bob", "amy"]
    assert cats["greeting"].evidence[0].text == "Hi" and cats["greeting"].evidence[0].message_index == 1
    assert cats["empathy"].evidence[0].text == "sorry"
    assert cats["closing"].evidence[0].message_index == 3
    assert card.first_response_minutes == 10 and cats["response_time"].passed


def test_bad_conversation_fails_the_right_categories() -> None:
    card, cats = score(
        conversation(
            ["That's your problem. Email me at bob.private@gmail.com, you can return it within 90 days."],
            minutes=[60 * 30],
            channel="amazon",
        ),
        shop_settings={"return_window_days": 30},
    )
    assert not card.passed and card.total < 50
    for name in ("greeting", "empathy", "tone", "accuracy", "compliance", "response_time", "closing"):
        assert not cats[name].passed, name
    assert any(e.text == "90 days" for e in cats["accuracy"].evidence)
    assert "30.0 h" in cats["response_time"].reason


def test_no_timestamps_makes_response_time_not_applicable() -> None:
    conv = Conversation.model_validate(
        {
            "messages": [
                {"role": "customer", "text": "Where is it?"},
                {"role": "agent", "text": "Hi! It ships today. Let me know."},
            ]
        }
    )
    card, cats = score(conv)
    assert not cats["response_time"].applicable and card.first_response_minutes is None
    assert card.total == pytest.approx(100 * sum(c.score for c in card.categories) / 90, abs=0.1)


def test_conversation_without_agent_reply_scores_zero() -> None:
    conv = Conversation.model_validate({"messages": [{"role": "customer", "text": "Hello?"}]})
    card, _ = score(conv)
    assert card.total == 0 and not card.passed


def test_default_yaml_weights_sum_to_100_and_shop_override_merges() -> None:
    config = load_config()
    assert sum(c.weight for c in config.categories.values()) == 100
    assert (config.sla_hours, config.target_hours) == (24, 1)
    shop = config_for_shop(
        {"scorecard": {"sla_hours": 4, "categories": {"greeting": {"enabled": False}, "tone": {"weight": 30}}}}
    )
    assert shop.sla_hours == 4 and shop.categories["tone"].weight == 30
    _, cats = score(conversation(["Hi! It ships today. Let me know."]), config=shop)
    assert "greeting" not in cats


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"categories": {"speed": {"weight": 5}}}, "unknown category speed"),
        ({"categories": {"tone": {"weight": -1}}}, "categories.tone.weight"),
        ({"target_hours": 48}, "must not exceed sla_hours"),
        ({"categories": {"tone": {"weigth": 3}}}, "categories.tone.weigth"),
    ],
)
def test_invalid_scorecards_say_what_to_fix(override: dict, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        config_for_shop({"scorecard": override})


def test_bad_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "card.yaml"
    path.write_text("categories: [unclosed", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid YAML"):
        load_config(path)
    with pytest.raises(InvalidInput, match="not found"):
        load_config(tmp_path / "missing.yaml")


def test_agreement_report_kappa_and_confusion() -> None:
    report = agreement_report(
        {
            "tone": [(True, True), (True, False), (False, False), (False, False)],
            "greeting": [(True, True), (True, True)],
        }
    )
    tone = report["categories"]["tone"]
    assert tone["percent_agreement"] == 75.0 and tone["kappa"] == pytest.approx(0.5)
    assert tone["confusion"]["matrix"] == [[1, 0], [1, 2]]
    assert report["categories"]["greeting"]["kappa"] is None  # one label only: undefined
    assert report["reviewed_items"] == 6
