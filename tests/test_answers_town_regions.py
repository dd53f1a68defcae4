"""The region of an order whose town the shop's own region name writes out, where the gazetteer knows the town
only as its country or not at all (made-up facts, library API)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.answers import answers_for
from assist.models import Order
from assist.policy_facts import PolicyFacts

NOW = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)


def _transit(days: int, region: str) -> dict[str, Any]:
    return {
        "slot": "shipping.transit_time",
        "value": days,
        "unit": "business_day",
        "scope": {"region": region},
        "sentence": f"{region}: {days} business days.",
        "chunk_id": region,
        "confidence": 0.9,
    }


FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up",
        "facts": [_transit(2, "Eesti"), _transit(5, "Väikesaared (Ruhnu, Kihnu, Vormsi)"), _transit(4, "Läti")],
    }
)


def _order(city: str | None) -> Order:
    return Order.model_validate(
        {
            "order_id": "EE-5",
            "customer_id": "K1",
            "customer_name": "Mari Tamm",
            "status": "shipped",
            "placed_at": datetime(2027, 5, 1, tzinfo=UTC),
            "shipped_at": datetime(2027, 5, 2, tzinfo=UTC),
            "items": [{"sku": "LINE-1", "name": "Linen towel", "quantity": 1, "price": 20}],
            "total": 20,
            "currency": "EUR",
            "shipping_country": "EE",
            "shipping_city": city,
        }
    )


def _transit_days(order: Order) -> list[Any]:
    return [
        a.value
        for a in answers_for(["order_status"], FACTS, order, NOW)
        if a.slot == "shipping.transit_time" and a.key == "fact"
    ]


def test_a_town_the_region_names_picks_that_region() -> None:
    assert _transit_days(_order("Kihnu")) == [5]


def test_a_town_no_region_names_takes_its_countrys_region() -> None:
    assert _transit_days(_order("Tartu")) == [2]


def test_a_town_is_found_in_a_region_written_in_another_script() -> None:
    facts = PolicyFacts.model_validate(
        {"shop": "made-up", "facts": [_transit(2, "כל הארץ"), _transit(6, "טבריה והכנרת")]}
    )
    order = _order("Tiberias").model_copy(update={"shipping_country": "IL"})
    found = [a.value for a in answers_for(["order_status"], facts, order, NOW) if a.slot == "shipping.transit_time"]
    assert found[:1] == [6]
