"""Asks: the buyer's latest turn split into asks (sentence and clause level, 8 languages), each with
its topics and the order items it names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.asks import conversation_asks, latest_turn, payment_kinds, sentences, split_asks
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
                {"role": "agent", "text": "It shipped on 3 October, tracking number 1Z 999."},
                {"role": "customer", "text": "Thanks."},
                {"role": "customer", "text": "Can I still cancel it?"},
            ]
        }
    )
    assert latest_turn(conversation) == "Thanks.\nCan I still cancel it?"
    assert [a.topic for a in conversation_asks(conversation)] == ["cancel"]


@pytest.mark.parametrize(
    ("answer", "topics"),
    [
        ("Thank you for your message, I will look into it.", ["order_status", "return"]),  # no figure: still open
        ("Vielen Dank, ich sehe mir das an.", ["order_status", "return"]),
        ("You have 30 days from delivery.", ["order_status"]),  # answered with its figure
    ],
)
def test_a_question_the_agent_answered_without_a_figure_is_still_asked(answer: str, topics: list[str]) -> None:
    conversation = Conversation.model_validate(
        {
            "messages": [
                {"role": "customer", "text": "How many days do I have to return the boots?"},
                {"role": "agent", "text": answer},
                {"role": "customer", "text": "OK. And when will my order arrive?"},
            ]
        }
    )
    assert [a.topic for a in conversation_asks(conversation, learned=None)] == topics


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Olá, a encomenda já foi enviada? Quando chega? Tenho de pagar imposto?", ["order_status", "customs"]),
        ("Wann kommt mein Paket? Außerdem: muss ich Zoll zahlen?", ["order_status", "customs"]),
        ("什么时候到？另外要交关税吗？", ["order_status", "customs"]),
        ("いつ届きますか？それと関税はかかりますか？", ["order_status", "customs"]),
        ("Where is my order, and also do I need to pay import tax", ["order_status", "customs"]),
        ("1) when will it arrive 2) do I pay customs", ["order_status", "customs"]),
        ("Waar is mijn bestelling? Moet ik invoerrechten betalen?", ["order_status", "customs"]),
        ("Gdzie jest moja paczka? Czy muszę zapłacić cło?", ["order_status", "customs"]),
        (
            "Hej, skickar ni krukor till Frankrike? Vad kostar frakten och måste jag betala tull?",
            ["shipping_time", "shipping_cost", "customs"],
        ),
    ],
)
def test_multi_question_messages_split_in_every_language(text: str, topics: list[str]) -> None:
    assert [a.topic for a in split_asks(text)] == topics


def test_decimals_and_repeated_marks_do_not_split_sentences() -> None:
    assert sentences("Das kostet 19.9欧 und wiegt 1,5 kg. Wann kommt es?") == [
        "Das kostet 19.9欧 und wiegt 1,5 kg.",
        "Wann kommt es?",
    ]
    assert sentences("It weighs 1.5 kg!! When will it arrive?") == ["It weighs 1.5 kg!!", "When will it arrive?"]


def test_a_follow_up_joins_its_ask_but_a_new_question_stays_an_ask_of_its_own() -> None:
    asks = split_asks("Can I return the tent? How long do I have? Do you sell gift wrapping?")
    assert [a.topic for a in asks] == ["return", "other"]
    assert "How long do I have?" in asks[0].text
    assert split_asks("Ich will das Zelt zurückschicken. Geht das noch?")[0].text.endswith("Geht das noch?")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("这个耳机保修多久？", "warranty"),
        ("退货以后多久能退款？", "refund"),
        ("寄到上海要多久？", "shipping_time"),
    ],
)
def test_how_long_takes_its_topic_from_the_rest_of_the_clause(text: str, topic: str) -> None:
    topics = split_asks(text)[0].topics
    assert topics[0] == topic
    assert topic == "shipping_time" or "shipping_time" not in topics


def test_payment_methods_are_recognised_by_kind_across_languages() -> None:
    assert (
        payment_kinds("Avevo pagato in contrassegno.")
        == payment_kinds("Si pagaste contra reembolso")
        == {"cash_on_delivery"}
    )
    assert payment_kinds("tarjeta regalo") == {"gift_card"}


@pytest.mark.parametrize(
    "scope",
    ["डेबिट / क्रेडिट कार्ड, नेटबैंकिंग", "ڈیبٹ یا کریڈٹ کارڈ", "بطاقة ائتمان", "πιστωτική κάρτα", "ক্রেডিট কার্ড"],
)
def test_a_card_in_other_scripts_is_the_card_a_buyer_names_in_english(scope: str) -> None:
    # a shop's refund table per payment method, written in its own script, answers "back on my credit card?"
    assert "card" in payment_kinds(scope) & payment_kinds("When is the money back on my credit card?")
    assert payment_kinds("गिफ़्ट कार्ड") == {"gift_card"}  # a gift card is no bank card, in any script


def test_items_are_named_by_words_of_scripts_with_vowel_signs_and_not_by_a_word_they_share() -> None:
    order = Order.model_validate(
        {
            "order_id": "A-7",
            "customer_id": "c",
            "customer_name": "n",
            "status": "delivered",
            "placed_at": "2026-10-01T10:00:00Z",
            "items": [
                {"sku": "LAMP-D", "name": "पीतल की टेबल लैंप", "quantity": 1, "price": 900},
                {"sku": "LAMP-W", "name": "दीवार लैंप, लकड़ी", "quantity": 1, "price": 700},
            ],
            "total": 1600,
            "currency": "INR",
        }
    )
    # Devanagari vowel signs are marks, not letters: "टेबल" is one word of the name; "लैंप" is in both names
    assert split_asks("टेबल लैंप की वारंटी कितनी है?", order=order)[0].items == ["LAMP-D"]
    assert split_asks("लैंप की वारंटी कितनी है?", order=order)[0].items == []
