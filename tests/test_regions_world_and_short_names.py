"""Regions named in words CLDR's long official names and the gazetteer's group words left unread: the world by
CLDR's own name for it in any language, abroad and the whole country in Hebrew and Arabic, the short country names
pycountry gives where CLDR writes the long one (vowel points folded away), the Emirates' short name, and the
Union's initials where they are a country's code too, in a shop of the language that writes them so."""

from __future__ import annotations

import pytest

from assist.regions import match_region, region_countries


@pytest.mark.parametrize(
    ("region", "home"),
    [
        ("بقية أنحاء العالم", "AE"),  # Arabic: "the rest of the world"
        ("שאר העולם", "IL"),
        ("остальной весь мир", "RU"),
        ("visas pasaulis", "LT"),
    ],
)
def test_a_region_named_by_the_world_is_everywhere_else(region: str, home: str) -> None:
    assert region_countries(region, home) is None
    assert match_region("BR", ["Domestic", region], home) == region


def test_a_region_naming_the_world_and_a_place_is_not_everywhere() -> None:
    assert region_countries("Deutschland und die Welt ohne Zoll", "DE") is not None


@pytest.mark.parametrize(
    ("region", "home", "expected"),
    [
        ("משלוחים לחו״ל", "IL", "abroad"),
        ("בכל הארץ", "IL", {"IL"}),
        ("الشحن إلى الخارج", "EG", "abroad"),
    ],
)
def test_abroad_and_the_whole_country_in_hebrew_and_arabic(region: str, home: str, expected: object) -> None:
    countries = region_countries(region, home)
    if expected == "abroad":
        assert countries is not None and home not in countries and {"US", "FR", "JP"} <= countries
    else:
        assert countries == expected


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("الخليج (السعودية، الكويت)", {"SA", "KW"}),  # CLDR: "المملكة العربية السعودية"; pycountry: "السّعوديّة"
        ("عربستان سعودی", {"SA"}),  # Persian
        ("الإمارات", {"AE"}),
    ],
)
def test_short_country_names_in_arabic_script(region: str, expected: set[str]) -> None:
    assert region_countries(region, "AE") == expected


def test_the_unions_initials_name_the_union_in_a_shop_of_that_language_only() -> None:
    latvian = region_countries("citas ES valstis", "LV")
    assert latvian is not None and {"DE", "FR", "ES", "IT"} <= latvian
    assert match_region("DE", ["Latvija", "citas ES valstis"], "LV") == "citas ES valstis"
    assert region_countries("ES", "DE") == {"ES"}  # a German shop's "ES" is Spain


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("אפשר לשלוח לגרמניה?", "DE"),  # "to Germany": the preposition joined to the name
        ("هل تشحنون للكويت؟", "KW"),  # "to Kuwait": "ل" + "الكويت", the article's alif dropped
        ("أسكن بالسعودية", "SA"),
    ],
)
def test_a_country_named_with_a_joined_hebrew_or_arabic_preposition(text: str, country: str) -> None:
    from assist.regions import place_in_text

    assert place_in_text(text) == country


def test_english_writes_the_before_names_whose_head_is_a_common_noun_or_plural():
    from assist.place_articles import with_article

    assert with_article("United Kingdom") == "the United Kingdom"
    assert with_article("Germany and Philippines") == "Germany and the Philippines"
    assert with_article("UK & Ireland") == "the UK & Ireland"
    assert with_article("the UK") == "the UK"  # the shop's own article stays single
    assert with_article("Europe (EU)") == "Europe (EU)"  # a gloss in brackets takes none
    for bare in ("Barbados", "Honduras", "Poland", "Great Britain"):
        assert with_article(bare) == bare


@pytest.mark.parametrize(
    ("region", "home", "country"),
    [
        ("Läti ja Leedu", "EE", "LV"),  # Estonian: "Latvia and Lithuania"; "Läti" is 4 letters
        ("ایران و عراق", "IR", "IQ"),  # Persian: "Iran and Iraq"; "عراق" is 4 letters
        ("Gulf (UAE, Oman)", "PH", "AE"),  # the initials of CLDR's English name, in capitals
    ],
)
def test_a_short_country_name_in_the_shops_own_language_or_english_initials_name_the_country(
    region: str, home: str, country: str
) -> None:
    assert country in (region_countries(region, home) or set())
    assert match_region(country, ["Domestic", region, "Rest of the world"], home) == region


def test_a_short_name_counts_only_in_the_shops_own_languages_and_initials_only_in_capitals() -> None:
    assert "LV" not in (region_countries("Läti ja Leedu", "DE") or set())  # not a German word for a country
    assert "AE" not in (region_countries("Uae shipping", "PH") or set())


def test_a_region_named_by_the_word_several_subdivisions_share_covers_them() -> None:
    # ISO 3166-2 names two half-cantons "Appenzell Innerrhoden" and "Appenzell Ausserrhoden": "Appenzell" is both
    assert region_countries("Appenzell", "CH") == {"CH-AI", "CH-AR"}
    assert match_region("CH-AR", ["Zürich", "Appenzell", "Schweiz"], "CH") == "Appenzell"
    assert region_countries("Sachsen", "DE") == {"DE-SN"}  # a subdivision's whole name is that one, not Sachsen-Anhalt


@pytest.mark.parametrize(
    ("region", "home"),
    [("ប្រទេសវៀតណាម", "KH"), ("ໄປຫວຽດນາມ", "LA"), ("နိုင်ငံဗီယက်နမ်", "MM")],  # "country Vietnam", "to Vietnam"
)
def test_a_country_name_inside_a_word_of_a_script_written_without_spaces(region: str, home: str) -> None:
    # Khmer, Lao and Myanmar write a region's name joined to the word before it, as Thai and Han do: CLDR's name of
    # the country (Vietnam here) is read wherever it stands
    assert region_countries(region, home) == {"VN"}
