"""Regions of a shop in a country the place resource has no table for (pycountry and GeoNames still know its
subdivisions and towns): subdivisions a region writes out or abbreviates by initials, "the other provinces", a
buyer's town in any script, and no whole-country answer where a finer region may hold the place."""

from __future__ import annotations

import pytest

from assist.regions import match_region, place_in_text, region_countries

VN_REGIONS = ["Khu vực nội thành Cần Thơ và Đà Nẵng", "Các tỉnh khác", "Đảo (Côn Đảo, Phú Quý)"]


def test_a_region_names_subdivisions_by_name_or_by_initials_and_the_other_provinces_are_the_country():
    assert region_countries(VN_REGIONS[0], "VN") == {"VN-CT", "VN-DN"}
    assert region_countries("Nội thành TP.HCM", "VN") == {"VN-SG"}
    assert region_countries("Diğer iller", "TR") == {"TR"}
    assert region_countries("Merkez: İstanbul, Ankara", "TR") == {"TR-34", "TR-06"}


@pytest.mark.parametrize(
    ("text", "place", "region"),
    [
        ("Tôi ở Đà Nẵng, giao mấy ngày?", "VN-DN", VN_REGIONS[0]),
        ("하노이에 살아요", "VN-HN", VN_REGIONS[1]),  # a Hangul town name with its particle
        ("Я живу в Нячанге? Нет, в Нячанг доставка сколько?", "VN-34", VN_REGIONS[1]),
        ("Eskişehir'de yaşıyorum", "TR", None),  # a town read only as its country: no whole-country answer
    ],
)
def test_a_buyers_town_is_placed_in_its_subdivision_and_its_region(text, place, region):
    turkish = ["İstanbul ve Ankara", "Diğer iller"]
    found = place_in_text(text)
    assert found == place
    assert match_region(found, turkish if place == "TR" else VN_REGIONS, place[:2]) == region


def test_the_country_named_is_not_read_as_its_capital():
    assert place_in_text("Vivo en México, ¿cuándo llega?") == "MX"


@pytest.mark.parametrize(
    ("region", "home", "countries"),
    [
        ("Тажикстан жана Өзбекстан", "KG", {"TJ", "UZ"}),  # Kyrgyz: a language no list names, official in KG
        ("भुटान", "NP", {"BT"}),  # Nepali, in Devanagari
    ],
)
def test_a_region_named_in_any_official_language_cldr_writes_names_its_countries(region, home, countries):
    assert region_countries(region, home) == countries
