"""Asks read language-wide: Arabic and Greek sentence marks, Arabic and Turkish cue words, a buyer's own ordering
mistake (no wrong item), asks no topic answers (an invoice, how to pay), follow-ups in every language group, and
cash-on-delivery words. Cue patterns only (no encoder): fast and deterministic. Every text was written for these
tests (no exemplar file, no fixture shop's case)."""

from __future__ import annotations

import pytest

from assist.ask_cues import clauses, is_follow_up, is_question, own_mistake, payment_kinds, sentences
from assist.asks import conversation_asks, split_asks
from assist.models import Conversation


def _pieces(text: str) -> list[str]:
    return [c for s in sentences(text) for c in clauses(s)]


def _topics(text: str, intent: str = "other") -> list[list[str]]:
    return [a.topics for a in split_asks(text, lambda pieces: [intent] * len(pieces))]


def test_the_arabic_question_mark_ends_a_sentence_and_a_joined_and_starts_another_question() -> None:
    assert _pieces("مساء الخير، متى تصل الشحنة؟ وهل يمكن تعديل العنوان؟") == [
        "مساء الخير",
        "متى تصل الشحنة؟",
        "وهل يمكن تعديل العنوان؟",
    ]
    assert is_question("كم تكلفة الشحن إلى عمان")


def test_a_greek_question_mark_after_a_number_ends_the_sentence() -> None:
    assert sentences("Καλημέρα, πότε θα έρθει η 4471; Και μπορώ να αλλάξω τη διεύθυνση;") == [
        "Καλημέρα, πότε θα έρθει η 4471;",
        "Και μπορώ να αλλάξω τη διεύθυνση;",
    ]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("متى يصل طلبي؟ وكم تكلفة الشحن؟", [["order_status"], ["shipping_cost"]]),
        ("وصل الكوب مكسور، ماذا أفعل؟", [["damage"]]),
        ("أريد إلغاء الطلب من فضلكم", [["cancel"]]),
        ("هل تشحنون إلى الكويت؟", [["shipping_time"]]),
        ("متى أسترجع المبلغ؟", [["refund"]]),
    ],
)
def test_arabic_cue_words_read_the_topic(text: str, topics: list[list[str]]) -> None:
    assert _topics(text) == topics


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Kargo ücretsiz mi, kaç günde elime ulaşır?", [["shipping_cost"], ["shipping_time"]]),
        ("Siparişim nerede? Ayrıca adresimi değiştirebilir miyim?", [["order_status"], ["address_change"]]),
        ("Çarşaf yırtık geldi.", [["damage"]]),
        ("Ücretimi ne zaman geri alırım?", [["refund"]]),
        ("Gönderdiğim yorganın iade kargo ücretini kim ödüyor?", [["return_cost", "return", "shipping_cost"]]),
    ],
)
def test_turkish_cue_words_read_the_topic(text: str, topics: list[list[str]]) -> None:
    assert _topics(text) == topics


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Koliko traje dostava do Splita?", "shipping_time"),  # Croatian
        ("Ile mniej więcej potrwa wysyłka?", "shipping_time"),  # Polish
        ("Vissza szeretném küldeni a kabátot.", "return"),  # Hungarian, separable prefix
        ("¿Cuándo me devuelven la plata?", "refund"),  # Latin American Spanish
        ("Erhalte ich den vollen Kaufpreis zurück?", "refund"),
        ("Si el jarrón llega golpeado, ¿qué hago?", "damage"),
        ("Si la làmpada arriba trencada, què faig?", "damage"),  # Catalan
        ("Hva om sengetøyet blir billigere neste måned?", "price_adjustment"),  # Norwegian
        ("Et si le prix baisse la semaine prochaine ?", "price_adjustment"),
        ("We'd like to call the order off.", "cancel"),
        ("Πότε περίπου θα φτάσει το δέμα μου;", "order_status"),
        ("În cât timp ajunge comanda la Iași?", "shipping_time"),  # Romanian
        ("Sa kohë zgjat transporti për në Durrës?", "shipping_time"),  # Albanian
        ("A duhet të paguaj doganë kur vjen pakoja?", "customs"),  # Albanian
        ("Kauanko paketin toimitus Tampereelle kestää?", "shipping_time"),  # Finnish, colloquial "how long"
    ],
)
def test_language_wide_cue_words_read_the_topic(text: str, topic: str) -> None:
    assert _topics(text)[0][0] == topic


