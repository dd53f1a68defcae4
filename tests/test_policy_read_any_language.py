"""Policies in languages the cue lists of ``resources/policy_slots.yaml`` do not cover (Polish, Turkish, Korean,
Dutch, Russian), read through the public extractor with the real multilingual encoder: the learned reader says
what a heading, a table header or a key cell is about, the value parsers read the value.

Every policy text here is written for the test (not taken from a fixture shop or from the reader's frames)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract.cues import withheld
from assist.policy_facts import PolicyFact

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


def read(embedder, cache: Path, text: str, section: str, language: str | None) -> list[PolicyFact]:
    return extract_facts([PolicyChunk("chunk-7", text, section, language, "policy.md")], embedder, cache)


def used(facts: list[PolicyFact], slot: str) -> list[PolicyFact]:
    return [f for f in facts if f.slot == slot and not f.needs_review]


def test_a_warranty_table_in_polish_gives_each_product_its_period_with_the_row_cited(use_embedder, cache):
    rows = ["Produkt | Okres ochrony |", "Rowery szosowe | 5 lat |", "Kaski | 2 lata |", "Lampki | 18 miesięcy |"]
    text = "\n\n".join(rows)
    facts = read(use_embedder, cache, text, "Sklep > Gwarancja producenta", "pl")
    found = {f.scope.product_class: (f.value, f.unit, f.sentence, f.chunk_id) for f in used(facts, "warranty.length")}
    assert found["Rowery szosowe"][:2] == (5, "year")
    assert found["Lampki"][:2] == (18, "month")
    assert "Rowery szosowe" in str(found["Rowery szosowe"][2]) and found["Rowery szosowe"][3] == "chunk-7"


def test_a_key_and_value_table_in_turkish_gives_the_return_window(use_embedder, cache):
    text = "İade süresi | Ürün elinize ulaştıktan sonra 21 gün |\n\nİade adresi | Depomuz, Bursa |"
    facts = read(use_embedder, cache, text, "Yardım > İade ve değişim", "tr")
    windows = used(facts, "returns.window")
    assert [(f.value, f.unit) for f in windows] == [(21, "day")]
    assert "21 gün" in str(windows[0].sentence)


def test_a_refund_table_per_payment_method_in_korean_scopes_each_row(use_embedder, cache):
    text = "결제 방법 | 환불 소요 기간 |\n\n체크카드 | 2~4 영업일 |\n\n휴대폰 결제 | 5~7 영업일 |"
    facts = read(use_embedder, cache, text, "고객 안내 > 환불 기간", "ko")
    found = {f.scope.payment_method: (f.value, f.max_value, f.unit) for f in used(facts, "refunds.time")}
    assert found == {"체크카드": (2, 4, "business_day"), "휴대폰 결제": (5, 7, "business_day")}


def test_a_numbered_row_under_a_contact_heading_is_no_fact(use_embedder, cache):
    text = "Служба поддержки | работает 6 дней в неделю, отвечаем за 24 часа |\n\nТелефон | 8 800 555-01-23 |"
    facts = read(use_embedder, cache, text, "Магазин > Связаться с нами", "ru")
    assert [f for f in facts if not f.needs_review and f.slot != "other"] == []


def test_a_sentence_with_a_number_under_an_unrelated_heading_is_no_fact(use_embedder, cache):
    text = "We zijn sinds 12 jaar een familiebedrijf met 3 winkels in het land."
    facts = read(use_embedder, cache, text, "Winkel > Over ons", "nl")
    assert [f for f in facts if not f.needs_review] == []


def test_a_key_and_value_table_without_a_header_row_is_read_from_its_first_row(use_embedder, cache):
    # The first row is a key and its value, not a header: in a cue language its cue word names the topic.
    text = "Rückgabefrist | 45 Tage ab Zustellung |\n\nRücksendeadresse | Lager Nord, Kassel |"
    facts = read(use_embedder, cache, text, "Shop > Service", "de")
    assert [(f.value, f.unit) for f in used(facts, "returns.window")] == [(45, "day")]


def test_a_delivery_table_in_a_language_without_region_words_is_keyed_by_its_first_column(use_embedder, cache):
    # No language given: the detector reads Russian; the first column names areas no gazetteer lists.
    text = (
        "Куда отправляем | Кто везёт | Сколько дней в пути |\n|---|---|---|\n"
        "| Дальний Восток | СДЭК | 7-12 рабочих дней |\n| Горные районы Алтая | Почта России | 9-14 рабочих дней |"
    )
    facts = read(use_embedder, cache, text, "Доставка > Сроки по регионам", None)
    found = {f.scope.region: (f.value, f.max_value) for f in used(facts, "shipping.transit_time")}
    assert found == {"Дальний Восток": (7, 12), "Горные районы Алтая": (9, 14)}


def test_a_column_of_free_shipping_thresholds_gives_each_destination_its_threshold(use_embedder, cache):
    text = (
        "Kraj | Czas doręczenia | Wysyłka bez opłat przy zamówieniu od |\n|---|---|---|\n"
        "| Czechy | 2-3 dni robocze | 250 zł |\n| Litwa | 3-5 dni roboczych | 400 zł |"
    )
    facts = read(use_embedder, cache, text, "Dostawa > Cennik", "pl")
    found = {f.scope.region: (f.value, f.unit) for f in used(facts, "shipping.free_threshold")}
    assert found == {"Czechy": (250, "PLN"), "Litwa": (400, "PLN")}


@pytest.mark.parametrize(
    ("text", "section", "language", "slot", "value", "unit"),
    [
        (
            "Jeżeli paczka przyjdzie zgnieciona, prześlij nam zdjęcia w ciągu 5 dni od odbioru.",
            "Sklep > Paczka dotarła zniszczona",
            "pl",
            "damage.report_window",
            5,
            "day",
        ),
        (
            "Eğer kargo takip bilgisi 6 gün boyunca hiç değişmezse müşteri hizmetlerimize yazın.",
            "Yardım > Kargom nerede?",
            "tr",
            "lost.report_after",
            6,
            "day",
        ),
        (
            "Sipariş verdikten sonra 2 saat içinde siparişinizi iptal edebilirsiniz.",
            "Yardım > Siparişim",
            "tr",
            "cancellation.window",
            2,
            "hour",
        ),
    ],
)
def test_a_sentence_with_one_duration_is_given_its_slot_when_both_readers_agree(
    use_embedder, cache, text, section, language, slot, value, unit
):
    facts = read(use_embedder, cache, text, section, language)
    found = [(f.value, f.unit, f.sentence) for f in used(facts, slot)]
    assert found == [(value, unit, text)]


def test_a_sentence_with_numbers_about_the_shop_itself_is_no_fact(use_embedder, cache):
    text = "Мы открыты 6 дней в неделю и работаем с 2009 года."
    facts = read(use_embedder, cache, text, "Магазин > О компании", "ru")
    assert [f for f in facts if not f.needs_review] == []


@pytest.mark.parametrize(
    ("text", "section", "language", "slot", "value"),
    [
        (
            "Opłatę za odesłanie paczki z powrotem pokrywa klient.",
            "Sklep > Zwroty",
            "pl",
            "returns.shipping_paid_by",
            "buyer",
        ),
        (
            "Sipariş verildikten sonra indirim başlarsa fiyat farkını geri ödemiyoruz.",
            "Yardım > Fiyatlar",
            "tr",
            "prices.adjustment",
            False,
        ),
    ],
)
def test_a_who_pays_or_yes_no_rule_is_read_with_its_sentence(use_embedder, cache, text, section, language, slot, value):
    facts = read(use_embedder, cache, text, section, language)
    assert [(f.value, f.sentence, f.chunk_id) for f in used(facts, slot)] == [(value, text, "chunk-7")]


def test_a_sentence_about_payment_options_states_no_rule(use_embedder, cache):
    text = "Mağazamızda kredi kartı ve havale ile ödeme yapabilirsiniz."
    assert [f for f in read(use_embedder, cache, text, "Yardım > Ödeme", "tr") if not f.needs_review] == []


@pytest.mark.parametrize(
    ("text", "section", "language", "slot", "items"),
    [
        (
            "Gwarancja nie obejmuje uszkodzeń takich jak: zalanie wodą, upadek z wysokości, samodzielne przeróbki.",
            "Serwis > Gwarancja",
            "pl",
            "warranty.excludes",
            ["zalanie wodą", "upadek z wysokości", "samodzielne przeróbki"],
        ),
        (
            "Bu ürünler iade edilemez: açılmış kozmetikler, kişiye özel baskılı tişörtler, iç çamaşırları.",
            "Yardım > İade",
            "tr",
            "returns.excluded",
            ["açılmış kozmetikler", "kişiye özel baskılı tişörtler", "iç çamaşırları"],
        ),
    ],
)
def test_a_list_after_a_colon_in_its_own_sentence_gives_its_items(
    use_embedder, cache, text, section, language, slot, items
):
    facts = read(use_embedder, cache, text, section, language)
    assert [(f.value, f.sentence) for f in used(facts, slot)] == [(items, text)]


def test_a_colon_list_of_payment_methods_is_no_list_of_exclusions(use_embedder, cache):
    text = "Akceptujemy następujące formy płatności: BLIK, przelew bankowy, karta kredytowa."
    assert [f for f in read(use_embedder, cache, text, "Sklep > Płatności", "pl") if not f.needs_review] == []


def test_a_delivery_table_whose_headers_the_encoder_cannot_read_is_read_by_what_its_cells_hold(use_embedder, cache):
    # Czech is no language of the encoder: the column of places and the column of durations make it a delivery table.
    text = (
        "Dopravce | Stát | Poplatek | Lhůta |\n|---|---|---|---|\n"
        "| Kurýr DPD | Maďarsko | 250 Kč | 4–6 pracovních dnů |\n"
        "| Kurýr DPD | Slovinsko | 290 Kč | 5–7 pracovních dnů |\n"
        "| Kurýr GLS | Chorvatsko | 310 Kč | 6–8 pracovních dnů |"
    )
    facts = read(use_embedder, cache, text, "Doručení > Ceník", "cs")
    found = {f.scope.region: (f.value, f.max_value, f.unit) for f in used(facts, "shipping.transit_time")}
    assert found == {
        "Maďarsko": (4, 6, "business_day"),
        "Slovinsko": (5, 7, "business_day"),
        "Chorvatsko": (6, 8, "business_day"),
    }


def test_durations_in_unit_words_of_any_cldr_language_are_read_in_a_delivery_table(use_embedder, cache):
    # Hungarian: neither the value parser's words nor the encoder's languages; CLDR names the unit ("nap" = day).
    text = (
        "Futárszolgálat | Célország | Díj | Kézbesítés |\n|---|---|---|---|\n"
        "| Expressz | Ausztria | 3990 Ft | 2-3 nap |\n| Expressz | Szlovákia | 2990 Ft | 1-2 nap |\n"
    )
    facts = read(use_embedder, cache, text, "Szállítás > Díjak", "hu")
    found = {f.scope.region: (f.value, f.max_value, f.unit) for f in used(facts, "shipping.transit_time")}
    assert found == {"Ausztria": (2, 3, "day"), "Szlovákia": (1, 2, "day")}


def test_a_same_day_dispatch_rule_gives_its_cutoff_time(use_embedder, cache):
    text = "Jeśli zapłacisz w dzień roboczy do 11:30, paczka wyjedzie od nas jeszcze dziś."
    facts = read(use_embedder, cache, text, "Sklep > Wysyłka", "pl")
    assert [(f.value, f.sentence) for f in used(facts, "shipping.dispatch_cutoff")] == [("11:30", text)]


def test_a_heading_the_reader_reads_frames_a_sentence_whose_own_cue_word_names_another_topic(use_embedder, cache):
    # Read as a language without cue words: "courier" is a shipping cue of other languages, the heading names no topic
    # by cue word; the heading's reading (damage in transit) frames the sentence's word-list rules (its evidence).
    text = "Send us photos of the item and the box within 5 days after the courier delivered it."
    with withheld({"en"}):
        facts = read(use_embedder, cache, text, "Help > Broken on arrival", "en")
    evidence = used(facts, "damage.evidence")
    assert evidence and {"photo_item", "photo_packaging"} <= set(evidence[0].value)
    assert used(facts, "shipping.transit_time") == []
