"""Numbers that policies write in words, compound and inflected day words, numbers repeated in brackets, and tables
nested in a table cell (HTML). Every sentence here is written for the test, not taken from a shop."""

from __future__ import annotations

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract.cues import word_start_hits
from assist.policy_extract.number_words import (
    number_of_word,
    plain_numbers,
    shop_number_words,
    spelled_as_digits,
    words_beside_digits,
)
from assist.policy_extract.text import units
from assist.policy_extract.values import duration_values


def _durations(text: str) -> list[tuple[float | str, float | None, str | None, str]]:
    return [(v.value, v.max_value, v.unit, text[v.start : v.end]) for v in duration_values(text)]


def test_numbers_spelled_in_the_texts_language() -> None:
    assert _durations("Reklamationen ska göras inom nio dagar efter mottagandet.") == [(9, None, "day", "nio dagar")]
    assert _durations("Vaihto-oikeus on voimassa kolme viikkoa toimituksesta.") == [(3, None, "week", "kolme viikkoa")]
    assert _durations("Výměnu zboží provedeme do osmi dnů od doručení.") == [(8, None, "day", "osmi dnů")]
    assert _durations("Zamówienie wysyłamy w ciągu czterech dni od zapłaty.") == [(4, None, "day", "czterech dni")]


def test_a_number_word_before_a_two_word_unit_reads_as_its_digits() -> None:
    assert _durations("Náhradní díly zasíláme do čtyř pracovních dnů.") == [
        (4, None, "business_day", "čtyř pracovních dnů")
    ]


def test_compound_business_days_and_the_finnish_day_of_24_hours() -> None:
    assert _durations("Palautus käsitellään kuuden työpäivän kuluessa.") == [
        (6, None, "business_day", "kuuden työpäivän")
    ]
    assert _durations("Beloppet sätts in inom fyra bankdagar.") == [(4, None, "business_day", "fyra bankdagar")]
    assert _durations("Vastaamme kahden vuorokauden kuluessa.") == [(2, None, "day", "kahden vuorokauden")]


def test_a_germanic_genitive_unit_word() -> None:
    assert _durations("Alla cyklar har sex års ramgaranti.") == [(6, None, "year", "sex års")]
    assert _durations("Du får 45 dagars bytesrätt.") == [(45, None, "day", "45 dagars")]


def test_a_number_repeated_in_words_in_brackets() -> None:
    assert _durations("Reklamację rozpatrujemy w terminie 21 (dwudziestu jeden) dni.") == [
        (21, None, "day", "21 (dwudziestu jeden) dni")
    ]
    assert _durations("You may cancel within thirty (30) days of delivery.")[0][:3] == (30, None, "day")
    assert plain_numbers("w terminie 7 (siedmiu) dni") == "w terminie 7           dni"


def test_a_fortnight_is_two_weeks() -> None:
    assert [d[:3] for d in _durations("Refunds reach your card within a fortnight.")] == [(2, None, "week")]


def test_number_words_are_read_in_their_own_language_only() -> None:
    assert number_of_word("to", "da") == 2
    assert number_of_word("to", "en") is None  # "up to days" is no number in English
    assert _durations("Read sections 4 and 5 or ask us about clause 9 before you order.") == []
    assert spelled_as_digits("Ota yhteyttä viikon kuluessa.", "fi") == "Ota yhteyttä viikon kuluessa."  # a unit word
    assert number_of_word("inom", "sv") is None


def test_a_cue_word_inside_another_languages_word_is_no_cue() -> None:
    text = "Zboží odesíláme hned, protože je skladem."  # the Spanish "roto" inside the Czech "protože"
    assert word_start_hits(text) == []


_NESTED = (
    "Zona | Transporte | Plazo | Precio por peso |\n\n"
    "Norte | Correo Uno | 4 a 7 días hábiles |\n\n"
    "hasta 2 kg | $ 5.000 |\n\n"
    "más de 2 kg | $ 9.000 |\n\n"
    "|\n\n"
    "Sur | Correo Uno | 6 a 9 días hábiles |\n\n"
    "cualquier peso | $ 12.000 |\n\n"
    "|\n"
)


