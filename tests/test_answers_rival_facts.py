"""A computed yes/no answer states no verdict when a rival fact of the same slot, one held for review too, would give
the other one: the reply states the rule and the agent's note names the rival (made-up facts, library API)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.answers import answers_for
from assist.ask_replies import answer_asks
from assist.asks import split_asks
from assist.models import Order
from assist.policy_facts import PolicyFacts

NOW = datetime(2027, 3, 20, 12, 0, tzinfo=UTC)


def _facts(*extra: dict[str, Any]) -> PolicyFacts:
    base = [
        {
            "slot": "returns.window",
            "value": 10,
            "unit": "day",
            "sentence": "Ten days to send things back.",
            "chunk_id": "r1",
            "source": "rule",
            "confidence": 0.9,
        },
        {"slot": "warranty.length", "value": 1, "unit": "year", "chunk_id": "w1", "confidence": 0.9},
        {"slot": "cancellation.rule", "value": "before_shipping", "chunk_id": "k1", "confidence": 0.9},
    ]
    return PolicyFacts.model_validate({"shop": "made-up", "facts": base + list(extra)})


def _order(status: str = "delivered", delivered: datetime | None = datetime(2027, 3, 1, tzinfo=UTC)) -> Order:
    return Order.model_validate(
        {
            "order_id": "MU-77",
            "customer_id": "B9",
            "customer_name": "Ada Lind",
            "status": status,
            "placed_at": datetime(2026, 2, 20, tzinfo=UTC),
            "delivered_at": delivered,
            "items": [{"sku": "LMP-2", "name": "Brass desk lamp", "quantity": 1, "price": 80}],
            "total": 80,
            "currency": "EUR",
        }
    )


def _one(answers: list[Any], key: str) -> Any:
    return next(a for a in answers if a.key == key)


def test_a_lone_window_gives_its_verdict() -> None:
    deadline = _one(answers_for(["return"], _facts(), _order(), NOW), "return_deadline")
    assert deadline.holds is False and deadline.value == "2027-03-11"


def test_a_rival_window_held_for_review_takes_the_verdict_away() -> None:
    rival = {
        "slot": "returns.window",
        "value": 45,
        "unit": "day",
        "sentence": "Sealed goods: 45 days.",
        "chunk_id": "r2",
        "confidence": 0.3,
    }
    deadline = _one(answers_for(["return"], _facts(rival), _order(), NOW), "return_deadline")
    assert deadline.holds is None
    assert "45 day" in deadline.note and "Sealed goods" in deadline.note


def test_numbers_read_from_another_topics_sentence_are_no_rivals() -> None:
    """A sentence that states the trusted one-year warranty by its number is the warranty's rule: the numbers read
    from it as return windows (held for review) take no verdict away; the same numbers from a sentence of their own
    still do."""
    sentence = "Repaired or replaced lamps stay covered for the rest of the 1 year, and for 3 months at least."
    read = [
        {"slot": "returns.window", "value": value, "unit": unit, "sentence": sentence, "chunk_id": "w3"}
        | {"confidence": 0.3}
        for value, unit in ((1, "year"), (3, "month"))
    ]
    deadline = _one(answers_for(["return"], _facts(*read), _order(), NOW), "return_deadline")
    assert deadline.holds is False and deadline.value == "2027-03-11"
    own = {**read[1], "sentence": "Lamps: 3 months to send them back."}
    assert _one(answers_for(["return"], _facts(own), _order(), NOW), "return_deadline").holds is None
    trusted = [{**fact, "confidence": 0.9} for fact in read]  # read with confidence: still a rival
    assert _one(answers_for(["return"], _facts(*trusted), _order(), NOW), "return_deadline").holds is None


def test_a_rival_that_agrees_on_the_verdict_leaves_it() -> None:
    rival = {"slot": "returns.window", "value": 12, "unit": "day", "chunk_id": "r2", "confidence": 0.3}
    deadline = _one(answers_for(["return"], _facts(rival), _order(), NOW), "return_deadline")
    assert deadline.holds is False


def test_a_rival_for_another_region_does_not_count() -> None:
    rival = {
        "slot": "returns.window",
        "value": 60,
        "unit": "day",
        "chunk_id": "r2",
        "confidence": 0.95,
        "scope": {"region": "Atlantis"},
    }
    deadline = _one(answers_for(["return"], _facts(rival), _order(), NOW), "return_deadline")
    assert deadline.holds is False


def test_warranty_and_cancellation_rivals_take_their_verdicts_away() -> None:
    longer = {"slot": "warranty.length", "value": 3, "unit": "year", "chunk_id": "w2", "confidence": 0.3}
    old = _order(delivered=datetime(2025, 1, 5, tzinfo=UTC))
    assert _one(answers_for(["warranty"], _facts(), old, NOW), "warranty_until").holds is False
    assert _one(answers_for(["warranty"], _facts(longer), old, NOW), "warranty_until").holds is None
    never = {"slot": "cancellation.rule", "value": "not_allowed", "chunk_id": "k2", "confidence": 0.3}
    pending = _order(status="processing", delivered=None)
    assert _one(answers_for(["cancel"], _facts(), pending, NOW), "cancel_possible").holds is True
    assert _one(answers_for(["cancel"], _facts(never), pending, NOW), "cancel_possible").holds is None


def test_the_reply_states_the_rule_not_that_the_window_ended() -> None:
    rival = {
        "slot": "returns.window",
        "value": 45,
        "unit": "day",
        "sentence": "Sealed goods: 45 days.",
        "chunk_id": "r2",
        "confidence": 0.3,
    }
    order = _order()
    asks = split_asks("Can I still return the lamp?", order=order)
    plain = answer_asks("en", asks, _facts(), order, NOW)
    doubted = answer_asks("en", asks, _facts(rival), order, NOW)
    said = {f.field: f.value for f in plain.facts}
    assert said.get("answer.return_deadline.open") == "false"
    fields = {f.field: f.value for f in doubted.facts}
    assert "answer.return_deadline.open" not in fields and "answer.return_deadline" not in fields
    assert fields.get("policy_fact.returns.window") == "10"
    assert doubted.text is not None and "10" in doubted.text


def test_the_return_window_of_the_orders_region_gives_the_deadline() -> None:
    longer = {
        "slot": "returns.window",
        "value": 40,
        "unit": "day",
        "scope": {"region": "Suomi"},
        "sentence": "Orders delivered in Finland may go back within 40 days.",
        "chunk_id": "r2",
        "source": "rule",
        "confidence": 0.9,
    }
    finnish = _order().model_copy(update={"shipping_country": "FI"})
    deadline = _one(answers_for(["return"], _facts(longer), finnish, NOW), "return_deadline")
    assert deadline.holds is True and deadline.value == "2027-04-10"  # 1 March + 40 days, not + 10
    elsewhere = _order().model_copy(update={"shipping_country": "SE"})
    deadline = _one(answers_for(["return"], _facts(longer), elsewhere, NOW), "return_deadline")
    assert deadline.holds is False and deadline.value == "2027-03-11"
