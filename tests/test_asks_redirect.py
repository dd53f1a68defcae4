"""Delivery to another place than home ("to my office instead of home") is an address change in every template
language, read by the cue lines alone (no encoder); a wrong item sent "instead of" another stays a wrong item.
Sentences written for this test (other items, places and wordings than any fixture case)."""

from __future__ import annotations

import pytest

from assist.asks import split_asks


@pytest.mark.parametrize(
    "text",
    [
        "Could the parcel go to my office rather than my flat?",
        "Please send the order to my parents, not to me, they live two streets away.",
        "Könnten Sie das Paket statt nach Hause an meinen Arbeitsplatz schicken?",
        "Est-ce possible d'envoyer le colis chez mes parents au lieu de chez moi ?",
        "¿Me lo pueden entregar en mi oficina en vez de en mi casa?",
        "Si può spedire al lavoro invece che a casa?",
        "Podem entregar no meu escritório em vez de em casa?",
        "可以寄到我单位吗？不要寄到家里。",
        "自宅ではなく勤務先に届けていただけますか？",
    ],
)
def test_delivery_to_another_place_than_home_is_an_address_change(text: str) -> None:
    asks = split_asks(text)
    assert asks and asks[0].topic == "address_change", [a.topics for a in asks]


@pytest.mark.parametrize(
    "text",
    [
        "You sent me the blue mug instead of the green one, what now?",
        "Ich habe die Tasse in Rot statt in Grün bekommen.",
    ],
)
def test_an_item_received_instead_of_another_stays_a_wrong_item(text: str) -> None:
    asks = split_asks(text)
    assert asks and "wrong_item" in asks[0].topics and "address_change" not in asks[0].topics


@pytest.mark.parametrize(
    "text",
    ["¿Y para cuándo nos llegan las sillas?", "Quando me chega a encomenda?", "Quando mi arriva il pacco?"],
)
def test_when_will_it_reach_me_with_a_pronoun_asks_the_order_status(text: str) -> None:
    asks = split_asks(text)
    assert asks and "order_status" in asks[0].topics, [a.topics for a in asks]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Magkano po yung delivery papuntang Cebu?", "shipping_cost"),  # Tagalog, an English loanword
        ("교환할 때 반송비는 제가 내나요?", "return_cost"),
        ("ਜੇ ਮੈਂ ਜੁੱਤੀ ਵਾਪਸ ਕਰਾਂ ਤਾਂ ਵਾਪਸ ਭੇਜਣ ਦਾ ਖਰਚਾ ਕੌਣ ਦਿੰਦਾ ਹੈ?", "return_cost"),  # Punjabi
        ("डिलीवरी में कितने दिन लगेंगे?", "shipping_time"),  # Hindi
        ("Скільки днів іде посилка до Львова?", "shipping_time"),  # Ukrainian
    ],
)
def test_cue_lines_for_languages_the_encoder_does_not_read(text: str, topic: str) -> None:
    asks = split_asks(text)
    assert asks and topic in asks[0].topics, [a.topics for a in asks]


@pytest.mark.parametrize("text", ["Si ya salió, cancélenlo por favor.", "Anúlenme el pedido, ya no lo quiero."])
def test_a_spanish_imperative_with_a_pronoun_is_a_cancellation(text: str) -> None:
    asks = split_asks(text)
    assert asks and "cancel" in asks[0].topics, [a.topics for a in asks]
