"""The European Union named in a declined form or by its abbreviation, a city named in a declined form whose name
ends in two vowels, and product classes written in a script without word spaces.

Every region name, class name and item here is written for the test; the places are general geography."""

from __future__ import annotations

from datetime import UTC, datetime

from assist.answers import excluded_items, product_class
from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.regions import match_region, place_in_text, region_countries


def _order(items: list[tuple[str, str]]) -> Order:
    return Order.model_validate(
        {
            "order_id": "T-1",
            "customer_id": "C1",
            "customer_name": "Test",
            "status": "delivered",
            "placed_at": datetime(2026, 10, 1, tzinfo=UTC),
            "delivered_at": datetime(2026, 10, 5, tzinfo=UTC),
            "items": [{"sku": sku, "name": name, "quantity": 1, "price": 10} for sku, name in items],
            "total": 10,
            "currency": "THB",
        }
    )


def _facts(*facts: dict[str, object]) -> PolicyFacts:
    return PolicyFacts.model_validate({"shop": "test", "facts": list(facts)})


def test_a_region_naming_the_union_with_a_declined_adjective_covers_its_members() -> None:
    regions = ["Україна", "інші країни Європейського Союзу"]
    assert {"DE", "PL", "AT"} <= (region_countries(regions[1], "UA") or set())
    assert match_region("AT", regions, "UA") == regions[1]
    assert match_region("UA", regions, "UA") == "Україна"
    assert "FR" in (region_countries("страны Европейского союза", "RU") or set())


def test_a_region_naming_the_union_by_its_abbreviation_covers_its_members() -> None:
    regions = ["Slovensko", "zvyšné štáty EÚ", "Nórsko"]
    assert match_region("IT", regions, "SK") == "zvyšné štáty EÚ"
    assert match_region("SK", regions, "SK") == "Slovensko"
    assert match_region("NO", regions, "SK") == "Nórsko"
    assert "IT" in (region_countries("AB ülkeleri", "TR") or set())
    assert region_countries("Spain by courier", "ES") == {"ES"}  # no abbreviation is read in an ordinary word
    assert "IT" not in (region_countries("el resto de España", "ES") or set())


def test_a_city_whose_declined_form_replaces_only_its_last_vowel_is_found() -> None:
    assert place_in_text("Скільки днів доставка до Генуї?") == "IT-42"


def test_a_thai_class_name_of_two_parts_names_an_item_holding_one_of_them() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 1, "unit": "year", "scope": {"product_class": "โต๊ะสั่งทำพิเศษ"}},
        {"slot": "warranty.length", "value": 6, "unit": "month", "scope": {"product_class": "กางเกงและรองเท้า"}},
        {"slot": "returns.excluded", "value": ["โต๊ะสั่งทำพิเศษ"]},
    )
    assert product_class("warranty.length", facts, _order([("S1", "รองเท้าวิ่งเทรล")])) == "กางเกงและรองเท้า"
    assert product_class("warranty.length", facts, _order([("T1", "โต๊ะไม้สัก")])) is None  # shares only โต๊ะ
    found = excluded_items(_order([("T2", "โต๊ะสั่งทำพิเศษ ไม้โอ๊ค"), ("T3", "โต๊ะไม้สัก")]), facts)
    assert found and found[0].value == {"T2": "โต๊ะสั่งทำพิเศษ"}
