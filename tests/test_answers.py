"""Computed answers (each with its inputs) and the per-ask replies written in the buyer's locale."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.answers import answers_for, excluded_items, order_region, regional_fact
from assist.ask_replies import answer_asks, format_duration, load_answers
from assist.asks import split_asks
from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.regions import order_country

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
FACTS = PolicyFacts.model_validate(
    {
        "shop": "test",
        "facts": [
            {
                "slot": "returns.window",
                "value": 30,
                "unit": "day",
                "sentence": "30 Tage ab Zustellung.",
                "chunk_id": "c1",
            },
            {"slot": "returns.window_starts", "value": "delivery"},
            {"slot": "returns.shipping_paid_by", "value": "buyer"},
            {"slot": "returns.excluded", "value": ["Geschenkgutscheine", "entsiegelte Software"]},
            {"slot": "refunds.time", "value": 7, "unit": "day"},
            {"slot": "damage.report_window", "value": 5, "unit": "day"},
            {"slot": "warranty.length", "value": 2, "unit": "year"},
            {"slot": "warranty.length", "value": 3, "unit": "year", "scope": {"product_class": "VOLTBOOK"}},
            {"slot": "cancellation.rule", "value": "before_shipping"},
            {"slot": "cancellation.refund_time", "value": 3, "unit": "business_day"},
            {"slot": "address_change.rule", "value": "before_shipping"},
            {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "Schweiz"}},
            {"slot": "customs.paid_by", "value": "none", "scope": {"region": "EU"}},
            {
                "slot": "shipping.transit_time",
                "value": 1,
                "max_value": 2,
                "unit": "business_day",
                "scope": {"region": "Deutschland"},
            },
            {
                "slot": "shipping.transit_time",
                "value": 3,
                "max_value": 6,
                "unit": "business_day",
                "scope": {"region": "übrige EU-Länder"},
            },
        ],
    }
)


def _order(
    status: str = "delivered", delivered: datetime | None = datetime(2026, 10, 5, tzinfo=UTC), **extra: object
) -> Order:
    data = {
        "order_id": "VW-1000001",
        "customer_id": "C1",
        "customer_name": "Max Muster",
        "status": status,
        "placed_at": datetime(2026, 10, 1, tzinfo=UTC),
        "delivered_at": delivered,
        "items": [
            {"sku": "GC-50", "name": "Geschenkgutschein 50 €", "quantity": 1, "price": 50},
            {"sku": "SW-OFF", "name": "Office-Software (Box, versiegelt)", "quantity": 1, "price": 99},
            {"sku": "VB-14", "name": "VOLTBOOK 14 Notebook", "quantity": 1, "price": 999},
        ],
        "total": 1148,
        "currency": "EUR",
    }
    data.update(extra)
    return Order.model_validate(data)


def _by(answers: list, key: str):  # type: ignore[no-untyped-def]
    return next(a for a in answers if a.key == key)


def test_return_deadline_is_delivery_plus_window_and_says_whether_it_passed() -> None:
    deadline = _by(answers_for(["return"], FACTS, _order(), NOW), "return_deadline")
    assert (deadline.value, deadline.holds) == ("2026-11-04", False)
    assert deadline.inputs == {"order.delivered_at": "2026-10-05", "returns.window": "30 day"}
    assert deadline.facts[0].chunk_id == "c1"
    late = _order(delivered=datetime(2026, 11, 1, tzinfo=UTC))
    assert _by(answers_for(["return"], FACTS, late, NOW), "return_deadline").holds is True


def test_exclusions_are_matched_against_item_names_and_sealed_items_are_not_excluded() -> None:
    found = excluded_items(_order(), FACTS)
    assert found[0].value == {"GC-50": "Geschenkgutscheine"}
    assert "SW-OFF" not in found[0].value  # "entsiegelte Software" excludes opened software only
    assert "Geschenkgutschein 50 €" in found[0].inputs["order.items"]


def test_warranty_uses_the_product_class_of_the_order_items() -> None:
    warranty = _by(answers_for(["warranty"], FACTS, _order(), NOW), "warranty_until")
    assert (warranty.value, warranty.holds) == ("2029-10-05", True)  # VOLTBOOK: 3 years


def test_damage_window_runs_from_delivery() -> None:
    recent = _order(delivered=datetime(2026, 11, 18, tzinfo=UTC))
    damage = _by(answers_for(["damage"], FACTS, recent, NOW), "damage_report_until")
    assert (damage.value, damage.holds) == ("2026-11-23", True)


@pytest.mark.parametrize(("status", "possible"), [("processing", True), ("shipped", False), ("cancelled", False)])
def test_cancellation_and_address_change_depend_on_the_status(status: str, possible: bool) -> None:
    answers = answers_for(["cancel", "address_change"], FACTS, _order(status, None), NOW)
    assert _by(answers, "cancel_possible").holds is possible
    assert _by(answers, "address_change_possible").holds is possible
    assert _by(answers, "cancel_possible").inputs["order.status"] == status


def test_refund_of_a_cancelled_order_is_due_after_the_cancellation_refund_time_in_business_days() -> None:
    refund = _by(answers_for(["refund"], FACTS, _order("cancelled", None), NOW), "refund_expected")
    assert refund.value == "2026-11-25"  # Friday + 3 business days


def test_region_comes_from_the_address_text_currency_or_tracking_and_says_which() -> None:
    assert order_country(_order(), "Ich wohne in der Schweiz.").source == "text"  # type: ignore[union-attr]
    swiss = _order(currency="CHF")
    guess = order_country(swiss)
    assert guess is not None and (guess.country, guess.source) == ("CH", "currency")
    tracked = _order(currency="EUR", tracking_number="RR123456785AT")
    guess = order_country(tracked)
    assert guess is not None and (guess.country, guess.source) == ("AT", "tracking")
    region = order_region(order_country(swiss), FACTS, None)
    assert region is not None and region.value == "Schweiz" and "currency" in region.inputs["from"]
    assert regional_fact("customs.paid_by", FACTS, "AT", None).value == "none"  # type: ignore[union-attr]
    assert regional_fact("shipping.transit_time", FACTS, "FR", None).scope.region == "übrige EU-Länder"  # type: ignore[union-attr]
    assert regional_fact("shipping.transit_time", FACTS, "DE", None).scope.region == "Deutschland"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "3–5 business days"),
        ("de", "3–5 Werktage"),
        ("fr", "3 à 5 jours ouvrés"),
        ("es", "3 a 5 días hábiles"),
        ("it", "3-5 giorni lavorativi"),
        ("pt", "3 a 5 dias úteis"),
        ("ja", "3～5営業日"),
        ("zh", "3至5个工作日"),
    ],
)
def test_durations_are_written_in_the_buyer_locale(language: str, expected: str) -> None:
    assert format_duration(3, 5, "business_day", language) == expected


def test_plural_rules_come_from_the_locale() -> None:
    assert format_duration(1, None, "day", "en") == "1 day"
    assert format_duration(1, None, "year", "fr") == "1 an"
    assert format_duration(2, None, "year", "fr") == "2 ans"


def test_every_template_language_has_every_sentence_and_word() -> None:
    english = load_answers("en")
    for language in ("de", "fr", "es", "it", "pt", "ja", "zh"):
        data = load_answers(language)
        assert set(data["sentences"]) == set(english["sentences"]), language
        for kind, words in english["words"].items():
            assert set(data["words"][kind]) == set(words), (language, kind)


def test_a_reply_answers_each_ask_in_order_with_dates_in_the_buyer_locale() -> None:
    asks = split_asks(
        "Kann ich den Gutschein zurückgeben? Und muss ich Zoll zahlen, ich wohne in der Schweiz?", order=_order()
    )
    reply = answer_asks("de", asks, FACTS, _order(), NOW, buyer_name="Max Muster")
    assert reply.text is not None
    assert "„Geschenkgutschein 50 €“" in reply.text and "4. November 2026" in reply.text
    assert reply.text.index("Geschenkgutschein") < reply.text.index("Zustellung bezahlen")
    assert [c.covered for c in reply.coverage] == [True, True]
    fields = {f.field: f.value for f in reply.facts}
    assert fields["answer.return_deadline"] == "2026-11-04" and fields["answer.return_deadline.open"] == "false"
    assert fields["policy_fact.customs.paid_by"] == "buyer"
    assert "c1" in reply.citations


def test_an_ask_no_fact_answers_is_reported_uncovered_not_filled_with_filler() -> None:
    asks = split_asks("Do you sell gift wrapping?")
    reply = answer_asks("en", asks, FACTS, None, NOW)
    assert reply.coverage[0].covered is False and "answer it yourself" in (reply.coverage[0].note or "")
    assert reply.per_ask == [[]] and reply.facts == []  # nothing stated as a fact
    # the only line names the open question and says the agent will check it: no "thank you for your message"
    assert reply.text is not None and "“Do you sell gift wrapping?”" in reply.text and "checking" in reply.text
    assert "Thank you" not in reply.text


def test_a_reply_answers_the_covered_ask_and_names_the_uncovered_one() -> None:
    asks = split_asks("Can I return it? Do you sell gift wrapping?")
    reply = answer_asks("de", asks, FACTS, None, NOW)
    assert [c.covered for c in reply.coverage] == [True, False]
    assert reply.text is not None and "„Do you sell gift wrapping?“" in reply.text


def test_countries_named_in_upper_case_short_forms_are_read_but_the_word_us_is_not() -> None:
    from assist.regions import country_in_text

    assert country_in_text("I live in the US.") == "US"
    assert country_in_text("Do you ship to the UK?") == "GB"
    assert country_in_text("Can you help us?") is None


def test_islands_and_cities_find_the_shops_region_for_them() -> None:
    from assist.regions import country_in_text, match_region

    shop = ["España peninsular", "Islas Baleares", "Islas Canarias", "Portugal", "Francia"]
    assert match_region(country_in_text("Liefert ihr Samen nach Teneriffa?"), shop) == "Islas Canarias"
    assert match_region(country_in_text("vivo en Las Palmas de Gran Canaria"), shop) == "Islas Canarias"
    assert match_region(country_in_text("¿Enviáis a Mallorca?"), shop) == "Islas Baleares"
    assert match_region(country_in_text("Enviam para o Porto?"), shop) == "Portugal"
    assert match_region("ES", shop) == "España peninsular"
    assert match_region("ES-IB", ["España peninsular", "Francia"]) is None  # the mainland does not cover islands
    assert country_in_text("Liefert ihr auch nach Innsbruck?") == "AT-7"  # read down to its state, Tirol
    assert country_in_text("I want to Return it.") is None


def test_two_excluded_items_agree_in_number_in_every_template_language() -> None:
    facts = PolicyFacts.model_validate(
        {"shop": "t", "facts": [{"slot": "returns.excluded", "value": ["geöffnete Puzzles", "geöffnete Brettspiele"]}]}
    )
    order = _order(
        items=[
            {"sku": "P1", "name": "Puzzle 1000", "quantity": 1, "price": 20},
            {"sku": "B1", "name": "Brettspiel Kolonie", "quantity": 1, "price": 30},
        ]
    )
    asks = split_asks("Quiero devolver el puzzle y el brettspiel.")
    reply = answer_asks("es", asks, facts, order, NOW)
    assert reply.text is not None and "si los artículos no se han abierto" in reply.text
