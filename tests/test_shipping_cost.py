"""The delivery fee (``shipping.cost``) end to end: read from a shipping table's price column and from a sentence,
stated in the reply to "how much is shipping?" where no free-delivery threshold applies, and held against a draft
that quotes another fee. Every policy line, fact and message here is written for the test."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.ask_replies import answer_asks
from assist.asks import Ask
from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.quality import check_draft

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)


def fees(facts: list[PolicyFact]) -> list[tuple[Any, str | None, dict[str, str]]]:
    return [
        (f.value, f.unit, f.scope.model_dump(exclude_none=True))
        for f in facts
        if f.slot == "shipping.cost" and not f.needs_review
    ]


def test_a_price_column_of_a_shipping_table_gives_each_regions_fee_once_in_its_first_currency() -> None:
    table = (
        "| Zielland | Paketdienst | Laufzeit | Versandkosten |\n|---|---|---|---|\n"
        "| Belgien | GLS | 2-4 Werktage | 7,50 € |\n"
        "| Dänemark | GLS | 3-5 Werktage | 9,80 € / 73 kr |\n"
    )
    facts = extract_facts([PolicyChunk("v", table, "Versand", "de")])
    assert sorted(fees(facts), key=lambda f: str(f[2])) == [
        (7.5, "EUR", {"region": "Belgien"}),
        (9.8, "EUR", {"region": "Dänemark"}),
    ]
    assert not [f for f in facts if f.slot == "shipping.free_threshold"]


def test_a_fee_sentence_gives_the_fee_and_leaves_the_free_delivery_threshold_to_its_own_slot() -> None:
    text = "Enviamos a Irlanda con GLS. Los gastos de envío a Irlanda son de 11,90 €. El envío es gratis desde 120 €."
    facts = extract_facts([PolicyChunk("e", text, "Envíos", "es")])
    assert fees(facts) == [(11.9, "EUR", {"region": "Irlanda"})]
    assert [(f.value, f.unit) for f in facts if f.slot == "shipping.free_threshold"] == [(120, "EUR")]


def test_a_cash_on_delivery_fee_is_no_delivery_fee() -> None:
    text = "Cash on delivery is available in Ireland for a fee of €2.50."
    assert fees(extract_facts([PolicyChunk("c", text, "Shipping", "en")])) == []


def test_postage_refunded_for_a_return_or_a_claim_is_no_delivery_fee() -> None:
    text = (
        "If a lamp arrives broken, we pay the way back: we email a prepaid label, or we reimburse"
        " the postage you paid up to €18 where no label can be sent."
    )
    assert fees(extract_facts([PolicyChunk("r", text, "Damaged or faulty items", "en")])) == []


def _facts() -> PolicyFacts:
    return PolicyFacts.model_validate(
        {
            "shop": "t",
            "facts": [
                {"slot": "shipping.cost", "value": 6.4, "unit": "EUR", "scope": {"region": "Austria"}, "chunk_id": "s"},
                {"slot": "shipping.cost", "value": 14, "unit": "EUR", "scope": {"region": "Norway"}, "chunk_id": "s"},
                {
                    "slot": "shipping.free_threshold",
                    "value": 90,
                    "unit": "EUR",
                    "scope": {"region": "Austria"},
                    "chunk_id": "s",
                },
            ],
        }
    )


def test_the_reply_to_how_much_is_shipping_states_the_regions_fee_where_no_threshold_applies() -> None:
    ask = Ask(text="Wie viel kostet der Versand nach Norwegen?", intent="other", topics=["shipping_cost"])
    reply = answer_asks("de", [ask], _facts(), None, NOW)
    assert "14,00\u00a0€" in reply.text
    assert "6,40" not in reply.text
    assert any(f.field == "policy_fact.shipping.cost" for f in reply.facts)


def test_the_reply_in_english_states_the_fee_in_the_buyers_locale() -> None:
    ask = Ask(text="How much is shipping to Norway?", intent="other", topics=["shipping_cost"])
    reply = answer_asks("en", [ask], _facts(), None, NOW)
    assert "€14.00" in reply.text


def test_with_the_place_unknown_each_regions_fee_is_listed_with_what_it_is_for() -> None:
    facts = PolicyFacts.model_validate(
        {
            "shop": "t",
            "facts": [
                {
                    "slot": "shipping.cost",
                    "value": 3,
                    "unit": "EUR",
                    "chunk_id": "s",
                    "scope": {"region": "Portugal", "product_class": "locker"},
                },
                {
                    "slot": "shipping.cost",
                    "value": 5,
                    "unit": "EUR",
                    "chunk_id": "s",
                    "scope": {"region": "Portugal", "product_class": "courier"},
                },
            ],
        }
    )
    ask = Ask(text="How much is shipping?", intent="other", topics=["shipping_cost"])
    reply = answer_asks("en", [ask], facts, None, NOW)
    assert "€3.00 – locker (Portugal)" in reply.text
    assert "€5.00 – courier (Portugal)" in reply.text


def test_with_the_place_unknown_a_fee_read_without_its_region_is_not_stated_as_the_fee_for_every_place() -> None:
    unplaced = {"slot": "shipping.cost", "value": 9.5, "unit": "EUR", "chunk_id": "s"}
    facts = PolicyFacts(shop="t", facts=[*_facts().facts, PolicyFact.model_validate(unplaced)])
    ask = Ask(text="How much is shipping?", intent="other", topics=["shipping_cost"])
    reply = answer_asks("en", [ask], facts, None, NOW)
    assert "€9.50" not in reply.text
    assert "€6.40 (Austria)" in reply.text and "€14.00 (Norway)" in reply.text


def test_a_draft_quoting_another_delivery_fee_for_the_region_is_a_policy_contradiction() -> None:
    def fired(draft: str) -> list[str]:
        return [i.check for i in check_draft(draft, facts=_facts(), now=NOW, checks=["policy_contradiction"])]

    assert fired("Delivery to Norway costs €11.") == ["policy_contradiction"]
    assert fired("Nach Norwegen betragen die Versandkosten 14 €.") == []
    assert fired("El envío a Austria cuesta 6,40 €.") == []
    assert fired("Pour l'Autriche, les frais de livraison sont de 5 €.") == ["policy_contradiction"]


def test_an_english_reply_writes_the_article_a_place_name_takes() -> None:
    # CLDR writes "United Kingdom" and "Netherlands" bare; an English sentence says "to the United Kingdom"
    facts = PolicyFacts.model_validate(
        {
            "shop": "t",
            "facts": [
                {"slot": "shipping.cost", "value": 11, "unit": "EUR", "chunk_id": "s", "scope": {"region": "UK"}},
                {
                    "slot": "shipping.cost",
                    "value": 7,
                    "unit": "EUR",
                    "chunk_id": "s",
                    "scope": {"region": "Netherlands"},
                },
                {"slot": "shipping.cost", "value": 9, "unit": "EUR", "chunk_id": "s", "scope": {"region": "Poland"}},
            ],
        }
    )
    for question, place in [
        ("How much is shipping to Britain? I live in London.", "the United Kingdom"),
        ("How much is shipping to Amsterdam?", "the Netherlands"),
        ("How much is shipping to Poland?", "Poland"),
    ]:
        reply = answer_asks("en", [Ask(text=question, intent="other", topics=["shipping_cost"])], facts, None, NOW)
        assert f"Shipping to {place} costs" in reply.text, reply.text


def test_a_place_no_read_region_holds_gets_the_fee_of_each_region_that_may_hold_it() -> None:
    def fee(value: float, region: str, **scope: str) -> dict[str, Any]:
        scoped = {"region": region, **scope}
        return {"slot": "shipping.cost", "value": value, "unit": "EUR", "scope": scoped, "chunk_id": "s"}

    # the fees abroad are priced by weight: the home regions' fees must not be lost for it
    abroad = fee(19.0, "Espanha", product_class="até 2 kg")
    home = [fee(4.5, "Lisboa"), fee(6.9, "Grandes cidades"), fee(11.5, "Zonas rurais")]
    # a free-delivery threshold for the whole country: it places the buyer in "Portugal", which no fee is for
    free = {"slot": "shipping.free_threshold", "value": 60, "unit": "EUR", "scope": {"region": "Portugal"}}
    facts = PolicyFacts.model_validate({"shop": "t", "facts": [*home, abroad, free]})
    ask = Ask(text="Moro em Braga. Quanto custa o envio?", intent="product_question", topics=["shipping_cost"])
    reply = answer_asks("pt", [ask], facts, None, NOW, currency="EUR", shop_settings={"country": "PT"})
    assert reply.text is not None
    assert "6,90" in reply.text and "11,50" in reply.text and "4,50" not in reply.text
    assert "Grandes cidades" in reply.text and "Zonas rurais" in reply.text
