"""Scoped facts the buyer's words must pick. Regional facts where the reply knows the order's country but not
its region, and regions one policy names two ways: a made-up shop in Poland with delivery zones the code cannot read
("Strefa miejska", "Pozostałe miejscowości"), an abroad zone with its member countries listed, and a customs
sentence naming that zone without the list. A refund time per payment method where the scope names the card
networks ("Karta Visa/Mastercard") and the buyer names one. Messages and policy written for the test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.ask_replies import answer_asks, payment_scope
from assist.asks import Ask, split_asks
from assist.policy_facts import FactScope, PolicyFact, PolicyFacts

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
SETTINGS = {"country": "PL", "currency": "PLN"}
ABROAD = "Zagranica (Niemcy, Czechy, Austria)"


def _transit(region: str, low: int, high: int) -> PolicyFact:
    sentence = f"{region}: {low}-{high} dni roboczych."
    return PolicyFact(
        slot="shipping.transit_time",
        value=low,
        max_value=high,
        unit="business_day",
        scope=FactScope(region=region),
        sentence=sentence,
        language="pl",
    )


@pytest.fixture
def facts() -> PolicyFacts:
    customs = "Zagranica: cło i podatki importowe opłaca odbiorca przy doręczeniu."
    return PolicyFacts(
        shop="test-pl",
        facts=[
            _transit("Strefa miejska", 1, 2),
            _transit("Pozostałe miejscowości", 2, 4),
            _transit(ABROAD, 6, 9),
            PolicyFact(
                slot="customs.paid_by",
                value="buyer",
                scope=FactScope(region="Zagranica"),
                sentence=customs,
                language="pl",
            ),
        ],
    )


def _reply(facts: PolicyFacts, language: str, question: str):
    asks = split_asks(question, lambda p: ["product_question"] * len(p))
    return answer_asks(language, asks, facts, None, NOW, shop_settings=SETTINGS, currency="PLN")


def _covered(reply, topic: str) -> bool:
    return any(topic in c.topics and c.covered for c in reply.coverage)


QUESTIONS = {
    "en": "Hi! How many days does delivery to my village take?",
    "de": "Hallo, wie lange dauert die Lieferung zu mir ins Dorf?",
}


@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_an_unread_place_in_the_shops_own_country_gets_each_domestic_zones_time(facts, language):
    reply = _reply(facts, language, QUESTIONS[language])
    assert _covered(reply, "shipping_time"), reply.coverage
    text = reply.text or ""
    assert "1–2" in text and "2–4" in text, text
    assert "6–9" not in text, text  # the abroad zone is read, and the order stays in Poland


def test_a_customs_fact_for_the_zone_named_without_its_country_list_answers_a_buyer_in_that_zone(facts):
    reply = _reply(facts, "en", "Hello, I live in Vienna, Austria. Will I have to pay customs duties on delivery?")
    assert _covered(reply, "customs"), reply.coverage
    declared = {(f.field, f.value) for f in reply.facts}
    assert ("policy_fact.customs.paid_by", "buyer") in declared, declared


def test_a_zone_named_otherwise_answers_nothing(facts):
    other = PolicyFacts(
        shop="test-pl",
        facts=[
            f if f.slot != "customs.paid_by" else f.model_copy(update={"scope": FactScope(region="Szwajcaria")})
            for f in facts.facts
        ],
    )
    reply = _reply(other, "en", "Hello, I live in Vienna, Austria. Will I have to pay customs duties on delivery?")
    declared = {f.field for f in reply.facts}
    assert "policy_fact.customs.paid_by" not in declared, declared


def test_a_card_network_the_buyer_names_picks_the_card_scope() -> None:
    cards = "Karta Visa/Mastercard"
    facts = PolicyFacts(
        shop="test-pl",
        facts=[
            PolicyFact(slot="refunds.time", value=7, unit="business_day", scope=FactScope(payment_method=cards)),
            PolicyFact(slot="refunds.time", value=1, unit="business_day", scope=FactScope(payment_method="BLIK")),
        ],
    )
    assert payment_scope("I paid with my Mastercard, when is the refund due?", facts) == cards
    assert payment_scope("Bezahlt habe ich mit Visa.", facts) == cards
    assert payment_scope("Pagué con JCB.", facts) == cards
    assert payment_scope("zapłaciłam BLIKIEM", facts) == "BLIK"
    assert payment_scope("I paid by bank transfer", facts) is None


def _fee(region: str, amount: float) -> PolicyFact:
    return PolicyFact(
        slot="shipping.cost",
        value=amount,
        unit="PLN",
        scope=FactScope(region=region),
        sentence=f"{region}: dostawa {amount:g} zł.",
        language="pl",
    )


def test_an_unread_place_in_the_shops_own_country_gets_each_domestic_zones_fee_by_its_zone(facts):
    zones = PolicyFacts(
        shop="test-pl", facts=[*facts.facts, _fee("Strefa miejska", 12), _fee("Pozostałe miejscowości", 18)]
    )
    reply = _reply(zones, "en", "Hi! How much does delivery to my village cost?")
    assert _covered(reply, "shipping_cost"), reply.coverage
    text = reply.text or ""
    assert "12" in text and "18" in text, text
    assert "(None)" not in text and "Strefa miejska" in text and "Pozostałe miejscowości" in text, text
    declared = {(f.field, f.value) for f in reply.facts}
    assert {("policy_fact.shipping.cost", "12"), ("policy_fact.shipping.cost", "18")} <= declared, declared


def test_a_place_abroad_no_read_zone_holds_gets_each_zones_time_not_a_holding_line():
    zones = PolicyFacts(shop="test-pl", facts=[_transit("Strefa miejska", 1, 2), _transit("Strefa B", 3, 5)])
    reply = _reply(zones, "en", "Hello, I live in Vienna, Austria. How many days does delivery take?")
    assert _covered(reply, "shipping_time"), reply.coverage
    text = reply.text or ""
    assert "1–2" in text and "3–5" in text and "Strefa B" in text, text


def test_a_region_joining_a_read_place_with_an_unread_part_may_hold_another_place() -> None:
    def free(value: int, region: str) -> dict[str, object]:
        return {"slot": "shipping.free_threshold", "value": value, "unit": "EUR", "scope": {"region": region}}

    # "Lisbon and the large towns": Braga is no part of Lisbon, but may be one of the large towns
    facts = PolicyFacts.model_validate(
        {"shop": "t", "facts": [free(50, "Lisboa e grandes cidades"), free(120, "Zonas rurais")]}
    )
    ask = Ask(text="Moro em Braga. O envio é grátis a partir de quanto?", intent="other", topics=["shipping_cost"])
    now = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
    reply = answer_asks("pt", [ask], facts, None, now, currency="EUR", shop_settings={"country": "PT"})
    assert reply.text is not None and "50,00" in reply.text and "120,00" in reply.text
