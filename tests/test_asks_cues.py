"""Ask topics the cue lines read: a second ask inside one question, "can it still be changed?" after an address,
dispatch dates, return-shipping costs, tracking that stopped. Messages written for the test (other places, goods
and languages than the fixture shops)."""

from __future__ import annotations

import pytest

from assist.ask_cues import topics_of
from assist.asks import split_asks


def _topics(text: str) -> list[list[str]]:
    return [a.topics for a in split_asks(text)]


def _all(text: str) -> set[str]:
    return {t for topics in _topics(text) for t in topics}


@pytest.mark.parametrize(
    "text",
    [
        "Hola, estoy en Lisboa. ¿Cuánto cuesta el envío a Portugal y cuánto tarda?",
        "Quanto costa la spedizione in Austria e quanto ci vuole?",
        "Wie viel kostet der Versand nach Dänemark und wie lange dauert das?",
        "Quanto custa o frete para Curitiba e quantos dias?",
    ],
)
def test_a_how_long_after_a_shipping_cost_question_asks_the_delivery_time_too(text: str) -> None:
    assert {"shipping_cost", "shipping_time"} <= _all(text)


def test_a_how_long_after_a_refund_question_stays_a_refund_question() -> None:
    assert "shipping_time" not in _all("Wann bekomme ich mein Geld zurück, und wie lange dauert das?")


@pytest.mark.parametrize(
    "text",
    [
        "I put my old address on the order by mistake. Can it still be changed?",
        "Coloquei o endereço antigo no pedido. Dá para mudar?",
        "W zamówieniu jest mój poprzedni adres. Czy można to jeszcze poprawić?",
        "注文のときに前の住所を入れてしまいました。変更できますか？",
    ],
)
def test_can_it_still_be_changed_after_an_old_address_is_one_address_change_ask(text: str) -> None:
    assert _topics(text) == [["address_change"]]


@pytest.mark.parametrize(
    "text",
    [
        "When will you ship my order? It still says processing.",
        "Quando ele vai ser despachado?",
        "Kiedy zamówienie zostanie wysłane?",
        "Wann wird mein Paket verschickt?",
        "いつ発送されますか？",
        "Quand part ma commande ?",
        "Et je voudrais savoir quand ce sera expédié.",
        "Quanto tempo ci vuole per riceverlo a Vienna?",
        "什么时候发货？",
    ],
)
def test_when_will_it_ship_asks_the_dispatch_time(text: str) -> None:
    assert "shipping_time" in _all(text)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("O frete da troca fica por conta de quem?", "return_cost"),
        ("Phí gửi trả có bị trừ vào tiền hoàn không?", "return_cost"),
        ("Il costo di spedizione del reso è a carico mio?", "return_cost"),
        ("荷物の追跡が三日前から更新されていません。", "lost"),
        ("物流三天沒有更新了", "lost"),
        ("O rastreio não atualiza desde sexta.", "lost"),
        ("Quando cai o reembolso na minha conta?", "refund"),
    ],
)
def test_cue_lines_read_paraphrases_in_many_languages(text: str, topic: str) -> None:
    assert topic in _all(text)


@pytest.mark.parametrize(
    "text",
    [
        "I returned the lamp last Tuesday. When will the refund arrive?",
        "Devolvi o casaco na semana passada. Quando recebo o reembolso?",
        "Ich habe die Bestellung gestern storniert. Wann bekomme ich die Erstattung?",
        "Ho già rispedito le scarpe. Quando arriva il rimborso?",
    ],
)
def test_a_cancellation_or_return_the_buyer_already_made_is_context_for_the_refund_ask(text: str) -> None:
    assert [topics[0] for topics in _topics(text)] == ["refund"]


def test_a_wish_to_cancel_is_still_an_ask() -> None:
    assert "cancel" in _all("I want to cancel my order. Also, when will the refund arrive?")


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("The app shows it as delivered yesterday, but there is no box at my door.", "lost"),
        ("La spedizione risulta consegnata ma a casa non è arrivato niente.", "lost"),
        ("Aparece como entregue desde segunda, mas eu não recebi nada.", "lost"),
        ("Laut Tracking zugestellt, aber im Briefkasten war nichts.", "lost"),
        ("Two parts are missing from the shelf kit, what now?", "wrong_item"),
        ("Im Bausatz fehlen Teile, bekomme ich die nach?", "wrong_item"),
        ("Faltan piezas en el puzle, ¿me las enviáis?", "wrong_item"),
    ],
)
def test_delivered_but_not_there_is_lost_and_missing_parts_are_a_wrong_delivery(text: str, topic: str) -> None:
    assert _topics(text)[0][0] == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("The tracking on my parcel hasn't been updated for four days.", "lost"),
        ("Die Sendungsverfolgung hat sich seit Montag nicht mehr aktualisiert.", "lost"),
        ("Sporingen af pakken er ikke blevet opdateret i tre dage.", "lost"),
        ("Spårningen har inte uppdaterats sedan i måndags.", "lost"),
        ("Two of the shrimp were dead when the box came.", "damage"),
        ("Tre af planterne kom døde frem.", "damage"),
        ("Rośliny przyszły martwe, a doniczka jest stłuczona.", "damage"),
        ("Kargo hasarlı geldi, vazo kırık.", "damage"),
        ("How much will it cost me to ship the boots back?", "return_cost"),
        ("Nếu gửi trả hàng thì tôi có mất phí không?", "return_cost"),
        ("How much does it cost to send a return back?", "return_cost"),
        ("Hola, ¿cuánto cuesta enviar la devolución?", "return_cost"),
        ("Quanto custa mandar o tênis de volta?", "return_cost"),
        ("When will the hold on my card be released?", "refund"),
        ("Wann wird der vorgemerkte Betrag auf meinem Konto wieder freigegeben?", "refund"),
        ("When do you send the rest of my order?", "order_status"),
        ("När skickas resten av beställningen?", "order_status"),
    ],
)
def test_stalled_tracking_dead_goods_return_costs_card_holds_and_the_rest_of_an_order(text: str, topic: str) -> None:
    assert topic in topics_of(text)


def test_the_rest_of_an_order_that_is_fine_asks_nothing_of_its_status() -> None:
    assert "order_status" not in topics_of("The rest of my order is fine, only the mug is chipped.")


def test_a_delivery_fee_question_names_no_return_cost() -> None:
    assert "return_cost" not in topics_of("¿Cuánto cuesta enviar a Canarias?")
    assert "return_cost" not in topics_of("How much does it cost to ship to Spain?")


@pytest.mark.parametrize(
    "text",
    [
        "Kann ich die Lampe bei Lieferung bezahlen?",
        "这个台灯能货到付款吗？",
        "是到付吗？",
        "着払いで発送してもらえますか？",
    ],
)
def test_asking_to_pay_on_delivery_is_no_customs_question(text: str) -> None:
    """Cash on delivery ("bei Lieferung bezahlen", 货到付款, 到付, 着払い) is a way to pay, not import duty."""
    assert "customs" not in topics_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Muss ich bei der Lieferung noch etwas bezahlen?",
        "Muss ich bei Zustellung zusätzlich zahlen?",
        "收货时还要支付别的费用吗？",
        "関税はかかりますか？",
    ],
)
def test_having_to_pay_more_on_delivery_stays_a_customs_question(text: str) -> None:
    assert "customs" in topics_of(text)
