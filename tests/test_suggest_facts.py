"""Fact verification: every number, date, id and amount must be backed by order, policy or settings."""

from datetime import datetime

import pytest

from assist.facts import Grounding, check_facts, extract_mentions, unsupported
from assist.models import Fact, Order, PolicyPassage


@pytest.fixture
def order() -> Order:
    return Order(
        order_id="NL-104233",
        customer_id="C-1",
        customer_name="Anna Müller",
        status="shipped",
        placed_at=datetime(2026, 11, 1, 9),
        shipped_at=datetime(2026, 11, 3, 15),
        carrier="DHL",
        tracking_number="JJD000390007",
        total=1234.5,
        currency="EUR",
        items=[{"sku": "PAN-28", "name": "Pan 28 cm", "quantity": 2, "price": 49.9}],
    )


@pytest.fixture
def grounding(order) -> Grounding:
    passage = PolicyPassage(
        id="p1",
        text="Return within 30 days; refunds within 5 business days.",
        source="r.md",
        section="Returns",
        language="en",
        score=1.0,
    )
    return Grounding.build(order, [passage], {"warranty_months": 24, "transit_business_days": {"EU": [2, 4]}})


@pytest.mark.parametrize(
    "text",
    [
        "Your order NL-104233 was shipped on 3. November 2026 with DHL (JJD000390007).",
        "Shipped November 3, 2026; 3 de noviembre de 2026; 3 nov. 2026; 03.11.2026; 2026/11/03; 2026-11-03.",
        "ご注文は2026年11月3日に発送されました。３０日以内に返品できます。",
        "您的订单已于11月3日发出，退款在5个工作日内。",
        "Total 1.234,50 € / €1,234.50 / 1 234,50 €; 2 x 49,90 € = 99,80 €.",
        "Garantie {24} Monate, Lieferung in 2-4 Werktagen.".replace("{24}", "24"),
        "Contact [EMAIL_1] about the Pan 28 cm.",
    ],
)
def test_grounded_text_in_many_formats_passes(text, grounding):
    assert unsupported(text, grounding) == []


@pytest.mark.parametrize(
    "text, bad",
    [
        ("We refund 500 EUR and extend the window to 90 days.", ["500", "90"]),
        ("It was shipped on 4 November 2026.", ["4 November 2026"]),
        ("Tracking XYZ123456789 shows it in transit.", ["XYZ123456789"]),
        ("Bob lives at Hauptstraße 12, 10115 Berlin.", ["12", "10115"]),
        ("Ihre Bestellung NL-999999 ist unterwegs.", ["NL-999999"]),
    ],
)
def test_invented_facts_are_reported(text, bad, grounding):
    assert [m.text for m in unsupported(text, grounding)] == bad


def test_mentions_are_classified():
    kinds = [(m.kind, m.text) for m in extract_mentions("Order NL-104233 from 2026-11-01 costs 49,90 €")]
    assert kinds == [("date", "2026-11-01"), ("identifier", "NL-104233"), ("number", "49,90")]


def test_declared_facts_are_checked_against_their_source(order):
    passage = PolicyPassage(id="p1", text="within 30 days", source="r.md", section="R", language="en", score=1)
    facts = [
        Fact(field="order.carrier", value="DHL"),
        Fact(field="order.shipped_at", value="2026-11-03"),
        Fact(field="order.status", value="delivered"),
        Fact(field="shop_settings.return_window_days", value="30"),
        Fact(field="policy", value="within 30 days"),
        Fact(field="policy", value="within 90 days"),
    ]
    problems = check_facts(facts, order, [passage], {"return_window_days": 30})
    assert len(problems) == 2
    assert "order.status='delivered'" in problems[0] and "90 days" in problems[1]
