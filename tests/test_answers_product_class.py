"""Facts scoped to a product class apply to the order items of that class, also when the item's name is a
compound whose head is the class (German, Dutch, Danish: "Kuppelzelt" is one of the "Zelte"). Policies,
items and figures here are written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.answers import answers_for
from assist.models import Order
from assist.policy_facts import PolicyFacts

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _facts(general: int, scoped: int, product_class: str) -> PolicyFacts:
    return PolicyFacts.model_validate(
        {
            "shop": "test",
            "facts": [
                {"slot": "warranty.length", "value": general, "unit": "year"},
                {"slot": "warranty.length", "value": scoped, "unit": "year", "scope": {"product_class": product_class}},
            ],
        }
    )


def _order(item: str) -> Order:
    return Order.model_validate(
        {
            "order_id": "T-1",
            "customer_id": "C1",
            "customer_name": "Sam Lee",
            "status": "delivered",
            "placed_at": datetime(2026, 3, 1, tzinfo=UTC),
            "delivered_at": datetime(2026, 3, 4, tzinfo=UTC),
            "items": [{"sku": "X-1", "name": item, "quantity": 1, "price": 80}],
            "total": 80,
            "currency": "EUR",
        }
    )


@pytest.mark.parametrize(
    ("item", "product_class", "general", "scoped", "until"),
    [
        ("Kuppelzelt für drei Personen", "Zelte", 2, 4, "2030-03-04"),  # de: head of the compound, plural class
        ("Massief eiken eettafel", "tafels", 2, 6, "2032-03-04"),  # nl
        ("Campingstol i aluminium", "stole", 1, 3, "2029-03-04"),  # da (Swedish -ar/-or plurals are not read)
    ],
)
def test_a_compound_item_name_takes_its_class_warranty(item, product_class, general, scoped, until) -> None:
    found = answers_for(["warranty"], _facts(general, scoped, product_class), _order(item), NOW)
    warranty = next(a for a in found if a.key == "warranty_until")
    assert str(warranty.value) == until


def test_an_item_that_only_begins_like_the_class_keeps_the_general_warranty() -> None:
    found = answers_for(["warranty"], _facts(2, 4, "Zelte"), _order("Zeltheringe aus Stahl, 10 Stück"), NOW)
    warranty = next(a for a in found if a.key == "warranty_until")
    assert str(warranty.value) == "2028-03-04"
