"""The extractor's word lists written for every language a shop may write in: topic cues for all topics in each
language the cue lists name, negation, evidence, remedies and who-pays words beyond the eight full languages.

Every policy text here is written for the test (not taken from a fixture shop)."""

from __future__ import annotations

import pytest

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract.cues import labels_in, negation, resource, topic_hits


def _topics(text: str) -> set[str]:
    return {t for _, _, t in topic_hits(text)}


def test_every_language_the_cue_lists_name_has_cues_for_every_topic() -> None:
    topics = resource()["topics"]
    languages = {language for spec in topics.values() for language in spec["cues"]}
    assert {"vi", "th", "id", "ms", "ko", "tl", "ar", "he", "hi", "ca", "sr", "mk"} <= languages
    missing = {(topic, language) for topic, spec in topics.items() for language in languages - set(spec["cues"])}
    assert missing == set()


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Quý khách có thể đổi trả sản phẩm trong vòng 10 ngày.", "returns"),
        ("Chúng tôi hoàn tiền trong 5 ngày làm việc.", "refunds"),
        ("Pengiriman ke seluruh kota memakan waktu 2 hari.", "shipping"),
        ("상품 수령 후 7일 이내에 반품 신청이 가능합니다.", "returns"),
        ("제품 보증 기간은 1년입니다.", "warranty"),
        ("يمكنك إرجاع المنتج خلال 14 يومًا.", "returns"),
        ("ניתן לבטל את ההזמנה עד 24 שעות.", "cancellation"),
        ("सभी उत्पादों पर 1 वर्ष की वारंटी है।", "warranty"),
        ("L'enviament a les Illes triga 3 dies.", "shipping"),
        ("Рок за враћање робе је 14 дана.", "returns"),
        ("Пратката се испорачува за 3 дена.", "shipping"),
        ("สินค้าชำรุด กรุณาแจ้งภายใน 3 วัน", "damage"),
        ("Kod rabatowy można użyć tylko raz.", "discount_code"),
        ("Tilauksen voi peruuttaa, kunnes se on lähetetty samana päivänä.", "dispatch_same_day"),
    ],
)
def test_a_policy_sentence_names_its_topic_in_its_own_language(text: str, topic: str) -> None:
    assert topic in _topics(text)


def test_a_covered_language_sentence_gains_no_topic_from_other_languages_cues() -> None:
    assert _topics("The desirable telephone arrives in 3 days.") == {"shipping"}
    assert _topics("Les articles en solde sont remboursés sous 10 jours.") == {"refunds"}


@pytest.mark.parametrize(
    "text",
    [
        "Fiyat farkını geri ödemiyoruz.",
        "Fiyat düşüşlerinde fark iade edilmez.",
        "Chúng tôi không hoàn lại phần chênh lệch giá.",
        "가격 인하 시 차액은 환불되지 않습니다.",
        "We vergoeden het prijsverschil niet.",
        "Nu rambursăm diferența de preț.",
        "Prisforskjellen refunderes ikke.",
        "Razliku u cijeni ne vraćamo.",
    ],
)
def test_a_negated_rule_is_read_as_negated_in_its_language(text: str) -> None:
    assert negation().search(text)


@pytest.mark.parametrize(
    "text",
    ["Fiyat farkını geri ödüyoruz.", "Bestel nu en betaal later.", "Tak, zwracamy różnicę w cenie."],
)
def test_an_affirmed_rule_reads_no_negation(text: str) -> None:
    assert not negation().search(text)


def test_evidence_and_remedy_words_are_read_beyond_the_full_languages() -> None:
    assert set(labels_in("evidence", "Prześlij zdjęcia produktu i opakowania.")) >= {"photo_item", "photo_packaging"}
    assert labels_in("remedies", "Wyślemy nowy produkt albo zwrócimy pieniądze.") == ["replacement", "refund"]
    assert labels_in("remedies", "Bozuk ürünü tamir ediyoruz.") == ["repair"]
    assert labels_in("payer", "İade kargo ücreti alıcıya aittir.") == ["buyer"]
    assert labels_in("conditions", "Vara måste vara oanvänd och i originalförpackning.") == [
        "unused",
        "original_packaging",
    ]


def test_a_damage_report_asks_for_photos_in_a_language_outside_the_full_lists() -> None:
    text = "Jeśli paczka dotrze uszkodzona, prześlij zdjęcia opakowania w ciągu 7 dni."
    facts = extract_facts([PolicyChunk("c-1", text, "Reklamacje", "pl", "regulamin.md")])
    evidence = [f for f in facts if f.slot == "damage.evidence"]
    assert evidence and "photo_packaging" in evidence[0].value


def test_who_pays_duties_is_not_scoped_to_the_place_the_sentence_before_was_outside_of() -> None:
    text = "Switzerland and Norway lie outside the EU customs union. Import duties there are paid by the recipient."
    facts = extract_facts([PolicyChunk("c-2", text, "Customs", "en", "shipping.md")])
    assert [(f.value, f.scope.region) for f in facts if f.slot == "customs.paid_by"] == [
        ("buyer", "Switzerland and Norway")
    ]


def test_a_warranty_handling_time_is_no_warranty_length() -> None:
    handled = "Chúng tôi xử lý yêu cầu bảo hành trong 5 ngày làm việc kể từ khi nhận được sản phẩm."
    lasting = "Tất cả sản phẩm được bảo hành 12 tháng."
    facts = extract_facts([PolicyChunk("c-3", f"{handled} {lasting}", "Bảo hành", "vi", "bao-hanh.md")])
    lengths = [(f.value, f.unit, f.needs_review) for f in facts if f.slot == "warranty.length"]
    assert (5, "business_day", False) not in lengths
    assert (12, "month") in [(value, unit) for value, unit, _ in lengths]


def test_a_payment_method_named_in_its_own_language_scopes_a_refund() -> None:
    from assist.policy_extract.scope import payment_methods_in

    assert [m for _, _, m in payment_methods_in("Objednávky na dobírku vracíme převodem.")] == ["dobírku"]
    assert [m for _, _, m in payment_methods_in("Kapıda ödeme siparişlerinde iade havale ile yapılır.")] == [
        "Kapıda ödeme"
    ]
    assert payment_methods_in("Ovo je kod za popust.") == []
