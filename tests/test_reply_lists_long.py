"""A reply that lists the shop's regions or product classes (no place or item decides one) lists up to
``MAX_LISTED`` of them, not the first three or four: a buyer with six delivery zones hears all six."""

from __future__ import annotations

from datetime import UTC, datetime

from assist.ask_replies import answer_asks
from assist.asks import Ask
from assist.policy_facts import PolicyFacts
from assist.scoped_facts import MAX_LISTED

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
ZONES = ["Zone A", "Zone B", "Zone C", "Zone D", "Zone E", "Zone F"]
CLASSES = ["kettles", "toasters", "blenders", "mixers", "juicers", "grills"]


def _facts(slot: str, unit: str, scope: str, names: list[str]) -> PolicyFacts:
    facts = [
        {"slot": slot, "value": 2 + n, "unit": unit, "scope": {scope: name}, "chunk_id": f"c{n}"}
        for n, name in enumerate(names)
    ]
    return PolicyFacts.model_validate({"shop": "t", "facts": facts})


def test_every_delivery_zone_is_listed_up_to_the_limit():
    assert MAX_LISTED >= 6
    ask = Ask(text="How long does delivery take?", intent="shipping_time", topics=["shipping_time"])
    reply = answer_asks("en", [ask], _facts("shipping.transit_time", "day", "region", ZONES), None, NOW)
    assert reply.text is not None
    assert all(zone in reply.text for zone in ZONES), reply.text


def test_every_product_class_warranty_is_listed_up_to_the_limit():
    ask = Ask(text="How long is the warranty?", intent="warranty", topics=["warranty"])
    reply = answer_asks("en", [ask], _facts("warranty.length", "month", "product_class", CLASSES), None, NOW)
    assert reply.text is not None
    assert all(name in reply.text for name in CLASSES), reply.text


def test_a_region_written_alike_under_two_names_is_listed_once():
    # "US" and "United States" cover different places to the gazetteer (the second with its territories), but a
    # Japanese reply writes both アメリカ合衆国: the value and region are written once, the other regions kept
    ask = Ask(text="注文した商品はいつ届きますか？", intent="shipping_time", topics=["shipping_time"])
    facts = _facts("shipping.transit_time", "day", "region", ["US", "Japan", "United States"])
    facts.facts[2].value = facts.facts[0].value  # the same value, stated again under the longer name
    reply = answer_asks("ja", [ask], facts, None, NOW)
    assert reply.text is not None
    assert reply.text.count("アメリカ合衆国") == 1, reply.text
    assert "日本" in reply.text, reply.text
