"""Values, lists and places in languages the cue lists do not cover: working days in Malay and in Serbian written in
Cyrillic, a clock time with CLDR's word for the afternoon, Arabic tens in the case policies write them, lettered
Cyrillic list items, a FAQ question after a list, and place names joined by CLDR's word for "and".

Every policy text here is written for the test (not taken from a fixture shop)."""

from __future__ import annotations

from assist.policy_extract import PolicyChunk
from assist.policy_extract.scope import regions_in
from assist.policy_extract.text import units
from assist.policy_extract.values import duration_values, money_values, times_of_day, written_in


def _durations(text: str, language: str | None = None) -> list[tuple[float | str, float | None, str | None]]:
    with written_in(language):
        return [(v.value, v.max_value, v.unit) for v in duration_values(text)]


def test_working_days_in_malay_and_in_serbian_cyrillic() -> None:
    assert _durations("Pesanan sampai dalam 2–4 hari bekerja selepas pembayaran.", "ms") == [(2, 4, "business_day")]
    assert _durations("Bayaran balik dibuat dalam 10 hari kerja.", "id") == [(10, None, "business_day")]
    assert _durations("Пакет стиже за 3–6 радних дана.", "sr") == [(3, 6, "business_day")]
    assert _durations("Пакет стиже за 4 дана.", "sr") == [(4, None, "day")]  # plain days stay days


def test_a_clock_time_followed_by_the_afternoon_word_of_its_language() -> None:
    with written_in("ms"):
        assert [t.value for t in times_of_day("Pesanan sebelum 2.30 petang dihantar pada hari yang sama.")] == ["14:30"]
        assert [t.value for t in times_of_day("Pesanan sebelum 10.00 pagi dihantar pada hari yang sama.")] == ["10:00"]
    # the afternoon in several words, and "pm" after a time with minutes, in a text of any language
    assert [t.value for t in times_of_day("Los pedidos hechos antes de las 4:30 de la tarde salen hoy.")] == ["16:30"]
    assert [t.value for t in times_of_day("Cut-off 2:15 pm on weekdays.")] == ["14:15"]
    # the Hungarian evening ("este") is the Spanish "this" and the Romanian "is": read in Hungarian only
    assert [t.value for t in times_of_day("Pedidos antes de las 11:00 este sábado salen hoy.")] == ["11:00"]
    with written_in("ro"):
        assert [t.value for t in times_of_day("Termenul de până la ora 10:00 este valabil zilnic.")] == ["10:00"]


def test_a_clock_time_after_the_afternoon_word_of_a_language_that_names_the_period_first() -> None:
    with written_in("hi"):
        assert [t.value for t in times_of_day("शाम 5:30 बजे तक दिए गए ऑर्डर अगले दिन भेजे जाते हैं।")] == ["17:30"]
        assert [t.value for t in times_of_day("सुबह 9:00 बजे से पहले के ऑर्डर आज भेजे जाते हैं।")] == ["09:00"]
    assert [t.value for t in times_of_day("Orders placed by 2:00 ship the same day.")] == ["02:00"]


def test_arabic_tens_after_a_preposition_and_with_a_joined_and() -> None:
    assert _durations("يمكن إرجاع المنتجات خلال أربعين يوما من الشراء.", "ar") == [(40, None, "day")]
    assert _durations("يتم رد المبلغ خلال خمسة وعشرين يوما.", "ar") == [(25, None, "day")]
    assert _durations("التوصيل خلال يومين.", "ar") == [(2, None, "day")]  # the dual still counts two


def test_lettered_cyrillic_items_and_the_full_stop_that_ends_a_punctuated_list() -> None:
    text = "Не примамо назад:\n   а) отворене игре;\n   б) мапе по мери;\n   в) поклон-картице.\nОстало враћате у року."
    read = [(u.kind, u.text) for u in units(PolicyChunk("c", text, "Враћање", "sr"))]
    items = [t for kind, t in read if kind == "item"]
    assert items == ["отворене игре", "мапе по мери", "поклон-картице"]
    assert read[-1] == ("sentence", "Остало враћате у року.")


