"""Asks read language-wide in the languages written for in round 29: Vietnamese, Indonesian/Malay, Tagalog, Hindi,
Korean, Croatian/Serbian/Bosnian/Slovene (with and without diacritics) and Russian/Ukrainian, in chat register; free
delivery above an amount in every language group; and the words that must not be read as a topic in other languages.
Cue patterns only (no encoder): fast and deterministic. Every text was written for these tests (no exemplar file, no
fixture shop's case)."""

from __future__ import annotations

import pytest

from assist.ask_cues import clauses, is_question, sentences, topics_of
from assist.ask_topics import TopicReading
from assist.asks import conversation_asks, split_asks
from assist.models import Conversation, Message


def _pieces(text: str) -> list[str]:
    return [c for s in sentences(text) for c in clauses(s)]


def _topics(text: str) -> list[list[str]]:
    return [a.topics for a in split_asks(text, lambda pieces: ["other"] * len(pieces))]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        # Vietnamese: a comma after a question particle starts the next question ("và/còn/mà" joins it)
        (
            "shop ơi cho e đổi màu được ko ạ, phí ship đổi hàng ai chịu vậy",
            ["shop ơi cho e đổi màu được ko ạ", "phí ship đổi hàng ai chịu vậy"],
        ),
        (
            "Giao ra Huế mất mấy ngày vậy, còn phí ship bao nhiêu?",
            ["Giao ra Huế mất mấy ngày vậy", "phí ship bao nhiêu?"],
        ),
        # Croatian/Serbian/Bosnian/Slovene: "and" + a question word, with or without diacritics
        ("Koliko traje dostava i ko placa carinu?", ["Koliko traje dostava", "ko placa carinu?"]),
        ("Kdaj pride paket in ali je dostava brezplačna?", ["Kdaj pride paket", "ali je dostava brezplačna?"]),
        ("Колико кошта достава и када стиже?", ["Колико кошта достава", "када стиже?"]),
        # Tagalog and Hindi: "and" + a question word
        (
            "Magkano po ang shipping at ilang araw bago dumating?",
            ["Magkano po ang shipping", "ilang araw bago dumating?"],
        ),
        ("डिलीवरी कितने दिन में होगी और क्या रिटर्न फ्री है?", ["डिलीवरी कितने दिन में होगी", "क्या रिटर्न फ्री है?"]),
    ],
)
def test_a_second_question_in_one_sentence_is_its_own_piece(text: str, pieces: list[str]) -> None:
    assert _pieces(text) == pieces


@pytest.mark.parametrize(
    "text",
    [
        "đơn của e gửi đi chưa shop",
        "có freeship không ạ",
        "ongkir ke Medan berapa",
        "bisa retur gak ya",
        "Libre po ba ang shipping",
        "पैसे वापस कब मिलेंगे",
        "refund kab tak milega",
        "Jel mogu vratiti jaknu",
        "da li saljete u Bosnu",
        "교환 가능한지 알려주실 수 있죠",
    ],
)
def test_a_question_without_a_question_mark_is_a_question(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    ["Ali paket je stigao oštećen.", "Sto eura je previše.", "Sta arrivando il pacco.", "Cảm ơn shop nhiều ạ"],
)
def test_a_statement_is_no_question(text: str) -> None:
    assert not is_question(text)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # Vietnamese, with and without diacritics
        ("Khăn bị rách một góc", "damage"),
        ("shop giao nham mau roi", "wrong_item"),
        ("đơn của e bị thất lạc rồi hả shop", "lost"),
        ("bao lâu thì e nhận lại tiền", "refund"),
        ("e muốn huỷ đơn", "cancel"),
        ("cho e doi dia chi nhan hang", "address_change"),
        ("nhận hàng có phải đóng thuế không", "customs"),
        ("mã vận đơn của e là gì", "order_status"),
        # Indonesian/Malay
        ("Barangnya datang dalam keadaan pecah", "damage"),
        ("Saya mau ganti alamat pengiriman", "address_change"),
        ("Kode voucher saya tidak bisa dipakai", "discount_code"),
        ("Harganya turun minggu ini, bisa refund selisihnya?", "price_adjustment"),
        ("Kena bea cukai tak?", "customs"),
        ("Paket saya hilang", "lost"),
        ("Nomor resi pesanan saya berapa?", "order_status"),
        # Tagalog
        ("Basag po yung baso pagdating", "damage"),
        ("Pwede ko bang isauli yung sapatos?", "return"),
        ("Kailan po darating yung order ko?", "order_status"),
        # Hindi
        ("मेरा सामान टूटा हुआ आया", "damage"),
        ("मुझे ऑर्डर कैंसिल करना है", "cancel"),
        ("मेरा पार्सल कब तक आएगा", "order_status"),
        # Croatian/Serbian/Bosnian/Slovene without diacritics
        ("Paket je stigao ostecen", "damage"),
        ("Zelim otkazati narudzbu", "cancel"),
        ("Kada stize moj paket?", "order_status"),
        ("Paket je izgubljen", "lost"),
        ("Koliko dugo traje slanje u Skopje?", "shipping_time"),
        # Russian/Ukrainian
        ("Посылка пришла повреждённой", "damage"),
        ("Хочу отменить заказ", "cancel"),
        ("Когда вернут деньги?", "refund"),
        ("Нужно ли платить таможенную пошлину?", "customs"),
        ("Можно ли изменить адрес доставки?", "address_change"),
        ("Прислали не тот размер", "wrong_item"),
        # Korean
        ("배송지 변경 가능할까요?", "address_change"),
        ("다른 쇼핑몰에서 더 저렴하게 팔던데요", "price_match"),
        ("구성품이 누락됐어요", "wrong_item"),
    ],
)
def test_cue_words_read_the_topic(text: str, topic: str) -> None:
    assert topics_of(text)[:1] == [topic]


