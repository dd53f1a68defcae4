"""Policies in languages the extractor's full word lists were not written for: durations whose accent moves as they
inflect or that name working days with a word of their own, country names in case forms, a company's legal name,
topic cues that only name a topic, and the leave-one-language-out measure.

Every policy text here is written for the test (not taken from a fixture shop)."""

from __future__ import annotations

from policy_files import table_rows
from scripted_encoders import Directions

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract.coverage import covered
from assist.policy_extract.cues import cue_languages, topic_hits, withheld
from assist.policy_extract.scope import regions_in
from assist.policy_extract.values import duration_values


def _durations(text: str) -> list[tuple[float | str, float | None, str | None]]:
    return [(v.value, v.max_value, v.unit) for v in duration_values(text)]


def test_greek_case_forms_whose_accent_moves_are_read() -> None:
    assert _durations("Μπορείτε να ακυρώσετε την παραγγελία εντός 12 ωρών από την υποβολή της.") == [(12, None, "hour")]
    assert _durations("Η εγγύηση των συσκευών είναι 3 ετών από την ημερομηνία αγοράς.") == [(3, None, "year")]


def test_a_working_day_word_before_or_after_the_day_word_makes_working_days() -> None:
    assert _durations("Τα δέματα παραδίδονται σε 2-4 εργάσιμες ημέρες στην ηπειρωτική χώρα.") == [
        (2, 4, "business_day")
    ]
    assert _durations("Comenzile sunt livrate în 4 zile lucrătoare de la confirmare.") == [(4, None, "business_day")]
    assert _durations("Zásielky doručujeme do 5 pracovných dní od objednávky.") == [(5, None, "business_day")]


def test_a_working_day_word_alone_in_a_table_cell_is_working_days() -> None:
    assert _durations("| Κρήτη | 4-6 εργάσιμες | 6,00 € |") == [(4, 6, "business_day")]


def test_unit_words_of_languages_outside_the_buyers_list_are_read_in_their_language() -> None:
    assert _durations("Izdelek lahko vrnete v 14 dneh od prejema, brez navedbe razloga.") == [(14, None, "day")]
    assert _durations("Prekę galite grąžinti per 30 dienų nuo jos gavimo dienos.") == [(30, None, "day")]


def test_a_language_that_writes_the_unit_before_the_number_has_its_durations_read() -> None:
    from assist.policy_extract.values import written_in

    with written_in("sw"):  # CLDR writes "siku 5": the unit word first
        assert _durations("Bidhaa inaweza kurejeshwa ndani ya siku 14 tangu kuipokea.") == [(14, None, "day")]
        assert _durations("Vifaa vina dhamana ya miezi 12.") == [(12, None, "month")]
        assert _durations("Mikoani, mzigo hufika baada ya siku 3-5.") == [(3, 5, "day")]
        assert _durations("Piga simu 0712 345 678 saa 3:00 asubuhi.") == []  # a phone number, then a clock time


def test_an_english_sentence_gains_no_duration_from_other_languages_words() -> None:
    assert _durations("Bring 3 radios and 2 darts to the 4 calendar meetings.") == []


def test_an_inflected_country_name_is_a_region_in_its_own_language() -> None:
    found = [name for _, _, name in regions_in("A rendelés Ausztriába három munkanap alatt érkezik meg.")]
    assert found == ["Ausztriába"]


def test_a_country_name_in_a_company_name_is_no_region() -> None:
    assert regions_in("Csomagjait a Példa Futár Ausztria Kft. kézbesíti.") == []
    assert [n for _, _, n in regions_in("Wir liefern auch nach Österreich.")] == ["Österreich"]


def test_topic_cues_of_a_language_without_full_word_lists_name_topics_at_word_starts() -> None:
    assert {t for _, _, t in topic_hits("A jótállás időtartama két év.")} == {"warranty"}
    assert {t for _, _, t in topic_hits("Τα έξοδα αποστολής βαρύνουν τον πελάτη.")} == {"shipping"}
    assert "hu" not in cue_languages()  # its rules are still read by the learned reader


