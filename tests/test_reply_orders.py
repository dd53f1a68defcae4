"""A buyer who names an order number that matches no order gets asked for the right number, not the shop's
delivery times for every region. Messages written for the test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.ask_replies import answer_asks
from assist.asks import Ask
from assist.policy_facts import PolicyFacts
from assist.reply_orders import named_order_numbers

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
FACTS = PolicyFacts.model_validate(
    {
        "shop": "t",
        "facts": [
            {"slot": "shipping.transit_time", "value": 3, "unit": "day", "scope": {"region": "Mainland"}},
            {"slot": "shipping.transit_time", "value": 9, "unit": "day", "scope": {"region": "Islands"}},
            {"slot": "returns.window", "value": 30, "unit": "day", "chunk_id": "w"},
            {"slot": "returns.window_starts", "value": "delivery", "chunk_id": "w"},
            {"slot": "cancellation.rule", "value": "before_shipping", "chunk_id": "c"},
        ],
    }
)


@pytest.mark.parametrize(
    ("text", "pattern", "numbers"),
    [
        ("where is my order 1001?", None, ["1001"]),
        ("Wo bleibt meine Bestellung Nr. 58213?", None, ["58213"]),
        ("A minha encomenda nº 7781 ainda não chegou", None, ["7781"]),
        ("commande n°98765 toujours pas reçue", None, ["98765"]),
        ("注文番号4410の荷物が届きません", None, ["4410"]),
        ("my parcel KX-20391 is late", r"KX-\d{5}", ["KX-20391"]),
        ("Hei, missä tilaukseni 1002 on?", None, ["1002"]),  # a possessive ending on the order word
        ("Hol van a rendelésem? A rendelésem 55120 még nem jött meg.", None, ["55120"]),
        ("Siparişim 30417 hâlâ gelmedi", None, ["30417"]),
        ("Hvor er bestillingen 88120?", None, ["88120"]),
        ("Unde este comanda 40021?", None, ["40021"]),
        ("Tilauksessa oli 3 tuotetta", None, []),
        ("I ordered 3 mugs 12 days ago", None, []),
        ("my order from 2025 cost 120 €", None, []),
        ("the order was 150 EUR", None, []),
    ],
)
def test_order_numbers_are_read_after_an_order_word_or_by_the_shops_pattern(
    text: str, pattern: str | None, numbers: list[str]
) -> None:
    assert named_order_numbers(text, pattern) == numbers


def _reply(language: str, text: str, topic: str) -> str:
    ask = Ask(text=text, intent="track_order", topics=[topic])
    reply = answer_asks(language, [ask], FACTS, None, NOW, buyer_name="Sam Reed")
    assert reply.text is not None
    return reply.text


@pytest.mark.parametrize(
    ("language", "text", "topic", "expected"),
    [
        ("en", "Where is my order 1001?", "order_status", "I could not find an order with the number 1001"),
        ("de", "Meine Bestellung 1001 ist verloren gegangen", "lost", "keine Bestellung mit der Nummer 1001"),
        ("pt", "Estou a aguardar a encomenda 1001. Onde está?", "order_status", "nenhuma encomenda com o número 1001"),
    ],
)
def test_an_unknown_order_number_is_asked_for_again_instead_of_every_regions_times(
    language: str, text: str, topic: str, expected: str
) -> None:
    text_out = _reply(language, text, topic)
    assert expected in text_out
    assert "Mainland" not in text_out and "Islands" not in text_out


def test_without_a_number_an_order_question_still_gets_the_general_times() -> None:
    text_out = _reply("en", "How long does delivery take?", "order_status")
    assert "Mainland" in text_out or "3" in text_out


def test_a_policy_question_next_to_an_unknown_order_number_is_still_answered() -> None:
    asks = [
        Ask(text="Where is my order 1001?", intent="track_order", topics=["order_status"]),
        Ask(text="How many days do I have to return it?", intent="return_request", topics=["return"]),
    ]
    reply = answer_asks("en", asks, FACTS, None, NOW, buyer_name="Sam Reed")
    assert reply.text is not None
    assert "1001" in reply.text and "30 days" in reply.text


@pytest.mark.parametrize(
    ("language", "text", "number", "rule"),
    [
        ("en", "Can I still cancel my order 1002?", "1002", "not shipped"),
        ("de", "Kann ich die Bestellung 1002 noch stornieren?", "1002", "versand"),
    ],
)
def test_a_cancel_ask_about_an_unknown_order_number_still_gets_the_shops_cancel_rule(
    language: str, text: str, number: str, rule: str
) -> None:
    ask = Ask(text=text, intent="cancel_order", topics=["cancel"])
    reply = answer_asks(language, [ask], FACTS, None, NOW, buyer_name="Sam Reed")
    assert reply.text is not None
    assert number in reply.text and rule in reply.text.casefold()
    assert [f.value for f in reply.facts if f.field == "policy_fact.cancellation.rule"] == ["before_shipping"]
    assert reply.coverage[0].covered
