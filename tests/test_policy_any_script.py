"""Policies in scripts the value parsers were not written for (Arabic, Hebrew, Persian, Devanagari): digits of any
script, CLDR's unit words and the counts some of them hold (the dual), working-day words, and amounts in any currency
CLDR names, read through the public extractor (rules only, no encoder) and the value reader.

Every policy text here is written for the test (not taken from a fixture shop)."""

from __future__ import annotations

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract.text import clean
from assist.policy_extract.values import duration_values, money_values
from assist.policy_facts import PolicyFact


def _facts(text: str, section: str, language: str) -> list[PolicyFact]:
    return [f for f in extract_facts([PolicyChunk("doc-1", text, section, language, "terms.md")]) if not f.needs_review]


def _durations(text: str) -> list[tuple[float | str, float | None, str | None]]:
    return [(v.value, v.max_value, v.unit) for v in duration_values(clean(text))]


def test_a_return_window_in_arabic_indic_digits_and_an_arabic_unit_word_is_read() -> None:
    text = "يحق للعميل إرجاع القطع غير المستعملة في غضون ٢١ يومًا من تاريخ وصول الشحنة."
    facts = _facts(text, "الإرجاع والاستبدال", "ar")
    assert [(f.slot, f.value, f.unit) for f in facts if f.slot == "returns.window"] == [("returns.window", 21, "day")]
    assert facts[0].sentence == text  # the cited sentence keeps the shop's own digits


def test_a_return_window_in_hebrew_is_read() -> None:
    facts = _facts("אפשר להחזיר פריט שלא נפתח עד 30 ימים אחרי שהגיע אליכם.", "החזרת מוצרים", "he")
    assert [(f.value, f.unit) for f in facts if f.slot == "returns.window"] == [(30, "day")]


def test_working_days_and_dual_counts_are_read_in_arabic_hebrew_and_persian() -> None:
    assert _durations("تصل الطلبات داخل المدينة خلال ٣-٤ أيام عمل من الدفع.") == [(3, 4, "business_day")]
    assert _durations("הזיכוי יבוצע תוך 10 ימי עסקים מקבלת הפריט במחסן.") == [(10, None, "business_day")]
    assert _durations("החבילה תגיע לתיבת הדואר תוך שבועיים מרגע המשלוח.") == [(2, None, "week")]
    assert _durations("سيتم تجهيز طلبك وإرساله إلى شركة الشحن خلال يومين.") == [(2, None, "day")]
    assert _durations("بازپرداخت وجه ظرف ۵ روز کاری پس از دریافت کالا انجام می‌شود.") == [(5, None, "business_day")]


def test_unit_words_of_other_languages_do_not_leak_into_english() -> None:
    assert _durations("Bring 3 radios and 2 darts to the 4 calendar meetings.") == []


def test_an_arabic_currency_word_several_countries_share_takes_the_currency_the_document_names() -> None:
    text = "جميع الأسعار بالدرهم الإماراتي (AED). التوصيل مجاني عند الشراء بأكثر من ٣٠٠ درهم."
    facts = _facts(text, "الشحن والتوصيل", "ar")
    assert [(f.value, f.unit) for f in facts if f.slot == "shipping.free_threshold"] == [(300, "AED")]
    # alone, "درهم" names the dirham of two countries: no amount is made up
    assert money_values(clean("التوصيل مجاني عند الشراء بأكثر من ٣٠٠ درهم.")) == []


def test_amounts_by_iso_code_and_by_cldr_name_in_any_language() -> None:
    read = [(v.value, v.unit) for v in money_values(clean("رسوم التوصيل إلى الرياض 35 ريال سعودي أو QAR 40."))]
    assert read == [(35, "SAR"), (40, "QAR")]
    assert [(v.value, v.unit) for v in money_values("דמי המשלוח הם 25 שקלים לכל הזמנה.")] == [(25, "ILS")]


