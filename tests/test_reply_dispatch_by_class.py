"""A buyer with no order asking when it ships hears the dispatch time of each product class when the policy
states it per class and no word of the buyer decides one; a single class's time names its class. Messages written
for the test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.ask_replies import answer_asks
from assist.asks import Ask
from assist.policy_facts import PolicyFacts

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)


def _facts(*classes: tuple[str, int]) -> PolicyFacts:
    facts = [
        {"slot": "shipping.dispatch_time", "value": days, "unit": "business_day", "scope": {"product_class": name}}
        for name, days in classes
    ]
    return PolicyFacts.model_validate({"shop": "t", "facts": facts})


def _reply(language: str, facts: PolicyFacts, text: str = "When will it ship?"):
    ask = Ask(text=text, intent="shipping_time", topics=["shipping_time"])
    return answer_asks(language, [ask], facts, None, NOW)


def test_each_class_dispatch_time_is_stated_when_no_class_is_named():
    reply = _reply("en", _facts(("engraved cups", 3), ("framed prints", 5)))
    assert reply.text is not None
    assert "3 business days (engraved cups)" in reply.text and "5 business days (framed prints)" in reply.text
    assert sorted(f.value for f in reply.facts if f.field == "policy_fact.shipping.dispatch_time") == ["3", "5"]


def test_a_single_class_dispatch_time_names_its_class():
    reply = _reply("en", _facts(("engraved cups", 3)))
    assert reply.text is not None and "3 business days (engraved cups)" in reply.text


@pytest.mark.parametrize("language", ["de", "fr", "ja"])
def test_the_classes_are_listed_in_every_template_language(language):
    reply = _reply(language, _facts(("Gravur", 3), ("Rahmen", 5)))
    assert reply.text is not None and "Gravur" in reply.text and "Rahmen" in reply.text