def test_a_table_nested_in_a_cell_keeps_the_outer_rows_in_their_table() -> None:
    rows = [u for u in units(PolicyChunk("c1", _NESTED, "Envíos", "es")) if u.kind == "row"]
    outer = [u.cells[0] for u in rows if u.header]
    assert outer == ["Norte", "Sur"]
    assert all(not u.header for u in rows if u.cells[0] not in ("Norte", "Sur"))  # the weight bands
    facts = extract_facts([PolicyChunk("c1", _NESTED, "Envíos", "es")])
    transit = [
        (f.value, f.max_value, f.unit, f.scope.region)
        for f in facts
        if f.slot == "shipping.transit_time" and not f.needs_review
    ]
    assert transit == [(4, 7, "business_day", "Norte"), (6, 9, "business_day", "Sur")]


def test_a_short_number_word_is_inflected_only_by_its_last_letters() -> None:
    assert number_of_word("seks", "da") == 6
    assert number_of_word("send", "da") is None  # "send den ikke retur": no six
    assert number_of_word("tří", "cs") == 3 and number_of_word("pięciu", "pl") == 5
    assert (
        spelled_as_digits("Send den ikke retur før vi beder om det.", "da")
        == "Send den ikke retur før vi beder om det."
    )


def test_a_dictionary_tells_an_inflected_number_from_a_word_that_looks_like_one() -> None:
    # simplemma's lemmas: "treh" is "trije" (three), "pes" (dog) and "trak" (ribbon) are words of their own, and a
    # verb its Slovenian dictionary lacks ("traje", lasts) keeps to a short number word's own letters: no three
    assert number_of_word("treh", "sl") == 3 and number_of_word("eno", "sl") == 1 and number_of_word("dva", "sl") == 2
    assert number_of_word("traje", "sl") is None
    assert number_of_word("pes", "sl") is None and number_of_word("trak", "sl") is None
    assert number_of_word("czternastu", "pl") == 14 and number_of_word("un", "ro") == 1
    assert number_of_word("själva", "sv") is None and number_of_word("eller", "da") is None  # "själv", no "sju"
    assert spelled_as_digits("Dobava traje eno leto.", "sl") == "Dobava traje 1   leto."


def test_number_words_a_shop_writes_beside_digits() -> None:
    written = ["Soo celintu waa 14 (afar iyo toban) maalmood.", "Lacagta waxaa la celiyaa 3 (saddex) maalmood."]
    assert words_beside_digits([*written, "Dirista waa 800 (EUR)."]) == {"afar iyo toban": 14, "saddex": 3}
    text = "Waxaad soo celin kartaa saddex toddobaad."
    assert spelled_as_digits(text, "so") == text  # neither num2words nor CLDR spells Somali numbers
    with shop_number_words(words_beside_digits(written)):
        assert spelled_as_digits(text, "so") == "Waxaad soo celin kartaa 3      toddobaad."


def test_numbers_spelled_in_languages_num2words_does_not_write() -> None:
    """CLDR's spell-out words: Armenian, Afrikaans, Macedonian, Albanian, Hindi (a word with vowel signs)."""
    assert _durations("Երաշխիքը գործում է երեք տարի։") == [(3, None, "year", "երեք տարի")]
    assert _durations("Die waarborg geld vir drie jaar.") == [(3, None, "year", "drie jaar")]
    assert _durations("Гаранцијата важи три години.") == [(3, None, "year", "три години")]
    assert _durations("Garancia është tre vjet.") == [(3, None, "year", "tre vjet")]
    assert _durations("सामान सात दिनों के भीतर वापस करें।") == [(7, None, "day", "सात दिनों")]


def test_a_number_word_with_vowel_signs_in_a_language_num2words_writes() -> None:
    assert _durations("পাঁচ দিনের মধ্যে ফেরত দিন।") == [(5, None, "day", "পাঁচ দিনের")]
