"""The per-kind table of the draft benches: a case's kind is read from the case alone (which check must fire, cues
that need no language list, the buyer's question), and caught / missed / false alarms are counted per kind."""

from __future__ import annotations

from typing import Any

from bench.claim_kinds import KindTally, kind_of


def _case(draft: str, question: str, must_fire: list[str], must_not_fire: list[str] | None = None) -> dict[str, Any]:
    return {
        "draft": draft,
        "conversation": {"messages": [{"role": "customer", "text": question}]},
        "must_fire": must_fire,
        "must_not_fire": must_not_fire or [],
    }


def test_a_case_kind_comes_from_the_case_not_from_the_checks() -> None:
    order = ["order_contradiction"]
    policy = ["policy_contradiction"]
    assert kind_of(_case("Your tracking number is 00340434100000000001.", "Where is my parcel?", order)) == "tracking"
    assert kind_of(_case("It is with DHL.", "Which carrier has my parcel?", order)) == "carrier"
    assert kind_of(_case("It was delivered yesterday.", "Where is my order?", order)) == "status"
    assert kind_of(_case("You have 30 days to return it.", "How long do I have to return it?", policy)) == "window"
    assert kind_of(_case("Yes, we cancel it for you.", "Can I cancel my order?", policy)) == "cancel/change"
    assert kind_of(_case("Shipping costs €4.90.", "How much is shipping?", policy)) == "amount"


def test_caught_missed_and_false_alarms_are_counted_per_kind() -> None:
    tally = KindTally()
    fired = {"issues": [{"check": "policy_contradiction"}]}
    tally.add(
        _case("You have 30 days to return it.", "How long do I have to return it?", ["policy_contradiction"]), fired
    )
    tally.add(_case("You have 60 days to return it.", "How long do I have to return it?", ["policy_contradiction"]), {})
    tally.add(_case("You have 14 days.", "How long do I have to return it?", [], ["policy_contradiction"]), fired)
    assert tally.header() == ["kind", "caught", "missed", "R", "false policy_contradiction"]
    assert tally.rows() == [["window", "1", "1", "0.50", "1"]]
