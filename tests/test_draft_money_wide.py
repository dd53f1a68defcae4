"""Drafts in languages the first encoder does not read, and money in any CLDR currency: the one amount parser of the
draft checks (``assist.quality.extract.draft_amounts`` over ``assist.money``), durations written with CLDR's unit
words, the choice of the encoder that reads a draft's claims, and the frames the second encoder's reader learns
from. Values and sentences written here for made-up shops."""

from __future__ import annotations

import pytest
from draft_fixtures import NOW, POLICY, fired
from shop_turns import fixture_item_names

from assist.models import Conversation, LanguageGuess
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft
from assist.quality.claim_encoders import draft_encoder, reading_encoder
from assist.quality.claim_training import WIDE_LANGUAGES, WIDE_RESOURCE, language_pairs, training_pairs
from assist.quality.extract import draft_amounts, draft_durations


@pytest.mark.parametrize(
    ("text", "currency", "value", "code"),
    [
        ("Doprava zdarma od 2 500 Kč.", None, 2500.0, "CZK"),
        ("Fri frakt när du handlar för 199 kr eller mer.", "SEK", 199.0, "SEK"),
        ("Gratis fragt ved køb over 299 kr.", "DKK", 299.0, "DKK"),
        ("Der Preis beträgt 1.299,00 € inklusive Mehrwertsteuer.", None, 1299.0, "EUR"),
        ("合計は¥1,980です。", None, 1980.0, "JPY"),
        ("Przesyłka kosztuje 11,99 zł.", None, 11.99, "PLN"),
        ("A szállítási díj 1 490 Ft.", None, 1490.0, "HUF"),
        ("Livrarea costă 19,90 lei.", None, 19.9, "RON"),
        ("Безкоштовна доставка для замовлень від 300 злотих.", None, 300.0, "PLN"),
        ("Shipping is 150 $ for this order.", "CAD", 150.0, "CAD"),
    ],
)
def test_a_draft_amount_is_read_in_its_currency(text: str, currency: str | None, value: float, code: str) -> None:
    found = draft_amounts(text, currency)
    assert [(a.value, a.currency) for a in found] == [(value, code)]
    assert text[found[0].span.start : found[0].span.end] == found[0].span.text


@pytest.mark.parametrize(
    ("text", "currency", "value"),
    [
        ("Delivery is free on orders above R2 400.", "ZAR", 2400.0),  # the sign of the currency's own country
        ("送料は800ルピーです。", "NPR", 800.0),  # its name in the draft's language, the country's name left out
        ("무료 배송은 20만 숨 이상입니다.", "UZS", 200000.0),
        ("מחיר המשלוח הוא 900 רופי.", "NPR", 900.0),
        ("订单满40,000卢比免运费。", "LKR", 40000.0),
    ],
)
def test_the_shops_currency_is_read_as_cldr_writes_it_in_any_script(text: str, currency: str, value: float) -> None:
    found = draft_amounts(text, currency)
    assert [(a.value, a.currency) for a in found] == [(value, currency)]


def test_a_word_of_the_shops_currency_is_no_amount_of_another_shop() -> None:
    assert draft_amounts("送料は800ルピーです。", "EUR") == []
    assert draft_amounts("Your parcel R2 leaves in 3 days.", "EUR") == []


def test_a_number_of_days_is_no_amount() -> None:
    assert draft_amounts("Du har 30 dagars öppet köp och 14 dagars ångerrätt.", "SEK") == []


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Du kan fortryde købet i 21 dages tid.", 21.0),
        ("Ilmoitathan meille 10 päivän kuluessa.", 10.0),
        ("Garanția este de 18 luni.", 540.0),
        ("A garancia 2 év.", 730.0),
    ],
)
def test_durations_in_cldr_unit_words(text: str, days: float) -> None:
    assert [d.days for d in draft_durations(text)] == [days]