def test_a_faq_question_after_a_list_ends_the_list() -> None:
    text = (
        "**Apa yang tidak boleh ditukar?**\n- kad hadiah,\n- barang terpakai\n"
        "**Bila wang dikembalikan?**\nWang dikembalikan dalam 5 hari."
    )
    read = units(PolicyChunk("c", text, "Soalan", "ms"))
    assert [u.text for u in read if u.kind == "item"] == ["kad hadiah", "barang terpakai"]
    assert [u.text for u in read if u.question] == ["Apa yang tidak boleh ditukar?", "Bila wang dikembalikan?"]


def _places(text: str, language: str | None) -> list[str]:
    with written_in(language):
        return [r for _, _, r in regions_in(text)]


def test_country_names_of_more_languages_joined_by_their_and() -> None:
    assert _places("Sendingarland: Noregur og Svíþjóð", "is") == ["Noregur og Svíþjóð"]
    assert _places("Достава: Црна Гора и Албанија", "sr") == ["Црна Гора и Албанија"]
    assert _places("Kami menghantar ke Thailand dan Vietnam.", "ms") == ["Thailand dan Vietnam"]
    # a name of one of those languages is read in a text written in it only: the Danish "Indland" is home, not India
    assert _places("Indland: 2-3 hverdage, 39 kr.", "da") == []


def _money(text: str, language: str | None = None) -> list[tuple[float | str, str | None]]:
    with written_in(language):
        return [(v.value, v.unit) for v in money_values(text)]


def test_the_symbol_of_the_documents_own_currency_names_that_currency() -> None:
    # "kr." is also the Danish crown's symbol: in an Icelandic policy it is Iceland's
    assert _money("Heimsending kostar 1.290 kr. en er ókeypis yfir 20.000 kr.", "is") == [(1290, "ISK"), (20000, "ISK")]
    assert _money("Penghantaran percuma bagi pesanan melebihi RM200.", "ms") == [(200, "MYR")]
    assert _money("მიწოდება ღირს 12 ₾.", "ka") == [(12, "GEL")]
    assert _money("Levering koster 49 kr.", "da") == [(49, "DKK")]


def test_the_name_of_the_documents_own_currency_and_its_dotted_abbreviation_name_that_currency() -> None:
    # "динара" names the dinars of several countries and CLDR gives no Serbian symbol: in a Serbian policy, Serbia's
    assert _money("Достава кошта 350,00 дин., а изнад 4.000,00 дин. је бесплатна.", "sr") == [
        (350, "RSD"),
        (4000, "RSD"),
    ]
    assert _money("Поштарина је 250 динара.", "sr") == [(250, "RSD")]
    assert _money("Usafirishaji ndani ya Dar ni shilingi 4,000.", "sw") == [(4000, "TZS")]
    # ... unless the next word names another one, or the shop's documents name another currency the word names
    assert _money("الشحن 40 جنيه إسترليني.", "ar") == [(40, "GBP")]
    from assist.policy_extract.world_money import shop_currencies

    with shop_currencies(["Cene u EUR."]), written_in("sr"):
        assert [(v.value, v.unit) for v in money_values("Поштарина је 250 динара.")] == [(250, "RSD")]
    with shop_currencies(["Prices in BHD."]), written_in("sr"):
        assert [(v.value, v.unit) for v in money_values("Поштарина је 250 динара.")] == [(250, "BHD")]
        assert [(v.value, v.unit) for v in money_values("Поштарина је 250 дин.")] == []  # which dinar: unsaid


def test_a_word_sharing_two_letters_with_a_place_in_a_currency_name_is_no_form_of_that_currency() -> None:
    # "تومان" (Iran's everyday unit) shares "تو" with "تونس" (Tunisia, in "دینار تونس"): no Tunisian dinar
    assert _money("هزینه ۴۵۰٬۰۰۰ تومان است.", "fa") == []
    assert _money("هزینه ۵۰۰ ریال است.", "fa") == [(500, "IRR")]
    # a form of a word several currencies' names hold still reads ("دراهم" beside "درهم")
    assert _money("الشحن 20 دراهم.", "ar") == [(20, "MAD")]