def test_withholding_a_language_makes_its_chunks_uncovered_and_silences_its_cues() -> None:
    chunk = PolicyChunk("c-1", "Sie können Artikel innerhalb von 30 Tagen zurückgeben.", "Rückgabe", "de", "agb.md")
    assert covered(chunk)
    assert {t for _, _, t in topic_hits(chunk.text)} == {"returns"}
    with withheld({"de"}):
        assert not covered(chunk)
        assert "de" not in cue_languages()
        assert topic_hits("Der Umtausch ist kostenlos.") == []
    assert covered(chunk)
    assert {t for _, _, t in topic_hits("Der Umtausch ist kostenlos.")} == {"returns"}


def test_without_its_cue_words_a_german_return_window_is_not_read_by_rules_alone() -> None:
    chunk = PolicyChunk("c-2", "Sie können Artikel innerhalb von 30 Tagen zurückgeben.", "Rückgabe", "de", "agb.md")
    assert [f.value for f in extract_facts([chunk]) if f.slot == "returns.window"] == [30]
    with withheld({"de"}):
        assert [f for f in extract_facts([chunk]) if f.slot == "returns.window" and not f.needs_review] == []


def test_a_hungarian_warranty_length_whose_products_are_not_read_goes_to_review() -> None:
    text = "A kerti bútorokra a jótállás időtartama 3 év a vásárlástól számítva."
    facts = extract_facts([PolicyChunk("c-3", text, "Jótállás", "hu", "aszf.md")])
    lengths = [f for f in facts if f.slot == "warranty.length"]
    assert [f.value for f in lengths] == [3]
    assert all(f.needs_review for f in lengths)


def test_a_delivery_table_row_keeps_its_transit_time_however_unsure_the_reader_is_of_its_headings() -> None:
    from assist.policy_extract.framing import Candidate
    from assist.policy_extract.text import PolicyChunk as Chunk
    from assist.policy_extract.text import Unit
    from assist.policy_extract.topics import REVIEW, held_to_reading

    chunk = Chunk("doc-2", "", "Splošno > Tabela", "sl", "terms.md")
    row = Unit("| Avstrija | 3-4 delovne dni |", "Avstrija | 3-4 delovne dni", "row", chunk)
    row.cells, row.header, row.roles = ["Avstrija", "3-4 delovne dni"], ["Kam", "Čas"], ["region", "transit_time"]
    sentence = Unit("Paket pride v 3-4 delovnih dneh.", "Paket pride v 3-4 delovnih dneh.", "sentence", chunk)
    for unit in (row, sentence):  # no cue word names a topic and the reader is unsure of the headings
        unit.unnamed, unit.read_topics = True, {"shipping": 0.32}
    found = [
        Candidate("shipping.transit_time", 3, row, 4, "business_day", {"region": "Avstrija"}, 0.7),
        Candidate("shipping.transit_time", 3, sentence, 4, "business_day", {}, 0.7),
    ]
    held_to_reading(found)
    assert [c.confidence for c in found] == [0.7, REVIEW]  # the table's columns name the topic; the sentence has none


def _delivery_rows(header: list[str], body: list[list[str]]) -> list:
    return table_rows(header, body, language="xx", heading="Lieferung")