@pytest.mark.parametrize(
    ("text", "days", "words"),
    [
        ("نقبل الإرجاع خلال 21 يومًا من وصول الطلب.", 21.0, "21 يومًا"),
        ("يصل المبلغ إلى حسابك خلال ٥ أيام.", 5.0, "٥ أيام"),
        ("الضمان على السخان سنتين.", 730.0, "سنتين"),
        ("אפשר להחזיר את המנורה תוך 45 יום.", 45.0, "45 יום"),
        ("ההחזר יגיע תוך שבועיים.", 14.0, "שבועיים"),
    ],
)
def test_durations_in_scripts_only_the_wide_unit_words_read(text: str, days: float, words: str) -> None:
    found = draft_durations(text)
    assert [d.days for d in found] == [days]
    assert found[0].span.text == words


@pytest.mark.parametrize(
    ("text", "days", "words"),
    [
        ("दिवा ३० दिवसांपर्यंत परत करता येतो.", 30.0, "३० दिवसांपर्यंत"),  # mr: up to 30 days
        ("ದೀಪವನ್ನು 10 ದಿನಗಳೊಳಗೆ ಹಿಂತಿರುಗಿಸಿ.", 10.0, "10 ದಿನಗಳೊಳಗೆ"),  # kn: within 10 days
        ("Lanpara 20 eguneko epean itzul daiteke.", 20.0, "20 eguneko"),  # eu: within a span of 20 days
    ],
)
def test_durations_whose_unit_word_carries_a_suffix(text: str, days: float, words: str) -> None:
    found = draft_durations(text)
    assert [d.days for d in found] == [days]
    assert found[0].span.text == words


@pytest.mark.parametrize(
    "text",
    [
        "दिवा ३ दिव्यांसह येतो.",  # mr: comes with 3 lamps (a word that only begins like "दिवस")
        "Lanpara 2 bonbillarekin dator.",  # eu: comes with 2 bulbs
    ],
)
def test_a_number_before_another_word_is_no_suffixed_duration(text: str) -> None:
    assert draft_durations(text) == []


@pytest.mark.parametrize(
    ("text", "days", "words"),
    [
        ("Na akumulatory dajemy sześć lat gwarancji.", 6 * 365.0, "sześć lat"),
        ("Du har fjorton dagar på dig att skicka tillbaka varan.", 14.0, "fjorton dagar"),
        ("Vi sender en ny pakke inden for tre dage.", 3.0, "tre dage"),
    ],
)
def test_durations_written_in_number_words_of_the_drafts_language(text: str, days: float, words: str) -> None:
    found = draft_durations(text)
    assert [d.days for d in found] == [days]
    assert found[0].span.text == words  # the span is the draft's own words


def test_a_compound_number_in_words_is_not_read_as_its_last_word() -> None:
    # "on dört" is fourteen: reading "dört gün" alone would state 4 days
    assert [d.days for d in draft_durations("Teslimattan sonra on dört gün içinde iade edebilirsiniz.")] != [4.0]


FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up glassworks",
        "facts": [
            {
                "slot": "shipping.free_threshold",
                "value": 1800,
                "unit": "CZK",
                "sentence": "Doprava zdarma od 1 800 Kč.",
            }
        ],
    }
)


def _policy(draft: str) -> list[str]:
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": "Versand?", "sent_at": NOW}]})
    return fired(check_draft(draft, conversation=conversation, checks=[POLICY], facts=FACTS, now=NOW))


def test_a_threshold_in_koruna_is_compared_with_the_policy_in_koruna() -> None:
    assert POLICY in _policy("Der Versand ist ab 2 500 Kč kostenlos.")
    assert POLICY not in _policy("Der Versand ist ab 1 800 Kč kostenlos.")


class _Detector:
    def __init__(self, language: str) -> None:
        self.language = language

    def detect(self, text: str) -> LanguageGuess:
        return LanguageGuess(language=self.language, confidence=0.99)


class _Encoder:
    def __init__(self, name: str, languages: frozenset[str] | None) -> None:
        self.name, self.languages = name, languages

    def embed(self, texts: list[str]) -> list[list[float]]:
        return [[1.0] for _ in texts]


class _Reader:
    def __init__(self, first: _Encoder, second: _Encoder | None) -> None:
        self.embed = first.embed
        self.second = (lambda: second) if second is not None else None