@pytest.mark.parametrize(
    "text",
    [
        "Is delivery free over 50 euros?",
        "je li dostava besplatna iznad 60 eura",
        "Czy wysyłka jest darmowa powyżej 200 zł?",
        "có miễn phí giao hàng cho đơn trên 500k không",
        "Gratis ongkir minimal belanja 100 ribu?",
        "Доставка бесплатная от 3000 рублей?",
    ],
)
def test_free_delivery_above_an_amount_asks_the_shipping_cost(text: str) -> None:
    assert "shipping_cost" in topics_of(text)


@pytest.mark.parametrize(
    ("text", "not_topic"),
    [
        ("Hvornår får jeg pengene for min returvare?", "return"),  # a Danish compound, no Indonesian 'retur'
        ("Come funzionano i resi?", "order_status"),  # Italian returns, no Indonesian tracking number
        ("Je to poceni?", "damage"),  # Slovene 'cheap'
        ("Tôi muốn đổi sang địa chỉ khác", "return"),  # a new address, no exchange
        ("Bể cá mới mua rất đẹp", "damage"),  # Vietnamese 'tank', no breakage
    ],
)
def test_a_word_of_another_language_is_no_topic(text: str, not_topic: str) -> None:
    assert not_topic not in topics_of(text)


def test_a_vietnamese_turn_reads_each_ask() -> None:
    assert _topics("e muốn hủy đơn được không ạ, bao lâu thì nhận lại tiền ạ") == [["cancel"], ["refund"]]


def test_a_korean_statement_and_question_stay_one_ask() -> None:
    assert _topics("주소를 잘못 입력했어요 변경 가능한가요") == [["address_change"]]


class _ReaderOfTheAskBefore:
    """A learned reader that follows no cue word: every text reads as a question on the delivery time (as a reader
    without exemplars in the buyer's language reads a second question about delivery)."""

    def read(self, texts: list[str]) -> list[TopicReading]:
        return [TopicReading("shipping_time", 0.9, {"shipping_time": 0.9, "other": 0.1}) for _ in texts]


def test_a_second_question_before_buying_stays_its_own_ask_when_the_reader_doubts_its_cue_words() -> None:
    asks = split_asks(
        "Ilang araw po ang delivery? Libre po ba ang shipping kapag lampas 2000 ang order?",
        learned=_ReaderOfTheAskBefore(),
    )
    assert [a.topics for a in asks] == [["shipping_time"], ["shipping_cost"]]


def test_a_remedy_question_the_reader_doubts_still_joins_the_reported_problem() -> None:
    class _ReaderOfTheDamage:
        def read(self, texts: list[str]) -> list[TopicReading]:
            return [TopicReading("damage", 0.9, {"damage": 0.9, "other": 0.1}) for _ in texts]

    asks = split_asks("Paket je stigao oštećen. Moram li ga vratiti?", learned=_ReaderOfTheDamage())
    assert [a.topics for a in asks] == [["damage", "return"]]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("Колку чини достава до Струмица?", [["shipping_cost"]]),
        ("Пратката пристигна оштетена.", [["damage"]]),
        ("Кога ќе пристигне мојата нарачка?", [["order_status"]]),
        ("Колико кошта поштарина и када стиже пакет?", [["shipping_cost"], ["order_status"]]),
        ("Пакет је изгубљен.", [["lost"]]),
    ],
)
def test_macedonian_and_serbian_cyrillic_cue_words_read_the_topic(text: str, topics: list[list[str]]) -> None:
    assert _topics(text) == topics


