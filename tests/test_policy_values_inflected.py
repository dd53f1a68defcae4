"""Values in inflected languages: unit words in case forms CLDR does not list, thousands written with spaces, the
local currency by its CLDR symbol or an inflected name."""

from __future__ import annotations

from assist.policy_extract.values import all_values, duration_values, money_values


def _durations(text: str) -> list[tuple[float | str, float | None, str | None]]:
    return [(v.value, v.max_value, v.unit) for v in duration_values(text)]


def _money(text: str) -> list[tuple[float | str, str | None]]:
    return [(v.value, v.unit) for v in money_values(text)]


def test_finnish_case_forms_of_unit_words() -> None:
    assert _durations("Vaihdon voit tehdä 21 päivän aikana ostoksesta.") == [(21, None, "day")]
    assert _durations("Tilauksen käsittely vie yleensä 3 viikon verran.") == [(3, None, "week")]
    assert _durations("Korjaus valmistuu tavallisesti 6 kuukauden sisällä.") == [(6, None, "month")]


def test_czech_genitive_plurals_and_a_number_in_brackets() -> None:
    assert _durations("Opravu provedeme nejpozději do 45 dnů od převzetí.") == [(45, None, "day")]
    assert _durations("Lhůta činí dvacet jedna (21) dnů ode dne nákupu.") == [(21, None, "day")]
    assert _durations("Na baterie platí záruka 6 měsíců.") == [(6, None, "month")]


def test_words_of_other_languages_are_not_read_as_inflected_units() -> None:
    # "ani" (Romanian years) and "ora" (Romanian hour) must not make English words after numbers into durations
    assert _durations("Read sections 4 and 5 or ask us about clause 9 before you order.") == []


def test_thousands_with_spaces_and_the_local_currency_symbol() -> None:
    assert _money("Doprava je zdarma při objednávce nad 4 200 Kč.") == [(4200, "CZK")]
    assert _money("Darmowa dostawa od 1\u00a0250 zł w całym kraju.") == [(1250, "PLN")]
    assert _money("A szállítás díja 990 Ft minden rendelésre.") == [(990, "HUF")]


def test_an_inflected_currency_name_in_the_text_language() -> None:
    assert _money("Yli 120 euron tilauksiin ei lisätä postikuluja.") == [(120, "EUR")]
    assert _money("Vrácení stojí 80 korun za balík.") == [(80, "CZK")]


def test_a_currency_symbol_shared_by_several_countries_needs_the_text_language() -> None:
    # "kr" is the Swedish, Norwegian and Danish crown: a Swedish sentence names the Swedish one
    assert _money("Fri frakt när du handlar för minst 600 kr hos oss.") == [(600, "SEK")]


def test_money_is_not_read_as_a_duration_and_decimals_stay_decimals() -> None:
    kinds = [(v.kind, v.value, v.unit) for v in all_values("Palautustarra maksaa 4,50 € ja palautusaika on 30 päivää.")]
    assert kinds == [("money", 4.5, "EUR"), ("duration", 30, "day")]


def test_a_crown_amount_that_ends_a_sentence_keeps_the_texts_crown() -> None:
    # the full stop after a Swedish "kr" does not make it the Danish symbol "kr."
    read = _money("Vi skickar paket under 5 kg för 59 kr, tyngre paket kostar 119 kr.")
    assert read == [(59, "SEK"), (119, "SEK")]