def test_the_one_unread_column_priced_in_every_row_of_a_delivery_table_is_the_fee() -> None:
    from assist.policy_extract.columns import fee_by_content

    rows = _delivery_rows(
        ["Zona", "Tempo", "Kosto", "Senpaga"],
        [["Nordo", "2-3 tagoj", "4,90 €", "ekde 50 €"], ["Sudo", "4-5 tagoj", "7,90 €", "ne"]],
    )
    roles = ["region", "transit_time", "other", "other"]
    assert fee_by_content(roles, rows) == ["region", "transit_time", "cost", "other"]  # "ne": not priced in each row
    assert fee_by_content(["other", "transit_time", "other", "other"], rows)[2] == "other"  # no destination column
    both = _delivery_rows(
        ["Zona", "Ĝis 5 kg", "Ĝis 10 kg"], [["Nordo", "4,90 €", "6,90 €"], ["Sudo", "7,90 €", "9,90 €"]]
    )
    assert fee_by_content(["region", "other", "other"], both) == ["region", "other", "other"]  # weight bands


def test_two_columns_priced_in_every_row_but_one_are_fees_for_what_their_headers_name() -> None:
    from assist.policy_extract.columns import fees_by_class

    rows = _delivery_rows(
        ["Zona", "Tempo", "Pakaĵo", "Meblo (longa pakaĵo)"],
        [
            ["Nordo", "2-3 tagoj", "4,90 €", "49 €"],
            ["Sudo", "4-5 tagoj", "7,90 €", "79 € + 25 €"],
            ["Eksterlando", "5-9 tagoj", "14,90 €", "laŭ oferto"],
        ],
    )
    read = [("region", 0.9), ("transit_time", 0.9), ("other", 0.4), ("other", 0.3)]
    roles, classes = fees_by_class(["region", "transit_time", "other", "other"], read, rows)
    assert roles == ["region", "transit_time", "cost", "cost"]
    assert classes == {2: "Pakaĵo", 3: "longa pakaĵo"}
    # no destination column, or a column the reader reads as the free-shipping threshold: no fee per class
    assert fees_by_class(["other", "transit_time", "other", "other"], read, rows)[1] == {}
    free = [*read[:3], ("free_threshold", 0.5)]
    assert fees_by_class(["region", "transit_time", "other", "other"], free, rows) == (
        ["region", "transit_time", "other", "other"],
        {},
    )
    # one priced column only: fee_by_content reads it, unscoped
    one = _delivery_rows(["Zona", "Kosto", "Senpaga"], [["Nordo", "4,90 €", "ne"], ["Sudo", "7,90 €", "ne"]])
    assert fees_by_class(["region", "other", "other"], read[:3], one)[1] == {}


def test_a_shipping_table_priced_per_kind_of_goods_scopes_each_fee_by_its_column() -> None:
    from assist.policy_extract.columns import fees_by_class
    from assist.policy_extract.shipping_fees import table_fee
    from assist.policy_extract.values import money_values

    rows = _delivery_rows(
        ["Zona", "Tempo", "Pakaĵo", "Meblo (longa pakaĵo)"],
        [["Nordo", "2-3 tagoj", "4,90 €", "49 €"], ["Sudo", "4-5 tagoj", "7,90 €", "79 €"]],
    )
    read = [("region", 0.9), ("transit_time", 0.9), ("cost", 0.8), ("other", 0.3)]
    roles, classes = fees_by_class(["region", "transit_time", "cost", "other"], read, rows)
    read_fees = []
    for row in rows:
        row.roles, row.price_classes = roles, classes
        for value in money_values(row.text):
            read_fees += table_fee(row, row.text, value, {"region": row.cells[0]}, {"shipping"})
    assert [(c.scope["region"], c.scope["product_class"], c.value) for c in read_fees] == [
        ("Nordo", "Pakaĵo", 4.9),
        ("Nordo", "longa pakaĵo", 49),
        ("Sudo", "Pakaĵo", 7.9),
        ("Sudo", "longa pakaĵo", 79),
    ]