def test_a_text_in_no_known_language_gains_no_unit_words() -> None:
    from assist.policy_extract.unit_words import cldr_durations

    # the detector unsure of a line (no language): no language's unit words are read, babel's default locale's neither
    assert cldr_durations("Klaim 3 dapat kami proses ya.", "", wide=True) == []
    assert cldr_durations("Klaim 3 hari kami proses ya.", "id", wide=True) == [(6, 12, 3.0, None, "day")]


def test_numbers_spelled_in_words_in_languages_beyond_the_buyers() -> None:
    # one word, a number of two words, the masculine form Hebrew gives days, and Serbian in Cyrillic
    assert _durations("يمكن استبدال المنتج خلال ستة أيام من الاستلام.") == [(6, None, "day")]
    assert _durations("ניתן לבטל את ההזמנה תוך שלושה ימים מיום הרכישה.") == [(3, None, "day")]
    assert _durations("ניתן להחזיר את המוצר תוך חמישה עשר ימים מקבלתו.") == [(15, None, "day")]
    assert _durations("Reklamaciją galima pateikti per dvidešimt dienų nuo gavimo.") == [(20, None, "day")]
    assert _durations("Рекламацију можете поднети у року од девет дана од пријема.") == [(9, None, "day")]


def test_a_range_written_with_a_word_between_its_numbers() -> None:
    assert _durations("تصل الطلبات إلى القرى خلال 4 إلى 6 أيام عمل.") == [(4, 6, "business_day")]
    assert _durations("המשלוח לקיבוצים נמשך 2 עד 6 ימי עסקים.") == [(2, 6, "business_day")]
    assert _durations("Siunta į salas keliauja 2 iki 4 darbo dienas.") == [(2, 4, "business_day")]
    # two numbers that do not rise are no range
    assert _durations("המשלוח נמשך 6 עד 2 ימים.") != [(6, 2, "day")]


def test_a_hebrew_currency_written_as_the_initials_of_its_name() -> None:
    read = [(v.value, v.unit) for v in money_values('המשלוח בהזמנה מעל 250 ש״ח הוא חינם, ומתחת לכך 19 ש"ח.')]
    assert read == [(250, "ILS"), (19, "ILS")]


def test_a_short_line_is_read_in_its_documents_language() -> None:
    # alone, the line is too short for the language detector; the document it stands in is Lithuanian
    assert _durations("Terminas: septynios dienos.") == []
    facts = _facts("## Prekių grąžinimas\n\nTerminas: septynios dienos.", "Prekių grąžinimas", "lt")
    assert [(f.value, f.unit) for f in facts if f.slot == "returns.window"] == [(7, "day")]


def test_free_shipping_said_with_the_word_for_free_apart_from_the_shipping_word() -> None:
    text = "التوصيل إلى مسقط مجاني عند الطلب بمبلغ 25 ريال عماني أو أكثر."
    facts = _facts(text, "الشحن والتوصيل", "ar")
    assert [(f.value, f.unit) for f in facts if f.slot == "shipping.free_threshold"] == [(25, "OMR")]
    facts = _facts("Latvijoje užsakymus nuo 60 € siunčiame nemokamai.", "Pristatymas", "lt")
    assert [(f.value, f.unit) for f in facts if f.slot == "shipping.free_threshold"] == [(60, "EUR")]


def test_an_uzbek_year_word_that_regex_case_folding_pairs_with_turkish_is_read_not_a_crash() -> None:
    # re.IGNORECASE pairs "i" with the dotless "ı", so the Uzbek "yil" matches the Turkish unit word "yıl"; the
    # lookup of the matched word used to raise KeyError and stop the whole shop's extraction
    from assist.quality.extract import durations

    assert [(d.low, d.unit) for d in durations("Kafolat muddati 3 yil, quritilgan mevalar uchun 6 oy.")][:1] == [
        (3, "year")
    ]
    text = "Barcha choynaklarga 3 yil kafolat beriladi. Tovarni 10 kun ichida qaytarish mumkin."
    assert isinstance(_facts(text, "Kafolat", "uz"), list)
