from __future__ import annotations

import pytest

from assist.language import FakeDetector, FastTextDetector, buyer_language, normalize_code, strip_noise
from assist.models import Conversation


def test_normalize_codes():
    assert [normalize_code(c) for c in ["ZH", "wuu", "yue", "pt-BR", "zh_Hans", "en"]] == [
        "zh",
        "zh",
        "zh",
        "pt",
        "zh",
        "en",
    ]


def test_noise_is_removed_but_cjk_text_kept():
    assert strip_noise("Order NL-104233, see https://x.example/a and a@b.de") == "Order see and"
    assert strip_noise("我的订单NL-104233还没到") == "我的订单 还没到"


def test_fake_detector_uses_scripts_and_answers():
    detector = FakeDetector(default="de", answers={"hola": "es"})
    assert detector.detect("hola").language == "es"
    assert detector.detect("ありがとう").language == "ja"
    assert detector.detect("택배").language == "ko"
    assert detector.detect("退款").language == "zh"
    assert detector.detect("Guten Tag").language == "de"
    assert detector.detect("NL-104233 !!!").language == "und"


def test_buyer_language_falls_back_to_the_profile():
    conversation = Conversation.model_validate(
        {"customer": {"language": "pt-BR"}, "messages": [{"role": "customer", "text": "NL-104233"}]}
    )
    guess = buyer_language(FakeDetector(), conversation)
    assert (guess.language, guess.confidence) == ("pt", 0.5)


def test_language_endpoint(client, auth, services):
    services.__dict__["language_detector"] = FakeDetector(default="fr")
    response = client.post("/v1/language", json={"text": "Bonjour, ma commande ?"}, headers=auth)
    assert response.status_code == 200
    assert response.json() == {"language": "fr", "confidence": 0.9}
    assert client.post("/v1/language", json={"text": ""}, headers=auth).status_code == 422
    assert client.post("/v1/language", json={"text": "x"}).status_code == 401


@pytest.fixture(scope="module")
def fasttext():
    return FastTextDetector()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wo ist mein Paket?", "de"),
        ("Where is my order NL-104233?", "en"),
        ("¿Dónde está mi pedido?", "es"),
        ("Je n'ai pas reçu ma commande", "fr"),
        ("Meu pedido ainda não chegou", "pt"),
        ("Il pacco non è arrivato", "it"),
        ("荷物はまだですか", "ja"),
        ("ありがとう", "ja"),
        ("返品", "zh"),  # Han only: Chinese by rule (ambiguous with Japanese)
        ("退款", "zh"),
        ("快递到哪了", "zh"),
        ("我的订单NL-104233还没到", "zh"),
        ("택배 언제 와요?", "ko"),
        ("Danke", "de"),
    ],
)
def test_fasttext_on_short_messages(fasttext, text, expected):
    guess = fasttext.detect(text)
    assert guess.language == expected
    assert 0 < guess.confidence <= 1


@pytest.mark.slow
def test_fasttext_undetermined_without_letters(fasttext):
    for text in ["", "   ", "NL-104233", "12,50 €", "https://shop.example.com/a?b=1"]:
        assert fasttext.detect(text).language == "und"