def test_a_door_is_no_return() -> None:
    assert topics_of("Пакетот беше оставен пред вратата.") == []  # Macedonian/Bulgarian 'door', no 'return it'


class _ReaderOfTheRefund:
    """A learned reader sure of a refund question, doubting the parcel's arrival."""

    def read(self, texts: list[str]) -> list[TopicReading]:
        return [TopicReading("refund", 0.93, {"refund": 0.93, "order_status": 0.02, "other": 0.05}) for _ in texts]


def test_a_cue_the_reader_doubts_yields_to_the_topic_the_reader_and_the_intent_both_read() -> None:
    # "when will I get my money?": the Hindi "कब … मिलेगा" cue of a parcel's arrival, read as a refund by both
    asks = split_asks("पैसा कब मिलेगा?", lambda pieces: ["refund_status"] * len(pieces), learned=_ReaderOfTheRefund())
    assert [a.topics for a in asks] == [["refund"]]


def test_a_cue_the_reader_doubts_stands_where_the_intent_names_another_topic() -> None:
    asks = split_asks("पैसा कब मिलेगा?", lambda pieces: ["track_order"] * len(pieces), learned=_ReaderOfTheRefund())
    assert [a.topics for a in asks] == [["order_status"]]


class _ReaderOfTwoQuestions:
    """A learned reader that reads a Swahili question on the delivery's price and one on its days, each alone, and
    the two together as the days only (as the encoder does with a sentence of two questions)."""

    def read(self, texts: list[str]) -> list[TopicReading]:
        out = []
        for text in texts:
            plain = text.casefold()
            price, days, back = "gharama" in plain, "siku" in plain, "rudisha" in plain
            topic = "shipping_time" if days else "return" if back else "shipping_cost" if price else "other"
            sure = 0.55 if price and days else 0.9
            out.append(TopicReading(topic, sure, {topic: sure, "other": 1 - sure}))
        return out


def test_two_questions_joined_by_a_comma_are_two_asks_where_the_reader_reads_each_side_surely() -> None:
    text = "Habari, gharama ya kusafirisha ni kiasi gani, itachukua siku ngapi kufika Mombasa?"
    asks = split_asks(text, learned=_ReaderOfTwoQuestions())
    assert [a.topics for a in asks] == [["shipping_cost"], ["shipping_time"]]


def test_two_questions_joined_by_a_short_word_no_cue_knows_are_two_asks() -> None:
    text = "Gharama ya kusafirisha ni kiasi gani na itachukua siku ngapi kufika?"  # "... how much, and how many days"
    asks = split_asks(text, learned=_ReaderOfTwoQuestions())
    assert [a.topics for a in asks] == [["shipping_cost"], ["shipping_time"]]


def test_a_greeting_before_a_comma_is_no_second_question() -> None:
    asks = split_asks("Habari za asubuhi, itachukua siku ngapi kufika?", learned=_ReaderOfTwoQuestions())
    assert [a.topics for a in asks] == [["shipping_time"]]


def test_a_comma_before_a_question_on_another_topic_than_the_ones_asked_before_buying_splits_nothing() -> None:
    # "the price is high, can I return it?": a statement and a question, not two questions
    asks = split_asks("Gharama ni kubwa mno, naweza kuirudisha?", learned=_ReaderOfTwoQuestions())
    assert [a.topics for a in asks] == [["return"]]


def _turn(text: str, order_ids: list[str] | None = None) -> Conversation:
    return Conversation(messages=[Message(role="customer", text=text)], order_ids=order_ids or [])


def test_a_buyer_without_an_order_who_asks_to_have_something_sent_somewhere_asks_no_address_change() -> None:
    # "can you send a lamp to Kisumu?", read by the intent as a change of the order: there is no order to change
    ask_to_send = "Mnaweza kutuma taa hadi Kisumu?"
    change = lambda pieces: ["change_order"] * len(pieces)  # noqa: E731
    assert [a.topics for a in conversation_asks(_turn(ask_to_send), change, learned=None)] == [["other"]]
    placed = conversation_asks(_turn(ask_to_send, ["A-77"]), change, learned=None)
    assert [a.topics for a in placed] == [["address_change"]]  # with an order, it may be one