def test_the_second_encoder_reads_a_draft_the_first_does_not() -> None:
    first, second = _Encoder("first", frozenset({"en", "de"})), _Encoder("second", None)
    draft = "Din beställning är på väg till dig."
    assert draft_encoder(draft, _Reader(first, second), _Detector("sv"), "sv") is second
    assert draft_encoder("Your order is on its way to you.", _Reader(first, second), _Detector("en"), "en") is None
    assert draft_encoder(draft, _Reader(first, None), _Detector("sv"), "sv") is None
    # its heads are built before it reads (a server builds them in the background and reads with the first meanwhile)
    chosen = reading_encoder(draft, _Reader(first, second), _Detector("sv"), "sv", wait=True)
    assert chosen is not None and chosen.__self__ is second


def test_the_wide_frames_give_every_reading_in_every_language() -> None:
    from assist.quality.claim_polarity import KIND

    for language in WIDE_LANGUAGES:
        labels = {label for _, label in language_pairs(language)}
        assert set(KIND) - labels == set(), language
        assert "none" in labels and "tracking:stated" in labels
    assert not [text for text, _ in training_pairs(wide=True) if "{" in text or "}" in text]


def test_the_first_encoder_never_learns_the_wide_frames() -> None:
    first = {text for text, _ in training_pairs()}
    wide = {text for language in WIDE_LANGUAGES for text, _ in language_pairs(language)}
    assert not first & wide


def test_the_wide_frames_copy_no_fixture_shop_item() -> None:
    text = WIDE_RESOURCE.read_text(encoding="utf-8").casefold()
    for shop, names in fixture_item_names().items():
        assert not [name for name in names if len(name) > 8 and name.casefold() in text], shop


CUTOFF = PolicyFacts.model_validate(
    {
        "shop": "made-up bakery supplies",
        "facts": [
            {"slot": "shipping.dispatch_cutoff", "value": "11:00", "sentence": "Paid by 11:00, shipped today."},
            {"slot": "damage.return_required", "value": False, "sentence": "Keep the broken item."},
        ],
    }
)


def _against(facts: PolicyFacts, draft: str, buyer: str = "Hello") -> list[str]:
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": buyer, "sent_at": NOW}]})
    return fired(check_draft(draft, conversation=conversation, checks=[POLICY], facts=facts, now=NOW))


@pytest.mark.parametrize(
    "draft",
    [
        "Orders paid before 2 pm go out the same day.",
        "Bestellungen, die bis 14:30 Uhr bezahlt sind, verschicken wir noch am selben Tag.",
        "Zamówienia opłacone do godziny 14 wysyłamy tego samego dnia.",
        "Beställer du före kl. 14 skickar vi paketet samma dag.",
    ],
)
def test_a_same_day_cutoff_other_than_the_shops_is_flagged(draft: str) -> None:
    assert POLICY in _against(CUTOFF, draft)


@pytest.mark.parametrize(
    "draft",
    [
        "Orders paid before 11 am go out the same day.",
        "Bestellungen bis 11:00 Uhr verschicken wir am selben Tag.",
        "We're open until 18:00 on weekdays.",  # a clock time, but no same-day dispatch
    ],
)
def test_the_shops_cutoff_or_another_time_is_clean(draft: str) -> None:
    assert POLICY not in _against(CUTOFF, draft)


def test_asking_for_a_damaged_item_back_first_contradicts_a_shop_that_keeps_it() -> None:
    buyer = "The mixer bowl arrived cracked."
    assert POLICY in _against(CUTOFF, "So sorry! Please send the damaged bowl back to us first.", buyer)
    assert POLICY not in _against(CUTOFF, "So sorry! Please keep the bowl, a new one is on its way.", buyer)


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("Tổng giá trị đơn là 2.750.000đ ạ.", 2750000.0, "VND"),
        ("Totalnya Rp275.000 ya Kak.", 275000.0, "IDR"),
        ("Jumlah RM 88.50 sahaja.", 88.5, "MYR"),
        ("Разом 1 480 грн.", 1480.0, "UAH"),
        ("Общо 64 лв.", 64.0, "BGN"),
    ],
)
def test_amounts_in_the_signs_of_more_currencies(text: str, value: float, currency: str) -> None:
    from assist.quality.money_mentions import draft_amounts

    assert [(a.value, a.currency) for a in draft_amounts(text)] == [(value, currency)]


