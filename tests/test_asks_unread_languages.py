"""Asks in languages the first encoder (USE) does not read: the cue lines and the sentence and clause splitting
(Finnish, Hungarian, Slovak, Ukrainian, Estonian, Lithuanian, Latvian, Greek, Bulgarian, Croatian, Danish,
Norwegian, Swedish, Romanian), and the choice of encoder and readers for a turn (assist/ask_readers.py). Messages
written for the test, not taken from any fixture shop."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from assist import ask_readers
from assist.ask_cues import clauses, is_question, payment_kinds, reports_done, sentences, topics_of
from assist.asks import encoder_for, split_asks
from assist.background_models import BackgroundBuilds


def _pieces(text: str) -> list[str]:
    return [c for s in sentences(text) for c in clauses(s)]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Joudunko maksamaan tullia, kun lähetys saapuu?", "customs"),
        ("Kell-e vámot fizetnem a csomagért?", "customs"),
        ("Bude treba zaplatiť clo?", "customs"),
        ("Voinko vielä perua tilauksen?", "cancel"),
        ("Lemondhatom még a rendelést?", "cancel"),
        ("Môžete zrušiť moju objednávku?", "cancel"),
        ("Чи можна скасувати замовлення?", "cancel"),
        ("Kas saate tellimuse tühistada?", "cancel"),
        ("Μπορώ να ακυρώσω την παραγγελία;", "cancel"),
        ("Milloin saan hyvityksen?", "refund"),
        ("Mikor kapom vissza a pénzemet?", "refund"),
        ("Når får jeg pengene tilbage?", "refund"),
        ("Haluaisin palauttaa kengät.", "return"),
        ("Chcel by som vrátiť tovar.", "return"),
        ("Mogu li vratiti proizvod?", "return"),
        ("Kuka maksaa palautuksen postikulut?", "return_cost"),
        ("Hvem betaler returfragten?", "return_cost"),
        ("Paljonko toimitus maksaa Ruotsiin?", "shipping_cost"),
        ("Mennyibe kerül a szállítás Ausztriába?", "shipping_cost"),
        ("Koliko košta dostava do Zagreba?", "shipping_cost"),
        ("Kuinka kauan toimitus kestää Viroon?", "shipping_time"),
        ("Hvor mange dage tager leveringen?", "shipping_time"),
        ("Πόσες μέρες κάνει η αποστολή;", "shipping_time"),
        ("Missä on minun pakettini?", "order_status"),
        ("Kde je moja zásielka?", "order_status"),
        ("Кога ще пристигне пратката?", "order_status"),
        ("Tuote saapui rikki.", "damage"),
        ("A doboz sérülten érkezett meg.", "damage"),
        ("Lampa prišla poškodená.", "damage"),
        ("Sain väärän värin tuotteen.", "wrong_item"),
        ("Paketti on kadonnut.", "lost"),
        ("Onko tuotteella takuu?", "warranty"),
        ("A készülék nem működik, jár rá garancia?", "warranty"),
        ("Voinko vaihtaa toimitusosoitteen?", "address_change"),
        ("Kan jeg endre adressen på ordren?", "address_change"),
        ("Unohdin syöttää alennuskoodin.", "discount_code"),
        ("Onko teillä hintatakuu?", "price_match"),
    ],
)
def test_cue_words_name_the_topic_in_unread_languages(text: str, topic: str) -> None:
    assert topic in topics_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Muito obrigado pela ajuda.",  # Portuguese "muito" is not Lithuanian "muito" (customs)
        "Vou enviar para o Porto amanhã.",
        "I was told the colour would match.",
        "The toll-free number did not answer.",
        "Tylko jedno pytanie o kolor.",
    ],
)
def test_words_of_read_languages_name_no_topic(text: str) -> None:
    assert topics_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Lähteekö paketti vielä tänään",
        "Hei, voinko maksaa laskulla",
        "Van-e raktáron kék színben",
        "Kedy mi príde balík",
        "Коли ви відправите замовлення",
        "Kas see on laos",
        "Ar siunčiate į Latviją",
        "Πότε θα το στείλετε",
        "Mogu li platiti pouzećem",
        "Kan jeg betale med faktura",
        "Când trimiteți coletul",
    ],
)
def test_questions_without_a_question_mark(text: str) -> None:
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tylko jedno pytanie.",
        "Wszystko w porządku.",
        "Non li ho ancora ricevuti.",
        "Er hat das Paket nicht bekommen.",
        "Vai chegar amanhã.",
        "Este producto es muy bueno.",
    ],
)
def test_statements_of_read_languages_stay_statements(text: str) -> None:
    assert not is_question(text)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Voinko palauttaa takin ja kuinka kauan hyvitys kestää?", 2),
        ("Mikor érkezik a csomag, és mennyibe kerül a szállítás?", 2),
        ("Kedy príde balík a koľko stojí doprava?", 2),
        ("Коли прийде посилка і скільки коштує доставка?", 2),
        ("Hvornår kommer pakken, og hvad koster fragten?", 2),
        ("Când ajunge coletul și cât costă livrarea?", 2),
        ("Πότε θα φτάσει; Μπορώ να αλλάξω τη διεύθυνση;", 2),  # Greek ends a question with ";"
    ],
)
def test_a_second_question_is_split_off(text: str, count: int) -> None:
    assert len(_pieces(text)) == count


def test_a_greek_semicolon_ends_a_sentence_only_after_greek() -> None:
    assert sentences("Hi; thanks.") == ["Hi; thanks."]


@pytest.mark.parametrize(
    "text",
    [
        "Jeg avbestilte ordren i går.",
        "Palautin tuotteen viime viikolla.",
        "Objednávku jsem zrušila.",
        "Am returnat coletul.",
    ],
)
def test_a_report_of_a_done_cancellation_or_return_is_context(text: str) -> None:
    assert reports_done(text)
    assert split_asks(f"{text} Milloin saan rahat takaisin?")[0].topic == "refund"


class _Encoder:
    def __init__(self, name: str, languages: frozenset[str] | None) -> None:
        self.name = name
        self.languages = languages
        self.dim = 4

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), self.dim), dtype=np.float32) / 2


def test_the_second_encoder_reads_languages_the_first_does_not() -> None:
    first, second = _Encoder("first", frozenset({"en", "de"})), _Encoder("second", None)
    assert encoder_for("de", first, second) is first
    assert encoder_for("fi", first, second) is second
    assert encoder_for("fi", first, None) is first  # no second encoder (a test fake): the first reads all
    assert encoder_for(None, first, second) is first


def _services(first: Any, second: Any) -> Any:
    taxonomy = SimpleNamespace(hash="taxonomy-1")
    classifier = SimpleNamespace(taxonomy=taxonomy, predict_many=lambda texts: ["other"] * len(texts))
    return SimpleNamespace(
        embedder=first,
        second_embedder=second,
        intent_classifier=lambda _settings: classifier,
        settings=SimpleNamespace(cache_dir=None),
    )


def test_a_turn_in_an_unread_language_is_read_by_the_first_encoder_until_the_second_is_trained(monkeypatch) -> None:
    release = threading.Event()
    builds: list[tuple[str, str]] = []

    def build(second: Any, taxonomy: Any, cache_dir: Any) -> tuple[Any, Any]:
        builds.append((second.name, taxonomy.hash))
        release.wait(5)
        classifier = SimpleNamespace(predict_many=lambda texts: ["track_order"] * len(texts))
        return classifier, "second topic model"

    monkeypatch.setattr(ask_readers, "build", build)
    monkeypatch.setattr(ask_readers, "_BUILDS", BackgroundBuilds("test readers"))
    services = _services(_Encoder("first", frozenset({"en"})), _Encoder("second", None))

    assert ask_readers.readers_for(services, None, "en").encoder == "first"
    waiting = ask_readers.readers_for(services, None, "fi")  # starts training in the background; no wait
    assert (waiting.encoder, waiting.second, waiting.learned) == ("first", False, "auto")
    assert ask_readers.readers_for(services, None, "fi").encoder == "first"  # training is started once
    release.set()
    ready = ask_readers.readers_for(services, None, "fi", wait=True)  # waits for the thread already training
    assert (ready.encoder, ready.second, ready.learned) == ("second", True, "second topic model")
    assert list(ready.classify(["Missä paketti on?"])) == ["track_order"]
    assert ask_readers.readers_for(services, None, "en").encoder == "first"
    assert builds == [("second", "taxonomy-1")]


def test_without_a_second_encoder_every_language_is_read_by_the_first() -> None:
    services = _services(_Encoder("first", frozenset({"en"})), None)
    assert ask_readers.readers_for(services, None, "fi").encoder == "first"
    assert ask_readers.prepare(services) is False


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Zapłaciłem BLIKiem.", "blik"),
        ("Jag betalade med Swish.", "swish"),
        ("Maksoin MobilePaylla.", "mobilepay"),
        ("Betaald met iDEAL.", "ideal"),
    ],
)
def test_wallet_payments_are_named_in_any_inflection(text: str, kind: str) -> None:
    assert kind in payment_kinds(text)


def test_an_ordinary_word_is_no_payment_method() -> None:
    assert payment_kinds("The ideal gift, I will order it sofort.") == frozenset()
