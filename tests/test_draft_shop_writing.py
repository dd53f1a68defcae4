"""Draft numbers read with the shop's own writing (assist/quality/shop_writing.py): the number words its policy
writes beside digits, its language for a short draft the detector is unsure of; a month written between a year and
a day as a date; a refund time stated for one payment method whose draft also cancels the instalments left. Every
sentence here is written for the test (made-up shops), not taken from a fixture shop."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from draft_fixtures import POLICY, draft_issues, fired, make_order

from assist.policy_facts import PolicyFacts
from assist.quality.extract import draft_durations

ORDER = make_order("delivered", items=[("S1", "Lamp", 40.0)], delivered=datetime(2026, 11, 15, tzinfo=UTC))


def _facts(*facts: dict[str, object]) -> PolicyFacts:
    return PolicyFacts.model_validate({"shop": "made-up shop", "facts": list(facts)})


def test_a_number_word_the_shop_writes_beside_digits_reads_in_a_draft() -> None:
    def estonian(window: str, refund: str) -> PolicyFacts:
        return _facts(
            {"slot": "returns.window", "value": 14, "unit": "day", "sentence": f"Tagastusõigus kehtib {window} päeva."},
            {"slot": "refunds.time", "value": 3, "unit": "business_day", "sentence": f"Raha {refund} tööpäevaga."},
        )

    draft, buyer = "Tere, tagastusõigus kehtib kolm nädalat.", "Kas saan tagastada?"
    assert fired(draft_issues(draft, estonian("14 (neliteist)", "3 (kolm)"), ORDER, buyer)) == [POLICY]
    # without the shop's words "kolm" reads too: CLDR's spell-out rules write Estonian numbers (unicode-rbnf)
    assert fired(draft_issues(draft, estonian("14", "3"), ORDER, buyer)) == [POLICY]


def test_a_short_draft_is_read_in_the_shops_language_too() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 2, "unit": "year", "sentence": "Za vse mline velja garancija 2 leti."},
        {"slot": "returns.window", "value": 14, "unit": "day", "sentence": "Kupec lahko izdelek vrne v 14 dneh."},
    )
    # the detector ranks Slovenian fourth (sh, sr, hr first), where "eno" is no number
    assert fired(draft_issues("Pozdravljeni, mlin ima eno leto garancije.", facts, ORDER)) == [POLICY]


@pytest.mark.parametrize(
    ("draft", "months"),
    [
        ("The kettle is covered for a full year.", 12),
        ("You may send it back within a year.", 12),
        ("We changed that rule a year ago.", None),
        ("We check the stock twice a year.", None),
        # Nepali, which the detector may read as Hindi: "महिना" is Nepali's month, not Hindi's "महीना"
        ("मोजामा ४ महिना वारेन्टी छ, अब त सकिइसक्यो।", 4),
    ],
)
def test_a_length_of_time_in_words_or_a_neighbour_language_is_read(draft: str, months: int | None) -> None:
    read = [d.low * {"year": 12, "month": 1}[d.unit] for d in draft_durations(draft)]
    assert read == ([months] if months else [])


def test_a_month_between_a_year_and_a_day_is_a_date() -> None:
    assert draft_durations("Баталгаа 2028 оны 3 сарын 2 хүртэл хүчинтэй.") == []
    assert [d.low for d in draft_durations("Баталгаа 3 сар хүчинтэй.")] == [3]


INSTALMENTS = _facts(
    {"slot": "refunds.time", "value": 5, "unit": "business_day", "sentence": "Card refunds take 5 business days."},
    {
        "slot": "refunds.time",
        "value": 10,
        "unit": "business_day",
        "scope": {"payment_method": "Paying in instalments"},
        "sentence": "For purchases paid in instalments the bank refunds within 10 business days.",
    },
    {"slot": "cancellation.refund_time", "value": 2, "unit": "business_day", "sentence": "Cancelled: 2 business days."},
)
BUYER = "When do I get my money back? I paid in instalments."


def test_an_instalment_refund_that_cancels_the_payments_left_is_no_cancellation() -> None:
    draft = "Hello, for an instalment plan the bank returns the money within {} working days and cancels the rest."
    assert fired(draft_issues(draft.format("ten"), INSTALMENTS, ORDER, buyer=BUYER)) == []
    assert fired(draft_issues(draft.format("seven"), INSTALMENTS, ORDER, buyer=BUYER)) == [POLICY]


def test_a_number_beside_the_shops_own_warranty_word_is_held_to_the_warranty() -> None:
    # a made-up language: no cue list names "vorantila", the shop's policy uses it in each warranty sentence
    facts = _facts(
        {"slot": "warranty.length", "value": 2, "unit": "year", "sentence": "Lampa vorantila 2 jaar tuvo."},
        {"slot": "warranty.excludes", "value": ["kabel"], "sentence": "Kabel vorantila nee tuvo."},
        {"slot": "returns.window", "value": 30, "unit": "day", "sentence": "Zurik 30 dagen tuvo."},
    )
    assert fired(draft_issues("Lampa vorantila 5 jaar tuvo.", facts, ORDER)) == [POLICY]
    assert fired(draft_issues("Lampa vorantila 2 jaar tuvo.", facts, ORDER)) == []
    assert fired(draft_issues("Zurik 5 jaar tuvo.", facts, ORDER)) == []  # no warranty word: no slot


def test_a_product_class_written_in_another_script_picks_its_warranty() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 5, "unit": "year", "scope": {"product_class": "Тонометр"}},
        {"slot": "warranty.length", "value": 2, "unit": "year", "scope": {"product_class": "Ингалятор"}},
    )
    assert fired(draft_issues("Hi, tonometers come with a two-year warranty.", facts, ORDER)) == [POLICY]
    assert fired(draft_issues("Hi, tonometers come with a five-year warranty.", facts, ORDER)) == []
    assert fired(draft_issues("Hi, inhalators come with a two-year warranty.", facts, ORDER)) == []