def test_a_working_day_word_of_an_unlisted_language_is_learned_from_the_encoder() -> None:
    from assist.policy_extract.unit_words import working_day_words
    from assist.policy_extract.values import written_in
    from assist.policy_extract.working_days import CALENDAR, PLAIN, WORKING, candidates, learn

    text = "Тапсырыс 3 жұмыс күні ішінде жеткізіледі."
    assert candidates(text, "kk") == {"жұмыс": "3 жұмыс күні"}
    with written_in("kk"):
        assert _durations(text) == []  # an unknown word between the count and the day word: nothing is read
    anchors = {**{w: [1.0, 0.0, 0.0] for w in WORKING}, PLAIN: [0.0, 1.0, 0.0], CALENDAR: [0.0, 0.0, 1.0]}
    near_working = Directions({**anchors, "3 жұмыс күні": [1.0, 0.2, 0.0]})
    assert learn([(text, "kk")], near_working) == {"жұмыс"}
    assert learn([(text, "kk")], Directions(anchors)) == set()  # read as plain days: no working-day word
    assert learn([("Delivery takes 3 working days.", "en")], near_working) == set()  # the parsers' own languages
    with written_in("kk"), working_day_words({"жұмыс"}):
        assert _durations(text) == [(3, None, "business_day")]


def test_a_working_day_word_written_with_vowel_signs_is_a_candidate() -> None:
    from assist.policy_extract.working_days import candidates

    # the vowel signs and viramas of Tamil and Devanagari words are part of the word (Tamil "work", Nepali "work")
    assert candidates("பணம் 4 வேலை நாட்கள் ஆகும்.", "ta") == {"வேலை": "3 வேலை நாட்கள்"}
    assert candidates("रकम ४ कार्य दिन लाग्छ।", "ne") == {"कार्य": "3 कार्य दिन"}


def test_a_calendar_day_word_of_an_unlisted_language_is_learned_and_read_as_days() -> None:
    from assist.policy_extract.unit_words import working_day_words
    from assist.policy_extract.values import written_in
    from assist.policy_extract.working_days import CALENDAR, PLAIN, WORKING, learn_day_words

    text = "Қайтару 14 (он төрт) күнтізбелік күн ішінде мүмкін."
    anchors = {**{w: [1.0, 0.0, 0.0] for w in WORKING}, PLAIN: [0.0, 1.0, 0.0], CALENDAR: [0.0, 0.0, 1.0]}
    near_calendar = Directions({**anchors, "3 күнтізбелік күн": [0.0, 0.2, 1.0]})
    assert learn_day_words([(text, "kk")], near_calendar) == (set(), {"күнтізбелік"})
    with written_in("kk"), working_day_words((), {"күнтізбелік"}):
        assert _durations(text) == [(14, None, "day")]


def test_the_one_unread_column_timed_in_every_row_of_a_delivery_table_is_the_transit_time() -> None:
    from assist.policy_extract.columns import transit_by_content

    rows = _delivery_rows(
        ["Zona", "Periodo", "Kosto"], [["Nordo", "2-3 days", "4,90 €"], ["Sudo", "4-5 days", "7,90 €"]]
    )
    assert transit_by_content(["region", "other", "cost"], rows) == ["region", "transit_time", "cost"]
    assert transit_by_content(["other", "other", "cost"], rows) == ["other", "other", "cost"]  # no destination
    rows[1].cells[1] = "on request"
    assert transit_by_content(["region", "other", "cost"], rows) == ["region", "other", "cost"]  # not timed in each


def test_a_working_day_phrase_after_a_count_written_unit_first_is_learned_as_one() -> None:
    from assist.policy_extract.unit_words import working_day_words
    from assist.policy_extract.values import written_in
    from assist.policy_extract.working_days import CALENDAR, PLAIN, WORKING, learn_day_words

    text = "Mzigo hufika ndani ya siku 2-4 za kazi baada ya malipo."
    anchors = {**{w: [1.0, 0.0, 0.0] for w in WORKING}, PLAIN: [0.0, 1.0, 0.0], CALENDAR: [0.0, 0.0, 1.0]}
    near_working = Directions({**anchors, "siku 3 za kazi": [1.0, 0.2, 0.0]})
    assert learn_day_words([(text, "sw")], near_working) == ({"za kazi"}, set())
    with written_in("sw"):
        assert _durations(text) == [(2, 4, "day")]
        with working_day_words({"za kazi"}):
            assert _durations(text) == [(2, 4, "business_day")]


