"""Places of the shop's world read in any script and in inflected forms (assist.world_places), and ordinary words
that never become places. Every name here is general geography, not taken from a shop's documents."""

from __future__ import annotations

import pytest

from assist.places import country_of
from assist.world_places import latin, places_in, shop_world


def codes(text: str, *countries: str) -> list[str]:
    return [code for _, _, code in places_in(text, countries)]


@pytest.mark.parametrize(
    ("text", "country", "place"),
    [
        ("Дарханы салбар", "MN", "MN-037"),  # a Mongolian genitive: the name plus a case ending
        ("Ховдод хүргэнэ", "MN", "MN-043"),  # a dative
        ("ጎንደር", "ET", "ET-AM"),  # Ethiopic script
        ("ባህር ዳር", "ET", "ET-AM"),  # two words, one name
        ("খুলনা", "BD", "BD-D"),  # Bengali
        ("மதுரை", "IN", "IN-TN"),  # Tamil
        ("Батумиде", "GE", "GE-AJ"),  # a Cyrillic name with a locative ending
        ("Shkodër", "AL", "AL-10"),
    ],
)
def test_a_place_of_the_shops_world_is_read_in_its_own_script_and_case(text: str, country: str, place: str) -> None:
    assert codes(text, country) == [place]


def test_a_name_several_places_of_one_country_share_reads_as_that_country() -> None:
    assert codes("Тошкент", "UZ") == ["UZ"]  # the city and its province


def test_a_region_cell_names_each_place_it_lists() -> None:
    found = places_in("Аймгийн төвүүд (Дархан, Эрдэнэт)", ["MN"])
    assert [(start, code) for start, _, code in found] == [(16, "MN-037"), (24, "MN-035")]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Хөргөгч, зурагт", "MN"),  # products
        ("ኮምፒውተር", "ET"),
        ("shkodër", "AL"),  # a cased script writes a name capitalised
        ("Bar", "ME"),  # a town of three letters is a word too
        ("पोखरी", "NP"),  # consonants alone are read only where the names differ in one letter at most
        ("Die Waren kommen morgen.", "DE"),  # a frequent word of the country's language (wordfreq) is no place
        ("টাকা", "BD"),  # the currency: a short word a town's name differs from by one letter
        ("Delhivery", "IN"),  # a name with more than a case ending after it
    ],
)
def test_ordinary_words_are_no_places(text: str, country: str) -> None:
    assert codes(text, country) == []


def test_a_country_is_read_by_its_name_in_any_script_whatever_the_world() -> None:
    assert [country_of(c) for c in codes("ኢትዮጵያ", "ET")] == ["ET"]
    assert codes("Монгол Улс", "MN")[:1] == ["MN"]


def test_latin_forms_fold_scripts_accents_and_apostrophes() -> None:
    assert latin("Naxçıvan") == "naxcivan"
    assert latin("Улаанбаатар") == "ulaanbaatar"
    assert latin("አዲስ አበባ") == "adis abeba"


def test_the_world_is_the_countries_of_the_currencies_few_countries_use() -> None:
    assert shop_world(["MNT"]) == frozenset({"MN"})
    assert shop_world(["EUR"]) == frozenset()  # twenty countries: no world to read places in
    assert shop_world(["EUR"], "SI") == frozenset({"SI"})


# --- the same reader in region names and buyers' messages -------------------------------------------------------


def test_a_region_named_in_the_shops_script_covers_its_subdivision_and_a_neighbour() -> None:
    from assist.regions import match_region, region_countries

    assert region_countries("Naxçıvan MR", "AZ") == {"AZ-NX"}  # MR abbreviates the republic: no Mauritania
    regions = ["ባህር ዳር ከተማ", "ጅቡቲ", "ሌሎች አካባቢዎች"]  # Bahir Dar city, Djibouti, other areas
    assert match_region("ET-AM", regions, "ET") == "ባህር ዳር ከተማ"
    assert match_region("DJ", regions, "ET") == "ጅቡቲ"


def test_towns_listed_in_brackets_say_where_a_place_may_fall_not_that_it_does() -> None:
    from assist.regions import match_region

    regions = ["Хотын төв", "Аймгийн төвүүд (Дархан, Ховд)"]  # the city centre; provincial centres (Darkhan, Khovd)
    assert match_region("MN-037", regions, "MN") is None  # a town of Darkhan province need not be its centre


def test_a_buyer_names_a_place_of_the_orders_country_in_its_script_and_case() -> None:
    from datetime import UTC, datetime

    from assist.models import Order
    from assist.order_places import order_country

    order = Order(
        order_id="EG-1",
        customer_id="C1",
        customer_name="Б. Болд",
        status="processing",
        placed_at=datetime(2026, 10, 1, tzinfo=UTC),
        items=[{"sku": "A", "name": "Зурагт", "quantity": 1, "price": 1}],
        total=1,
        currency="MNT",
    )
    guess = order_country(order, "Ховдод хэд хоногт хүргэх вэ?")
    assert guess is not None and guess.country == "MN-043"


def test_without_an_order_the_shops_own_country_reads_a_town_in_any_script() -> None:
    from datetime import UTC, datetime

    from assist.answers import answers_for
    from assist.order_places import order_country
    from assist.policy_facts import PolicyFacts

    # a buyer of a Pakistani shop names Lahore in Urdu, with no order to tell the country
    text = "میں لاہور میں ہوں، ڈیلیوری کتنے دن میں ہوگی؟"
    assert order_country(None, text) is None
    guess = order_country(None, text, home="PK")
    assert guess is not None and guess.country == "PK-PB"
    facts = PolicyFacts.model_validate(
        {
            "shop": "bats",
            "facts": [
                {"slot": "shipping.transit_time", "value": 2, "unit": "day", "scope": {"region": "Punjab"}},
                {"slot": "shipping.transit_time", "value": 5, "unit": "day", "scope": {"region": "Sindh"}},
                {"slot": "shipping.transit_time", "value": 9, "unit": "day", "scope": {"region": "Gilgit-Baltistan"}},
            ],
        }
    )
    found = answers_for(["shipping_time"], facts, None, datetime(2026, 11, 2, tzinfo=UTC), text=text, currency="PKR")
    stated = [a.value for a in found if a.slot == "shipping.transit_time"]
    assert stated == [2]
