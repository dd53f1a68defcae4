"""Durations in scripts written without spaces, working-day words of more than one word or that a small encoder reads
only by their own pull, and counts whose digits follow the words that close them.

Every policy text here is written for the test (not taken from a fixture shop)."""

from __future__ import annotations

from policy_files import table_rows
from scripted_encoders import Directions

from assist.policy_extract.text import clean
from assist.policy_extract.values import duration_values, written_in


def _durations(text: str) -> list[tuple[float | str, float | None, str | None]]:
    return [(v.value, v.max_value, v.unit) for v in duration_values(clean(text))]


def test_a_unit_word_glued_to_the_next_word_is_read_in_scripts_without_spaces() -> None:
    # CLDR's Lao and Myanmar day words open the run of letters after the number, in the script's own digits too
    with written_in("lo"):
        assert _durations("ສົ່ງຄືນໄດ້ພາຍໃນ 7 ມື້ຫຼັງຈາກໄດ້ຮັບສິນຄ້າ") == [(7, None, "day")]
    with written_in("my"):
        assert _durations("ပစ္စည်းကို ၁၄ ရက်အတွင်း ပြန်ပို့နိုင်ပါသည်။") == [(14, None, "day")]
        assert _durations("အာမခံ ၂ နှစ်") == [(2, None, "year")]
    # a document whose language is not known: the forms of every language CLDR writes in the script
    assert _durations("ພາຍໃນ 3-5 ມື້") == [(3, 5, "day")]
    # ... and no unit where the run opens with another word
    with written_in("lo"):
        assert _durations("ລາຄາ 7 ກີບ") == []


def test_thai_weeks_and_years_are_read_from_cldr_and_working_days_keep_their_vowel() -> None:
    with written_in("th"):
        assert _durations("รับประกันสินค้า 2 ปี") == [(2, None, "year")]
        assert _durations("คืนสินค้าได้ภายใน 2 สัปดาห์") == [(2, None, "week")]
        # NFKC would split the vowel AM of "ทำการ" in two, and the working-day word would no longer be found
        assert _durations("คืนเงินภายใน 7 วันทำการ") == [(7, None, "business_day")]
    assert "ทำ" in clean("วันทำการ")


def test_a_working_day_word_is_learned_by_its_own_pull_where_its_phrase_stays_far_from_the_anchors() -> None:
    from assist.policy_extract.working_days import CALENDAR, PLAIN, WORKING, learn_day_words

    text = "Mae'r parsel yn cyrraedd o fewn 3 diwrnod gwaith, neu 5 diwrnod ar ôl."
    anchors = {**{w: [1.0, 0.0, 0.0] for w in WORKING}, PLAIN: [0.0, 1.0, 0.0], CALENDAR: [0.0, 0.0, 1.0]}
    # the phrases stand far from every anchor ("3 days" is nearer than "3 working days" to both), but adding the
    # word moves its phrase toward working days and away from calendar days
    ways = {
        "3 diwrnod": [0.2, 0.6, 0.2, 1.0],
        "3 diwrnod gwaith": [0.3, 0.6, 0.1, 1.0],
        "3 diwrnod ar": [0.2, 0.6, 0.2, 1.0],
    }
    wide = {k: [*v, 0.0] for k, v in anchors.items()}
    with written_in("cy"):
        assert learn_day_words([(text, "cy")], Directions({**wide, **ways})) == ({"gwaith"}, set())
        still = {**ways, "3 diwrnod gwaith": [0.2, 0.6, 0.2, 1.0]}  # no pull: no working-day word
        assert learn_day_words([(text, "cy")], Directions({**wide, **still})) == (set(), set())


def test_a_working_day_qualifier_of_two_words_is_a_candidate_and_is_read_in_a_range() -> None:
    from assist.policy_extract.unit_words import working_day_words
    from assist.policy_extract.working_days import candidates

    text = "ਪਾਰਸਲ ੪ ਤੋਂ ੬ ਕੰਮ ਵਾਲੇ ਦਿਨ ਵਿੱਚ ਪਹੁੰਚਦਾ ਹੈ।"
    assert candidates(clean(text), "pa").get("ਕੰਮ ਵਾਲੇ") == "3 ਕੰਮ ਵਾਲੇ ਦਿਨ"
    with written_in("pa"):
        assert _durations(text) == []
        with working_day_words({"ਕੰਮ ਵਾਲੇ"}):
            assert _durations(text) == [(4, 6, "business_day")]
            assert _durations("| ਸ਼ਹਿਰ | ੧-੨ ਕੰਮ ਵਾਲੇ ਦਿਨ |") == [(1, 2, "business_day")]


