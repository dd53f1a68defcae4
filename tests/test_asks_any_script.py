"""Asks in languages no cue list or exemplar was written for: the full stops and question marks of their scripts
(Armenian, Devanagari, Khmer, Tibetan, Ethiopic), the cue words of the Southern Bantu languages and Kinyarwanda, and
a buyer with no order asking whether the shop delivers to a place. Messages written for the test, not taken from any
fixture shop."""

from __future__ import annotations

import pytest

from assist.ask_cues import asks_no_topic, clauses, is_question, payment_kinds, sentences, topics_of
from assist.asks import split_asks


def _pieces(text: str) -> list[str]:
    return [c for s in sentences(text) for c in clauses(s)]


def test_an_armenian_question_mark_inside_the_sentence_makes_a_question_and_its_full_stop_ends_one() -> None:
    pieces = sentences("Բարև, ես Գյումրիից եմ։ Քանի՞ օր է տևում առաքումը։")
    assert len(pieces) == 2
    assert not is_question(pieces[0]) and is_question(pieces[1])


@pytest.mark.parametrize(
    "text",
    ["मैंने जूते लौटा दिए। पैसे कब मिलेंगे।", "ខ្ញុំបានបញ្ជាទិញ។ ពេលណាមកដល់?", "ትዕዛዜ ደርሷል። መቼ ይመለሳል፧"],
)
def test_the_full_stops_of_more_scripts_end_a_sentence(text: str) -> None:
    assert len(sentences(text)) == 2


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Ukuthumela esitolo sami kubiza malini?", "shipping_cost"),  # isiZulu
        ("Ho romela phahlo ho bitsa bokae?", "shipping_cost"),  # Sesotho
        ("Izinsuku ezingaki ukuthi iphasela lifike?", "shipping_time"),  # isiZulu
        ("Ho nka matsatsi a makae ho romela?", "shipping_time"),  # Sesotho
        ("Kutumira kunotora mazuva mangani?", "shipping_time"),  # chiShona
        ("Ngizokhokha intela yini uma iphasela lifika?", "customs"),  # isiZulu
        ("Iphasela lami lilahlekile yini?", "lost"),  # isiZulu
        ("Ngifuna ukushintsha ikheli lokuthumela.", "address_change"),  # isiZulu
        ("Ke batla ho khansela odara ya ka.", "cancel"),  # Sesotho
        ("Imali yami izobuyiselwa nini?", "refund"),  # isiZulu
        ("Isibani sifike siphukile.", "damage"),  # isiZulu
        ("Iphasela lizofika nini?", "order_status"),  # isiZulu
        ("Amafaranga yanjye azasubizwa ryari?", "refund"),  # Kinyarwanda
    ],
)
def test_cue_words_of_the_southern_bantu_languages_and_kinyarwanda(text: str, topic: str) -> None:
    assert topic in topics_of(text)


@pytest.mark.parametrize(
    "text", ["Wir haben Mari und Madi eingeladen.", "Boa tarde, tudo bem?", "Hi, this is Malini from Pune."]
)
def test_words_of_other_languages_name_no_bantu_topic(text: str) -> None:
    assert not topics_of(text)


def test_a_buyer_with_no_order_asking_for_a_place_asks_whether_the_shop_delivers_there() -> None:
    asks = split_asks("Guten Tag, könnt ihr mir eine Lampe nach Simbabwe schicken?", placed=False, learned=None)
    assert [a.topics for a in asks] == [["shipping_time"]]
    placed = split_asks("Guten Tag, könnt ihr mir eine Lampe nach Simbabwe schicken?", placed=True, learned=None)
    assert [a.topics for a in placed] != [["shipping_time"]]
    assert [a.topic for a in split_asks("Ist die Lampe wasserdicht?", placed=False, learned=None)] == ["other"]


@pytest.mark.parametrize(
    "text",
    [
        "Kann ich die Jacke bei Lieferung bezahlen?",
        "Could we pay in cash on delivery?",
        "Est-ce que je peux payer à la livraison ?",
        "Posso pagar em dinheiro na entrega?",
        "Kan ik betalen bij levering van het pakket?",
        "Μπορώ να πληρώσω με μετρητά κατά την παράδοση;",
    ],
)
def test_paying_the_courier_on_delivery_asks_no_topic(text: str) -> None:
    assert not topics_of(text) and asks_no_topic(text)  # no reader guesses one (customs)


def test_an_extra_charge_on_delivery_is_still_customs() -> None:
    assert "customs" in topics_of("Muss ich bei der Lieferung noch etwas extra zahlen?")


@pytest.mark.parametrize("text", ["Ke lefile ka karata.", "Ngikhokhe ngekhadi.", "Nishyuye nkoresheje ikarita."])
def test_the_word_for_a_card_in_southern_bantu_languages_and_kinyarwanda_is_a_card_payment(text: str) -> None:
    assert payment_kinds(text) == {"card"}


def test_a_product_question_naming_a_place_asks_no_delivery() -> None:
    asks = split_asks(
        "Ist der Tee aus Japan?", lambda texts: ["product_question"] * len(texts), placed=False, learned=None
    )
    assert [a.topic for a in asks] == ["other"]
