"""Islands reached only by ferry, county names without their county word, cities named in Hangul with GeoNames'
"시" suffix, Japanese class names of several words, and what an order's status adds to an order-status reply.

Every region name, class name and item here is written for the test; the places are general geography."""

from __future__ import annotations

from datetime import UTC, datetime

from assist.addresses import address_place
from assist.answers import answers_for, excluded_items, product_class
from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.regions import match_region, place_in_text, region_countries

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def _order(items: list[tuple[str, str]], status: str = "delivered", currency: str = "JPY", **extra: object) -> Order:
    data = {
        "order_id": "T-1",
        "customer_id": "C1",
        "customer_name": "Test",
        "status": status,
        "placed_at": datetime(2026, 10, 1, tzinfo=UTC),
        "delivered_at": datetime(2026, 10, 5, tzinfo=UTC) if status in ("delivered", "returned") else None,
        "items": [{"sku": sku, "name": name, "quantity": 1, "price": 10} for sku, name in items],
        "total": 10,
        "currency": currency,
    }
    data.update(extra)
    return Order.model_validate(data)


def _facts(*facts: dict[str, object]) -> PolicyFacts:
    return PolicyFacts.model_validate({"shop": "test", "facts": list(facts)})


def test_an_island_without_a_fixed_link_is_not_in_the_mainland_region_that_leaves_islands_out() -> None:
    regions = ["Danmark, undtagen øer", "Øerne (med færge)"]
    assert region_countries(regions[0], "DK") == {"DK"}
    samso = address_place("DK", None, "8305", "Samsø")
    assert samso is not None and samso.code.endswith("/island")
    assert match_region(samso.code, regions, "DK") == "Øerne (med færge)"
    assert match_region(address_place("DK", None, "8000", "Aarhus").code, regions, "DK") == regions[0]  # type: ignore[union-attr]
    assert match_region(place_in_text("Jeg bor på Læsø"), regions, "DK") == "Øerne (med færge)"


def test_a_county_is_read_without_its_county_word_and_a_land_of_sweden_by_its_name() -> None:
    assert region_countries("Gotland", "SE") == {"SE-I"}
    regions = ["Sverige", "Norrland", "Gotland"]
    assert match_region(place_in_text("Jag bor i Luleå"), regions, "SE") == "Norrland"
    assert match_region(place_in_text("Skicka till Visby"), regions, "SE") == "Gotland"
    assert match_region(place_in_text("Jag bor i Malmö"), regions, "SE") == "Sverige"


def test_a_city_named_in_hangul_is_found_without_geonames_city_suffix() -> None:
    assert place_in_text("요코하마로 보내면 며칠 걸리나요?") == "JP-14"


def test_a_japanese_class_of_two_words_needs_both_in_the_item_name() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 3, "unit": "year", "scope": {"product_class": "本革財布"}},
        {"slot": "warranty.length", "value": 1, "unit": "year", "scope": {"product_class": "合皮小物"}},
        {"slot": "returns.excluded", "value": ["セミオーダー家具"]},
    )
    leather = _order([("W1", "本革 二つ折り財布")])
    assert product_class("warranty.length", facts, leather) == "本革財布"
    assert product_class("warranty.length", facts, _order([("W2", "合皮財布")])) is None  # shares only 財布
    found = excluded_items(_order([("F1", "セミオーダー収納家具"), ("F2", "木製家具 テーブル")]), facts)
    assert found[0].value == {"F1": "セミオーダー家具"}  # the table shares only the head noun 家具


def test_an_order_of_several_warranty_classes_gets_each_items_date_when_the_ask_names_none() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 5, "unit": "year", "scope": {"product_class": "Treadmills"}},
        {"slot": "warranty.length", "value": 6, "unit": "month", "scope": {"product_class": "Kettlebells"}},
    )
    order = _order([("TM", "Folding Treadmill T2"), ("KB", "Kettlebell 12 kg")], currency="USD")
    dates = sorted(
        a.value
        for a in answers_for(["warranty"], facts, order, NOW, text="Is it still covered?")
        if a.key == "warranty_until"
    )
    assert dates == ["2027-04-05", "2031-10-05"]
    named = answers_for(["warranty"], facts, order, NOW, text="The treadmill belt slips. Is it covered?")
    assert [a.value for a in named if a.key == "warranty_until"] == ["2031-10-05"]


def test_an_order_status_answer_adds_what_the_status_leaves_open() -> None:
    facts = _facts(
        {"slot": "shipping.dispatch_time", "value": 2, "unit": "business_day"},
        {
            "slot": "shipping.dispatch_time",
            "value": 15,
            "unit": "business_day",
            "scope": {"product_class": "Custom rugs"},
        },
        {"slot": "cancellation.refund_time", "value": 4, "unit": "business_day"},
    )
    processing = _order([("RUG", "Custom rug 160x230")], status="processing", currency="USD")
    slots = [a.slot for a in answers_for(["order_status"], facts, processing, NOW) if a.key == "fact"]
    chosen = [a for a in answers_for(["order_status"], facts, processing, NOW) if a.slot == "shipping.dispatch_time"]
    assert "shipping.dispatch_time" in slots and chosen[0].value == 15  # the rug's class
    cancelled = _order([("RUG", "Custom rug 160x230")], status="cancelled", currency="USD")
    assert any(a.slot == "cancellation.refund_time" for a in answers_for(["order_status"], facts, cancelled, NOW))


def test_a_region_given_by_a_postcode_range_is_the_counties_those_postcodes_start_in() -> None:
    regions = ["Sverige", "Övre Norrland (postnummer 90–98)"]
    assert region_countries(regions[1], "SE") == {"SE-AC", "SE-BD"}  # the range decides, not the wider name
    assert match_region(address_place("SE", None, "972 31", None).code, regions, "SE") == regions[1]  # type: ignore[union-attr]
    assert match_region(address_place("SE", None, "852 30", None).code, regions, "SE") == "Sverige"  # type: ignore[union-attr]