def test_a_buyer_who_chose_the_wrong_item_reports_no_wrong_item() -> None:
    assert own_mistake("I accidentally ordered the blue one.")
    assert own_mistake("Me equivoqué de talla al hacer el pedido.")
    assert own_mistake("Yanlışlıkla iki tane aldım.")
    assert not own_mistake("You sent me the wrong colour.")
    assert _topics("I ordered the wrong size by mistake. Can I cancel it?") == [["cancel"]]
    assert _topics("I received the wrong size. Can you swap it?")[0][0] == "wrong_item"


@pytest.mark.parametrize(
    "text",
    [
        "Can I pay cash on delivery?",
        "Kann ich eine Rechnung auf meine Firma bekommen?",
        "Puis-je recevoir une facture ?",
        "Lehet utánvéttel fizetni?",
        "Fatura alabilir miyim?",
        "هل يمكنني الحصول على فاتورة؟",
    ],
)
def test_an_ask_no_topic_answers_gets_no_topic_whatever_its_intent(text: str) -> None:
    assert _topics(text, intent="price_or_discount") == [["other"]]


@pytest.mark.parametrize(
    "text",
    ["Mümkün mü?", "Είναι δυνατό;", "Onko se mahdollista?", "Este posibil?", "Je li to moguće?", "هل هذا ممكن؟"],
)
def test_is_that_possible_is_a_follow_up_in_every_language_group(text: str) -> None:
    assert is_follow_up(text)


def test_a_follow_up_with_no_ask_before_it_asks_what_its_context_names() -> None:
    assert _topics("Merhaba, bu perdeyi iade etmek istiyorum. Mümkün mü?") == [["return"]]
    assert _topics("Hello. I paid with card and want to send the rug back. Is that possible?") == [["return"]]


def test_cash_on_delivery_words_are_read_in_every_language_group() -> None:
    for text in ("Platím na dobierku.", "Am plătit ramburs.", "Πλήρωσα με αντικαταβολή.", "دفعت الدفع عند الاستلام"):
        assert payment_kinds(text) == {"cash_on_delivery"}, text


def test_a_shipping_cost_clause_after_a_return_in_the_same_sentence_asks_the_cost_of_sending_it_back() -> None:
    assert _topics("Can I send the lamp back, and how much is shipping?") == [["return"], ["return_cost"]]
    assert _topics("Můžu svetr vrátit a kolik mě bude stát doprava?") == [["return"], ["return_cost"]]
    # a separate sentence may ask the shipping cost of a new order
    assert _topics("Can I return the lamp? How much is shipping to Oslo?") == [["return"], ["shipping_cost"]]
    assert _topics("Who pays the courier when I return the drill?")[0][0] == "return_cost"


def _conversation(*turns: tuple[str, str]) -> Conversation:
    messages = [{"role": role, "text": text} for role, text in turns]
    data = {"id": "t", "channel": "email", "customer": {"id": "c", "name": "B"}, "order_ids": [], "messages": messages}
    return Conversation.model_validate(data)


def test_a_turn_that_only_follows_up_asks_again_what_the_turn_before_asked() -> None:
    asked = ("customer", "Kann ich die Jacke noch zurückgeben?")
    answered = ("agent", "Ja, innerhalb von 30 Tagen ab Erhalt.")
    assert [a.topics for a in conversation_asks(_conversation(asked, answered, ("customer", "Geht das noch?")))] == [
        ["return"]
    ]
    # a follow-up turn with a topic of its own keeps it; a first turn has nothing before it
    new = ("customer", "Und wann kommt mein Geld zurück?")
    assert [a.topic for a in conversation_asks(_conversation(asked, answered, new))] == ["refund"]
    assert [a.topic for a in conversation_asks(_conversation(("customer", "Geht das noch?")))] == ["other"]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Скільки коштує кава і від якої суми доставка безкоштовна?", "shipping_cost"),
        ("Από πόσα ευρώ η αποστολή είναι δωρεάν;", "shipping_cost"),
        ("Od jaké částky je doprava zdarma?", "shipping_cost"),
        ("Ако не ми хареса, кой плаща куриера?", "return_cost"),
        ("Колко струва пратката за връщане?", "return_cost"),
        ("Do I have to pay for the return myself?", "return_cost"),
    ],
)
def test_free_delivery_amounts_and_return_costs_are_read_in_more_languages(text: str, topic: str) -> None:
    from assist.ask_cues import topics_of

    assert topic in topics_of(text), topics_of(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Saya bayar guna kad kredit.", "card"),
        ("bayarnya pakai transfer ke rekening", "bank_transfer"),
        ("Mình trả bằng ví điện tử.", "e_wallet"),
    ],
)
def test_more_payment_words_are_read(text: str, kind: str) -> None:
    assert kind in payment_kinds(text)
