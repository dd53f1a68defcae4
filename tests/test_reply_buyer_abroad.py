"""Replies for a buyer whose place the words do not name: a buyer writing in a language few in the shop's country
speak is not taken for a domestic buyer (English, written from anywhere, tells nothing); a place the shop does not
ship to answers the cost and duty asks too; a payment app the policy lists as an example of its scope decides the
refund time; a region named in a language beyond the eight (Ukrainian, Bulgarian) is read."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from assist import regions
from assist.ask_replies import answer_asks, payment_scope
from assist.asks import split_asks
from assist.policy_facts import PolicyFacts

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def _facts(*facts: dict[str, Any]) -> PolicyFacts:
    return PolicyFacts.model_validate({"shop": "test", "facts": list(facts)})


def _transit(region: str, days: int, most: int) -> dict[str, Any]:
    row = f"| {region} | {days}-{most} pracovní dny |"
    return {
        "slot": "shipping.transit_time",
        "value": days,
        "max_value": most,
        "unit": "business_day",
        "scope": {"region": region},
        "sentence": row,
    }


SHIPPING = _facts(
    _transit("Česko", 1, 2),
    _transit("Polsko a Slovensko", 3, 4),
    _transit("Ostatní země EU", 5, 9),
    {
        "slot": "shipping.regions",
        "value": ["Česko", "Polsko", "Slovensko", "Ostatní země EU"],
        "sentence": "Zasíláme do Česka, Polska, na Slovensko a do ostatních zemí EU.",
    },
)


def _reply(language: str, question: str, facts: PolicyFacts = SHIPPING, **kwargs: Any):
    asks = split_asks(question, lambda pieces: ["shipping_question"] * len(pieces))
    return answer_asks(language, asks, facts, None, NOW, currency="CZK", **kwargs)


def test_a_buyer_writing_a_language_few_speak_in_the_shop_country_is_not_taken_for_a_domestic_buyer():
    reply = _reply("en", "How long does delivery take?", buyer_language="it")
    assert reply.text is not None  # no place decided: each region's time, the agent's to pick
    assert "1–2" in reply.text and "3–4" in reply.text and "5–9" in reply.text, reply.text


@pytest.mark.parametrize("language", ["cs", "en"])
def test_a_buyer_writing_the_shop_country_language_or_english_stands_for_a_domestic_buyer(language):
    reply = _reply("en", "How long does delivery take?", buyer_language=language)  # Czech has no templates: English
    assert reply.text is not None and "1–2" in reply.text, reply.text
    assert "5–9" not in reply.text, reply.text


def test_an_unserved_place_answers_the_shipping_cost_and_customs_asks_too():
    reply = _reply("en", "Do you ship to Japan? How much is shipping there? Will I pay import duties?")
    assert reply.text is not None and "Japan" in reply.text, reply.text
    asked = [c for c in reply.coverage if {"shipping_cost", "customs"} & set(c.topics)]
    assert asked and all(c.covered for c in asked), reply.coverage


REFUNDS = _facts(
    {
        "slot": "refunds.time",
        "value": 2,
        "unit": "business_day",
        "scope": {"payment_method": "e-wallet (PayQuik, ZIPA)"},
        "sentence": "Refunds to an e-wallet (PayQuik, ZIPA) take 2 business days.",
    },
    {
        "slot": "refunds.time",
        "value": 9,
        "unit": "business_day",
        "scope": {"payment_method": "bank card"},
        "sentence": "Refunds to a bank card take 9 business days.",
    },
)


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("I paid with ZIPA, when is my refund coming?", "e-wallet (PayQuik, ZIPA)"),
        ("paid by payquik", "e-wallet (PayQuik, ZIPA)"),  # a name with a capital inside: any case
        ("the zipa of it: when is my refund coming?", None),  # a name in capitals only in capitals
        ("I paid with my bank card", "bank card"),
    ],
)
def test_a_payment_app_listed_in_a_scope_decides_it(text, scope):
    assert payment_scope(text, REFUNDS) == scope


def test_the_refund_time_of_the_app_the_buyer_paid_with_is_stated():
    reply = _reply("en", "I paid with ZIPA. How long does the refund take?", REFUNDS)
    assert reply.text is not None and "2 business days" in reply.text, reply.text
    assert "9 business days" not in reply.text


@pytest.mark.parametrize(
    ("region", "home", "countries"),
    [("Польща та Словаччина", "UA", {"PL", "SK"}), ("Гърция и Румъния", "BG", {"GR", "RO"})],
)
def test_a_region_named_in_a_language_beyond_the_eight_is_read(region, home, countries):
    assert regions.region_countries(region, home) == countries


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "it", "pt", "ja", "zh"])
def test_a_refund_to_a_new_gift_card_is_stated_in_every_template_language(language):
    facts = _facts(
        {
            "slot": "refunds.method",
            "value": "gift_card",
            "scope": {"payment_method": "gift card"},
            "sentence": "Orders paid with a gift card are refunded to a new gift card.",
        }
    )
    asks = split_asks("I paid with a gift card. Where does my refund go?", lambda pieces: ["refund"] * len(pieces))
    reply = answer_asks(language, asks, facts, None, NOW)
    assert any(f.field == "policy_fact.refunds.method" and f.value == "gift_card" for f in reply.facts), reply.text
