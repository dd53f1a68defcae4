"""Draft checks around a refusal and a guessed scope: an excluded item the draft itself refuses is not what its
acceptance covers; a number beside a refused return is no return window; a scope the encoder reads into the words
is a guess, so a value another scope states is no error; durations in a draft the language detector splits between
close languages (Croatian, Serbian, Bosnian). A made-up Slovenian linen workshop, written for this test (no fixture
shop's words, numbers or places)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from draft_fixtures import POLICY, draft_issues, fired, make_order

from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.quality.extract import draft_durations

FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up linen workshop",
        "facts": [
            {"slot": "returns.window", "value": 30, "unit": "day", "sentence": "Returns within 30 days."},
            {"slot": "returns.window_starts", "value": "delivery", "sentence": "Returns within 30 days."},
            {
                "slot": "returns.excluded",
                "value": ["gift vouchers", "fabric cut to length"],
                "sentence": "Gift vouchers and fabric cut to length cannot be returned.",
            },
            {
                "slot": "damage.report_window",
                "value": 48,
                "unit": "hour",
                "sentence": "Report transport damage within 48 hours.",
            },
        ],
    }
)
ITEMS = [("L-7", "Linen apron Brin", 38.0), ("V-40", "Gift voucher 40 EUR", 40.0)]


def _order() -> Order:
    return make_order(
        "delivered",
        items=ITEMS,
        order_id="LN-5521",
        placed=datetime(2026, 11, 10, 9, 0, tzinfo=UTC),
        shipped=datetime(2026, 11, 11, 9, 0, tzinfo=UTC),
        delivered=datetime(2026, 11, 13, 12, 0, tzinfo=UTC),
        carrier="Pošta Slovenije",
        tracking="PS1234567890SI",
    )


def _checks(draft: str, buyer: str) -> list[str]:
    return fired(draft_issues(draft, FACTS, _order(), buyer=buyer))


BOTH = "Can I return the apron and the gift voucher?"


def test_an_excluded_item_the_draft_refuses_is_not_what_it_accepts() -> None:
    draft = "Yes, you can return it until 13 December. The gift voucher can't be returned, I'm afraid."
    assert POLICY not in _checks(draft, BOTH)


def test_accepting_the_excluded_item_itself_is_still_flagged() -> None:
    assert POLICY in _checks("Yes, you can return the apron and the gift voucher until 13 December.", BOTH)


def test_a_number_beside_a_refused_return_is_no_return_window() -> None:
    draft = "Fabric cut to length cannot be returned, but hemming it is free for 12 months."
    assert POLICY not in _checks(draft, "Can I return the fabric?")


def test_a_wrong_return_window_is_still_flagged() -> None:
    assert POLICY in _checks("You have 12 months to send the apron back.", "Can I return my apron?")


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Oštećenje prijavite u roku od 8 dana.", ["8 dana"]),
        ("Jamstvo na ovaj proizvod je 1 godina.", ["1 godina"]),
        ("You have 14 days to return it.", ["14 days"]),
    ],
)
def test_a_duration_is_read_where_the_detector_splits_close_languages(text: str, spans: list[str]) -> None:
    assert [d.span.text for d in draft_durations(text)] == spans


def test_a_damage_window_in_croatian_is_held_to_the_policy() -> None:
    buyer = "Paket je stigao oštećen."
    assert _checks("Oštećenje prijavite u roku od 8 dana.", buyer) == [POLICY]
    assert _checks("Oštećenje prijavite u roku od 48 sati.", buyer) == []


ZONES = PolicyFacts.model_validate(
    {
        "shop": "made-up linen workshop, zones",
        "facts": [
            {
                "slot": "shipping.transit_time",
                "value": 1,
                "max_value": 2,
                "unit": "business_day",
                "scope": {"region": "Spain - mainland"},
                "sentence": "Spain - mainland: 1-2 business days.",
            },
            {
                "slot": "shipping.transit_time",
                "value": 4,
                "max_value": 6,
                "unit": "business_day",
                "scope": {"region": "Spain - islands"},
                "sentence": "Spain - islands: 4-6 business days.",
            },
        ],
    }
)


def _shipped_to(city: str) -> Order:
    order = make_order("shipped", items=ITEMS[:1], order_id="LN-5600", carrier="SEUR", tracking="SE99887766")
    return order.model_copy(update={"shipping_country": "ES", "shipping_city": city})


@pytest.mark.parametrize(
    "draft",
    ["Delivery to the islands takes 4 to 6 business days.", "La entrega en las islas tarda de 4 a 6 días hábiles."],
)
def test_a_time_for_the_islands_the_draft_names_is_held_to_the_island_zone(draft: str) -> None:
    issues = draft_issues(draft, ZONES, _shipped_to("Madrid"), buyer="When will it arrive?", currency="EUR")
    assert fired(issues) == []


def test_a_mainland_time_stated_for_the_islands_is_flagged() -> None:
    draft = "Delivery to the islands takes 1 to 2 business days."
    issues = draft_issues(draft, ZONES, _shipped_to("Madrid"), buyer="When will it arrive?", currency="EUR")
    assert fired(issues) == [POLICY]
