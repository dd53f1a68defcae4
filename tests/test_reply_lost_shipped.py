"""A buyer asking whether a parcel on its way is lost gets, beside the shop's lost-parcel rules, when it left: the
order's ship date decides whether it can be lost yet. Messages written for the test."""

from __future__ import annotations

from datetime import UTC, datetime

from assist.ask_replies import answer_asks
from assist.asks import Ask
from assist.models import Order
from assist.policy_facts import PolicyFacts

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
FACTS = PolicyFacts.model_validate(
    {
        "shop": "t",
        "facts": [
            {"slot": "lost.report_after", "value": 5, "unit": "business_day", "chunk_id": "l"},
            {"slot": "lost.trace_time", "value": 7, "unit": "business_day", "chunk_id": "l"},
        ],
    }
)


def _order(status: str) -> Order:
    dates = {"shipped_at": "2026-11-19T08:00:00Z"} if status != "processing" else {}
    if status == "delivered":
        dates["delivered_at"] = "2026-11-20T08:00:00Z"
    return Order.model_validate(
        {
            "order_id": "T-1001",
            "customer_id": "C1",
            "customer_name": "Sam Reed",
            "status": status,
            "placed_at": "2026-11-18T08:00:00Z",
            "carrier": "DHL",
            "items": [{"sku": "A", "name": "Kettle", "quantity": 1, "price": 30.0}],
            "total": 30.0,
            "currency": "EUR",
            **dates,
        }
    )


def _reply(status: str):
    ask = Ask(text="The tracking page shows nothing. Is it lost?", intent="lost", topics=["lost"])
    return answer_asks("en", [ask], FACTS, _order(status), NOW, buyer_name="Sam Reed")


def test_a_parcel_on_its_way_asked_as_lost_gets_its_ship_date_and_the_lost_parcel_rule():
    reply = _reply("shipped")
    declared = {f.field: f.value for f in reply.facts}
    assert declared.get("order.shipped_at") == "2026-11-19"
    assert declared.get("policy_fact.lost.report_after") == "5"
    assert "order_status" in reply.coverage[0].topics


def test_a_delivered_order_asked_as_lost_gets_no_status_line():
    reply = _reply("delivered")
    assert "order_status" not in reply.coverage[0].topics