def test_an_urdu_range_word_between_two_numbers_reads_a_range() -> None:
    assert _durations("رقم 4 سے 7 دن میں واپس آ جاتی ہے۔") == [(4, 7, "day")]


def test_a_unit_word_written_before_the_number_is_read_in_a_language_cldr_writes_number_first() -> None:
    from assist.policy_extract.unit_words import working_day_words
    from assist.policy_extract.values import written_in

    with written_in("zu"):  # CLDR writes "5 izinsuku"; shops write "izinsuku eziyi-14"
        assert _durations("Ungabuyisela izimpahla ezingasetshenzisiwe zingakapheli izinsuku eziyi-14.") == [
            (14, None, "day")
        ]
        with working_day_words({"zokusebenza"}):
            assert _durations("| eThekwini | The Courier Guy | izinsuku zokusebenza 1-2 | R85 |") == [
                (1, 2, "business_day")
            ]
    with written_in("so"):  # "the 3rd day", and a number whose unit follows it, are not read backwards
        assert _durations("maalinta 3aad") == []
        assert _durations("7 maalmood 3 saacadood") == [(7, None, "day"), (3, None, "hour")]


def test_a_two_letter_word_is_never_an_inflected_unit_word() -> None:
    from assist.policy_extract.unit_words import unit_of_word

    assert unit_of_word("na", "hu", True) is None  # the Hausa "na" (of) is no Hungarian "nap"
    assert unit_of_word("napig", "hu", True) == "day"


def test_a_document_the_detector_is_unsure_of_is_read_in_the_language_the_shops_pages_declare() -> None:
    from assist.policy_extract.document_language import fitting_language

    document = "Izimpahla zingabuyiselwa zingakapheli izinsuku eziyi-14. Iwaranti yizinyanga eziyi-6."
    assert fitting_language(document, "en", 0.2, declared="zu") == "zu"
    assert fitting_language(document, "en", 0.99, declared="zu") == "en"  # a sure detector stands


def test_a_word_between_a_day_word_and_its_count_is_a_working_day_candidate() -> None:
    from assist.policy_extract.working_days import candidates

    assert candidates("| eThekwini | The Courier Guy | izinsuku zokusebenza 1-2 | R85 |", "zu") == {
        "zokusebenza": "izinsuku zokusebenza 3"
    }


def test_a_products_period_in_years_under_a_heading_naming_returns_and_warranty_is_its_warranty() -> None:
    text = "| उत्पादन | कालावधी |\n|---|---|\n| चार्जिंग केस व टीव्ही स्ट्रीमर | १ वर्ष |\n| इलेक्ट्रिक ड्राय बॉक्स | ६ महिने |"
    facts = extract_facts([PolicyChunk("c1", text, "Returns and warranty", "mr", "terms.md")])
    lengths = {(f.value, f.unit, f.scope.product_class) for f in facts if f.slot == "warranty.length"}
    assert lengths == {(1, "year", "चार्जिंग केस व टीव्ही स्ट्रीमर"), (6, "month", "इलेक्ट्रिक ड्राय बॉक्स")}
    assert not [f for f in facts if f.slot == "returns.window"]


def test_a_working_day_word_with_its_joining_word_elided_onto_it_is_learned_and_read() -> None:
    from assist.policy_extract.unit_words import own_unit_words, working_day_words
    from assist.policy_extract.values import written_in
    from assist.policy_extract.working_days import candidates

    row = "| Uganda (Kampala, Mbarara) | Volcano Express (bisi) | iminsi 2-3 y'akazi | 15.000 Frw |"
    with own_unit_words({"iminsi": ("day", "before")}):
        assert candidates(row, "rw") == {"y'akazi": "iminsi 3 y'akazi"}
        with written_in("rw"):
            assert _durations(row) == [(2, 3, "day")]
            with working_day_words({"y'akazi"}):
                assert _durations(row) == [(2, 3, "business_day")]