def test_an_order_number_after_a_currency_code_is_no_amount() -> None:
    from assist.quality.money_mentions import draft_amounts

    assert draft_amounts("Đơn TL2004417 đã được xác nhận.") == []


@pytest.mark.parametrize(
    ("text", "days", "words"),
    [
        ("Обмен возможен в течение недели после покупки.", 7.0, "недели"),  # ru: within a week
        ("Reklamationen nehmen wir innerhalb eines Jahres an.", 365.0, "Jahres"),  # de: within a year
        ("Zwrot przyjmujemy do miesiąca od zakupu.", 30.0, "miesiąca"),  # pl: up to a month
        ("Повернення приймаємо протягом місяця.", 30.0, "місяця"),  # uk: within a month
    ],
)
def test_a_unit_word_without_a_number_is_one_of_that_unit(text: str, days: float, words: str) -> None:
    found = draft_durations(text)
    assert [d.days for d in found] == [days]
    assert found[0].span.text == words


@pytest.mark.parametrize(
    "text",
    [
        "Мы отправляем посылки два раза в неделю.",  # ru: twice a week (CLDR's per-week pattern)
        "Посылка придёт на следующей неделе.",  # ru: next week (CLDR's relative-time phrase)
        "Die Lieferung kommt nächste Woche.",  # de: next week
        "Dobrý den, balík jsme předali přepravci.",  # cs: a greeting's day word
    ],
)
def test_a_unit_word_naming_a_time_or_a_rate_is_no_duration(text: str) -> None:
    assert draft_durations(text) == []


@pytest.mark.parametrize(
    ("text", "days", "words"),
    [
        ("Обмен возможен в течение двух недель.", 14.0, "двух недель"),  # ru: the number word, not "one"
        ("Відповідаємо протягом 24 годин.", 1.0, "24 годин"),  # uk hours, no Russian "год" (years) inside them
        ("این چراغ پنج سال گارانتی دارد.", 1825.0, "پنج سال"),  # fa: five years, the number in words
    ],
)
def test_numbers_before_unit_words_of_other_alphabets(text: str, days: float, words: str) -> None:
    found = draft_durations(text)
    assert [d.days for d in found] == [days]
    assert found[0].span.text == words


def test_a_currency_word_written_with_vowel_signs_or_without_its_ending_is_money():
    from assist.policy_extract.values import money_values, written_in
    from assist.policy_extract.world_money import shop_currencies

    with shop_currencies(["মূল্য ৳৫০০ থেকে"]), written_in("bn"):  # the shop names its currency by symbol
        assert [(v.value, v.unit) for v in money_values("ডেলিভারি চার্জ ৭০ টাকা")] == [(70, "BDT")]
    with shop_currencies(["Qiymət 30 AZN"]), written_in("az"):  # "manatı" in CLDR, "manat" in the policy
        assert [(v.value, v.unit) for v in money_values("Çatdırılma 45 manat")] == [(45, "AZN")]
    with shop_currencies(["Qiymət 30 AZN"]), written_in("az"):
        assert money_values("45 mana") == []  # a stem shorter than a name's word less its ending is none


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Zəmanət müddəti 5 il təşkil edir.", 1825.0),  # Azerbaijani: a language the narrow unit words do not list
        ("Баталгааны хугацаа 2 жил байна.", 730.0),  # Mongolian, in Cyrillic
        ("Zəmanət müddəti cəmi bir il təşkil edir.", 365.0),  # and its number words
        ("Jamstvo traje tri godine.", 1095.0),  # Croatian number words are Serbian's
    ],
)
def test_durations_in_a_language_only_cldr_lists(text: str, days: float) -> None:
    assert [d.days for d in draft_durations(text)] == [days]