def test_a_letter_code_written_onto_a_short_number_is_an_amount_but_an_order_number_is_not() -> None:
    assert _money("Pesanan melebihi RM250 dihantar percuma.") == [(250, "MYR")]
    assert _money("Pesanan TL1001296 sudah dihantar.") == []


def _heading_read(text: str, own: tuple[str, float], language: str = "sr") -> float:
    from assist.policy_extract.framing import Candidate
    from assist.policy_extract.text import Unit
    from assist.policy_extract.topics import heading_only

    unit = Unit(text, text, "sentence", PolicyChunk("c", text, "Услови > Одустанак од уговора", language))
    unit.own_topic = own
    candidate = Candidate("returns.window", 10, unit, unit="day", confidence=0.7)
    heading_only([candidate])
    return candidate.confidence


def test_a_duration_only_the_heading_names_goes_to_review_where_the_sentence_reads_as_another_area() -> None:
    refund = "Новац за враћене артикле уплаћујемо у року од 10 дана."
    assert _heading_read(refund, ("refunds", 0.75)) < 0.6  # the reader surely reads a refund: for review
    assert _heading_read(refund, ("refunds", 0.5)) == 0.7  # unsure: the heading's reading stands
    assert _heading_read(refund, ("returns", 0.9)) == 0.7  # the same area
    assert _heading_read(refund, ("other", 0.9)) == 0.7
    # a language the cue lists cover: their silence in the sentence means something, the heading's reading stands
    assert _heading_read("We pay the money back within 10 days.", ("refunds", 0.9), "en") == 0.7


def test_a_number_joined_to_its_unit_word_by_a_hyphen_or_a_linker_is_a_duration() -> None:
    assert _durations("Kasvuhoonetele kehtib 2-aastane garantii.", "et") == [(2, None, "year")]
    assert _durations("May garantiya na 6 na buwan ang burda.", "tl") == [(6, None, "month")]
    # "na" links a number to its unit in Tagalog only: in Polish "2 na tydzień" is twice a week
    assert _durations("Dostawa 2 na tydzień.", "pl") == []
    assert _durations("Tarne 1–2 tööpäeva.", "et") == [(1, 2, "business_day")]  # a range stays a range


def test_one_duration_written_in_years_and_in_months_is_one_fact() -> None:
    from assist.policy_extract.extractor import settle
    from assist.policy_facts import PolicyFact

    sentence = "Garantija ir divus gadus (24 mēnešus)."
    years = PolicyFact(slot="warranty.length", value=2, unit="year", sentence=sentence, chunk_id="c")
    months = PolicyFact(slot="warranty.length", value=24, unit="month", sentence=sentence, chunk_id="c")
    assert [(f.value, f.unit) for f in settle([years, months])] == [(2, "year")]
    other = PolicyFact(slot="warranty.length", value=12, unit="month", sentence=sentence, chunk_id="c")
    assert len(settle([years, other])) == 2  # two values: the weaker one stays, for review


def test_a_window_running_from_the_event_a_refund_time_runs_from_is_no_return_window() -> None:
    from assist.policy_extract.period_starts import refund_like_windows
    from assist.policy_facts import PolicyFact

    def fact(slot: str, value: int, sentence: str) -> PolicyFact:
        return PolicyFact(slot=slot, value=value, unit="day", sentence=sentence, chunk_id="c", confidence=0.85)

    refund = fact("refunds.time", 14, "4.7. Tagastame raha 14 päeva jooksul pärast tagastatud kauba kättesaamist.")
    instalment = fact("returns.window", 5, "Lõpetame 5 tööpäeva jooksul pärast tagastatud kauba kättesaamist.")
    window = fact("returns.window", 14, "Tarbijal on õigus taganeda 14 päeva jooksul alates kauba kättesaamisest.")
    read = refund_like_windows([refund, instalment, window], 0.45)
    assert [f.confidence for f in read] == [0.85, 0.45, 0.85]
    assert refund_like_windows([instalment, window], 0.45) == [instalment, window]  # no refund time: as read
    # "from the day the goods reached you" is not "from the day we receive the returned goods", the number in words
    # between ("14 (четрнаест) дана") left aside
    refund = fact("refunds.time", 14, "Новац враћамо у року од 14 (четрнаест) дана од дана када примимо враћену робу.")
    window = fact(
        "returns.window", 14, "Потрошач може да одустане у року од 14 (четрнаест) дана од дана када је роба доспела."
    )
    assert [f.confidence for f in refund_like_windows([refund, window], 0.45)] == [0.85, 0.85]


