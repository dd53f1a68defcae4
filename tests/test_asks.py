"""Asks: the buyer's latest turn split into asks (sentence and clause level, 8 languages), each with
its topics and the order items it names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.asks import conversation_asks, latest_turn, split_asks
from assist.models import Conversation, Order


def _order() -> Order:
    return Order(
        order_id="VW-1000001",
        customer_id="C1",
        customer_name="Max Muster",
        status="delivered",
        placed_at=datetime(2026, 10, 1, tzinfo=UTC),
        delivered_at=datetime(2026, 10, 5, tzinfo=UTC),
        items=[
            {"sku": "GC-50", "name": "Geschenkgutschein 50 €", "quantity": 1, "price": 50},
            {"sku": "HP-ANC", "name": "Over-Ear-Kopfhörer ANC", "quantity": 1, "price": 199},
            {"sku": "SWIM-01", "name": "ワンピース水着", "quantity": 1, "price": 5000},
        ],
        total=5249,
        currency="EUR",
    )


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("When will my parcel arrive, and will I have to pay import tax on delivery?", [["order_status"], ["customs"]]),
        ("注文した商品はいつ届きますか？関税はかかりますか？", [["order_status"], ["customs"]]),
        ("包裹什么时候到，还有要交关税吗？", [["order_status"], ["customs"]]),
        ("Ich möchte die Jacke zurückgeben. Wer zahlt den Rückversand?", [["return"], ["return_cost"]]),
        ("Bonjour, mon colis est arrivé cassé. Puis-je être remboursé ?", [["damage"], ["refund"]]),
        ("¿Puedo cancelar el pedido? Lo hice por error.", [["cancel"]]),
        ("Posso cambiare l'indirizzo di consegna?", [["address_change"]]),
        ("Quando chega a minha encomenda?", [["order_status"]]),
    ],
)
def test_asks_are_split_at_sentence_and_clause_level_in_every_language(text: str, topics: list[list[str]]) -> None:
    assert [a.topics for a in split_asks(text)] == topics


def test_context_sentences_join_the_ask_that_follows_and_follow_ups_join_the_one_before() -> None:
    asks = split_asks("Hi! I ordered last week. My parcel arrived damaged. What should I do?")
    assert len(asks) == 1
    assert asks[0].topic == "damage"
    assert asks[0].text.startswith("Hi! I ordered last week.") and asks[0].text.endswith("What should I do?")


def test_each_ask_gets_the_intent_the_classifier_gives_its_own_text() -> None:
    seen: list[str] = []

    def classify(pieces: list[str]) -> list[str]:
        seen.extend(pieces)
        return ["track_order" if "arrive" in p else "other" for p in pieces]

    asks = split_asks("When will it arrive? Do you price match?", classify)
    assert seen == ["When will it arrive?", "Do you price match?"]
    assert [(a.intent, a.topic) for a in asks] == [("track_order", "order_status"), ("other", "price_match")]


def test_an_ask_with_no_topic_words_takes_its_topic_from_the_intent() -> None:
    asks = split_asks("Kiedy dotrze moja paczka?", lambda pieces: ["track_order"] * len(pieces))
    assert asks[0].topics == ["order_status"]


def test_items_are_matched_by_a_distinctive_word_of_their_name_in_any_script() -> None:
    order = _order()
    asks = split_asks("Kann ich die Kopfhörer zurückgeben? 水着が破損して届きました。", order=order)
    assert [(a.topic, a.items) for a in asks] == [("return", ["HP-ANC"]), ("damage", ["SWIM-01"])]
    assert split_asks("Where is my parcel?", order=order)[0].items == []


def test_the_latest_turn_is_what_the_buyer_wrote_since_the_agent_last_answered() -> None:
    conversation = Conversation.model_validate(
        {
            "messages": [
                {"role": "customer", "text": "Where is my order?"},
                {"role": "agent", "text": "It shipped yesterday."},
                {"role": "customer", "text": "Thanks."},
                {"role": "customer", "text": "Can I still cancel it?"},
            ]
        }
    )
    assert latest_turn(conversation) == "Thanks.\nCan I still cancel it?"
    assert [a.topic for a in conversation_asks(conversation)] == ["cancel"]