def test_a_range_of_two_words_reads_where_the_unit_word_stands_before_the_first_number() -> None:
    from assist.policy_extract.unit_words import own_unit_words
    from assist.policy_extract.values import written_in

    with own_unit_words({"minsi": ("day", "before")}), written_in("rw"):
        assert _durations("Agaruka kuri iyo karita mu minsi 5 kugeza ku 10.") == [(5, 10, "day")]
    with written_in("so"):  # the unit word after the numbers only: two words between them are no range
        assert _durations("5 kuleyliye ama 6 maalmood") == [(6, None, "day")]


def test_a_listed_products_period_in_months_or_years_is_its_warranty_whatever_the_heading_is_read_as() -> None:
    # Gurmukhi labels whose vowel signs sit between their letters; the heading names no topic any reader knows
    text = "ਹਿੱਸੇ:\n\n- ਪੱਖੇ ਦੀ ਮੋਟਰ: ੨ ਸਾਲ\n- ਰਿਮੋਟ: ੬ ਮਹੀਨੇ\n- ਡੱਬਾ: ੭ ਦਿਨ"
    facts = extract_facts([PolicyChunk("c1", text, "ਭਾਗ ੬", "pa", "terms.md")])
    lengths = {(f.value, f.unit, f.scope.product_class) for f in facts if f.slot == "warranty.length"}
    assert lengths == {(2, "year", "ਪੱਖੇ ਦੀ ਮੋਟਰ"), (6, "month", "ਰਿਮੋਟ")}  # seven days is no warranty's length
    assert all(not f.needs_review for f in facts if f.slot == "warranty.length")


def test_a_dated_line_or_a_period_no_label_names_is_no_warranty_fact() -> None:
    dated = "ਅਪਡੇਟ: ੫ ਮਹੀਨੇ ੨੦੨੬"  # a date line, not a period
    bare = "ਸਾਰੇ ਪੱਖਿਆਂ ਉੱਤੇ ੨ ਸਾਲ ਮਿਲਦੇ ਹਨ।"  # what it covers is named in words not read here: for review
    facts = extract_facts([PolicyChunk("c2", f"{dated}\n\n{bare}", "ਭਾਗ ੬", "pa", "terms.md")])
    lengths = [f for f in facts if f.slot == "warranty.length"]
    assert [f.value for f in lengths] == [2]
    assert all(f.needs_review for f in lengths)


def test_a_time_given_for_a_way_of_paying_is_its_refund_time() -> None:
    text = "Dirua itzultzeko epeak:\n\n- PayPal: 3 egun\n- Klarna: 10 egun"
    facts = extract_facts([PolicyChunk("c1", text, "Atala 4", "eu", "terms.md")])
    read = [f for f in facts if f.slot == "refunds.time" and not f.needs_review]
    refunds = {(f.value, f.unit, f.scope.payment_method) for f in read}
    assert refunds == {(3, "day", "PayPal"), (10, "day", "Klarna")}


def test_a_compound_of_a_word_and_the_day_word_counts_working_days() -> None:
    from assist.policy_extract.values import written_in

    with written_in("eu"):  # "lan" + "egun" (CLDR's day) + a case ending
        assert _durations("Dirua 4 lanegunetan itzultzen dizugu.") == [(4, None, "business_day")]
        assert _durations("Paketea 2 eta 3 lanegun artean iristen da.") == [(2, 3, "business_day")]
        assert _durations("Itzultzeko 14 egun dituzu.") == [(14, None, "day")]
        assert _durations("Denda 3 astelehenetan itxita dago.") == []  # a weekday's name (CLDR's), no kind of day
