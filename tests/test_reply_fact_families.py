"""What a reply states for an ask is the family of facts its topic needs for this order: a return of an item the
buyer says arrived damaged also gets the damage-report window (and whether it still runs); a pre-sales "when will
it ship?" (no order) gets the dispatch cut-off and time beside the transit time, and a pre-sales question on the
delivery's cost or time gets the other too. Policies, orders and questions
are written for these tests, in several languages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from assist.ask_replies import answer_asks, implied_topics
from assist.asks import Ask, split_asks
from assist.models import Order
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.shop_facts import folder_facts

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)

POLICY = """---
title: Service
language: en
---
# Shipping

Orders placed before 11:00 on a weekday leave our warehouse the same day.
Delivery within Portugal takes 1-3 business days.

# Returns

You can return items within 21 days of delivery. Return shipping is paid by the customer.

# Damaged items

Please report transport damage within 4 days of delivery, with a photo of the item.
"""


@pytest.fixture
def facts(tmp_path: Path):
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "service.md").write_text(POLICY, encoding="utf-8")
    return folder_facts(folder)


def _order(delivered: datetime) -> Order:
    return Order.model_validate(
        {
            "order_id": "PT-77",
            "customer_id": "C7",
            "customer_name": "Rita Sousa",
            "status": "delivered",
            "placed_at": datetime(2026, 11, 10, tzinfo=UTC),
            "delivered_at": delivered,
            "items": [{"sku": "CER-1", "name": "Ceramic teapot", "quantity": 1, "price": 35}],
            "total": 35,
            "currency": "EUR",
        }
    )


def _ask(text: str, topics: list[str]) -> Ask:
    return Ask(text=text, intent="return_request", topics=topics)


def test_a_return_of_an_item_the_buyer_calls_damaged_is_also_a_damage_report() -> None:
    ask = _ask("The lid of the teapot came cracked, can I send it back?", ["return"])
    assert implied_topics(ask) == ["return", "damage"]


def test_a_plain_return_stays_a_return() -> None:
    assert implied_topics(_ask("The colour is not what I hoped, can I send it back?", ["return"])) == ["return"]


def test_the_reply_states_whether_the_damage_report_window_still_runs(facts) -> None:
    ask = _ask("The lid came cracked, can I send the teapot back?", ["return"])
    recent = answer_asks("en", [ask], facts, _order(datetime(2026, 11, 18, tzinfo=UTC)), NOW)
    assert "damage" in recent.coverage[0].topics
    assert "November 22, 2026" in (recent.text or ""), recent.text  # delivered Nov 18 + 4 days: still open
    late = answer_asks("en", [ask], facts, _order(datetime(2026, 11, 1, tzinfo=UTC)), NOW)
    assert "November 5, 2026" in (late.text or ""), late.text  # the window ended; the reply says so


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "If I order the teapot today, when would it be sent out?"),
        ("pt", "Se eu encomendar hoje, quando é que sai do armazém?"),
    ],
)
def test_a_pre_sales_when_does_it_ship_gets_the_dispatch_cut_off(facts, language: str, question: str) -> None:
    asks = [Ask(text=question, intent="track_order", topics=["order_status"])]
    reply = answer_asks(language, asks, facts, None, NOW)
    assert reply.text is not None and "11:00" in reply.text, reply.text
    assert any(f.field == "policy_fact.shipping.dispatch_cutoff" for f in reply.facts)


def test_an_order_status_ask_about_a_placed_order_does_not_repeat_the_cut_off(facts) -> None:
    asks = split_asks("Where is my teapot?", lambda p: ["track_order"] * len(p))
    reply = answer_asks("en", asks, facts, _order(datetime(2026, 11, 18, tzinfo=UTC)), NOW)
    assert not any(f.field == "policy_fact.shipping.dispatch_cutoff" for f in reply.facts)


def test_a_pre_sales_delivery_question_answers_both_its_cost_and_its_time() -> None:
    ask = Ask(text="Sa kushton dergesa dhe sa dite zgjat?", intent="other", topics=["shipping_time"])
    assert implied_topics(ask) == ["shipping_time", "shipping_cost"]
    assert implied_topics(ask.model_copy(update={"topics": ["shipping_cost"]})) == ["shipping_cost", "shipping_time"]


def test_the_other_delivery_question_is_not_added_where_an_order_or_another_ask_holds_it() -> None:
    ask = Ask(text="How long does it take?", intent="other", topics=["shipping_time"])
    assert implied_topics(ask, _order(datetime(2026, 11, 18, tzinfo=UTC))) == ["shipping_time"]
    assert implied_topics(ask, None, {"shipping_time", "shipping_cost"}) == ["shipping_time"]
    assert implied_topics(_ask("Can I send it back, and what is the postage?", ["return", "shipping_cost"])) == [
        "return",
        "return_cost",
    ]


def test_the_reply_to_a_pre_sales_transit_question_states_the_shipping_fee() -> None:
    delivery = PolicyFacts(
        shop="t",
        facts=[
            PolicyFact(slot="shipping.transit_time", value=1, max_value=3, unit="business_day"),
            PolicyFact(slot="shipping.cost", value=4.9, unit="EUR"),
        ],
    )
    asks = [Ask(text="Quanto tempo demora a entrega e quanto custa?", intent="other", topics=["shipping_time"])]
    reply = answer_asks("en", asks, delivery, None, NOW, currency="EUR")
    assert any(f.field == "policy_fact.shipping.cost" for f in reply.facts), reply.text
    assert "4.90" in (reply.text or ""), reply.text
    assert any(f.field == "policy_fact.shipping.transit_time" for f in reply.facts), reply.text