def test_digits_in_brackets_after_the_unit_and_the_words_that_close_the_number_are_the_count() -> None:
    with written_in("cy"):  # four-day-on-ten: the noun stands inside the Welsh number
        assert _durations("Seddi car: pedwar diwrnod ar ddeg (14) yn unig.") == [(14, None, "day")]
        assert _durations("Mae gennych ddeg diwrnod ar hugain (30) i'w dychwelyd.") == [(30, None, "day")]
        # a count in digits before its unit keeps it; a bracket after other words is no count of it
        assert _durations("o fewn 7 diwrnod i'w dderbyn (2)") == [(7, None, "day")]
        assert _durations("o fewn pum (5) diwrnod") == [(5, None, "day")]


def test_cldr_relative_time_words_are_unit_words_where_its_unit_names_are_others() -> None:
    # CLDR names the Hausa day unit "ranaku", its relative times "a cikin kwanaki {0}", "kwana {0} da ya gabata"
    with written_in("ha"):
        assert _durations("Za a kawo odarka cikin kwanaki 4.") == [(4, None, "day")]
        assert _durations("Ka kira mu cikin awa 12 bayan ka karɓa.") == [(12, None, "hour")]
        assert _durations("Ka kira mu cikin 12 bayan ka karɓa.") == []  # the word for "in" names no unit


def _rows(header: list[str], body: list[list[str]]) -> list:
    return table_rows(header, body, language="ha", heading="Table")


def test_a_table_shaped_as_a_delivery_table_names_its_destinations_times_and_costs() -> None:
    from assist.policy_extract.columns import delivery_by_shape

    rows = _rows(
        ["A", "B", "C", "D"],
        [
            ["Babban birni (unguwanni uku)", "Ɗan aike", "kwanaki 1-2", "₦2,000"],
            ["Nijar (Maradi)", "Mota", "kwanaki 5-8", "₦12,000"],
            ["Sauran jihohi", "Mota", "sai an tambaya", "₦6,000"],
        ],
    )
    with written_in("ha"):  # "Nijar" is Niger as CLDR names it in Hausa: the first column names a place
        assert delivery_by_shape(["other"] * 4, rows) == ["region", "other", "transit_time", "cost"]
        # a product table priced and timed names no place; one timed in months holds no delivery times
        products = _rows(["A", "B", "C"], [["Batir", "wata 3", "₦2,000"], ["Taya", "wata 1", "₦9,000"]])
        assert delivery_by_shape(["other"] * 3, products) == ["other"] * 3
        for r in rows:
            r.cells = r.cells[:3]  # no amount column
        assert delivery_by_shape(["other"] * 3, rows) == ["other"] * 3


def test_a_column_read_as_transit_times_that_counts_months_is_no_delivery_table() -> None:
    from assist.policy_extract.extractor import _not_in_transit

    rows = _rows(["A", "B"], [["Batir", "wata 3"], ["Inji", "kwanaki 14"]])
    with written_in("ha"):
        assert _not_in_transit(["region", "transit_time"], rows) == ["item", "other"]
        days = _rows(["A", "B"], [["Kano", "kwanaki 3"], ["Abuja", "kwanaki 4"]])
        assert _not_in_transit(["region", "transit_time"], days) == ["region", "transit_time"]


def test_country_names_are_read_in_the_documents_own_language_whatever_it_is() -> None:
    from assist.policy_extract.scope import regions_in

    with written_in("ha"):
        assert [name for *_, name in regions_in("Muna kai kaya zuwa Kamaru da Nijar.")] == ["Kamaru", "Nijar"]
    assert regions_in("Muna kai kaya zuwa Kamaru da Nijar.") == []  # the language not known: no Hausa names


def test_cldr_names_of_the_units_themselves_are_read_with_letters_beyond_latin_1() -> None:
    # CLDR's Yoruba count patterns write the day as "ọj {0}"; its name of the unit is "ọjọ́", a letter of Latin
    # Extended Additional with an accent combined onto it
    with written_in("yo"):
        assert _durations("Ẹ lè dá a padà láàrin ọjọ́ 10.") == [(10, None, "day")]
        assert _durations("| Ẹ̀rọ | oṣù 6 |") == [(6, None, "month")]
    with written_in("mg"):  # CLDR has no Malagasy unit names: its English fallback ("day") is no Malagasy word
        from assist.policy_extract.unit_words import cldr_unit_forms

        assert "day" not in cldr_unit_forms("mg")
