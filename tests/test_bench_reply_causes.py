"""The per-cause table of the reply bench: each required fact the top suggestion misses is put down to the stage of the
pipeline that lost it, from the pipeline's own outputs (its asks, its trace of answers and facts, the top suggestion),
so the table can be read on a split nobody reads the cases of."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.ask_replies import answer_asks
from assist.asks import Ask
from assist.policy_facts import PolicyFacts
from bench.reply_causes import CauseTally, cause_rows, miss_causes, promise_causes

FACTS = [
    {"slot": "shipping.cost", "value": "9", "scope": {"region": "islands"}},
    {"slot": "shipping.cost", "value": "4", "scope": {}},
    {"slot": "refunds.time", "value": "10", "scope": {"payment_method": "instalments"}},
    {"slot": "returns.window", "value": "30", "scope": {}},
    {"slot": "other", "value": "batteries by road only", "scope": {"product_class": "loose batteries"}},
]


def _output(
    topics: list[list[str]],
    declared: list[tuple[str, str]] | None = None,
    text: str = "",
    answers: list[list[dict[str, Any]]] | None = None,
    order: dict[str, Any] | None = None,
    facts: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "suggestions": [{"text": text, "facts": [{"field": f, "value": v} for f, v in declared or []]}],
        "asks": [{"topics": t, "covered": True} for t in topics],
        "order": order,
        "trace": {"asks": answers or [[] for _ in topics], "facts": FACTS if facts is None else facts},
    }


def _case(must_state: list[dict[str, Any]], asks: list[str], order_ids: list[str] | None = None) -> dict[str, Any]:
    return {"must_state": must_state, "asks": asks, "conversation": {"order_ids": order_ids or []}}


def test_a_fact_no_ask_is_about_is_lost_where_the_asks_were_split_or_read() -> None:
    wanted = [{"fact": "shipping.cost", "value": 4}]
    assert miss_causes(_case(wanted, ["return", "shipping_cost"]), _output([["return"]])) == ["ask not split"]
    assert miss_causes(_case(wanted, ["return", "shipping_cost"]), _output([["return"], ["refund"]])) == [
        "topic misread"
    ]


def test_a_fact_scoped_to_a_region_the_order_was_not_placed_in_is_a_region_miss() -> None:
    wanted = [{"fact": "shipping.cost", "value": 9}]
    case = _case(wanted, ["shipping_cost"])
    assert miss_causes(case, _output([["shipping_cost"]])) == ["scope: region unplaced"]
    placed = [[{"key": "order_region", "slot": None, "value": "mainland", "holds": None, "scopes": []}]]
    assert miss_causes(case, _output([["shipping_cost"]], answers=placed)) == ["scope: region"]
    paid = [{"fact": "refunds.time", "value": 10}]
    assert miss_causes(_case(paid, ["refund"]), _output([["refund"]])) == ["scope: payment method"]


def test_a_fact_the_facts_lack_is_the_extractors_miss() -> None:
    case = _case([{"fact": "returns.window", "value": 14}], ["return"])
    assert miss_causes(case, _output([["return"]])) == ["not in facts"]
    assert miss_causes(case, _output([["return"]], facts=[])) == ["not in facts"]


def test_a_fact_held_for_review_is_told_from_one_the_facts_lack() -> None:
    case = _case([{"fact": "cancel_possible", "value": True}], ["cancel"], order_ids=["A1"])
    held = [{"slot": "cancellation.rule", "value": "before_shipping", "scope": {}, "review": True}]
    assert miss_causes(case, _output([["cancel"]], order={"order_id": "A1"}, facts=held)) == ["held for review"]
    held[0]["review"] = False
    assert miss_causes(case, _output([["cancel"]], order={"order_id": "A1"}, facts=held)) == ["computed missing"]


def test_computed_answers_missing_for_want_of_the_order_or_of_the_computation() -> None:
    case = _case([{"fact": "return_deadline", "value": "2026-11-02"}], ["return"], order_ids=["A1"])
    assert miss_causes(case, _output([["return"]])) == ["order not found"]
    assert miss_causes(case, _output([["return"]], order={"order_id": "A1"})) == ["computed missing"]


def test_an_answer_the_reply_did_not_write_and_a_value_written_wrong_or_unreadably() -> None:
    case = _case([{"fact": "returns.window", "value": 30}], ["return"])
    found = [[{"key": "fact", "slot": "returns.window", "value": "30", "holds": None, "scopes": [{}]}]]
    assert miss_causes(case, _output([["return"]], answers=found)) == ["answered, not written"]
    said = [("policy_fact.returns.window", "14")]
    assert miss_causes(case, _output([["return"]], said, "You have 14 days.")) == ["fact not chosen"]
    said = [("policy_fact.shipping.cost", "4")]  # the islands' 9 was there, the general 4 was stated
    assert miss_causes(_case([{"fact": "shipping.cost", "value": 9}], ["shipping_cost"]), _output([["x"]], said)) == [
        "scope: region unplaced"
    ]
    assert miss_causes(_case([{"fact": "shipping.cost", "value": 7}], ["shipping_cost"]), _output([["x"]], said)) == [
        "value wrong"
    ]
    said = [("policy_fact.returns.window", "30")]
    assert miss_causes(case, _output([["return"]], said, "You have a month.")) == ["value not in text"]
    assert miss_causes(case, _output([["return"]], said, "You have 30 days.")) == []


def test_a_shop_rule_not_stated_or_another_stated() -> None:
    case = _case([{"fact": "other", "value": "by road only"}], ["other", "shipping_cost"])
    assert miss_causes(case, _output([["shipping_cost"], ["other"]])) == ["shop rule unmatched"]
    said = [("policy_fact.other", "gift wrap is free")]
    assert miss_causes(case, _output([["shipping_cost"], ["other"]], said)) == ["shop rule: another"]


def test_forbidden_promises_and_the_table() -> None:
    case = {
        **_case([{"fact": "cancel_possible", "value": True}], ["cancel"]),
        "must_not": ["guaranteed", {"fact": "cancel_possible", "value": False}],
    }
    output = _output([["cancel"]], [("answer.cancel_possible", "false")], "Cancellation is guaranteed... not.")
    assert sorted(promise_causes(case, output)) == ["forbidden phrase", "verdict wrong"]
    tally = CauseTally()
    tally.add(case, output)
    header, rows = cause_rows({"FRESH-X": tally})
    assert header == ["cause", "FRESH-X", "total"]
    assert ["computed wrong", "1 (1)", "1 (1)"] in rows
    assert ["conversations missing a fact", "1/1", "1/1"] in rows
    assert ["promise: verdict wrong", "1", "1"] in rows


def test_the_reply_keeps_each_asks_answers_for_the_trace() -> None:
    facts = PolicyFacts.model_validate(
        {"shop": "t", "facts": [{"slot": "returns.window", "value": 30, "unit": "day", "sentence": "30 days."}]}
    )
    asks = [Ask(text="Can I send it back?", intent="return_request", topics=["return"])]
    reply = answer_asks("en", asks, facts, None, datetime(2026, 11, 20, tzinfo=UTC))
    assert [[(a.key, a.slot) for a in found] for found in reply.found] == [[("fact", "returns.window")]]


def test_the_shop_suggest_task_output_carries_the_trace() -> None:
    from assist.models import Conversation
    from assist.suggest import ReplyContext
    from evals.shops import reply_trace

    facts = PolicyFacts.model_validate(
        {
            "shop": "t",
            "facts": [
                {"slot": "returns.window", "value": 30, "unit": "day", "sentence": "30 days."},
                {"slot": "shipping.cost", "value": 9, "scope": {"region": "islands"}, "sentence": "Islands: 9."},
                {"slot": "refunds.time", "value": 3, "source": "rule", "confidence": 0.2, "sentence": "3 days."},
            ],
        }
    )
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": "Can I send it back?"}]})
    asks = [Ask(text="Can I send it back?", intent="return_request", topics=["return"])]
    context = ReplyContext(conversation, "en", "en", facts=facts, asks=asks)
    trace = reply_trace(context)
    assert [[a["slot"] for a in ask] for ask in trace["asks"]] == [["returns.window"]]
    assert {"slot": "shipping.cost", "value": "9", "scope": {"region": "islands"}, "review": False} in trace["facts"]
    assert {"slot": "refunds.time", "value": "3", "scope": {}, "review": True} in trace["facts"]
