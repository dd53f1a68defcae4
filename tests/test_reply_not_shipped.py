"""A buyer whose place lies in none of the shop's shipping regions is told where the shop ships, in the buyer's
language, instead of a holding line; when a region name cannot be read, nothing is claimed. A Nordic shop and a
Portuguese shop written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.ask_replies import answer_asks
from assist.asks import split_asks
from assist.policy_facts import PolicyFacts

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _shop(regions: list[str], language: str) -> PolicyFacts:
    return PolicyFacts.model_validate(
        {
            "shop": "nordic",
            "facts": [
                {"slot": "shipping.regions", "value": regions, "language": language},
                {
                    "slot": "shipping.transit_time",
                    "value": 2,
                    "max_value": 4,
                    "unit": "business_day",
                    "scope": {"region": regions[0]},
                    "language": language,
                },
            ],
        }
    )


@pytest.mark.parametrize(
    ("language", "text", "words"),
    [
        ("en", "Do you deliver to Finland? How long would it take?", ["Norway", "Sweden", "Finland"]),
        ("de", "Liefert ihr auch nach Österreich? Wie lange dauert das?", ["Norwegen", "Schweden", "Österreich"]),
        ("ja", "フィンランドまで配送してもらえますか？何日かかりますか？", ["ノルウェー", "フィンランド"]),
    ],
)
def test_a_place_outside_every_region_is_told_where_the_shop_ships(language, text, words):
    facts = _shop(["Norge", "Sverige", "Danmark"], "nb")
    asks = split_asks(text, lambda p: ["product_question"] * len(p))
    reply = answer_asks(language, asks, facts, None, NOW, currency="NOK")
    assert reply.text is not None
    for word in words:
        assert word in reply.text, reply.text
    assert any(f.field == "policy_fact.shipping.regions" for f in reply.facts)


def test_a_region_the_code_cannot_read_claims_nothing():
    facts = _shop(["Portugal continental", "Zona B"], "pt")  # "Zona B" might hold any place
    asks = split_asks("How long does delivery to Spain take?", lambda p: ["product_question"] * len(p))
    reply = answer_asks("en", asks, facts, None, NOW, currency="EUR")
    assert not any(f.field == "policy_fact.shipping.regions" for f in reply.facts), reply.text


def test_a_place_outside_every_region_gets_no_delivery_time():
    facts = _shop(["Norge", "Sverige", "Danmark"], "nb")
    general = facts.facts[1].model_copy(update={"scope": facts.facts[1].scope.model_copy(update={"region": None})})
    facts = PolicyFacts(shop="nordic", facts=[facts.facts[0], general])  # "delivery takes 2-4 business days"
    asks = split_asks("How long does delivery to Finland take?", lambda p: ["product_question"] * len(p))
    reply = answer_asks("en", asks, facts, None, NOW, currency="NOK")
    assert "Finland" in (reply.text or ""), reply.text
    assert not any(f.field == "policy_fact.shipping.transit_time" for f in reply.facts), reply.text
