"""Reply facts that depend on scope, time and wording: windows in hours end at the hour, one region's customs rule
is not everyone's, a payment scope that lists several methods holds each, an ask's own words name an excluded
class before any order exists, and a German duration in the dative still declares its policy number. Facts and
messages written for the test."""

from __future__ import annotations

from datetime import UTC, datetime

from assist.answers import answers_for, excluded_named
from assist.ask_replies import answer_asks, payment_scope
from assist.asks import Ask
from assist.models import Order
from assist.policy_facts import PolicyFacts


def _facts(*facts: dict[str, object]) -> PolicyFacts:
    return PolicyFacts.model_validate({"shop": "t", "facts": list(facts)})


def _order(placed: datetime, status: str = "processing", **extra: object) -> Order:
    return Order.model_validate(
        {
            "order_id": "Q-1",
            "customer_id": "C1",
            "customer_name": "Kim Berg",
            "status": status,
            "placed_at": placed,
            "items": [{"sku": "LAMP-1", "name": "Desk lamp", "quantity": 1, "price": 40.0}],
            "total": 40.0,
            "currency": "EUR",
            **extra,
        }
    )


def test_a_window_in_hours_closes_at_the_hour_not_at_the_end_of_the_day() -> None:
    facts = _facts({"slot": "prices.code_after_purchase", "value": 24, "unit": "hour"})
    order = _order(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    before = answers_for(["discount_code"], facts, order, datetime(2026, 3, 3, 8, 0, tzinfo=UTC))
    after = answers_for(["discount_code"], facts, order, datetime(2026, 3, 3, 11, 0, tzinfo=UTC))
    assert next(a for a in before if a.key == "code_window_open").holds is True
    assert next(a for a in after if a.key == "code_window_open").holds is False


def test_a_window_in_days_still_runs_to_the_end_of_its_last_day() -> None:
    facts = _facts({"slot": "prices.code_after_purchase", "value": 1, "unit": "day"})
    order = _order(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    late = answers_for(["discount_code"], facts, order, datetime(2026, 3, 3, 22, 0, tzinfo=UTC))
    assert next(a for a in late if a.key == "code_window_open").holds is True


def test_customs_stated_for_one_region_only_is_not_said_for_an_unknown_place() -> None:
    one = _facts({"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "outside the EU"}})
    two = _facts(
        {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "Switzerland"}},
        {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "Norway"}},
    )
    now = datetime(2026, 3, 2, tzinfo=UTC)
    assert not [a for a in answers_for(["customs"], one, None, now, text="Do I pay duties?") if a.key == "fact"]
    assert [a.value for a in answers_for(["customs"], two, None, now, text="Do I pay duties?") if a.key == "fact"] == [
        "buyer"
    ]


def test_a_payment_scope_that_lists_several_methods_holds_each_of_them() -> None:
    facts = _facts(
        {"slot": "refunds.time", "value": 5, "unit": "business_day", "scope": {"payment_method": "cartão ou PayPal"}},
        {"slot": "refunds.time", "value": 3, "unit": "business_day", "scope": {"payment_method": "MB WAY"}},
    )
    assert payment_scope("I paid by card.", facts) == "cartão ou PayPal"
    assert payment_scope("Ich habe mit PayPal bezahlt", facts) == "cartão ou PayPal"
    assert payment_scope("paguei com MB WAY", facts) == "MB WAY"
    assert payment_scope("I paid by bank transfer", facts) is None


def test_with_no_order_the_asks_own_words_name_the_excluded_class() -> None:
    facts = _facts({"slot": "returns.excluded", "value": ["personalised mugs (with a name or date)", "gift cards"]})
    assert excluded_named(facts, "If I order a mug with our names on it, can I return it?") is not None
    assert excluded_named(facts, "Can I return a lamp if I don't like it?") is None
    reply = answer_asks(
        "en",
        [Ask(text="If I order a mug with our names, can I send it back?", intent="return_request", topics=["return"])],
        facts,
        None,
        datetime(2026, 3, 2, tzinfo=UTC),
    )
    assert reply.text is not None and "“personalised mugs (with a name or date)”" in reply.text
    assert ("policy_fact.returns.excluded", "personalised mugs (with a name or date)") in {
        (f.field, f.value) for f in reply.facts
    }


def test_a_condition_word_alone_names_no_excluded_class() -> None:
    facts = _facts({"slot": "returns.excluded", "value": ["opened software"]})
    assert excluded_named(facts, "Can I return items I opened?") is None
    assert excluded_named(facts, "Can I return the software once opened?") is not None


def test_a_german_duration_in_the_dative_still_declares_the_policy_number() -> None:
    facts = _facts({"slot": "warranty.length", "value": 2, "unit": "year"})
    order = _order(datetime(2026, 1, 5, tzinfo=UTC), status="delivered", delivered_at=datetime(2026, 1, 8, tzinfo=UTC))
    ask = Ask(text="Wie lange habe ich Garantie?", intent="product_question", topics=["warranty"])
    reply = answer_asks("de", [ask], facts, order, datetime(2026, 3, 2, tzinfo=UTC))
    fields = {(f.field, f.value) for f in reply.facts}
    assert ("policy_fact.warranty.length", "2") in fields
    assert ("answer.warranty_until", "2028-01-08") in fields
