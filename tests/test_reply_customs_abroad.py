"""Who pays customs for a buyer abroad whose country lies in no region the policy's names are read as: every
region the policy states it for says the same, so it holds there too; and a region named with others in one line
("Niger and Cameroon" in the shop's language) answers for the order's region among them. Messages written for the
test; region names made up so no reader knows them."""

from __future__ import annotations

from datetime import UTC, datetime

from assist.ask_replies import answer_asks
from assist.asks import Ask
from assist.policy_facts import PolicyFacts

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
SHOP = {"country": "ZA", "currency": "ZAR"}


def _reply(facts: list[dict], text: str):
    ask = Ask(text=text, intent="customs", topics=["customs"])
    policy = PolicyFacts.model_validate({"shop": "t", "facts": facts})
    return answer_asks("en", [ask], policy, None, NOW, shop_settings=SHOP, currency="ZAR")


def _customs(region: str) -> dict:
    return {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": region}, "chunk_id": region}


def test_customs_stated_alike_for_every_region_holds_for_a_buyer_abroad_in_none_read():
    reply = _reply([_customs("Zorvani"), _customs("Quellbrin")], "I live in Maputo, Mozambique. Who pays the duties?")
    assert ("policy_fact.customs.paid_by", "buyer") in {(f.field, f.value) for f in reply.facts}


def test_customs_is_not_claimed_for_a_buyer_at_home():
    reply = _reply([_customs("Zorvani"), _customs("Quellbrin")], "I live in Durban. Who pays the duties?")
    assert "policy_fact.customs.paid_by" not in {f.field for f in reply.facts}