def test_a_day_word_with_a_case_ending_written_in_vowel_signs_is_a_duration() -> None:
    # Tamil "within days" and Nepali "within a day": the day word and a three-letter ending written with its marks
    assert _durations("பணம் 10 நாட்களுக்குள் திருப்பித் தரப்படும்.", "ta") == [(10, None, "day")]
    assert _durations("पार्सल ४ दिनभित्र पुग्छ।", "ne") == [(4, None, "day")]
    assert _durations("रकम १२ (बाह्र) दिनभित्र फिर्ता हुन्छ।", "ne") == [(12, None, "day")]
    # a longer ending is another word, not the unit
    assert _durations("पार्सल ४ दिनहरूकोलागिमात्र", "ne") == []


def test_the_own_currency_shortened_with_a_period_before_an_amount() -> None:
    with written_in("ne"):
        assert [(v.value, v.unit) for v in money_values("ढुवानी शुल्क रु. ४५० लाग्छ।")] == [(450, "NPR")]
        assert money_values("ने. ४५० लाग्छ।") == []  # the country's initials are no currency
    with written_in("ta"):
        assert [(v.value, v.unit) for v in money_values("கட்டணம் ரூ. 75 மட்டும்.")] == [(75, "INR")]


def test_an_uzbek_currency_written_with_any_apostrophe_is_an_amount_and_no_duration() -> None:
    for written in ("so‘m", "so'm", "soʻm", "soʼm"):
        with written_in("uz"):
            assert [(v.value, v.unit) for v in money_values(f"Kuryer 40 000 {written} oladi.")] == [(40000, "UZS")]
        assert _durations(f"Kuryer 40 000 {written} oladi.", "uz") == []
    assert _durations("Pul 12 soat ichida qaytadi.", "uz") == [(12, None, "hour")]


def test_a_one_letter_preposition_written_onto_the_number() -> None:
    # Amharic "in 10 days", "for 48 hours": the preposition is one syllable written onto the digits
    assert _durations("ገንዘቡ በ10 ቀናት ውስጥ ይመለሳል።", "am") == [(10, None, "day")]
    assert _durations("ለ48 ሰዓት ይቆያል።", "am") == [(48, None, "hour")]


def test_a_one_letter_currency_sign_written_onto_the_number_names_the_own_currency() -> None:
    assert _money("Ukuthunyelwa eThekwini kubiza ngu-R85, mahhala uma i-oda lingaphezu kuka-R1 500.", "zu") == [
        (85, "ZAR"),
        (1500, "ZAR"),
    ]
    assert _money("Die herbesprekingsfooi is R450.", "af") == [(450, "ZAR")]
    # a letter apart from its number, or a number with letters after it, is no amount
    assert _money("Kies grootte R 2 of model R5x.", "af") == []


def test_a_range_word_no_list_holds_reads_a_range_where_a_unit_word_stands_beside_the_numbers() -> None:
    assert _durations("Kenya: 8 ilaa 12 maalmood.", "so") == [(8, 12, "day")]
    assert _durations("उर्वरित भारत: 3 ते 6 दिवस", "mr") == [(3, 6, "day")]
    # no unit word beside them: two numbers, not a range
    assert _durations("5 kuleyliye ama 6 qof.", "so") == []


def test_a_noun_class_concord_written_onto_the_number_is_read_past() -> None:
    from assist.policy_extract.values import readable_numbers

    with written_in("zu"):
        assert readable_numbers("izinsuku eziyi-7 kuya kweziyi-9").split() == ["izinsuku", "7", "-", "9"]
